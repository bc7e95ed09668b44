"""Cloud service types and products, with their incentive policy (BSS list_incentive_discount_policies)."""
from django.db import models
from django.db.models.functions import Now
from django.utils.translation import gettext_lazy as _


class ServiceType(models.Model):
    code = models.CharField(_("云服务类型编码"), max_length=100, unique=True)
    name = models.CharField(_("云服务类型"), max_length=100)

    class Meta:
        verbose_name = _("云服务类型")
        verbose_name_plural = _("云服务类型")
        ordering = ["code"]

    def __str__(self):
        return self.name


class Product(models.Model):
    class IncentivePolicy(models.TextChoices):
        NON_SPECIFIC = "0", _("非特定产品")
        SPECIFIC = "1", _("特定产品")
        NO_PERFORMANCE_NO_REBATE = "2", _("无业绩无返点")
        PERFORMANCE_NO_REBATE = "13", _("有业绩无返点")

    code = models.CharField(_("产品ID"), max_length=64, unique=True)
    name = models.CharField(_("产品名称"), max_length=200)
    service_type = models.ForeignKey(ServiceType, verbose_name=_("云服务类型"), on_delete=models.PROTECT,
                                     related_name="products")
    incentive_policy = models.CharField(_("激励策略"), max_length=2, choices=IncentivePolicy.choices,
                                        default=IncentivePolicy.NON_SPECIFIC)
    allow_discount = models.BooleanField(_("允许伙伴授予折扣"), default=True)
    # When the row last changed (kept by a database trigger on PostgreSQL, so bulk and hand-written updates count
    # too): the monthly incentive job re-checks only what changed since its last run.
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True, db_default=Now())

    class Meta:
        verbose_name = _("产品")
        verbose_name_plural = _("产品")
        ordering = ["service_type__code", "code"]

    def __str__(self):
        return self.name
