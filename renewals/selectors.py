"""Reads across models for the renewals wing."""
import datetime as dt
from decimal import Decimal

from django.db.models import DecimalField, OuterRef, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from partnercenter.partners.models import Order, User

from .models import FollowUp, RenewalTask


def renewed_amount_subquery():
    """Paid amount of the completed renewal orders (order_type renew, `renews` → the order)."""
    renewals = (Order.objects.filter(renews=OuterRef("pk"), order_type=Order.OrderType.RENEW,
                                     status=Order.Status.COMPLETED)
                .order_by().values("renews").annotate(total=Sum("paid_amount")).values("total"))
    return Coalesce(Subquery(renewals, output_field=DecimalField(max_digits=14, decimal_places=2)),
                    Value(Decimal("0.00")), output_field=DecimalField(max_digits=14, decimal_places=2))


def _local_midnight(day: dt.date):
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def orders_expiring_in(*, first: dt.date, last: dt.date):
    """Orders whose 失效时间 falls on any local day from `first` to `last` inclusive, with `renewed_amount`."""
    return (Order.objects.expiring_between(_local_midnight(first), _local_midnight(last + dt.timedelta(days=1)))
            .select_related("product", "customer").annotate(renewed_amount=renewed_amount_subquery())
            .order_by("pk"))


def order_renewed_amount(*, order_id: int) -> Decimal:
    value = Order.objects.filter(pk=order_id).annotate(r=renewed_amount_subquery()).values_list("r", flat=True)[0]
    return money(value)


def money(value) -> Decimal:
    """Sums come back from SQLite as floats with noise; every amount stored is a 2-place Decimal."""
    return Decimal(str(value or 0)).quantize(Decimal("0.01"))


def follow_ups_of(task: RenewalTask):
    return FollowUp.objects.filter(task=task).select_related("actor").order_by("-created_at", "-pk")


def task_recipients(task: RenewalTask) -> list[User]:
    """Who is told about a task: its customer manager, else the handling partner's main accounts (always the
    distributor's for a cloud reseller's task, since the distributor handles it)."""
    if task.manager_id and task.manager.is_active and task.manager.partner_id == task.handler_partner().pk:
        return [task.manager]
    return list(User.objects.filter(partner=task.handler_partner()).main_accounts())


def renewal_counts(queryset, *, today: dt.date) -> dict:
    """Per-status counts for the tabs/filters of the (already scoped) queryset."""
    rows = dict(queryset.order_by().values_list("status").annotate(n=Sum(Value(1))).values_list("status", "n"))
    rows["overdue"] = queryset.overdue(today).count()
    return rows
