"""Reads of the payments wing that other wings and pages use."""
from django.contrib.contenttypes.models import ContentType
from django.db.models import OuterRef, Subquery, Sum

from partnercenter.workflow.models import Deadline

from .models import PaymentRequest

INCENTIVE_KINDS = ("incentive_bill", "opportunity_incentive", "fh_quarter")


def requests_for_kind(user, kind: str):
    """The user's payment requests of one source kind (e.g. "fh_quarter"), newest first; scoped like every list."""
    return PaymentRequest.objects.for_user(user).filter(source_kind=kind).order_by("-created_at", "-pk")


def request_for_source(obj):
    """The open payment request of a source object, or None."""
    from . import sources

    source = sources.for_object(obj)
    return PaymentRequest.objects.open().for_source(source.kind, obj.pk).first()


def with_open_deadline(queryset):
    """Annotate due_on / due_provisional of each row's open working-day deadline (the review SLA)."""
    deadlines = Deadline.objects.filter(
        content_type=ContentType.objects.get_for_model(queryset.model), object_id=OuterRef("pk"), status="open",
    ).order_by("due_on")
    return queryset.annotate(due_on=Subquery(deadlines.values("due_on")[:1]),
                             due_provisional=Subquery(deadlines.values("provisional")[:1]))


def paid_totals(queryset) -> dict:
    """Paid amount per year of the (scoped) requests, newest year first."""
    rows = (queryset.filter(status=PaymentRequest.Status.PAID).order_by()
            .values("paid_on__year").annotate(total=Sum("amount")).order_by("-paid_on__year"))
    return {row["paid_on__year"]: row["total"] for row in rows}
