"""The approved MDF 核销 (claim) as a payable source (payments.sources): kind "mdf_claim". Registered from
VouchersConfig.ready(). The amount is the claim's approved amount, frozen at approval; the payment request's
submit / pay / final rejection or withdrawal move the claim 核销审核通过 → 付款中 → 已付款 (or back)."""
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from payments.sources import Payable

from .claim_services import claim_on_paid, claim_on_released, claim_on_requested
from .models import MdfClaim


class MdfClaimSource:
    kind = "mdf_claim"
    label = gettext_lazy("MDF核销")
    model = MdfClaim

    def payable(self, obj) -> Payable:
        return Payable(amount=obj.approved_amount if obj.approved_amount is not None else obj.amount,
                       title=_("MDF核销：%(name)s") % {"name": obj.application.activity_name},
                       url=obj.get_absolute_url())

    def blockers(self, obj) -> list[str]:
        Status = MdfClaim.Status
        if obj.status == Status.PAID:
            return [_("该核销已付款")]
        if obj.status == Status.PAYING:
            return []  # its payment request is open; the panel shows it
        if obj.status != Status.APPROVED:
            return [_("核销尚未审核通过（当前状态：%(status)s），审核通过后才能申请付款") % {
                "status": obj.get_status_display()}]
        return []

    def on_requested(self, obj, payment, actor) -> None:
        claim_on_requested(claim_id=obj.pk, actor=actor, payment=payment)

    def on_paid(self, obj, payment, actor) -> None:
        claim_on_paid(claim_id=obj.pk, actor=actor, payment=payment)

    def on_released(self, obj, payment, actor) -> None:
        claim_on_released(claim_id=obj.pk, actor=actor, payment=payment)


SOURCE = MdfClaimSource()


def register() -> None:
    from payments import sources

    sources.register(SOURCE)
