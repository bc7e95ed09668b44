"""Deterministic plans of orders (with renewals) and monthly consumption lines per customer."""
import calendar
import datetime as dt
import random
from dataclasses import dataclass
from decimal import Decimal

from django.utils import timezone

from ..models import (
    Order,
)
from .specs import (
    BIG_YEARLY,
    MONTHS,
    ON_DEMAND,
    ONE_TIME,
    PERIODIC,
    PRODUCT_SPECS,
    SEED,
    CustomerSpec,
    add_months,
    aware,
    money,
    month_start,
)

ORDER_LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ"


@dataclass
class OrderPlan:
    order_no: str
    product: str
    billing_mode: str
    order_type: str
    amount: Decimal
    ordered_at: dt.datetime
    effective_at: dt.datetime | None
    expires_at: dt.datetime | None
    resource_ids: list
    status: str = Order.Status.COMPLETED
    renews: str = ""  # order_no of the renewed order
    keep_status: bool = False  # the renewal wing's material: stays completed


class OrderPlanner:
    """A few orders per customer over the last 13 months: periodic chains (new → renew → …), changes,
    on-demand and one-time purchases, and for some customers a big yearly order expiring this month."""

    def __init__(self, customer: CustomerSpec, now: dt.datetime, used_numbers: set):
        self.customer = customer
        self.rng = random.Random(f"{SEED}:{customer.customer_id}:orders")
        self.now = now
        self.today = timezone.localdate(now)
        self.window_start = max(add_months(month_start(self.today), -(MONTHS - 1)),
                                customer.associated_on + dt.timedelta(days=1))
        self.used = used_numbers
        self.orders: list[OrderPlan] = []

    def plan(self) -> list[OrderPlan]:
        rng = self.rng
        if self.window_start >= self.today - dt.timedelta(days=2):
            return []
        periodic = [code for code, _w in self.customer.portfolio if PRODUCT_SPECS[code].mode == PERIODIC]
        if self.customer.expiring:
            self._expiring_yearly()
        for _n in range(rng.choice((1, 1, 2, 2, 3)) if periodic else 0):
            self._subscription(rng.choice(periodic))
        for code, _w in self.customer.portfolio:
            mode = PRODUCT_SPECS[code].mode
            if mode == ON_DEMAND and rng.random() < 0.5:
                self._single(code, ON_DEMAND, money(rng.uniform(300, 3000)))
            elif mode == ONE_TIME and rng.random() < 0.7:
                self._single(code, ONE_TIME, money(PRODUCT_SPECS[code].price * rng.choice((1, 1, 2, 3))
                                                   * rng.uniform(0.92, 1.0)))
        self._statuses()
        return self.orders

    # pieces

    def _number(self, ordered_at: dt.datetime) -> str:
        while True:
            suffix = "".join(self.rng.choice(ORDER_LETTERS) for _ in range(5))
            number = f"CS{timezone.localtime(ordered_at):%y%m%d%H%M}{suffix}"
            if number not in self.used:
                self.used.add(number)
                return number

    def _resources(self, code: str, count: int) -> list[str]:
        prefix = PRODUCT_SPECS[code].prefix
        return [f"{prefix}-{self.rng.getrandbits(48):012x}" for _ in range(count)]

    def _random_moment(self, first: dt.date, last: dt.date) -> dt.datetime:
        day = first + dt.timedelta(days=self.rng.randint(0, max(0, (last - first).days)))
        moment = aware(day, self.rng.randint(8, 21), self.rng.randint(0, 59))
        return min(moment, self.now - dt.timedelta(minutes=self.rng.randint(30, 600)))

    def _price(self, code: str, months: int, quantity: int) -> Decimal:
        spec = PRODUCT_SPECS[code]
        factor = 10 if months == 12 else months  # 包年 costs ten months
        amount = spec.price * factor * quantity * self.rng.uniform(0.9, 1.05)
        if amount > 80000:
            amount = self.rng.uniform(52000, 80000)
        return money(max(amount, self.rng.uniform(300, 420)))

    def _quantity(self, code: str) -> int:
        budget = float(self.customer.budget)
        share = budget * 0.4 / max(PRODUCT_SPECS[code].price, 1)
        return max(1, min(20, round(share * self.rng.uniform(0.5, 1.2))))

    def _add(self, **kwargs) -> OrderPlan:
        order = OrderPlan(order_no=self._number(kwargs["ordered_at"]), **kwargs)
        self.orders.append(order)
        return order

    def _chain(self, code: str, months: int, quantity: int, effective: dt.datetime, *, renew_rate: float,
               first_amount: Decimal | None = None, keep: bool = False) -> None:
        resources = self._resources(code, min(quantity, self.rng.randint(1, 3)))
        previous = None
        ordered = effective - dt.timedelta(minutes=self.rng.randint(2, 30))
        while True:
            expires = add_months(effective, months)
            amount = first_amount if previous is None and first_amount else self._price(code, months, quantity)
            previous = self._add(product=code, billing_mode=PERIODIC,
                                 order_type=Order.OrderType.RENEW if previous else Order.OrderType.NEW,
                                 amount=amount, ordered_at=ordered, effective_at=effective, expires_at=expires,
                                 resource_ids=list(resources), renews=previous.order_no if previous else "",
                                 keep_status=keep)
            if previous.order_type == Order.OrderType.NEW and self.rng.random() < 0.15:
                self._change(previous)
            ordered = expires - dt.timedelta(days=self.rng.randint(1, 12), hours=self.rng.randint(0, 9))
            if ordered > self.now or self.rng.random() > renew_rate:
                return
            effective = expires
            keep = False

    def _change(self, order: OrderPlan) -> None:
        at = order.effective_at + dt.timedelta(days=self.rng.randint(10, 60), hours=self.rng.randint(0, 8))
        if at >= min(self.now, order.expires_at):
            return
        self._add(product=order.product, billing_mode=PERIODIC, order_type=Order.OrderType.CHANGE,
                  amount=money(self.rng.uniform(300, 6000)), ordered_at=at, effective_at=at,
                  expires_at=order.expires_at, resource_ids=list(order.resource_ids))

    def _subscription(self, code: str) -> None:
        months = self.rng.choices((1, 3, 6, 12), weights=(2, 2, 1, 5))[0]
        earliest = self.window_start if months > 1 else max(self.window_start, add_months(self.today, -4))
        effective = self._random_moment(earliest, self.today - dt.timedelta(days=1))
        self._chain(code, months, self._quantity(code), effective, renew_rate=0.88)

    def _expiring_yearly(self) -> None:
        """A yearly order (≥ 5 000 yuan) bought in this month last year: it expires this month."""
        last_day = calendar.monthrange(self.today.year, self.today.month)[1]
        day = self.today.replace(day=self.rng.randint(1, last_day))
        if self.customer.index % 2 == 0 and self.today.day < last_day:  # half of them still ahead
            day = self.today.replace(day=self.rng.randint(self.today.day + 1, last_day))
        effective = aware(add_months(day, -12), self.rng.randint(9, 18), self.rng.randint(0, 59))
        code = self.rng.choice(BIG_YEARLY)
        amount = money(self.rng.uniform(5200, 78000))
        self._chain(code, 12, self._quantity(code), effective, renew_rate=0.4, first_amount=amount, keep=True)

    def _single(self, code: str, mode: str, amount: Decimal) -> None:
        at = self._random_moment(self.window_start, self.today)
        self._add(product=code, billing_mode=mode, order_type=Order.OrderType.NEW, amount=amount, ordered_at=at,
                  effective_at=at + dt.timedelta(minutes=self.rng.randint(1, 5)), expires_at=None,
                  resource_ids=self._resources(code, 1))

    def _statuses(self) -> None:
        renewed = {order.renews for order in self.orders if order.renews}
        for order in self.orders:
            if order.keep_status or order.order_no in renewed or order.order_type == Order.OrderType.CHANGE:
                continue
            roll = self.rng.random()
            if order.ordered_at > self.now - dt.timedelta(days=3) and roll < 0.35:
                order.status = Order.Status.PENDING_PAYMENT
            elif roll < 0.04:
                order.status = Order.Status.CANCELLED
            elif roll < 0.07 and order.billing_mode == PERIODIC:
                order.status = Order.Status.UNSUBSCRIBED


