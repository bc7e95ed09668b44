"""Reads across models for the renewals wing."""
import datetime as dt
from decimal import Decimal

from django.db.models import DecimalField, Exists, OuterRef, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from partnercenter.partners.models import Order, User
from partnercenter.partners.selectors import manager_on

from .models import DistributorHandler, FollowUp, RenewalTask


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
            .select_related("product", "customer__partner").annotate(renewed_amount=renewed_amount_subquery())
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


def task_manager_on(*, customer, day: dt.date) -> User | None:
    """The manager a task of `customer` is given: for a cloud reseller's sub-customer the distributor's named
    handler (None: the distributor's main accounts handle it); otherwise the customer's manager on `day`."""
    if customer.partner.partner_type == "reseller":
        handler = (DistributorHandler.objects.filter(customer=customer, manager__is_active=True)
                   .select_related("manager").first())
        return handler.manager if handler else None
    return manager_on(customer=customer, day=day)


def refreshed_manager(task, *, day: dt.date) -> User | None:
    """A task follows its customer to a new manager; an own customer left unassigned keeps the last one."""
    manager = task_manager_on(customer=task.customer, day=day)
    if task.customer.partner.partner_type == "reseller":
        return manager
    return manager or task.manager


def handler_choices(partner) -> list[User]:
    """Whom a distributor's main account may name handler: its own active main accounts and customer managers."""
    return list(User.objects.filter(partner=partner, is_active=True,
                                    role__in=(User.Role.MAIN, User.Role.CUSTOMER_MANAGER))
                .order_by("role", "full_name", "username"))


def distributor_handler_of(customer) -> DistributorHandler | None:
    return DistributorHandler.objects.filter(customer=customer).select_related("manager").first()


def exclusion_counts(user, *, today: dt.date) -> dict[str, int]:
    """{rule code: orders expiring in `today`'s month that the rule left out}, over the orders whose tasks `user`
    would see (own partner plus a distributor's resellers, a customer manager's own customers; every partner
    for operators) — shown next to each rule on the list page."""
    from . import rules
    from .querysets import _distributor_scope

    if not user.is_authenticated or not (user.is_vendor_staff or user.partner_id):
        return {}
    first, last = rules.month_bounds(today)
    orders = orders_expiring_in(first=first, last=last).exclude(renewal_task__isnull=False)
    if not user.is_vendor_staff:
        orders = orders.filter(_distributor_scope(user, "partner_id"))
    if user.is_customer_manager:  # the orders of the customers whose tasks they would get
        from partnercenter.partners.models import CustomerAssignment

        current = CustomerAssignment.objects.filter(customer=OuterRef("customer_id"), ends_on__isnull=True,
                                                    manager=user)
        handled = DistributorHandler.objects.filter(customer=OuterRef("customer_id"), manager=user)
        orders = orders.filter(Exists(current) | Exists(handled))
    counts: dict[str, int] = {}
    for order in orders.iterator(chunk_size=1000):
        rule = rules.exclusion_for(order)
        if rule is not None:
            counts[rule.code] = counts.get(rule.code, 0) + 1
    return counts
