"""Access keys (AK/SK) for the BSS-compatible API, owned by a partner user or by a customer account."""
from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from partnercenter.tenancy import PartnerScopedQuerySet, scoped


class AccessKeyQuerySet(PartnerScopedQuerySet):
    def for_user(self, user):
        """Partner users see the keys of their own organisation's users; customer keys are vendor-issued."""
        return super().for_user(user).filter(user__isnull=False)

    def usable(self):
        return self.filter(status=AccessKey.Status.ACTIVE)

    def of_user(self, user):
        return self.filter(user=user)


@scoped
class AccessKey(models.Model):
    class Status(models.TextChoices):
        ACTIVE = "active", _("启用")
        DISABLED = "disabled", _("停用")

    partner = models.ForeignKey("partners.Partner", verbose_name=_("伙伴"), on_delete=models.CASCADE,
                                related_name="access_keys")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("用户"), null=True, blank=True,
                             on_delete=models.CASCADE, related_name="access_keys")
    customer = models.ForeignKey("partners.Customer", verbose_name=_("客户"), null=True, blank=True,
                                 on_delete=models.CASCADE, related_name="access_keys")
    access_key = models.CharField(_("访问密钥ID (AK)"), max_length=40, unique=True)
    secret_encrypted = models.TextField(_("加密的秘密访问密钥"), editable=False)
    description = models.CharField(_("描述"), max_length=200, blank=True)
    status = models.CharField(_("状态"), max_length=10, choices=Status.choices, default=Status.ACTIVE)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("最近使用时间"), null=True, blank=True)

    objects = AccessKeyQuerySet.as_manager()

    class Meta:
        verbose_name = _("访问密钥")
        verbose_name_plural = _("访问密钥")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(user__isnull=False) & Q(customer__isnull=True))
                | (Q(user__isnull=True) & Q(customer__isnull=False)),
                name="api_accesskey_one_owner",
            ),
        ]

    def __str__(self):
        return self.access_key

    @property
    def is_customer_key(self) -> bool:
        return self.customer_id is not None

    @property
    def domain_id(self) -> str:
        """The account the key acts as: the customer's account id, or the partner's domain id."""
        return self.customer.customer_id if self.customer_id else self.partner.domain_id
