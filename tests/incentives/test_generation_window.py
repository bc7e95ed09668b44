"""After a partner's first run, the monthly job reads only what can have changed: consumption lines, customers and
products changed since shortly before the last read, and bill cycles the last run did not cover; a policy added
or changed makes it read the whole lookback again. Changes made by queryset.update() or by hand count too (a
database trigger stamps updated_at). Here the last read is moved 3 days back and the inputs 5 days, so the 1-day
margin does not hide what is tested."""
import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection

from incentives.models import GenerationRun, GenerationRunPartner, IncentiveDetail, IncentivePolicy, Reason
from incentives.services.generation import generation_partner
from partnercenter.partners.models import ConsumptionLine, Customer, Product

from .helpers import PERIOD, consumption, policy

pytestmark = pytest.mark.django_db
OCTOBER, NOVEMBER = PERIOD, dt.date(2026, 11, 1)


def run(partner, period):
    generation = GenerationRun.objects.create(period=period, partners_total=1)
    return generation_partner(run_id=generation.pk, partner_id=partner.pk)


def age_everything():
    """As if the last run were three days old and every input older than that."""
    with connection.cursor() as cursor:
        for table in ("partners_consumptionline", "partners_customer", "partners_product",
                      "incentives_incentivepolicy"):
            cursor.execute(f"UPDATE {table} SET updated_at = updated_at - interval '5 days'")  # noqa: S608
        cursor.execute("UPDATE incentives_generationrunpartner SET read_at = read_at - interval '3 days'")


@pytest.fixture
def october(partner_a):
    rule = policy()
    lines = [consumption(partner_a, amount="1000.00"), consumption(partner_a, amount="500.00"),
             consumption(partner_a, amount="200.00", cycle=dt.date(2026, 9, 1))]
    first = run(partner_a, OCTOBER)
    assert first["whole"] and first["source"] == 3 and first["added"] == 3
    age_everything()
    return {"lines": lines, "policy": rule}


def test_the_next_month_reads_only_its_new_lines(october, partner_a):
    november = [consumption(partner_a, amount="300.00", cycle=NOVEMBER),
                consumption(partner_a, amount="400.00", cycle=NOVEMBER, customer=october["lines"][0].customer)]
    stats = run(partner_a, NOVEMBER)
    assert not stats["whole"] and stats["source"] == 2 and (stats["added"], stats["adjustments"]) == (2, 0)
    assert set(IncentiveDetail.objects.filter(period=NOVEMBER).values_list("consumption_id", flat=True)) == {
        line.pk for line in november}
    entry = GenerationRunPartner.objects.filter(partner=partner_a).latest("read_at")
    assert entry.read_at is not None and entry.run.period == NOVEMBER


def test_a_late_line_for_an_old_cycle_is_read(october, partner_a):
    late = consumption(partner_a, amount="80.00", cycle=dt.date(2026, 8, 1))
    stats = run(partner_a, NOVEMBER)
    assert stats["source"] == 1 and stats["added"] == 1
    assert IncentiveDetail.objects.get(consumption=late).reason == Reason.LATE


def test_a_run_of_an_earlier_period_reads_the_cycles_the_last_run_did_not_cover(october, partner_a):
    """October's lookback starts a month before November's: a line of that month, unchanged since, was never
    in the last (November) run's window, so re-running October must still read it."""
    run(partner_a, NOVEMBER)
    known = october["lines"][0]  # a customer and a product unchanged since the last read
    oldest = consumption(partner_a, amount="60.00", cycle=dt.date(2025, 10, 1), customer=known.customer,
                         product=known.product)
    ConsumptionLine.objects.filter(pk=oldest.pk).update(updated_at=dt.datetime(2026, 9, 1, tzinfo=dt.UTC))
    stats = run(partner_a, OCTOBER)
    assert not stats["whole"] and stats["source"] == 1 and stats["added"] == 1
    assert IncentiveDetail.objects.filter(consumption=oldest, period=OCTOBER).count() == 1


def test_a_line_changed_by_a_bulk_update_is_read_and_adjusted(october, partner_a):
    line = october["lines"][0]
    ConsumptionLine.objects.filter(pk=line.pk).update(amount=Decimal("1200.00"))  # no save(): the trigger stamps it
    stats = run(partner_a, NOVEMBER)
    assert stats["source"] == 1 and (stats["added"], stats["adjustments"]) == (0, 1)
    adjustment = IncentiveDetail.objects.get(consumption=line, revision=1)
    assert adjustment.period == NOVEMBER and adjustment.amount == Decimal("20.00")


