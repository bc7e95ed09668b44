"""Home to-do: payment requests waiting for the partner (draft, returned, invoice to issue). Requests waiting for
an operator reach the operators' list through their working-day deadlines."""
from django.db.models import Count, Q
from django.urls import reverse
from django.utils.translation import gettext as _

from partnercenter.todo import TodoItem

from .models import PaymentRequest


def payment_items(user) -> list[TodoItem]:
    if not user.is_authenticated or not user.partner_id:
        return []
    Status = PaymentRequest.Status
    items = []
    statuses = (Status.DRAFT, Status.RETURNED, Status.AWAITING_INVOICE)
    counts = (PaymentRequest.objects.for_user(user).filter(status__in=statuses).order_by()
              .aggregate(**{f"n_{status.value}": Count("pk", filter=Q(status=status)) for status in statuses}))
    texts = {Status.DRAFT: _("%(count)s 个付款申请待提交"),
             Status.RETURNED: _("%(count)s 个付款申请被退回修改，请修改后重新提交"),
             Status.AWAITING_INVOICE: _("%(count)s 个付款申请待开票")}
    url = reverse("payments:request-list")
    for status in statuses:
        if count := counts[f"n_{status.value}"]:
            items.append(TodoItem(title=texts[status] % {"count": count}, url=f"{url}?status={status}",
                                  category=_("付款申请")))
    return items
