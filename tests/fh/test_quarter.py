"""Quarterly payment (spec A.7): each blocker alone and all together, the pre-flight page, the payable source."""
import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from incentives.fh import services
from incentives.fh.models import FhQuarter, MonthlyIncentive
from incentives.fh.payable import SOURCE
from incentives.fh.selectors import quarter_blockers, quarter_can_request, quarter_preflight
from partnercenter.workflow.machine import TransitionNotAllowed
from payments import sources
from tests.builders import certify_business_info, verify_real_name
from tests.fh.helpers import confirmed, generate, on_day, staffed

pytestmark = pytest.mark.django_db

IN_REVIEW = "本季度存在初审中的月度激励，暂不可申请付款"
NONE_APPROVED = "本季度无初审通过的月度激励"
TOTAL_ZERO = "本季度激励总额为0"
NOT_CERTIFIED = "未完成商业信息认证"
# 2026 Q3: July, August, September, each listed on the next month's first working day.
MONTHS = ((dt.date(2026, 7, 1), dt.date(2026, 8, 3)), (dt.date(2026, 8, 1), dt.date(2026, 9, 1)),
          (dt.date(2026, 9, 1), dt.date(2026, 10, 8)))


def quarter_with(main, operator, statuses, *, certified=True):
    """Q3 2026 with one monthly list per given status ("approved", "in_review", "pending", "rejected")."""
    if certified:
        verify_real_name(main.partner, main, operator)
        certify_business_info(main.partner, main, operator)
    with on_day(dt.date(2026, 7, 6)):
        staffed(main, operator)
    for (month, day), status in zip(MONTHS, statuses, strict=False):
        generate(month=month, day=day)
        incentive = MonthlyIncentive.objects.get(partner=main.partner, month=month)
        if status != "pending":
            confirmed(main, incentive)
        if status == "approved":
            services.incentive_approve(actor=operator, incentive_id=incentive.pk)
        elif status == "rejected":
            services.incentive_reject(actor=operator, incentive_id=incentive.pk, comment="材料不清晰")
    return FhQuarter.objects.get(partner=main.partner, year=2026, quarter=3)


def test_nothing_blocks_when_every_condition_holds(alice, operator):
    quarter = quarter_with(alice, operator, ["approved", "approved", "rejected"])
    assert quarter_blockers(quarter) == [] and SOURCE.blockers(quarter) == []
    assert quarter_can_request(quarter)
    assert SOURCE.payable(quarter).amount == Decimal("16000.00")  # 2 × 8000 (senior); the rejected month not


def test_business_information_not_certified_alone(alice, operator):
    quarter = quarter_with(alice, operator, ["approved"], certified=False)
    assert quarter_blockers(quarter) == []  # FH's own rules are met
    first = quarter_preflight(quarter)[0]
    assert not first.ok and NOT_CERTIFIED in first.blocker and first.url == reverse("partners:businessinfo")
    assert not quarter_can_request(quarter)


def test_a_month_still_in_initial_review_alone(alice, operator):
    quarter = quarter_with(alice, operator, ["approved", "in_review"])
    assert quarter_blockers(quarter) == [IN_REVIEW]
    check = next(c for c in quarter_preflight(quarter) if not c.ok)
    assert check.current == "2026-08" and "3个工作日" in check.todo


def test_no_month_passed_initial_review(alice, operator):
    # Without an approved month the quarter's total is 0 as well: both say so.
    quarter = quarter_with(alice, operator, ["pending", "rejected"])
    assert quarter_blockers(quarter) == [NONE_APPROVED, TOTAL_ZERO]


def test_quarter_total_zero_alone(alice, operator):
    quarter = quarter_with(alice, operator, ["approved"])
    # A list whose amount came to zero (e.g. every person's amount adjusted away) passes 初审 but pays nothing.
    MonthlyIncentive.objects.filter(partner=alice.partner).update(amount=Decimal("0.00"))
    assert quarter_blockers(quarter) == [TOTAL_ZERO]


def test_all_blockers_together(alice, operator):
    quarter = quarter_with(alice, operator, ["in_review", "pending"], certified=False)
    assert quarter_blockers(quarter) == [IN_REVIEW, NONE_APPROVED, TOTAL_ZERO]
    assert [c.ok for c in quarter_preflight(quarter)] == [False, False, False, False]


def test_preflight_page_names_each_blocker_and_what_to_do(client_alice, alice, operator):
    quarter = quarter_with(alice, operator, ["in_review", "pending"], certified=False)
    page = client_alice.get(quarter.get_absolute_url()).content.decode()
    for text in (IN_REVIEW, NONE_APPROVED, TOTAL_ZERO, NOT_CERTIFIED, "前往商业信息认证", "暂不可申请付款"):
        assert text in page
    listing = client_alice.get(reverse("incentives:fh-quarter-list")).content.decode()
    assert "2026年第3季度" in listing


def test_payable_source_lifecycle_freezes_the_amount(alice, operator):
    assert sources.get("fh_quarter") is SOURCE
    quarter = quarter_with(alice, operator, ["approved", "rejected"])
    assert sources.for_object(quarter) is SOURCE
    SOURCE.on_requested(quarter, None, alice)
    quarter.refresh_from_db()
    assert quarter.status == "requested" and quarter.requested_amount == Decimal("8000.00")
    assert SOURCE.blockers(quarter) == ["本季度已申请付款"]
    # the rejected month can no longer be re-confirmed into a quarter being paid
    rejected = MonthlyIncentive.objects.get(status="rejected")
    with pytest.raises(TransitionNotAllowed, match="本季度已申请付款"):
        services.incentive_confirm(actor=alice, incentive_id=rejected.pk)
    SOURCE.on_released(quarter, None, operator)
    quarter.refresh_from_db()
    assert quarter.status == "open" and quarter.requested_amount is None
    SOURCE.on_requested(quarter, None, alice)
    SOURCE.on_paid(quarter, None, operator)
    quarter.refresh_from_db()
    assert quarter.status == "paid" and SOURCE.payable(quarter).amount == Decimal("8000.00")


def test_the_payment_request_meets_the_quarter(alice, operator):
    """The hand-off with the payments wing: 申请付款 on the quarter creates the request, submitting it moves the
    quarter to 付款申请中 with its amount frozen, a final rejection makes it payable again."""
    from payments.services import requests as payment_services

    quarter = quarter_with(alice, operator, ["approved", "approved", "pending"])
    payment, created = payment_services.payment_request_start(kind="fh_quarter", source_id=quarter.pk, actor=alice)
    assert created and payment.amount == Decimal("16000.00")
    payment_services.payment_request_submit(request_id=payment.pk, actor=alice, payout_method="bank")
    quarter.refresh_from_db()
    assert quarter.status == "requested" and quarter.requested_amount == Decimal("16000.00")
    payment_services.payment_request_reject(request_id=payment.pk, actor=operator, comment="请核对金额")
    quarter.refresh_from_db()
    assert quarter.status == "open" and quarter.requested_amount is None


def test_request_is_refused_when_a_month_entered_review_meanwhile(alice, operator):
    quarter = quarter_with(alice, operator, ["approved", "pending"])
    pending = MonthlyIncentive.objects.get(status="pending")
    confirmed(alice, pending)  # now 初审中
    with pytest.raises(TransitionNotAllowed, match="初审中"):
        SOURCE.on_requested(quarter, None, alice)
    quarter.refresh_from_db()
    assert quarter.status == "open"