def test_a_customer_change_rereads_its_lines(october, partner_a):
    line = october["lines"][1]
    Customer.objects.filter(pk=line.customer_id).update(associated_on=dt.date(2026, 12, 15))
    stats = run(partner_a, NOVEMBER)
    assert stats["source"] == 1 and stats["adjustments"] == 1
    adjustment = IncentiveDetail.objects.get(consumption=line, revision=1)
    assert adjustment.amount == Decimal("-50.00")  # not associated at the time any more: the incentive is reversed


@pytest.mark.parametrize("change", ["edited", "added"])
def test_a_policy_change_rereads_the_whole_lookback(october, partner_a, change):
    if change == "edited":
        IncentivePolicy.objects.filter(pk=october["policy"].pk).update(rate=Decimal("0.2000"))
    else:
        policy(name="计算类专项", product=october["lines"][2].product, rate=Decimal("0.3000"))
    stats = run(partner_a, NOVEMBER)
    assert stats["whole"] and stats["source"] == 3
    assert stats["adjustments"] == (3 if change == "edited" else 1)


def test_a_product_change_rereads_its_lines(october, partner_a):
    line = october["lines"][2]
    Product.objects.filter(pk=line.product_id).update(
        incentive_policy=Product.IncentivePolicy.NO_PERFORMANCE_NO_REBATE)
    stats = run(partner_a, NOVEMBER)
    assert not stats["whole"] and stats["source"] == 1 and stats["adjustments"] == 1
    assert IncentiveDetail.objects.get(consumption=line, revision=1).amount == Decimal("-20.00")


def test_without_changes_a_rerun_reads_nothing_and_adds_nothing(october, partner_a):
    stats = run(partner_a, OCTOBER)
    assert not stats["whole"] and stats["source"] == 0 and stats["added"] + stats["adjustments"] == 0


def test_a_skipped_or_failed_partner_does_not_move_the_window(october, partner_a):
    GenerationRunPartner.objects.filter(partner=partner_a).update(read_at=None)  # e.g. the bill was already published
    stats = run(partner_a, NOVEMBER)
    assert stats["whole"]


@pytest.mark.parametrize("changed_only", [False, True])
def test_the_statement_is_planned_with_hash_joins(october, partner_a, changed_only):
    """At volume a nested loop here is quadratic (it was: a full re-read took minutes). The only loop left is the
    per-key policy lookup (LATERAL), which has no other plan."""
    import json

    from django.db import transaction

    from incentives.models import ReconciliationBill
    from incentives.services.generation import LOOKBACK_MONTHS, _months_before, planner_settings, statement

    params = {"partner": partner_a.pk, "period": NOVEMBER, "since": _months_before(NOVEMBER, LOOKBACK_MONTHS),
              "year": 2026, "bill": ReconciliationBill.objects.get(partner=partner_a).pk, "run": None, "frozen": "",
              "status": "normal", "changed": dt.datetime(2026, 10, 1, tzinfo=dt.UTC), "covered_from": OCTOBER,
              "covered_to": OCTOBER, "customers": [partner_a.pk], "products": [1]}

    def loops(node):
        found = []
        if node["Node Type"] == "Nested Loop" and "incentives_incentivepolicy" not in json.dumps(node):
            found.append(node)
        for child in node.get("Plans", []):
            found += loops(child)
        return found

    with transaction.atomic(), connection.cursor() as cursor:
        planner_settings(cursor, for_generation=True)
        arms = ("changed", "uncovered", "customers", "products") if changed_only else None
        cursor.execute("EXPLAIN (FORMAT JSON) " + statement(dry_run=False, arms=arms), params)
        plan = cursor.fetchone()[0][0]["Plan"]
        transaction.set_rollback(True)
    assert loops(plan) == []


def test_too_many_changed_customers_reread_the_whole_lookback(october, partner_a, monkeypatch):
    """Thousands of changed customers (a bulk import) are cheaper to cover by one read of the lookback than by
    probing each id."""
    from incentives.services import generation

    monkeypatch.setattr(generation, "CHANGED_LIMIT", 1)
    Customer.objects.filter(pk__in=[line.customer_id for line in october["lines"]]).update(level=Customer.Level.V2)
    stats = run(partner_a, NOVEMBER)
    assert stats["whole"] and stats["source"] == 3 and stats["added"] + stats["adjustments"] == 0
