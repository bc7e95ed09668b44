"""Home to-do: one line per queue with open tasks the user handles (count + the earliest deadline)."""
from django.db.models import Count, Min
from django.urls import reverse
from django.utils.translation import gettext as _

from partnercenter.todo import TodoItem

from .models import RenewalTask, SalesTask


def _handles_tasks(user) -> bool:
    # Cloud resellers only read their tasks (their distributor handles them); finance/read-only roles don't.
    return (user.is_authenticated and bool(user.partner_id) and user.role in ("main", "customer_manager")
            and user.partner.partner_type != "reseller")


def _summary(queryset, *, title: str, url: str, category: str) -> list[TodoItem]:
    summary = queryset.order_by().aggregate(count=Count("pk"), first=Min("deadline"))
    count, first = summary["count"], summary["first"]
    if not count:
        return []
    return [TodoItem(title=title % {"count": count}, url=url, category=category, due_on=first,
                     detail=_("最早截止 %(day)s") % {"day": first.isoformat()})]


def renewal_task_items(user) -> list[TodoItem]:
    if not _handles_tasks(user):
        return []
    return _summary(RenewalTask.objects.for_user(user).open(), title=_("%(count)s 个大单续订任务待跟进"),
                    url=reverse("renewals:task-list"), category=_("大单续订"))


def sales_task_items(user) -> list[TodoItem]:
    if not _handles_tasks(user):
        return []
    return _summary(SalesTask.objects.for_user(user).open(), title=_("%(count)s 个销售拓展任务待跟进"),
                    url=reverse("renewals:sales-task-list") + "?status=pending", category=_("销售拓展"))
