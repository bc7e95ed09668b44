"""Versioned incentive policies: which consumption earns an incentive, at what rate, from when to when."""
from django.db import models
from django.db.models import Q
from django.db.models.functions import Now
from django.utils.translation import gettext_lazy as _

from partnercenter.partners.models import BillingMode, Customer, Product


class PolicyQuerySet(models.QuerySet):
    def effective_on(self, day):
        return self.filter(effective_from__lte=day).filter(Q(effective_to__isnull=True) | Q(effective_to__gte=day))


class IncentivePolicy(models.Model):
    """One version of a rule. Editing means adding a new version (a new row with a later `effective_from`):
    lines already generated keep the version (and the rate) they were computed with."""

    Code = Product.IncentivePolicy

    name = models.CharField(_("策略名称"), max_length=100)
    version = models.PositiveIntegerField(_("版本"), default=1)
    service_type = models.ForeignKey("partners.ServiceType", verbose_name=_("云服务类型"), null=True, blank=True,
                                     on_delete=models.PROTECT, related_name="+", help_text=_("留空表示全部"))
    product = models.ForeignKey("partners.Product", verbose_name=_("产品"), null=True, blank=True,
                                on_delete=models.PROTECT, related_name="+", help_text=_("留空表示全部"))
    billing_mode = models.CharField(_("计费模式"), max_length=12, choices=BillingMode.choices, blank=True,
                                    help_text=_("留空表示全部"))
    association_type = models.CharField(_("关联类型"), max_length=1, choices=Customer.Association.choices,
                                        blank=True, help_text=_("留空表示全部"))
    customer_kind = models.SmallIntegerField(_("客户类型"), choices=Customer.Kind.choices, null=True, blank=True,
                                             help_text=_("留空表示全部"))
    policy_code = models.CharField(_("激励策略"), max_length=2, choices=Code.choices, default=Code.NON_SPECIFIC)
    rate = models.DecimalField(_("激励比例"), max_digits=6, decimal_places=4,
                               help_text=_("例如 0.0500 表示 5%"))
    effective_from = models.DateField(_("生效日期"))
    effective_to = models.DateField(_("失效日期"), null=True, blank=True)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    # A policy added or edited since a partner's last run makes its next run re-check the whole lookback.
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True, db_default=Now())

    objects = PolicyQuerySet.as_manager()

    class Meta:
        verbose_name = _("激励策略")
        verbose_name_plural = _("激励策略")
        ordering = ["name", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["name", "version"], name="incentives_policy_name_version"),
            models.CheckConstraint(condition=Q(rate__gte=0) & Q(rate__lte=1), name="incentives_policy_rate_range"),
            models.CheckConstraint(
                condition=Q(effective_to__isnull=True) | Q(effective_to__gte=models.F("effective_from")),
                name="incentives_policy_period_ordered",
            ),
        ]

    def __str__(self):
        return f"{self.name} v{self.version}"

    @property
    def specificity(self) -> int:
        """The most specific matching rule wins: product > service type > billing mode > association > kind."""
        return ((16 if self.product_id else 0) + (8 if self.service_type_id else 0) + (4 if self.billing_mode else 0)
                + (2 if self.association_type else 0) + (1 if self.customer_kind is not None else 0))
