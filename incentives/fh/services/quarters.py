"""The quarter's side of a payment request (called by payments through the payable source, inside the payment
request's transaction): requested → amount frozen; paid; released (rejected/withdrawn) → payable again."""
from django.utils import timezone

from partnercenter.workflow.services import locked_transition

from ..models import FhQuarter
from ..selectors import quarter_total


def quarter_on_requested(*, quarter_id: int, actor=None, payment=None) -> FhQuarter:
    with locked_transition(FhQuarter, pk=quarter_id, name="request", actor=actor,
                           comment=str(getattr(payment, "code", "") or "")) as quarter:
        quarter.requested_amount = quarter_total(quarter)
        quarter.requested_at = timezone.now()
    return quarter


def quarter_on_paid(*, quarter_id: int, actor=None, payment=None) -> FhQuarter:
    with locked_transition(FhQuarter, pk=quarter_id, name="pay", actor=actor) as quarter:
        pass
    return quarter


def quarter_on_released(*, quarter_id: int, actor=None, payment=None) -> FhQuarter:
    with locked_transition(FhQuarter, pk=quarter_id, name="release", actor=actor) as quarter:
        quarter.requested_amount = None
        quarter.requested_at = None
    return quarter
