"""What the SLA sweep does to one deadline. Safe to run twice: every step records that it happened."""
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from partnercenter.notifications.services import notify
from partnercenter.stored_text import stored

from .machine import TransitionNotAllowed
from .models import Deadline

BATCH = 500


def deadlines_to_sweep(today):
    """Ids of open deadlines that are due soon or past due, oldest first, read in batches."""
    from partnercenter.workdays.services import add_working_days

    horizon = add_working_days(today, settings.SLA_REMIND_WORKING_DAYS)
    last_id = 0
    while True:
        ids = list(
            Deadline.objects.open().filter(due_on__lte=horizon, pk__gt=last_id)
            .order_by("pk").values_list("pk", flat=True)[:BATCH]
        )
        if not ids:
            return
        yield from ids
        last_id = ids[-1]


def _recipients(deadline: Deadline, *, escalate: bool):
    from partnercenter.partners.models import ECOSYSTEM_MANAGER_GROUP, User

    if deadline.owner == Deadline.Owner.PARTNER:
        people = list(User.objects.filter(partner_id=deadline.partner_id).main_accounts())
    else:
        people = list(User.objects.vendor_operators())
    if escalate:
        people += list(User.objects.filter(is_active=True, groups__name=ECOSYSTEM_MANAGER_GROUP))
    return people


def _subject_url(deadline: Deadline) -> str:
    subject = deadline.subject
    return subject.get_absolute_url() if subject is not None and hasattr(subject, "get_absolute_url") else ""


def deadline_sweep_one(deadline_id: int, *, today) -> str | None:
    """Remind, flag overdue (and escalate) or auto-expire one deadline. Returns what it did, if anything."""
    from partnercenter.workdays.services import working_days_between

    deadline = (Deadline.objects.select_for_update(skip_locked=True)
                .filter(pk=deadline_id, status=Deadline.Status.OPEN).first())
    if deadline is None:
        return None
    now = timezone.now()
    if deadline.due_on < today:
        if deadline.on_expire:
            return _expire(deadline, now)
        if deadline.overdue_at is None:
            deadline.overdue_at = now
            deadline.save(update_fields=["overdue_at"])
            notify(
                recipients=_recipients(deadline, escalate=True),
                # the label is a stored text itself (or older plain text): shown in the reader's language too
                title=stored(gettext_noop("已逾期：%(label)s"), {"label": deadline.label}),
                body=stored(gettext_noop("截止日期 %(due)s 已过，请尽快处理。"), {"due": deadline.due_on.isoformat()}),
                url=_subject_url(deadline),
                level="danger",
            )
            return "overdue"
        return None
    if deadline.reminded_at is None:
        left = working_days_between(today, deadline.due_on)
        deadline.reminded_at = now
        deadline.save(update_fields=["reminded_at"])
        notify(
            recipients=_recipients(deadline, escalate=False),
            title=stored(gettext_noop("即将到期：%(label)s"), {"label": deadline.label}),
            body=stored(gettext_noop("还剩 %(left)s 个工作日，截止日期 %(due)s。"),
                        {"left": left, "due": deadline.due_on.isoformat()}),
            url=_subject_url(deadline),
            level="warning",
        )
        return "reminded"
    return None


def _expire(deadline: Deadline, now) -> str | None:
    from .services import transition_run

    model = deadline.content_type.model_class()
    try:
        transition_run(model, pk=deadline.object_id, name=deadline.on_expire, actor=None,
                       comment=_("超过截止日期 %(due)s，系统自动处理。") % {"due": deadline.due_on.isoformat()})
    except (TransitionNotAllowed, model.DoesNotExist):
        pass
    # transition_run closes the subject's open deadlines as late; mark this one expired explicitly.
    Deadline.objects.filter(pk=deadline.pk).update(status=Deadline.Status.EXPIRED, closed_at=now, overdue_at=now)
    return "expired"
