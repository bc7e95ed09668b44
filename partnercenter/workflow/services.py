"""Running a declared transition: lock the row, check the guard on the locked row, save, audit, close clocks.

Usage in a wing's service::

    with locked_transition(Claim, pk=claim_id, name="approve", actor=user, comment=comment) as claim:
        claim.approved_amount = amount          # extra changes, saved with the status
    # committed: audit row written, the state's open deadlines closed

Side effects (e-mails, tasks) go in `transaction.on_commit` inside the block; new deadlines for the state
entered may be opened inside the block too (the old state's deadlines are closed before it runs).
"""
from contextlib import contextmanager

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .machine import TransitionNotAllowed
from .models import Deadline, TransitionLog


def _actor_name(actor) -> str:
    if actor is None:
        return _("系统")
    return getattr(actor, "display_name", None) or str(actor)


def log_transition(*, obj, action: str, action_label: str, from_status, to_status, actor=None,
                   reason_code: str = "", comment: str = "") -> TransitionLog:
    """Write one audit row. Also used when an object is created straight into its first state."""
    return TransitionLog.objects.create(
        content_type=ContentType.objects.get_for_model(obj),
        object_id=obj.pk,
        action=action,
        action_label=str(action_label),
        from_status="" if from_status is None else str(from_status),
        to_status=str(to_status),
        actor=actor if actor is not None and actor.is_authenticated else None,
        actor_name=_actor_name(actor),
        reason_code=reason_code,
        comment=comment,
    )


@contextmanager
def locked_transition(model, *, pk, name: str, actor=None, comment: str = "", reason_code: str = "",
                      queryset=None):
    """Lock `model` row `pk`, check transition `name`, yield the row with its new status, then save and audit.

    Two concurrent calls on one row serialise on the lock; the second sees the new state and gets
    TransitionNotAllowed with a message naming the current state.
    """
    workflow = model.workflow
    transition = workflow[name]
    with transaction.atomic():
        base = queryset if queryset is not None else model._default_manager.all()
        obj = base.select_for_update().get(pk=pk)
        reason = workflow.check(obj, name)
        if reason is not None:
            raise TransitionNotAllowed(reason)
        old = workflow.state(obj)
        # The clocks of the state being left stop now; the block may start the next state's clocks.
        deadlines_close(obj)
        setattr(obj, workflow.field_name, transition.target)
        yield obj
        obj.full_clean()
        obj.save()
        log_transition(obj=obj, action=name, action_label=transition.label, from_status=old,
                       to_status=transition.target, actor=actor, reason_code=reason_code, comment=comment)


def transition_run(model, *, pk, name: str, actor=None, comment: str = "", reason_code: str = ""):
    """A transition with no extra changes."""
    with locked_transition(model, pk=pk, name=name, actor=actor, comment=comment, reason_code=reason_code) as obj:
        pass
    return obj


def deadline_open(*, obj, partner, kind: str, label: str, working_days: int, owner: str,
                  starts_on=None, on_expire: str = "") -> Deadline:
    """Start a working-day clock on `obj`: due on the Nth working day strictly after `starts_on` (today)."""
    from partnercenter.stored_text import fitting
    from partnercenter.workdays import services as workdays

    starts_on = starts_on or timezone.localdate()
    due_on = workdays.add_working_days(starts_on, working_days)
    label = fitting(label, Deadline._meta.get_field("label").max_length)
    return Deadline.objects.create(
        content_type=ContentType.objects.get_for_model(obj),
        object_id=obj.pk,
        partner=partner,
        kind=kind,
        label=label,
        owner=owner,
        starts_on=starts_on,
        working_days=working_days,
        due_on=due_on,
        provisional=workdays.range_is_provisional(starts_on, due_on),
        on_expire=on_expire,
    )


def deadlines_close(obj) -> int:
    """Close the object's open deadlines: met if closed by the due day, late otherwise."""
    today = timezone.localdate()
    now = timezone.now()
    open_deadlines = Deadline.objects.for_subject(obj).open()
    met = open_deadlines.filter(due_on__gte=today).update(status=Deadline.Status.MET, closed_at=now)
    late = open_deadlines.filter(due_on__lt=today).update(status=Deadline.Status.LATE, closed_at=now)
    return met + late
