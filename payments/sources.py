"""What can be paid: the one interface between the payment requests and the wings whose money they pay out.

Every payable thing (a period incentive bill, a confirmed opportunity incentive, an FH quarter, a delivery-support
project's subsidy, an MDF claim) is a *source*. Its wing registers one `PayableSource` for its model, usually from
its AppConfig.ready():

    from payments import sources
    sources.register(MyBillSource())

and payments never imports the wing. The payment request stores (source kind, source pk) plus the amount and
payee frozen at submission; it calls back into the source at the points below, always inside the transaction of
the payment request's own transition and with the source row already locked by `lock()`.

    kind            stable key stored on the payment request ("incentive_bill", "opportunity_incentive", ...)
    label           what the partner reads ("激励账单", "机会点激励", "FH季度激励", ...)
    model           the source's model (partner-scoped)
    payable(obj)    -> Payable: amount to pay (Decimal, 2 places) frozen at the source's confirmation,
                       title and detail url for lists and the detail page
    blockers(obj)   -> list[str]: the source's own reasons it cannot be paid right now (period not confirmed,
                       a month still in 初审, ...); the payment pre-flight adds the platform's (商业信息认证,
                       account name, amount > 0) and shows all of them with what to do
    on_requested(obj, payment, actor)  the payment request was submitted: move the source to its 申付中 state
    on_paid(obj, payment, actor)       paid: the source is done (已发放 / 激励已完成)
    on_released(obj, payment, actor)   the request was finally rejected or withdrawn: the source is payable again

What payments expects of a source's model: a `partner` foreign key (the payee; the request is scoped by it), a
manager with `for_user()` (the model is @scoped) and `get_absolute_url()`. `blockers()` may also return
`payments.readiness.Blocker(message, action, url)` objects instead of strings, to tell the partner what to do.
Pages of a source show `{% load payments %}{% payment_panel obj %}`; lists of its requests link to
`{% url 'payments:request-list' %}?kind=<kind>`, and `payments.selectors.requests_for_kind(user, kind)` reads them.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Protocol

from django.db import models


@dataclass(frozen=True)
class Payable:
    amount: Decimal
    title: str
    url: str


class PayableSource(Protocol):
    kind: str
    label: str
    model: type[models.Model]

    def payable(self, obj) -> Payable: ...

    def blockers(self, obj) -> list[str]: ...

    def on_requested(self, obj, payment, actor) -> None: ...

    def on_paid(self, obj, payment, actor) -> None: ...

    def on_released(self, obj, payment, actor) -> None: ...


_BY_KIND: dict[str, PayableSource] = {}


def register(source: PayableSource) -> PayableSource:
    existing = _BY_KIND.get(source.kind)
    if existing is not None and type(existing) is not type(source):
        raise ValueError(f"payable source kind {source.kind!r} is registered twice")
    _BY_KIND[source.kind] = source
    return source


def get(kind: str) -> PayableSource:
    return _BY_KIND[kind]


def for_object(obj) -> PayableSource:
    for source in _BY_KIND.values():
        if isinstance(obj, source.model):
            return source
    raise LookupError(f"{type(obj).__name__} is not a registered payable source")


def all_sources() -> list[PayableSource]:
    return list(_BY_KIND.values())


def lock(obj):
    """The source row again, locked FOR UPDATE (call inside transaction.atomic)."""
    return type(obj).objects.select_for_update().get(pk=obj.pk)