# Consumption ------------------------------------------------------------------------------------------------


def cycle_lines(customer: CustomerSpec, cycle: dt.date) -> list[tuple]:
    """(n, product code, billing mode, amount) of one customer's bill cycle; depends only on the customer and
    the cycle, so a run on another day reproduces (and skips) the same lines."""
    first_cycle = month_start(customer.associated_on)
    if customer.associated_on.day > 20:
        first_cycle = add_months(first_cycle, 1)
    if cycle < first_cycle:
        return []
    rng = random.Random(f"{SEED}:{customer.customer_id}:{cycle:%Y%m}")
    portfolio = list(customer.portfolio)
    chosen = rng.sample(portfolio, rng.randint(1, min(4, len(portfolio))))
    growth = 1 + 0.012 * ((cycle.year - 2024) * 12 + cycle.month)
    ramp = min(1.0, 0.45 + 0.3 * ((cycle.year - first_cycle.year) * 12 + cycle.month - first_cycle.month))
    total = float(customer.budget) * growth * ramp * rng.uniform(0.82, 1.2)
    weight_sum = sum(weight for _code, weight in chosen)
    lines = []
    for n, (code, weight) in enumerate(chosen, start=1):
        amount = max(5.0, total * weight / weight_sum * rng.uniform(0.8, 1.2))
        lines.append((n, code, PRODUCT_SPECS[code].mode, money(amount)))
    periodic = [code for code, _w in chosen if PRODUCT_SPECS[code].mode == PERIODIC]
    if periodic and rng.random() < 0.06:  # an unsubscribed resource refunded
        refund = -rng.uniform(60, min(3000.0, max(120.0, total * 0.25)))
        lines.append((len(lines) + 1, rng.choice(periodic), PERIODIC, money(refund)))
    return lines


# The builder ------------------------------------------------------------------------------------------------
