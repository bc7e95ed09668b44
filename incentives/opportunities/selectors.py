"""Reads of 机会点激励 across models: the operators' queue with its working-day clocks, the reasons a returned
application shows where the partner edits, the submitted versions with their diffs, the process-bar counts."""
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, OuterRef, Q, Subquery
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from partnercenter.workflow.models import Deadline

from . import services
from .models import ApplicationVersion, OpportunityApplication, RejectReason, ReturnReason

S = OpportunityApplication.Status
QUEUE_STATUS = {"review": S.IN_REVIEW, "disputes": S.DISPUTED}


def with_open_deadline(queryset):
    """Annotate due_on / due_provisional of each row's open working-day deadline."""
    deadlines = Deadline.objects.filter(
        content_type=ContentType.objects.get_for_model(OpportunityApplication), object_id=OuterRef("pk"),
        status="open").order_by("due_on")
    return queryset.annotate(due_on=Subquery(deadlines.values("due_on")[:1]),
                             due_provisional=Subquery(deadlines.values("provisional")[:1]))


def review_queue(user, *, tab: str, q: str = ""):
    """待初审 (tab "review") or 待答复异议 (tab "disputes"): the earliest due day first, so overdue rows lead."""
    rows = (OpportunityApplication.objects.for_user(user).filter(status=QUEUE_STATUS[tab])
            .select_related("partner", "opportunity__customer").search(q))
    return with_open_deadline(rows).order_by("due_on", "submitted_at", "pk")


def queue_counts(user) -> dict:
    counts = OpportunityApplication.objects.for_user(user).aggregate(
        review=Count("pk", filter=Q(status=S.IN_REVIEW)), disputes=Count("pk", filter=Q(status=S.DISPUTED)))
    return counts


def process_counts(applications) -> dict:
    """The process bar's badges: 激励对账 (published, waiting for the partner), 激励申付, 激励完成."""
    return applications.aggregate(
        publicity=Count("pk", filter=Q(status=S.PUBLICITY)), payable=Count("pk", filter=Q(status=S.PAYABLE)),
        completed=Count("pk", filter=Q(status=S.COMPLETED)))


@dataclass
class ReturnNotes:
    """Why the latest submitted version was returned: reason labels, the comment, and a note per form field."""

    reasons: list = field(default_factory=list)
    comment: str = ""
    fields: dict = field(default_factory=dict)
    decided_at: object = None

    def __bool__(self):
        return bool(self.reasons or self.comment or self.fields)


def return_notes(application: OpportunityApplication) -> ReturnNotes:
    if application.status != S.RETURNED:
        return ReturnNotes()
    version = application.versions.filter(decision="returned").order_by("-number").first()
    if version is None:
        return ReturnNotes()
    labels = dict(ReturnReason.choices)
    return ReturnNotes(reasons=[str(labels.get(code, code)) for code in version.reason_codes],
                       comment=version.comment, fields=dict(version.field_comments or {}),
                       decided_at=version.decided_at)


DECISION_LABELS = {"approved": gettext_lazy("审核通过"), "returned": gettext_lazy("退回修改"),
                   "rejected": gettext_lazy("审核不通过"), "withdrawn": gettext_lazy("已撤回")}


def field_label(name: str) -> str:
    return {"basis_amount": _("激励金额依据"), "description": _("申请说明"), "materials": _("申请材料")}.get(name, name)


def versions_with_diffs(application: OpportunityApplication) -> list[ApplicationVersion]:
    """Every submitted version, newest first, each with `.changes` against the one before it and display labels
    of its decision and reasons."""
    versions = list(application.versions.select_related("submitted_by", "decided_by").order_by("-number"))
    return_labels, reject_labels = dict(ReturnReason.choices), dict(RejectReason.choices)
    for version in versions:
        version.changes = [{**change, "label": field_label(change["field"])}
                           for change in services.version_diff(version)]
        version.decision_label = str(DECISION_LABELS.get(version.decision, ""))
        labels = reject_labels if version.decision == "rejected" else return_labels
        version.reason_labels = [str(labels.get(code, code)) for code in version.reason_codes]
        version.field_notes = [(field_label(name), text) for name, text in (version.field_comments or {}).items()]
        version.materials = version.snapshot.get("materials", [])
    return versions


def open_deadline(application):
    return Deadline.objects.for_subject(application).open().order_by("due_on").first()
