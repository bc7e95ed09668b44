"""Running totals of incentive details per (partner, period, status): the summary table behind the 激励明细 page's
totals when the list is filtered by period, year and status only (the common case), so the page never sums
hundreds of thousands of lines per request.

On PostgreSQL the table is kept by statement-level triggers on the details table (migration 0004): every insert,
update and delete — generation, 问题反馈 adjustments, payouts, unfreezes, imports, even a hand-written SQL
statement — adds its transition table's sums in the same transaction, so the totals can never drift from the
lines. Elsewhere (the embedded SQLite demo) the table stays empty and the page sums the lines."""

from django.db import connection, models
from django.db.models import Sum
from django.utils.translation import gettext_lazy as _

from partnercenter.tenancy import PartnerScopedQuerySet

from .details import IncentiveDetail, totals_shape


class DetailTotalQuerySet(PartnerScopedQuerySet):
    def totals(self) -> dict:
        """The same shape and rounding as IncentiveDetail.objects.totals()."""
        return totals_shape(self.order_by().aggregate(consumption=Sum("consumption"), base=Sum("base"),
                                                      incentive=Sum("incentive"), lines=Sum("lines")))


class DetailTotal(models.Model):
    partner = models.ForeignKey("partners.Partner", verbose_name=_("伙伴"), on_delete=models.CASCADE,
                                related_name="+", db_constraint=False)
    period = models.DateField(_("对账期次"))
    status = models.CharField(_("状态"), max_length=8, choices=IncentiveDetail.Status.choices)
    lines = models.BigIntegerField(_("明细条数"), default=0)
    consumption = models.DecimalField(_("消费金额"), default=0, max_digits=18, decimal_places=2)
    base = models.DecimalField(_("激励基数"), default=0, max_digits=18, decimal_places=2)
    incentive = models.DecimalField(_("激励金额"), default=0, max_digits=18, decimal_places=2)

    objects = DetailTotalQuerySet.as_manager()

    class Meta:
        verbose_name = _("激励明细汇总")
        verbose_name_plural = _("激励明细汇总")
        constraints = [models.UniqueConstraint(fields=["partner", "period", "status"],
                                               name="incentives_detailtotal_key")]

    def __str__(self):
        return f"{self.partner_id} {self.period:%Y%m} {self.status}"


def kept_by_triggers() -> bool:
    return connection.vendor == "postgresql"
