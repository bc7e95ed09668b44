"""The incentive calculation as a pure function: inputs + the policies in force → a receipt.

No database access here: the monthly job feeds it plain values and stores its result on each line; the detail
page calls it again with the line's stored inputs to show the receipt (inputs, rule, formula, conclusion).
"""
import calendar
import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext as _

from .models.details import Reason

CENT = Decimal("0.01")
ZERO = Decimal("0.00")
NO_REBATE_CODES = {"2", "13"}


def money(value: Decimal) -> Decimal:
    """Round one line to the fen, half up (totals are sums of rounded lines)."""
    return Decimal(value).quantize(CENT, rounding=ROUND_HALF_UP)


def month_end(day: dt.date) -> dt.date:
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


@dataclass(frozen=True)
class Inputs:
    amount: Decimal
    bill_cycle: dt.date
    period: dt.date
    product_id: int | None
    service_type_id: int | None
    product_policy_code: str
    billing_mode: str
    association_type: str
    customer_kind: int | None
    associated_on: dt.date | None


@dataclass(frozen=True)
class Receipt:
    reason: str
    eligible_base: Decimal
    rate: Decimal
    amount: Decimal
    policy: object | None = None

    @property
    def is_zero_or_negative(self) -> bool:
        return self.amount <= 0

    def formula(self) -> str:
        return _("%(base)s × %(rate)s = %(amount)s（按行四舍五入到分）") % {
            "base": self.eligible_base, "rate": self.rate, "amount": self.amount}

    def explanation(self) -> str:
        return str(Reason(self.reason).label)


def _matches(policy, inputs: Inputs) -> bool:
    return ((policy.product_id is None or policy.product_id == inputs.product_id)
            and (policy.service_type_id is None or policy.service_type_id == inputs.service_type_id)
            and (not policy.billing_mode or policy.billing_mode == inputs.billing_mode)
            and (not policy.association_type or policy.association_type == inputs.association_type)
            and (policy.customer_kind is None or policy.customer_kind == inputs.customer_kind)
            and policy.effective_from <= inputs.bill_cycle
            and (policy.effective_to is None or policy.effective_to >= inputs.bill_cycle))


def select_policy(policies, inputs: Inputs):
    """The most specific policy in force on the consumption's bill cycle; the latest version breaks ties."""
    candidates = [p for p in policies if _matches(p, inputs)]
    if not candidates:
        return None
    return max(candidates, key=lambda p: (p.specificity, p.effective_from, p.version, p.pk or 0))


def calculate(inputs: Inputs, policies) -> Receipt:
    """Apply the rules in order; the first that decides gives the line its reason."""
    def zero(reason, policy=None, rate=ZERO):
        return Receipt(reason=reason, eligible_base=ZERO, rate=rate, amount=ZERO, policy=policy)

    if inputs.associated_on is None or inputs.associated_on > month_end(inputs.bill_cycle):
        return zero(Reason.NOT_ASSOCIATED)
    if inputs.associated_on > inputs.bill_cycle:
        return zero(Reason.NEXT_MONTH)
    policy = select_policy(policies, inputs)
    if policy is None:
        return zero(Reason.NO_POLICY)
    if inputs.product_policy_code in NO_REBATE_CODES or policy.policy_code in NO_REBATE_CODES:
        return zero(Reason.INELIGIBLE, policy, ZERO)
    base = money(inputs.amount)
    amount = money(base * policy.rate)
    if base < 0:
        reason = Reason.REFUND
    elif inputs.bill_cycle < inputs.period:
        reason = Reason.LATE
    else:
        reason = Reason.NORMAL
    return Receipt(reason=reason, eligible_base=base, rate=policy.rate, amount=amount, policy=policy)
