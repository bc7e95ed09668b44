"""Monthly generation: set-based writes, idempotent reruns, adjustments, overlap refusal, dry run, beat gate."""
import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from incentives import tasks
from incentives.models import GenerationRun, IncentiveDetail, Reason, ReconciliationBill
from tests.builders import certify_business_info, verify_real_name

from .helpers import PERIOD, consumption, generate, policy

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(partner_a, partner_b):
    policy()
    lines = [consumption(partner_a, amount="1000.00"), consumption(partner_a, amount="-100.00"),
             consumption(partner_a, amount="333.33", cycle=dt.date(2026, 9, 1)),
             consumption(partner_b, amount="50.00")]
    return lines


def test_first_run_writes_lines_bills_and_ledger(world, partner_a, operator, django_capture_on_commit_callbacks):
    run = generate(actor=operator, capture=django_capture_on_commit_callbacks)
    assert run.status == GenerationRun.Status.SUCCEEDED
    assert (run.partners_total, run.partners_done, run.lines_added, run.adjustments_added) == (2, 2, 4, 0)
    assert run.amount_added == Decimal("100.00") + Decimal("-10.00") + Decimal("33.33") + Decimal("5.00")
    assert run.duration_ms is not None and run.started_by == operator
    bill = ReconciliationBill.objects.get(partner=partner_a, period=PERIOD)
    assert bill.status == ReconciliationBill.Status.ESTIMATED
    assert bill.incentive_amount == Decimal("123.33") and bill.line_count == 3
    reasons = set(bill.details.values_list("reason", flat=True))
    assert reasons == {Reason.NORMAL, Reason.REFUND, Reason.LATE}


def test_rerun_adds_nothing(world, django_capture_on_commit_callbacks):
    generate(capture=django_capture_on_commit_callbacks)
    before = list(IncentiveDetail.objects.order_by("pk").values_list("pk", "amount"))
    rerun = generate(capture=django_capture_on_commit_callbacks)
    assert (rerun.lines_added, rerun.adjustments_added, rerun.amount_added) == (0, 0, 0)
    assert list(IncentiveDetail.objects.order_by("pk").values_list("pk", "amount")) == before


def test_changed_input_adds_an_adjustment_line_never_an_edit(world, django_capture_on_commit_callbacks):
    generate(capture=django_capture_on_commit_callbacks)
    line = world[0]
    original = IncentiveDetail.objects.get(consumption=line)
    line.amount = Decimal("1200.00")
    line.save()
    rerun = generate(capture=django_capture_on_commit_callbacks)
    assert (rerun.lines_added, rerun.adjustments_added, rerun.amount_added) == (0, 1, Decimal("20.00"))
    adjustment = IncentiveDetail.objects.get(consumption=line, revision=1)
    assert adjustment.reason == Reason.ADJUSTMENT and adjustment.consumption_amount == Decimal("200.00")
    original.refresh_from_db()
    assert original.amount == Decimal("100.00")
    assert generate(capture=django_capture_on_commit_callbacks).adjustments_added == 0


def test_dry_run_previews_without_writing(world, django_capture_on_commit_callbacks):
    preview = generate(dry_run=True, capture=django_capture_on_commit_callbacks)
    assert preview.lines_added == 4 and preview.amount_added == Decimal("128.33")
    assert not IncentiveDetail.objects.exists() and not ReconciliationBill.objects.exists()
    real = generate(capture=django_capture_on_commit_callbacks)
    assert (real.lines_added, real.amount_added) == (preview.lines_added, preview.amount_added)


def test_two_runs_of_one_period_cannot_overlap(world, django_capture_on_commit_callbacks):
    GenerationRun.objects.create(period=PERIOD, status=GenerationRun.Status.RUNNING)
    with pytest.raises(ValidationError, match="正在运行"):
        generate(capture=django_capture_on_commit_callbacks)
    # A preview may run alongside, and another period is independent.
    assert generate(dry_run=True, capture=django_capture_on_commit_callbacks).status == "succeeded"
    assert generate(period=dt.date(2026, 11, 1), capture=django_capture_on_commit_callbacks).status == "succeeded"


def test_published_bill_is_not_rewritten(world, partner_a, django_capture_on_commit_callbacks):
    from incentives.services import bill_publish

    generate(capture=django_capture_on_commit_callbacks)
    bill = ReconciliationBill.objects.get(partner=partner_a, period=PERIOD)
    bill_publish(bill_id=bill.pk)
    consumption(partner_a, amount="999.00")
    rerun = generate(capture=django_capture_on_commit_callbacks)
    assert rerun.partners_skipped == 1
    assert bill.details.count() == 3


