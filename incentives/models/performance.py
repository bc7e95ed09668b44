"""业绩 (performance): per partner and period, the consumption attributed to the customer manager who held the
customer at the time (the manager fixed on each consumption line from the 客户分配 periods). Recomputed whole
by the generation run from the incentive details, like the indicators; its status is its bill's."""
from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from partnercenter.tenancy import PartnerScopedQuerySet, scoped

MONEY = {"max_digits": 16, "decimal_places": 2}


@scoped
class PerformanceStatement(models.Model):
    partner = models.ForeignKey("partners.Partner", verbose_name=_("伙伴"), on_delete=models.PROTECT,
                                related_name="+")
    bill = models.OneToOneField("incentives.ReconciliationBill", verbose_name=_("对账单"), on_delete=models.CASCADE,
                                related_name="performance")
    period = models.DateField(_("对账期次"))
    total_amount = models.DecimalField(_("业绩总金额"), **MONEY)
    computed_at = models.DateTimeField(_("计算时间"), auto_now=True)

    objects = PartnerScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("业绩单")
        verbose_name_plural = _("业绩单")
        ordering = ["-period", "pk"]
        constraints = [models.UniqueConstraint(fields=["partner", "period"], name="incentives_performance_one")]

    def __str__(self):
        return self.number

    def get_absolute_url(self):
        return reverse("incentives:performance-detail", args=[self.pk])

    @property
    def number(self) -> str:
        return f"PF{self.period:%Y%m}{self.pk:08d}"


class PerformanceLine(models.Model):
    statement = models.ForeignKey(PerformanceStatement, verbose_name=_("业绩单"), on_delete=models.CASCADE,
                                  related_name="lines")
    manager = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("客户经理"), null=True, blank=True,
                                on_delete=models.SET_NULL, related_name="+")
    manager_name = models.CharField(_("客户经理"), max_length=100, blank=True)
    product_type = models.CharField(_("产品类型"), max_length=100, blank=True)
    customer_count = models.PositiveIntegerField(_("客户数"))
    amount = models.DecimalField(_("业绩金额"), **MONEY)

    class Meta:
        verbose_name = _("业绩明细")
        verbose_name_plural = _("业绩明细")
        ordering = ["manager_name", "-amount"]
        indexes = [models.Index(fields=["manager", "statement"], name="incentives_perf_line_manager")]

    def __str__(self):
        return f"{self.manager_name} {self.product_type} {self.amount}"
