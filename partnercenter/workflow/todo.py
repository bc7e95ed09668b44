"""To-do items from working-day deadlines: every wing's clocks show up on the home page without extra code."""
from django.utils.translation import gettext as _

from partnercenter.todo import TodoItem, register

from .models import Deadline

LIMIT = 20


@register
def deadline_items(user) -> list[TodoItem]:
    if not user.is_authenticated:
        return []
    if user.is_vendor_staff:
        deadlines = Deadline.objects.waiting_on_vendor()
        category = _("待审核")
    elif user.partner_id:
        deadlines = Deadline.objects.for_user(user).waiting_on_partner()
        category = _("待处理")
    else:
        return []
    items = []
    # The subjects come in one query per kind of subject (not one per deadline): the list costs the same
    # whatever the number of deadlines.
    # Operators see every partner's items: the partner's name tells two alike-named items apart.
    related = ("content_type", "partner") if user.is_vendor_staff else ("content_type",)
    for deadline in deadlines.select_related(*related).prefetch_related("subject").by_urgency()[:LIMIT]:
        subject = deadline.subject
        url = subject.get_absolute_url() if hasattr(subject, "get_absolute_url") else ""
        if user.is_vendor_staff and hasattr(subject, "get_review_url"):
            url = subject.get_review_url()
        title = deadline.label_shown
        partner_name = deadline.partner.name if user.is_vendor_staff else ""
        items.append(TodoItem(title=title, url=url, category=category, due_on=deadline.due_on,
                              provisional=deadline.provisional,
                              detail="" if partner_name in title else partner_name))
    return items