def test_uncertified_partner_lines_are_frozen_certified_are_normal(partner_a, partner_b, alice, bob, operator,
                                                                   django_capture_on_commit_callbacks):
    policy()
    verify_real_name(partner_b, bob, operator)
    certify_business_info(partner_b, bob, operator)
    consumption(partner_a)
    consumption(partner_b)
    generate(capture=django_capture_on_commit_callbacks)
    frozen = IncentiveDetail.objects.get(partner=partner_a)
    assert frozen.status == IncentiveDetail.Status.FROZEN and "实名认证" in frozen.frozen_reason
    assert IncentiveDetail.objects.get(partner=partner_b).status == IncentiveDetail.Status.NORMAL


def test_generation_queries_do_not_grow_with_rows(partner_a, django_capture_on_commit_callbacks,
                                                  django_assert_max_num_queries):
    policy()
    customer_lines = [consumption(partner_a) for _ in range(3)]
    customer = customer_lines[0].customer
    for _ in range(40):
        consumption(partner_a, customer=customer, product=customer_lines[0].product)
    # per partner (its ledger entry too), per chunk and per indicator — never per row
    with django_assert_max_num_queries(66):
        run = generate(capture=django_capture_on_commit_callbacks)
    assert run.lines_added == 43


def test_beat_task_runs_only_on_first_working_day(world, django_capture_on_commit_callbacks):
    # 2026-11-01 is a Sunday; Monday 2026-11-02 is the first working day of November.
    assert tasks.monthly_generation("2026-11-01") is None
    assert tasks.monthly_generation("2026-11-03") is None
    with django_capture_on_commit_callbacks(execute=True):
        run_id = tasks.monthly_generation("2026-11-02")
    run = GenerationRun.objects.get(pk=run_id)
    assert run.period == PERIOD and run.trigger == "beat"
    assert set(ReconciliationBill.objects.values_list("status", flat=True)) == {ReconciliationBill.Status.PENDING}


def test_set_based_sql_agrees_with_the_pure_calculation_on_every_reason(partner_a, django_capture_on_commit_callbacks,
                                                                        monkeypatch):
    """The PostgreSQL INSERT … SELECT and the portable calculate() path write the very same lines."""
    from incentives.services import generation
    from partnercenter.partners.models import BillingMode
    from tests.factories import ProductFactory

    since = {"effective_from": dt.date(2026, 1, 1)}
    generic = policy(rate=Decimal("0.0500"), **since)
    special = ProductFactory()
    policy(name="产品专属", product=special, rate=Decimal("0.2000"), **since)
    policy(name="包年包月", billing_mode=BillingMode.PERIODIC, rate=Decimal("0.0700"), **since)
    policy(name="通用策略", version=2, rate=Decimal("0.0900"), effective_to=dt.date(2026, 6, 30), **since)
    no_rebate = ProductFactory(incentive_policy="2")
    cases = [
        {"amount": "10.10"}, {"amount": "10.05"}, {"amount": "-200.00"}, {"cycle": dt.date(2026, 9, 1)},
        {"cycle": dt.date(2026, 5, 1)}, {"product": special}, {"product": no_rebate},
        {"associated_on": dt.date(2026, 11, 3)}, {"associated_on": dt.date(2026, 10, 15)},
        {"billing_mode": BillingMode.PERIODIC}, {"cycle": dt.date(2025, 12, 1)},  # before any policy
    ]
    lines = [consumption(partner_a, **case) for case in cases]
    columns = ("consumption_id", "revision", "kind", "reason", "consumption_amount", "eligible_base", "rate",
               "amount", "policy_id", "policy_label", "policy_code", "status", "customer_name", "product_type",
               "order_no")

    def snapshot():
        return sorted(IncentiveDetail.objects.values_list(*columns))

    generate(capture=django_capture_on_commit_callbacks)
    lines[0].amount = Decimal("30.00")
    lines[0].save()
    generate(capture=django_capture_on_commit_callbacks)
    by_sql = snapshot()
    assert {row[3] for row in by_sql} >= {Reason.NORMAL, Reason.REFUND, Reason.LATE, Reason.INELIGIBLE,
                                          Reason.NOT_ASSOCIATED, Reason.NEXT_MONTH, Reason.NO_POLICY,
                                          Reason.ADJUSTMENT}
    assert generic.pk in {row[8] for row in by_sql}

    IncentiveDetail.objects.all().delete()
    lines[0].amount = Decimal("10.10")
    lines[0].save()
    monkeypatch.setattr(generation.connection, "vendor", "sqlite")  # force the portable path
    generate(capture=django_capture_on_commit_callbacks)
    lines[0].amount = Decimal("30.00")
    lines[0].save()
    generate(capture=django_capture_on_commit_callbacks)
    assert snapshot() == by_sql


def test_partners_with_the_most_lines_are_generated_first(alice, bob):
    """The fan-out starts the largest partners' tasks first (no large partner left running alone at the end)."""
    from incentives.services.generation import partners_with_consumption

    consumption(alice.partner)
    for _i in range(3):
        consumption(bob.partner)
    assert partners_with_consumption(PERIOD) == [bob.partner_id, alice.partner_id]
