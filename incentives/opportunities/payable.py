"""The confirmed opportunity incentive as a payable source (payments.sources): kind "opportunity_incentive".
Registered from OpportunitiesConfig.ready(). The amount is the payable amount frozen when the partner confirmed
the published incentive (核对激励); the payment request moves the application 激励待申付 → 激励申付中 → 激励已完成
(or back to 激励待申付 when the request is finally rejected or withdrawn)."""
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from payments.sources import Payable

from .models import OpportunityApplication
from .services import application_on_paid, application_on_released, application_on_requested


class OpportunityIncentiveSource:
    kind = "opportunity_incentive"
    label = gettext_lazy("机会点激励")
    model = OpportunityApplication

    def payable(self, obj) -> Payable:
        amount = obj.payable_amount if obj.payable_amount is not None else (obj.incentive_amount or 0)
        return Payable(amount=amount, title=_("机会点激励：%(code)s") % {"code": obj.code},
                       url=obj.get_absolute_url())

    def blockers(self, obj) -> list[str]:
        Status = OpportunityApplication.Status
        if obj.status == Status.COMPLETED:
            return [_("该机会点激励已完成付款")]
        if obj.status == Status.PAYING:
            return []  # its payment request is open; the panel shows it
        if obj.status != Status.PAYABLE:
            return [_("激励尚未确认（当前状态：%(status)s），核对并确认激励后才能申请付款") % {
                "status": obj.get_status_display()}]
        return []

    def on_requested(self, obj, payment, actor) -> None:
        application_on_requested(application_id=obj.pk, actor=actor, payment=payment)

    def on_paid(self, obj, payment, actor) -> None:
        application_on_paid(application_id=obj.pk, actor=actor, payment=payment)

    def on_released(self, obj, payment, actor) -> None:
        application_on_released(application_id=obj.pk, actor=actor, payment=payment)


SOURCE = OpportunityIncentiveSource()


def register() -> None:
    from payments import sources

    sources.register(SOURCE)
