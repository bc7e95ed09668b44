"""`{% deadline_countdown due_on provisional %}`: how many working days are left, as a small badge."""
import datetime as dt

from django import template
from django.utils import timezone

from partnercenter.workdays.services import working_days_between

register = template.Library()


@register.inclusion_tag("workdays/_countdown.html")
def deadline_countdown(due_on: dt.date | None, provisional: bool = False, today: dt.date | None = None) -> dict:
    """`today` is only for previews and tests; pages leave it to the local date in Asia/Shanghai."""
    if due_on is None:
        return {"state": None}
    today = today or timezone.localdate()
    left = working_days_between(today, due_on)
    if due_on == today:
        state, tone, days = "today", "warning", 0
    elif due_on < today:
        # Due on a Saturday and checked on the Sunday: overdue, yet no working day has passed.
        state, tone, days = "overdue", "danger", -left
    else:
        state, tone, days = "left", "warning" if left <= 1 else "info", left
    return {"state": state, "tone": tone, "days": days, "provisional": bool(provisional), "due_on": due_on}
