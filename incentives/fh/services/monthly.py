"""激励确认 and 初审: materials per person and month, confirm within 30 working days (reminders 5 and 1
working days before, 已过期 after), operators approve or reject with reasons, the partner fixes and re-confirms."""
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from partnercenter.stored_text import stored
from partnercenter.uploads import validate_document
from partnercenter.workflow.machine import TransitionNotAllowed
from partnercenter.workflow.models import Deadline
from partnercenter.workflow.services import deadline_open, locked_transition, transition_run

from ..models import IncentiveMaterial, MonthlyIncentive, MonthlyIncentiveLine
from .common import FH_CONFIRM_WORKING_DAYS, FH_REVIEW_WORKING_DAYS, require_main_account, require_vendor, tell_partner

UPLOADABLE = (MonthlyIncentive.Status.PENDING, MonthlyIncentive.Status.REJECTED)


def material_upload(*, actor, line_id: int, upload, note: str = "") -> IncentiveMaterial:
    """Proof for one person of one month; a later upload (personnel change) supersedes the earlier ones."""
    require_main_account(actor)
    if upload is None:
        raise ValidationError({"file": _("请选择要上传的证明材料。")})
    try:
        validate_document(upload)
    except ValidationError as exc:
        raise ValidationError({"file": exc.messages}) from exc
    with transaction.atomic():
        line = MonthlyIncentiveLine.objects.for_user(actor).select_related("incentive").get(pk=line_id)
        incentive = MonthlyIncentive.objects.select_for_update().get(pk=line.incentive_id)
        if incentive.status not in UPLOADABLE:
            raise TransitionNotAllowed(_("当前状态为“%(status)s”，不能上传证明材料。") % {
                "status": incentive.get_status_display()})
        material = IncentiveMaterial.objects.create(line=line, file=upload, name=upload.name[:200],
                                                    note=(note or "")[:200], uploaded_by=actor)
    return material


def incentive_confirm(*, actor, incentive_id: int) -> MonthlyIncentive:
    """The partner checked headcount and amount and every person has proof: 确认激励 → 初审中 (3 working days)."""
    require_main_account(actor)
    with transaction.atomic():
        with locked_transition(MonthlyIncentive, pk=incentive_id, name="confirm", actor=actor,
                               queryset=MonthlyIncentive.objects.for_user(actor)) as incentive:
            incentive.confirmed_at, incentive.confirmed_by = timezone.now(), actor
        deadline_open(obj=incentive, partner=incentive.partner, kind="fh_initial_review",
                      label=stored(gettext_noop("FH激励初审：%(partner)s %(month)s"),
                                   {"partner": incentive.partner.name, "month": f"{incentive.month:%Y-%m}"}),
                      working_days=FH_REVIEW_WORKING_DAYS, owner="vendor")
    return incentive


def incentive_approve(*, actor, incentive_id: int, comment: str = "") -> MonthlyIncentive:
    require_vendor(actor)
    with locked_transition(MonthlyIncentive, pk=incentive_id, name="approve", actor=actor,
                           comment=comment) as incentive:
        incentive.review_comment = comment
    tell_partner(incentive.partner_id, title=stored(gettext_noop("%(month)s FH激励初审通过"),
                                                    {"month": f"{incentive.month:%Y-%m}"}),
                 url=incentive.get_absolute_url(), level="success")
    return incentive


def incentive_reject(*, actor, incentive_id: int, comment: str) -> MonthlyIncentive:
    """初审不通过: the partner fixes (materials) and re-confirms within a new 30-working-day clock."""
    require_vendor(actor)
    if not (comment or "").strip():
        raise ValidationError({"comment": _("请填写审核不通过的原因。")})
    with transaction.atomic():
        with locked_transition(MonthlyIncentive, pk=incentive_id, name="reject", actor=actor,
                               comment=comment) as incentive:
            incentive.review_comment = comment
            incentive.reminded_5_at = incentive.reminded_1_at = None
        deadline = deadline_open(obj=incentive, partner=incentive.partner, kind="fh_confirm",
                                 label=stored(gettext_noop("FH激励重新确认：%(month)s"),
                                              {"month": f"{incentive.month:%Y-%m}"}),
                                 working_days=FH_CONFIRM_WORKING_DAYS, owner="partner", on_expire="expire")
        MonthlyIncentive.objects.filter(pk=incentive.pk).update(confirm_due_on=deadline.due_on)
        incentive.confirm_due_on = deadline.due_on
    tell_partner(incentive.partner_id,
                 title=stored(gettext_noop("%(month)s FH激励初审不通过，请根据审核意见修改后重新确认"), {
                     "month": f"{incentive.month:%Y-%m}"}),
                 body=comment, url=incentive.get_absolute_url(), level="danger")
    return incentive


