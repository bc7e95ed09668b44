"""People: partner users with a role in their organisation, and vendor staff (operators, ecosystem managers)."""
from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.utils.translation import gettext_lazy as _

from partnercenter.tenancy import PartnerScopedQuerySet, scoped

OPERATOR_GROUP = "运营专员"
ECOSYSTEM_MANAGER_GROUP = "生态经理"
VENDOR_GROUPS = (OPERATOR_GROUP, ECOSYSTEM_MANAGER_GROUP)


class UserQuerySet(PartnerScopedQuerySet):
    def customer_managers(self):
        return self.filter(role=User.Role.CUSTOMER_MANAGER, is_active=True)

    def main_accounts(self):
        return self.filter(role=User.Role.MAIN, is_active=True)

    def vendor_operators(self):
        return self.filter(is_active=True, is_staff=True, groups__name=OPERATOR_GROUP).distinct()


class PartnerUserManager(UserManager.from_queryset(UserQuerySet)):
    pass


@scoped
class User(AbstractUser):
    class Role(models.TextChoices):
        MAIN = "main", _("主账号")
        CUSTOMER_MANAGER = "customer_manager", _("客户经理")
        FINANCE = "finance", _("财务")
        READ_ONLY = "read_only", _("只读")

    full_name = models.CharField(_("姓名"), max_length=100, blank=True)
    phone = models.CharField(_("手机号码"), max_length=20, blank=True)
    partner = models.ForeignKey(
        "partners.Partner",
        verbose_name=_("所属伙伴"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="users",
    )
    role = models.CharField(_("组织角色"), max_length=20, choices=Role.choices, blank=True)

    objects = PartnerUserManager()

    class Meta:
        verbose_name = _("用户")
        verbose_name_plural = _("用户")
        constraints = [
            # A partner user always has a role; vendor staff have no partner and no role.
            models.CheckConstraint(
                name="partners_user_partner_has_role",
                condition=models.Q(partner__isnull=True, role="")
                | (models.Q(partner__isnull=False) & ~models.Q(role="")),
            ),
        ]

    def __str__(self):
        return self.display_name

    @property
    def display_name(self) -> str:
        return self.full_name or self.get_full_name() or self.username

    @property
    def is_vendor_staff(self) -> bool:
        return self.is_authenticated and self.partner_id is None and self.is_staff

    @property
    def is_main_account(self) -> bool:
        return self.partner_id is not None and self.role == self.Role.MAIN

    @property
    def is_customer_manager(self) -> bool:
        return self.partner_id is not None and self.role == self.Role.CUSTOMER_MANAGER

    def can_manage_partner_info(self) -> bool:
        """Main accounts own the company identity and business information (spec A.17 Accounts)."""
        return self.is_main_account

    def can_review(self) -> bool:
        return self.is_vendor_staff and (self.is_superuser or self.groups.filter(name__in=VENDOR_GROUPS).exists())
