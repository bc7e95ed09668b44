"""The period incentive bill (对账期次) as a payable source (payments.sources); written by the payments wing.

A bill is payable once the partner confirmed it (发放中). The amount is the sum of the bill's normal lines (frozen
lines are not paid); the payment request freezes it at submission. When the request is paid the bill moves to
已发放 through its own workflow ("pay" transition, which also marks the lines paid)."""
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from payments import sources

from .models import IncentiveDetail, ReconciliationBill


class IncentiveBillSource:
    kind = "incentive_bill"
    label = gettext_lazy("激励账单")
    model = ReconciliationBill

    def payable(self, obj) -> sources.Payable:
        amount = (IncentiveDetail.objects.filter(bill_id=obj.pk, status=IncentiveDetail.Status.NORMAL)
                  .totals()["incentive"])
        return sources.Payable(amount=amount, title=_("%(period)s 期激励") % {"period": obj.period_code},
                               url=obj.get_absolute_url())

    def blockers(self, obj) -> list[str]:
        Status = ReconciliationBill.Status
        if obj.status == Status.PAID:
            return [_("该期激励已发放")]
        if obj.status != Status.PAYING:
            return [_("对账单尚未确认（当前状态：%(status)s），请先确认账单") % {"status": obj.get_status_display()}]
        return []

    def on_requested(self, obj, payment, actor) -> None:
        pass  # the bill stays 发放中 while its payment request runs

    def on_paid(self, obj, payment, actor) -> None:
        from .services import bill_pay

        if obj.status == ReconciliationBill.Status.PAYING:
            bill_pay(bill_id=obj.pk, actor=actor)

    def on_released(self, obj, payment, actor) -> None:
        pass  # still 发放中: a new payment request may be made


sources.register(IncentiveBillSource())
