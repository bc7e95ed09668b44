"""Indicators (指标信息): per partner and period, computed by the monthly job from the incentive details.

The value is the sum of its detail rows (one per product type), both written in one transaction from one
aggregate, so the detail page always adds up exactly to the value.
"""
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from partnercenter.tenancy import PartnerScopedQuerySet, scoped

MONEY = {"max_digits": 16, "decimal_places": 2}


class IndicatorQuerySet(PartnerScopedQuerySet):
    def in_period(self, period):
        return self.filter(period=period)


@scoped
class Indicator(models.Model):
    class Name(models.TextChoices):
        CONSUMPTION = "consumption", _("客户消费金额")
        ELIGIBLE = "eligible", _("有效激励基数")
        INCENTIVE = "incentive", _("激励金额")

    class Scope(models.TextChoices):
        ALL = "all", _("全部客户")
        RESALE = "2", _("代售客户")
        REFERRAL = "1", _("顾问销售客户")

    class StatisticsPeriod(models.TextChoices):
        MONTH = "month", _("自然月")

    METHODS = {
        Name.CONSUMPTION: _("对账期次内全部激励明细的消费金额之和"),
        Name.ELIGIBLE: _("对账期次内全部激励明细的激励基数之和（不参与激励的消费不计入）"),
        Name.INCENTIVE: _("对账期次内全部激励明细的激励金额之和（含调整）"),
    }

    partner = models.ForeignKey("partners.Partner", verbose_name=_("伙伴"), on_delete=models.PROTECT,
                                related_name="+")
    period = models.DateField(_("对账期次"))
    name = models.CharField(_("指标名称"), max_length=16, choices=Name.choices)
    scope = models.CharField(_("适用范围"), max_length=8, choices=Scope.choices)
    statistics_period = models.CharField(_("统计周期"), max_length=20, choices=StatisticsPeriod.choices,
                                         default=StatisticsPeriod.MONTH)
    value = models.DecimalField(_("指标值"), **MONEY)
    computed_at = models.DateTimeField(_("计算时间"), auto_now=True)

    objects = IndicatorQuerySet.as_manager()

    class Meta:
        verbose_name = _("指标")
        verbose_name_plural = _("指标")
        ordering = ["-period", "name", "scope"]
        constraints = [models.UniqueConstraint(fields=["partner", "period", "name", "scope"],
                                               name="incentives_indicator_one_per_key")]

    def __str__(self):
        return f"{self.get_name_display()} {self.period:%Y%m}"

    def get_absolute_url(self):
        return reverse("incentives:indicator-detail", args=[self.pk])

    @property
    def statistics_method(self) -> str:
        return str(self.METHODS.get(self.name, ""))


class IndicatorLine(models.Model):
    indicator = models.ForeignKey(Indicator, verbose_name=_("指标"), on_delete=models.CASCADE, related_name="lines")
    label = models.CharField(_("产品类型"), max_length=100)
    line_count = models.PositiveIntegerField(_("明细条数"))
    value = models.DecimalField(_("数值"), **MONEY)

    class Meta:
        verbose_name = _("指标详细数据")
        verbose_name_plural = _("指标详细数据")
        ordering = ["-value", "label"]

    def __str__(self):
        return f"{self.label} {self.value}"
