"""The summary table behind the 激励明细 totals: kept by PostgreSQL triggers through every kind of write, and the
page's totals equal the lines' own sums for every filter, whether they come from the summary or from the lines."""
import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.db.models import Count, Sum
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from incentives.models import DetailTotal, IncentiveDetail, ReconciliationBill
from incentives.services import bill_answer, bill_dispute, bill_publish, detail_unfreeze
from tests.builders import certify_business_info, verify_real_name

from .helpers import PERIOD, consumption, generate, policy

pytestmark = [pytest.mark.django_db,
              pytest.mark.skipif("connection.vendor != 'postgresql'", reason="the triggers are PostgreSQL's")]


def by_key_from_lines():
    rows = (IncentiveDetail.objects.order_by().values("partner_id", "period", "status")
            .annotate(n=Count("pk"), c=Sum("consumption_amount"), b=Sum("eligible_base"), i=Sum("amount")))
    return {(r["partner_id"], r["period"], r["status"]): (r["n"], r["c"], r["b"], r["i"]) for r in rows}


def by_key_from_summary():
    return {(t.partner_id, t.period, t.status): (t.lines, t.consumption, t.base, t.incentive)
            for t in DetailTotal.objects.exclude(lines=0)}


@pytest.fixture
def world(partner_a, partner_b, django_capture_on_commit_callbacks):
    policy()
    for amount in ("1000.00", "-100.00", "333.33", "0.07"):
        consumption(partner_a, amount=amount)
    consumption(partner_a, amount="250.00", cycle=dt.date(2026, 9, 1))  # late: counted into this period
    consumption(partner_b, amount="50.00")
    generate(capture=django_capture_on_commit_callbacks)  # partner A is uncertified: its lines are frozen
    return ReconciliationBill.objects.get(partner=partner_a, period=PERIOD)


def test_generation_adjustments_unfreeze_payout_and_deletes_keep_the_summary_exact(
        world, partner_a, alice, operator, django_capture_on_commit_callbacks):
    assert by_key_from_summary() == by_key_from_lines() != {}
    # 解冻 one line (UPDATE of one row)
    line = IncentiveDetail.objects.filter(partner=partner_a).order_by("pk").first()
    detail_unfreeze(detail_id=line.pk, actor=operator, reason="材料已核实")
    assert by_key_from_summary() == by_key_from_lines()
    # a 问题反馈 answered with an adjustment line (INSERT of one row)
    bill_publish(bill_id=world.pk)
    dispute = bill_dispute(bill_id=world.pk, actor=alice, comment="少算了", detail_id=line.pk)
    bill_answer(dispute_id=dispute.pk, actor=operator, answer="补发", adjustment=Decimal("12.34"))
    assert by_key_from_summary() == by_key_from_lines()
    # a set-based payout (one UPDATE of many rows, as bill_pay does)
    IncentiveDetail.objects.filter(partner=partner_a, status=IncentiveDetail.Status.FROZEN).update(
        status=IncentiveDetail.Status.NORMAL)
    IncentiveDetail.objects.filter(partner=partner_a, status=IncentiveDetail.Status.NORMAL).update(
        status=IncentiveDetail.Status.PAID)
    assert by_key_from_summary() == by_key_from_lines()
    # changed consumption: the rerun's adjustment revision; then deletes
    verify_real_name(partner_a, alice, operator)
    certify_business_info(partner_a, alice, operator)
    consumption(partner_a, amount="99.99")
    ReconciliationBill.objects.filter(pk=world.pk).update(status=ReconciliationBill.Status.ESTIMATED)
    generate(capture=django_capture_on_commit_callbacks)
    assert by_key_from_summary() == by_key_from_lines()
    IncentiveDetail.objects.filter(partner=partner_a, amount__lt=0).delete()
    assert by_key_from_summary() == by_key_from_lines()


FILTERS = [{}, {"period": "202610"}, {"period": "202610", "status": "frozen"}, {"status": "normal"},
           {"year": "2026"}, {"period": "202610", "customer_name": "客户"}, {"period": "202610", "sort": "-amount"},
           {"status": "paid"}]


@pytest.mark.parametrize("params", FILTERS)
def test_page_totals_equal_the_lines_sums_for_every_filter(world, client_alice, params):
    response = client_alice.get(reverse("incentives:detail-list"), params)
    assert response.status_code == 200
    lines = IncentiveDetail.objects.filter(partner=world.partner)
    for key, value in params.items():
        if key == "period":
            lines = lines.filter(period=dt.date(int(value[:4]), int(value[4:]), 1))
        elif key == "year":
            lines = lines.filter(year=int(value))
        elif key == "customer_name":
            lines = lines.filter(customer_name__icontains=value)
        elif key != "sort":
            lines = lines.filter(**{key: value})
    expected = lines.totals()
    totals = response.context["totals"]
    if expected["lines"] == 0:
        assert totals is None
    else:
        assert totals == expected


def test_period_and_status_filters_read_the_summary_not_the_lines(world, client_alice):
    url = reverse("incentives:detail-list")
    with CaptureQueriesContext(connection) as ctx:
        response = client_alice.get(url, {"period": "202610", "status": "frozen"})
    assert response.context["totals"]["lines"] > 0
    assert not [q for q in ctx.captured_queries if "SUM(" in q["sql"]]  # summed from the summary rows read once
    summary = [q["sql"] for q in ctx.captured_queries if '"incentives_detailtotal"' in q["sql"]]
    assert len(summary) == 1  # the 对账期次 dropdown and the totals share it
    assert not [q for q in ctx.captured_queries if '"incentives_reconciliationbill"' in q["sql"]]
    with CaptureQueriesContext(connection) as ctx:
        client_alice.get(url, {"period": "202610", "customer_name": "客户"})
    sums = [q["sql"] for q in ctx.captured_queries if "SUM(" in q["sql"]]
    assert sums and all('"incentives_incentivedetail"' in sql for sql in sums)


def test_partner_totals_never_include_another_partners_lines(world, partner_b, client_alice):
    response = client_alice.get(reverse("incentives:detail-list"), {"period": "202610"})
    mine = IncentiveDetail.objects.filter(partner=world.partner, period=PERIOD).totals()
    assert response.context["totals"] == mine
    assert DetailTotal.objects.filter(partner=partner_b).exists()


def test_a_filter_the_summary_says_has_no_lines_does_not_look_for_lines(world, client_alice):
    """A status none of the period's lines has: the page answers from the summary alone, without walking the
    period's lines (only the 'has this partner any lines at all' check touches the details table)."""
    url = reverse("incentives:detail-list")
    assert not IncentiveDetail.objects.filter(partner=world.partner, status="paid").exists()
    with CaptureQueriesContext(connection) as ctx:
        response = client_alice.get(url, {"period": "202610", "status": "paid"})
    assert response.status_code == 200 and response.context["totals"] is None
    assert "没有符合条件的激励明细" in response.content.decode()
    reads = [q["sql"] for q in ctx.captured_queries if '"incentives_incentivedetail"' in q["sql"]]
    assert len(reads) == 1 and "LIMIT 1" in reads[0] and "ORDER BY" not in reads[0]
    # the same filter with lines reads them as usual
    response = client_alice.get(url, {"period": "202610", "status": "frozen"})
    assert len(response.context["object_list"]) == IncentiveDetail.objects.filter(
        partner=world.partner, period=PERIOD, status="frozen").count() > 0
