"""Reconciliation bills (对账期次): one per partner per period, and the partner's 问题反馈 on them."""
from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from partnercenter.tenancy import PartnerScopedQuerySet, scoped
from partnercenter.workflow.machine import Transition, Workflow

MONEY = {"max_digits": 14, "decimal_places": 2}

# Working days the vendor has to answer a 问题反馈, and the partner to confirm a published bill.
ANSWER_WORKING_DAYS = 3
CONFIRM_WORKING_DAYS = 5


class BillQuerySet(PartnerScopedQuerySet):
    def awaiting_confirmation(self):
        return self.filter(status=ReconciliationBill.Status.PENDING)

    def regenerable(self):
        """Bills the monthly job may still add lines to (nothing agreed yet)."""
        return self.filter(status=ReconciliationBill.Status.ESTIMATED)


@scoped
class ReconciliationBill(models.Model):
    class Status(models.TextChoices):
        ESTIMATED = "estimated", _("预估")
        PENDING = "pending", _("待确认")
        DISPUTED = "disputed", _("问题反馈处理中")
        PAYING = "paying", _("发放中")
        PAID = "paid", _("已发放")

    workflow = Workflow(
        Transition("publish", sources=[Status.ESTIMATED], target=Status.PENDING, label=_("发布正式账单"),
                   by_vendor=True),
        Transition("confirm", sources=[Status.PENDING], target=Status.PAYING, label=_("确认账单"), style="primary"),
        Transition("dispute", sources=[Status.PENDING], target=Status.DISPUTED, label=_("问题反馈")),
        Transition("answer", sources=[Status.DISPUTED], target=Status.PENDING, label=_("答复问题反馈"),
                   by_vendor=True),
        Transition("pay", sources=[Status.PAYING], target=Status.PAID, label=_("标记已发放"), by_vendor=True,
                   guard="check_pay"),
        tones={Status.ESTIMATED: "info", Status.PENDING: "warning", Status.DISPUTED: "danger",
               Status.PAYING: "info", Status.PAID: "success"},
    )

    partner = models.ForeignKey("partners.Partner", verbose_name=_("伙伴"), on_delete=models.PROTECT,
                                related_name="incentive_bills")
    period = models.DateField(_("对账期次"), help_text=_("期次月份的第一天"))
    status = models.CharField(_("状态"), max_length=12, choices=Status.choices, default=Status.ESTIMATED,
                              db_index=True)
    consumption_amount = models.DecimalField(_("消费金额"), default=0, **MONEY)
    incentive_amount = models.DecimalField(_("激励金额"), default=0, **MONEY)
    line_count = models.PositiveIntegerField(_("明细条数"), default=0)
    currency = models.CharField(_("币种"), max_length=3, default="CNY")
    published_at = models.DateTimeField(_("发布时间"), null=True, blank=True)
    confirmed_at = models.DateTimeField(_("确认时间"), null=True, blank=True)
    confirmed_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("确认人"), null=True, blank=True,
                                     on_delete=models.PROTECT, related_name="+")
    paid_at = models.DateTimeField(_("发放时间"), null=True, blank=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    objects = BillQuerySet.as_manager()

    class Meta:
        verbose_name = _("对账单")
        verbose_name_plural = _("对账单")
        ordering = ["-period", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["partner", "period"], name="incentives_bill_one_per_partner_period"),
            models.CheckConstraint(condition=Q(period__day=1), name="incentives_bill_period_first_day"),
        ]

    def __str__(self):
        return f"{self.partner} {self.period:%Y%m}"

    def get_absolute_url(self):
        return reverse("incentives:bill-detail", args=[self.pk])

    @property
    def period_code(self) -> str:
        return f"{self.period:%Y%m}"

    def check_pay(self):
        """A bill is paid only by its payment request (payments wing): never marked paid on its own, so one period
        can never be paid twice or outside the request's invoice and approval steps."""
        from partnercenter.partners.selectors import settlement_blockers
        from payments.models import PaymentRequest

        if not PaymentRequest.objects.for_source("incentive_bill", self.pk).filter(
                status=PaymentRequest.Status.AWAITING_PAYMENT).exists():
            return gettext("对账单只能通过付款申请发放：请伙伴在“申请记录”中发起付款申请，审核并付款后自动变为已发放。")
        blockers = settlement_blockers(partner=self.partner)
        if blockers:
            return gettext("伙伴暂不能结算：%(why)s") % {"why": "；".join(blockers)}
        return None


class DisputeQuerySet(PartnerScopedQuerySet):
    partner_lookup = "bill__partner_id"

    def unanswered(self):
        return self.filter(answered_at__isnull=True)


@scoped
class BillDispute(models.Model):
    """问题反馈 on a bill, or on one of its lines; the vendor's answer (and any adjustment) is kept beside it."""

    bill = models.ForeignKey(ReconciliationBill, verbose_name=_("对账单"), on_delete=models.CASCADE,
                             related_name="disputes")
    detail = models.ForeignKey("incentives.IncentiveDetail", verbose_name=_("激励明细"), null=True, blank=True,
                               on_delete=models.PROTECT, related_name="disputes")
    comment = models.TextField(_("问题描述"), max_length=2000)
    raised_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("反馈人"), on_delete=models.PROTECT,
                                  related_name="+")
    raised_at = models.DateTimeField(_("反馈时间"), auto_now_add=True)
    answer = models.TextField(_("答复"), blank=True, max_length=2000)
    adjustment_amount = models.DecimalField(_("调整金额"), null=True, blank=True, **MONEY)
    answered_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("答复人"), null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="+")
    answered_at = models.DateTimeField(_("答复时间"), null=True, blank=True)

    objects = DisputeQuerySet.as_manager()

    class Meta:
        verbose_name = _("问题反馈")
        verbose_name_plural = _("问题反馈")
        ordering = ["-raised_at", "-pk"]

    def __str__(self):
        return f"{self.bill} #{self.pk}"

    def get_absolute_url(self):
        return self.bill.get_absolute_url()
