"""Template tags for objects with a declared workflow: status badge, timeline, available actions."""
from django import template

from partnercenter.workflow.selectors import timeline_for

register = template.Library()


@register.inclusion_tag("includes/_status_badge.html")
def status_badge(obj):
    workflow = type(obj).workflow
    field = workflow.field_name
    return {"label": getattr(obj, f"get_{field}_display")(), "tone": workflow.tone(obj)}


@register.inclusion_tag("includes/_timeline.html")
def timeline(obj):
    return {"entries": timeline_for(obj)}


@register.simple_tag
def can_transition(obj, name):
    return type(obj).workflow.can(obj, name)
