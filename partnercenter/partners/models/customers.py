"""Customers associated with a partner, and who manages them over time (客户分配)."""
from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Now
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from partnercenter.tenancy import PartnerScopedQuerySet, scoped


class CustomerQuerySet(PartnerScopedQuerySet):
    def for_user(self, user):
        """Customer managers see the customers currently assigned to them; other roles the whole partner's."""
        queryset = super().for_user(user)
        if user is not None and user.is_authenticated and getattr(user, "is_customer_manager", False):
            queryset = queryset.managed_by(user)
        return queryset

    def unassigned(self):
        return self.filter(~models.Exists(self._current_assignment()))

    def assigned(self):
        return self.filter(models.Exists(self._current_assignment()))

    def managed_by(self, manager):
        return self.filter(models.Exists(self._current_assignment().filter(manager=manager)))

    @staticmethod
    def _current_assignment():
        # EXISTS, not a join: `assignments__ends_on__isnull=True` would also match customers with no assignment.
        return CustomerAssignment.objects.filter(customer=models.OuterRef("pk"), ends_on__isnull=True)

    def search(self, term: str):
        term = (term or "").strip()
        if not term:
            return self
        return self.filter(Q(name__icontains=term) | Q(account_name__icontains=term) | Q(customer_id=term))


@scoped
class Customer(models.Model):
    class Association(models.TextChoices):
        REFERRAL = "1", _("顾问销售")
        RESALE = "2", _("代售")

    class Level(models.TextChoices):
        V0 = "V0", "V0"
        V1 = "V1", "V1"
        V2 = "V2", "V2"
        V3 = "V3", "V3"
        V4 = "V4", "V4"
        V5 = "V5", "V5"

    class RealName(models.IntegerChoices):
        NOT_VERIFIED = -1, _("未实名认证")
        UNDER_REVIEW = 0, _("审核中")
        REJECTED = 1, _("不通过")
        VERIFIED = 2, _("已实名认证")

    class Kind(models.IntegerChoices):
        NONE = -1, _("无类型")
        PERSONAL = 0, _("个人")
        ENTERPRISE = 1, _("企业")

    partner = models.ForeignKey("partners.Partner", verbose_name=_("伙伴"), on_delete=models.PROTECT,
                                related_name="customers")
    customer_id = models.CharField(_("客户账号ID"), max_length=64, unique=True)
    name = models.CharField(_("客户名称"), max_length=200, db_index=True)
    account_name = models.CharField(_("客户账号名"), max_length=100)
    association_type = models.CharField(_("关联类型"), max_length=1, choices=Association.choices)
    associated_on = models.DateField(_("关联时间"))
    level = models.CharField(_("客户等级"), max_length=2, choices=Level.choices, default=Level.V0)
    real_name_status = models.SmallIntegerField(
        _("实名认证状态"), choices=RealName.choices, default=RealName.NOT_VERIFIED
    )
    customer_kind = models.SmallIntegerField(_("客户类型"), choices=Kind.choices, default=Kind.ENTERPRISE)
    email = models.EmailField(_("邮箱"), blank=True)
    phone = models.CharField(_("电话"), max_length=20, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    # When the row last changed (kept by a database trigger on PostgreSQL, so bulk and hand-written updates count
    # too): the monthly incentive job re-checks only what changed since its last run.
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True, db_default=Now())

    objects = CustomerQuerySet.as_manager()

    class Meta:
        verbose_name = _("客户")
        verbose_name_plural = _("客户")
        ordering = ["name", "pk"]
        indexes = [models.Index(fields=["partner", "name"], name="partners_customer_partner_name"),
                   models.Index(fields=["updated_at"], name="partners_customer_updated")]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("partners:customer-detail", args=[self.pk])


class CustomerAssignmentQuerySet(PartnerScopedQuerySet):
    partner_lookup = "customer__partner_id"

    def current(self):
        return self.filter(ends_on__isnull=True)

    def on(self, day):
        return self.filter(starts_on__lte=day).filter(Q(ends_on__isnull=True) | Q(ends_on__gt=day))


@scoped
class CustomerAssignment(models.Model):
    """A management period: `manager` manages `customer` from `starts_on` until the day before `ends_on`.

    Periods are kept (not just the current owner) because consumption and performance during a period belong
    to the manager of that period (spec A.17 客户分配).
    """

    customer = models.ForeignKey(Customer, verbose_name=_("客户"), on_delete=models.CASCADE,
                                 related_name="assignments")
    manager = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("客户经理"), on_delete=models.PROTECT,
                                related_name="customer_assignments")
    starts_on = models.DateField(_("开始日期"))
    ends_on = models.DateField(_("结束日期"), null=True, blank=True)
    assigned_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("分配人"), on_delete=models.PROTECT,
                                    related_name="+")
    created_at = models.DateTimeField(_("分配时间"), auto_now_add=True)

    objects = CustomerAssignmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("客户分配")
        verbose_name_plural = _("客户分配")
        ordering = ["-starts_on", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["customer"], condition=Q(ends_on__isnull=True), name="partners_assignment_one_current"
            ),
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=models.F("starts_on")),
                name="partners_assignment_period_ordered",
            ),
        ]

    def __str__(self):
        return f"{self.customer} → {self.manager} ({self.starts_on}–{self.ends_on or ''})"