def incentive_expire_overdue(*, today) -> int:
    """Lists not confirmed by their due day become 已过期 (the SLA sweep does the same through on_expire;
    whichever runs first wins, the other finds nothing to do)."""
    expired = 0
    ids = MonthlyIncentive.objects.awaiting_partner().filter(confirm_due_on__lt=today).values_list("pk", flat=True)
    for pk in list(ids):
        try:
            transition_run(MonthlyIncentive, pk=pk, name="expire", actor=None,
                           comment=_("超过确认截止日期，系统自动处理。"))
        except TransitionNotAllowed:
            continue
        expired += 1
    return expired


def _notify_expired() -> int:
    count = 0
    for pk in list(MonthlyIncentive.objects.filter(status=MonthlyIncentive.Status.EXPIRED,
                                                   expiry_notified_at__isnull=True).values_list("pk", flat=True)):
        with transaction.atomic():
            incentive = (MonthlyIncentive.objects.select_for_update(skip_locked=True)
                         .filter(pk=pk, expiry_notified_at__isnull=True).first())
            if incentive is None:
                continue
            incentive.expiry_notified_at = timezone.now()
            incentive.save(update_fields=["expiry_notified_at"])
            tell_partner(incentive.partner_id, level="danger", url=incentive.get_absolute_url(),
                         title=stored(gettext_noop("%(month)s FH激励已过期"), {"month": f"{incentive.month:%Y-%m}"}),
                         body=stored(gettext_noop("未在确认截止日期 %(due)s 前确认激励，该月激励已过期，不再发放。"), {
                             "due": incentive.confirm_due_on.isoformat() if incentive.confirm_due_on else "—"}))
            count += 1
    return count


def confirm_reminders_send(*, today) -> dict:
    """Daily: expire what is past due (with the notice), remind 5 and 1 working days before the due day."""
    from partnercenter.workdays.services import working_days_between

    counts = {"expired": incentive_expire_overdue(today=today), "reminded_5": 0, "reminded_1": 0}
    counts["notified"] = _notify_expired()
    for pk in list(MonthlyIncentive.objects.awaiting_partner().filter(confirm_due_on__gte=today)
                   .values_list("pk", flat=True)):
        with transaction.atomic():
            incentive = MonthlyIncentive.objects.select_for_update(skip_locked=True).filter(pk=pk).first()
            if incentive is None or incentive.status not in UPLOADABLE:
                continue
            left = working_days_between(today, incentive.confirm_due_on)
            stage = None
            if left <= 1 and incentive.reminded_1_at is None:
                stage = "1"
            elif left <= 5 and incentive.reminded_5_at is None and incentive.reminded_1_at is None:
                stage = "5"
            if stage is None:
                continue
            now = timezone.now()
            if stage == "1":
                incentive.reminded_1_at = now
                incentive.reminded_5_at = incentive.reminded_5_at or now
                # The SLA sweep would send its generic reminder for the same deadline: this one replaces it.
                Deadline.objects.for_subject(incentive).open().filter(reminded_at__isnull=True).update(
                    reminded_at=now)
            else:
                incentive.reminded_5_at = now
            incentive.save(update_fields=["reminded_5_at", "reminded_1_at"])
            tell_partner(incentive.partner_id, level="warning", url=incentive.get_absolute_url(),
                         title=stored(gettext_noop("%(month)s FH激励待确认，剩余 %(left)s 个工作日"), {
                             "month": f"{incentive.month:%Y-%m}", "left": left}),
                         body=stored(
                             gettext_noop("请在 %(due)s 前核对人数和金额、上传证明材料并确认激励，逾期将自动过期。"),
                             {"due": incentive.confirm_due_on.isoformat()}))
            counts[f"reminded_{stage}"] += 1
    return counts
