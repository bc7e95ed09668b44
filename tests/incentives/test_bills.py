"""Bill workflow: the graph, confirm, 问题反馈 with a working-day SLA, answers as traceable adjustment lines."""
from decimal import Decimal

import pytest
from django.urls import reverse

from incentives.models import IncentiveDetail, Reason, ReconciliationBill
from incentives.services import bill_answer, bill_confirm, bill_dispute, bill_pay, bill_publish
from partnercenter.workflow.machine import TransitionNotAllowed
from partnercenter.workflow.models import Deadline

from .helpers import PERIOD, consumption, generate, policy

pytestmark = pytest.mark.django_db
S = ReconciliationBill.Status


def test_the_whole_graph():
    assert ReconciliationBill.workflow.graph() == {
        S.ESTIMATED: {S.PENDING}, S.PENDING: {S.PAYING, S.DISPUTED}, S.DISPUTED: {S.PENDING}, S.PAYING: {S.PAID},
    }


@pytest.fixture
def bill(partner_a, django_capture_on_commit_callbacks):
    policy()
    consumption(partner_a, amount="1000.00")
    generate(capture=django_capture_on_commit_callbacks)
    bill = ReconciliationBill.objects.get(partner=partner_a, period=PERIOD)
    return bill_publish(bill_id=bill.pk)


def test_publish_opens_a_partner_clock_that_auto_confirms(bill):
    deadline = Deadline.objects.for_subject(bill).open().get()
    assert deadline.owner == "partner" and deadline.on_expire == "confirm" and deadline.working_days == 5


def test_dispute_on_a_line_then_answer_with_adjustment(bill, alice, operator):
    line = bill.details.get()
    dispute = bill_dispute(bill_id=bill.pk, actor=alice, comment="金额不对", detail_id=line.pk)
    bill.refresh_from_db()
    assert bill.status == S.DISPUTED
    vendor_clock = Deadline.objects.for_subject(bill).open().get()
    assert vendor_clock.owner == "vendor" and vendor_clock.working_days == 3
    bill_answer(dispute_id=dispute.pk, actor=operator, answer="补发 12.34 元", adjustment=Decimal("12.34"))
    bill.refresh_from_db()
    assert bill.status == S.PENDING and bill.incentive_amount == Decimal("112.34") and bill.line_count == 2
    adjustment = IncentiveDetail.objects.get(dispute=dispute)
    assert adjustment.reason == Reason.DISPUTE and adjustment.amount == Decimal("12.34")
    line.refresh_from_db()
    assert line.amount == Decimal("100.00")  # never edited


def test_confirm_and_pay(bill, alice, operator, partner_a, bob):
    bill_confirm(bill_id=bill.pk, actor=alice)
    with pytest.raises(TransitionNotAllowed):
        bill_confirm(bill_id=bill.pk, actor=alice)
    with pytest.raises(TransitionNotAllowed, match="付款申请"):
        bill_pay(bill_id=bill.pk, actor=operator)  # only a payment request pays a bill: no second payout path
    bill.refresh_from_db()
    assert bill.status == S.PAYING and bill.paid_at is None


def test_the_bill_page_offers_no_direct_payout(bill, alice, client_operator):
    bill_confirm(bill_id=bill.pk, actor=alice)
    page = client_operator.get(bill.get_absolute_url()).content.decode()
    assert "标记已发放" not in page
    assert "申请付款" in page or "付款申请" in page  # the payment panel says how it gets paid


def test_dispute_needs_a_comment_and_a_line_of_the_bill(bill, alice, client_alice):
    response = client_alice.post(reverse("incentives:bill-dispute", args=[bill.pk]), {"comment": ""}, follow=True)
    assert response.status_code == 200
    bill.refresh_from_db()
    assert bill.status == S.PENDING


def test_partner_confirms_through_the_page(bill, client_alice):
    response = client_alice.post(reverse("incentives:bill-confirm", args=[bill.pk]), follow=True)
    assert "已确认" in response.content.decode()
    bill.refresh_from_db()
    assert bill.status == S.PAYING and bill.confirmed_by.username == "alice"
    page = client_alice.get(bill.get_absolute_url()).content.decode()
    assert "确认账单" in page  # timeline shows the transition


def test_line_dispute_from_the_detail_page(bill, client_alice):
    line = bill.details.get()
    page = client_alice.get(line.get_absolute_url()).content.decode()
    assert f'data-dialog-open="dispute-{bill.pk}-{line.pk}"' in page
    client_alice.post(reverse("incentives:bill-dispute", args=[bill.pk]), {"comment": "这条不对", "detail": line.pk})
    assert bill.disputes.get().detail == line


def test_line_of_another_bill_is_refused(bill, alice, partner_b, django_capture_on_commit_callbacks):
    from django.core.exceptions import ValidationError

    consumption(partner_b)
    generate(capture=django_capture_on_commit_callbacks)
    foreign = IncentiveDetail.objects.get(partner=partner_b)
    with pytest.raises(ValidationError):
        bill_dispute(bill_id=bill.pk, actor=alice, comment="x", detail_id=foreign.pk)
    bill.refresh_from_db()
    assert bill.status == S.PENDING


def test_bill_totals_are_its_lines_to_the_fen(partner_a, alice, operator, django_capture_on_commit_callbacks):
    """The bill's copy of its totals (from the period totals on PostgreSQL) equals its lines summed, after a run
    with eligible, ineligible, refunded and frozen-by-blocker lines and a dispute adjustment."""
    from django.db.models import Count, Sum

    policy()
    for amount in ("1000.00", "333.33", "-120.05", "0.01"):
        consumption(partner_a, amount=amount)
    generate(capture=django_capture_on_commit_callbacks)
    bill = bill_publish(bill_id=ReconciliationBill.objects.get(partner=partner_a, period=PERIOD).pk)
    dispute = bill_dispute(bill_id=bill.pk, actor=alice, comment="少算了", detail_id=bill.details.first().pk)
    bill_answer(dispute_id=dispute.pk, actor=operator, answer="补发", adjustment=Decimal("0.07"))
    bill.refresh_from_db()
    lines = IncentiveDetail.objects.filter(bill=bill).aggregate(
        consumption=Sum("consumption_amount"), incentive=Sum("amount"), lines=Count("pk"))
    assert (bill.consumption_amount, bill.incentive_amount, bill.line_count) == (
        lines["consumption"], lines["incentive"], lines["lines"]) and lines["lines"] == 5
