from django.contrib.contenttypes.models import ContentType

from .models import Deadline, TransitionLog
from .reasons import label_of


def timeline_for(obj) -> list[TransitionLog]:
    """The object's transitions, oldest first, with display labels of both states attached."""
    entries = list(TransitionLog.objects.filter(
        content_type=ContentType.objects.get_for_model(obj), object_id=obj.pk
    ).order_by("created_at", "pk"))
    workflow = getattr(type(obj), "workflow", None)
    labels = {}
    if workflow is not None:
        labels = {str(value): str(label) for value, label in obj._meta.get_field(workflow.field_name).flatchoices}
    transitions = workflow.transitions if workflow is not None else {}
    for entry in entries:
        entry.from_label = labels.get(entry.from_status, entry.from_status)
        entry.to_label = labels.get(entry.to_status, entry.to_status)
        entry.reason_label = label_of(entry.reason_code)
        # Shown in the reader's language when the transition is declared; the stored label is the fallback.
        if entry.action in transitions:
            entry.action_label = str(transitions[entry.action].label)
    return entries


def open_deadlines_for(obj) -> list[Deadline]:
    return list(Deadline.objects.for_subject(obj).open().order_by("due_on"))
