"""The pure calculation: policy selection, rounding, and every zero/negative reason on the receipt."""
import datetime as dt
from decimal import Decimal

import pytest

from incentives.calculation import Inputs, calculate, select_policy
from incentives.models import IncentivePolicy, Reason

PERIOD = dt.date(2026, 10, 1)


def inputs(**kwargs):
    values = dict(amount=Decimal("1000.00"), bill_cycle=PERIOD, period=PERIOD, product_id=7, service_type_id=3,
                  product_policy_code="0", billing_mode="on_demand", association_type="2", customer_kind=1,
                  associated_on=dt.date(2025, 1, 1))
    values.update(kwargs)
    return Inputs(**values)


def pol(pk=1, **kwargs):
    values = dict(pk=pk, name="p", version=1, rate=Decimal("0.1000"), effective_from=dt.date(2025, 1, 1),
                  policy_code="0")
    values.update(kwargs)
    return IncentivePolicy(**values)


def test_normal_line_rounds_half_up_to_the_fen():
    receipt = calculate(inputs(amount=Decimal("10.05")), [pol(rate=Decimal("0.0500"))])
    assert receipt.reason == Reason.NORMAL
    assert receipt.amount == Decimal("0.50")  # 0.5025 → 0.50
    receipt = calculate(inputs(amount=Decimal("10.10")), [pol(rate=Decimal("0.0500"))])
    assert receipt.amount == Decimal("0.51")  # 0.505 → 0.51 (half up)


def test_most_specific_policy_wins_and_versions_by_date():
    generic = pol(1, rate=Decimal("0.1000"))
    for_product = pol(2, product_id=7, rate=Decimal("0.2000"))
    old = pol(3, product_id=7, rate=Decimal("0.3000"), effective_to=dt.date(2026, 6, 30))
    assert select_policy([generic, for_product, old], inputs()) is for_product
    assert select_policy([generic, for_product, old], inputs(bill_cycle=dt.date(2026, 5, 1))) in (for_product, old)
    assert select_policy([pol(4, effective_from=dt.date(2027, 1, 1))], inputs()) is None


@pytest.mark.parametrize(("case", "expected_reason", "sign"), [
    ({"product_policy_code": "2"}, Reason.INELIGIBLE, 0),
    ({"product_policy_code": "13"}, Reason.INELIGIBLE, 0),
    ({"associated_on": None}, Reason.NOT_ASSOCIATED, 0),
    ({"associated_on": dt.date(2026, 11, 3)}, Reason.NOT_ASSOCIATED, 0),
    ({"associated_on": dt.date(2026, 10, 15)}, Reason.NEXT_MONTH, 0),
    ({"amount": Decimal("-200.00")}, Reason.REFUND, -1),
    ({"bill_cycle": dt.date(2026, 9, 1)}, Reason.LATE, 1),
])
def test_each_reason(case, expected_reason, sign):
    receipt = calculate(inputs(**case), [pol()])
    assert receipt.reason == expected_reason
    assert (receipt.amount > 0) - (receipt.amount < 0) == sign
    assert receipt.explanation()


def test_no_policy_and_policy_code_without_rebate():
    assert calculate(inputs(), []).reason == Reason.NO_POLICY
    receipt = calculate(inputs(), [pol(policy_code="13")])
    assert receipt.reason == Reason.INELIGIBLE and receipt.amount == 0
