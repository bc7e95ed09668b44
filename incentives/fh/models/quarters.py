"""季度付款: a quarter of a partner's monthly incentives, paid through one payment request."""
import datetime as dt

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from partnercenter.tenancy import PartnerScopedQuerySet, scoped
from partnercenter.workflow.machine import Transition, Workflow

from .base import MONEY
from .monthly import MonthlyIncentive


class QuarterQuerySet(PartnerScopedQuerySet):
    pass


@scoped
class FhQuarter(models.Model):
    """A quarter of a partner's monthly incentives, paid through one payment request (payments wing)."""

    class Status(models.TextChoices):
        OPEN = "open", _("待申请付款")
        REQUESTED = "requested", _("付款申请中")
        PAID = "paid", _("已付款")

    workflow = Workflow(
        Transition("request", sources=[Status.OPEN], target=Status.REQUESTED, label=_("申请付款"),
                   guard="check_request"),
        Transition("pay", sources=[Status.REQUESTED], target=Status.PAID, label=_("已付款"), by_vendor=True),
        Transition("release", sources=[Status.REQUESTED], target=Status.OPEN, label=_("付款申请已退回"),
                   by_vendor=True),
        tones={Status.OPEN: "warning", Status.REQUESTED: "info", Status.PAID: "success"},
    )

    partner = models.ForeignKey("partners.Partner", verbose_name=_("伙伴"), on_delete=models.PROTECT,
                                related_name="fh_quarters")
    year = models.PositiveIntegerField(_("年度"))
    quarter = models.PositiveSmallIntegerField(_("季度"))
    status = models.CharField(_("状态"), max_length=12, choices=Status.choices, default=Status.OPEN, db_index=True)
    requested_amount = models.DecimalField(_("申请金额"), null=True, blank=True, **MONEY)
    requested_at = models.DateTimeField(_("申请时间"), null=True, blank=True)

    objects = QuarterQuerySet.as_manager()

    class Meta:
        verbose_name = _("FH季度激励")
        verbose_name_plural = _("FH季度激励")
        ordering = ["-year", "-quarter", "partner_id"]
        constraints = [
            models.UniqueConstraint(fields=["partner", "year", "quarter"], name="fh_quarter_unique"),
            models.CheckConstraint(condition=Q(quarter__gte=1, quarter__lte=4), name="fh_quarter_1_to_4"),
        ]

    def __str__(self):
        return self.label

    def get_absolute_url(self):
        return reverse("incentives:fh-quarter-detail", args=[self.pk])

    @property
    def label(self) -> str:
        from django.utils.translation import gettext

        return gettext("%(year)s年第%(quarter)s季度") % {"year": self.year, "quarter": self.quarter}

    @property
    def months(self) -> list[dt.date]:
        return [dt.date(self.year, 3 * self.quarter - 2 + i, 1) for i in range(3)]

    def monthly(self):
        return MonthlyIncentive.objects.filter(partner_id=self.partner_id).in_quarter(self.year, self.quarter)

    def check_request(self):
        """The FH rules again on the locked row, when the payment request is submitted (spec A.7)."""
        from ..selectors import quarter_blockers

        blockers = quarter_blockers(self)
        return "；".join(str(b) for b in blockers) if blockers else None
