"""Scale-out on one host (issue 11): three real Celery workers on one Redis and one PostgreSQL run both monthly
jobs from their beat tasks — each sent twice, as a second beat or an operator's rerun racing the first would —
with no duplicate and nothing lost; the batch-run metrics then show the rows written.

`docker compose up --scale worker=3` runs the same three workers in containers; this test needs no Docker.
"""
import datetime as dt
import subprocess
import time
from decimal import Decimal

import pytest
from django.db.models import Count, Sum
from django.urls import reverse

from incentives.fh.models import CertifiedExpert, FhGenerationRun, MonthlyIncentive, MonthlyIncentiveLine
from incentives.models import GenerationRun, GenerationRunPartner, IncentiveDetail
from partnercenter.celery import app as celery_app
from partnercenter.partners.models import BillingMode, ConsumptionLine
from partnercenter.workdays.services import is_working_day
from tests.factories import CustomerFactory, PartnerFactory, ProductFactory
from tests.fh.helpers import staffed
from tests.incentives.helpers import policy
from tests.worker.conftest import _log_tail
from tests.worker.test_crash_recovery import start_worker

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]
PARTNERS, LINES = 5, 300


def first_working_day_of_next_month(today: dt.date) -> dt.date:
    first = (today.replace(day=1) + dt.timedelta(days=32)).replace(day=1)
    return next(first + dt.timedelta(days=n) for n in range(31) if is_working_day(first + dt.timedelta(days=n)))


def build_consumption(period: dt.date) -> Decimal:
    """PARTNERS partners with LINES lines each in `period`; returns the incentive they earn (rate 10 %)."""
    policy()
    product = ProductFactory()
    rows = []
    for p in range(PARTNERS):
        customer = CustomerFactory(partner=PartnerFactory())
        rows += [ConsumptionLine(partner_id=customer.partner_id, customer=customer, product=product,
                                 bill_cycle=period, billing_mode=BillingMode.ON_DEMAND,
                                 amount=Decimal(f"{(i * 53) % 5000 + 10}.00"), source_ref=f"scale-{p}-{i}")
                 for i in range(LINES)]
    ConsumptionLine.objects.bulk_create(rows, batch_size=5000)
    return sum((row.amount * Decimal("0.1") for row in rows), Decimal("0.00"))


def test_three_workers_run_each_monthly_job_once(tmp_path, alice, bob, operator, client_operator):
    from django.utils import timezone

    day = first_working_day_of_next_month(timezone.localdate())
    period = (day.replace(day=1) - dt.timedelta(days=1)).replace(day=1)  # last month as of `day`: this month
    expected_amount = build_consumption(period)
    level = CertifiedExpert.Level
    staffed(alice, operator)  # one certified specialist, one not
    staffed(bob, operator, people=(("赵专家", level.ASSOCIATE), ("钱专家", level.SENIOR)))
    expected_fh = sum((CertifiedExpert.MONTHLY_AMOUNT[lvl] for lvl in (level.SENIOR, level.ASSOCIATE, level.SENIOR)),
                      Decimal("0.00"))

    celery_app.control.purge()
    workers = [start_worker(tmp_path, name) for name in ("w1", "w2", "w3")]
    previous = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = False
    try:
        sent = [celery_app.send_task(name, args=[day.isoformat()])
                for name in ("incentives.monthly_generation", "fh.monthly_generation") * 2]
        deadline = time.monotonic() + 180
        while not (all(result.ready() for result in sent)
                   and not GenerationRun.objects.filter(status="running").exists()
                   and not FhGenerationRun.objects.filter(status="running").exists()):
            assert time.monotonic() < deadline, "\n".join(_log_tail(log) for _proc, log in workers)
            time.sleep(0.5)
    finally:
        celery_app.conf.task_always_eager = previous
        for proc, _log in workers:
            if proc.poll() is None:
                proc.terminate()
                try:
                    proc.wait(timeout=15)
                except subprocess.TimeoutExpired:
                    proc.kill()

    # The partner tasks were spread over the workers (not one worker doing everything).
    busy = [log for _proc, log in workers if b"generate_partner" in log.read_bytes()]
    assert len(busy) >= 2, "only one worker received partner tasks"

    # 激励明细: every consumption line once, the sums to the fen; the duplicate send was refused or added nothing.
    details = IncentiveDetail.objects.filter(period=period)
    assert details.count() == details.values("consumption_id", "revision").distinct().count() == PARTNERS * LINES
    assert details.aggregate(total=Sum("amount"))["total"] == expected_amount
    runs = GenerationRun.objects.filter(period=period)
    assert runs.filter(status="succeeded").exists() and not runs.filter(status="running").exists()
    assert runs.aggregate(n=Sum("lines_added"))["n"] == PARTNERS * LINES
    assert runs.aggregate(a=Sum("amount_added"))["a"] == expected_amount
    per_run = GenerationRunPartner.objects.values("run_id", "partner_id").annotate(n=Count("pk"))
    assert {row["n"] for row in per_run} == {1}

    # FH: one list per qualified partner, one line per certified specialist, over both runs.
    assert MonthlyIncentive.objects.filter(month=period).count() == 2
    assert MonthlyIncentiveLine.objects.filter(incentive__month=period).count() == 3
    assert MonthlyIncentiveLine.objects.aggregate(a=Sum("amount"))["a"] == expected_fh
    fh_runs = FhGenerationRun.objects.filter(month=period)
    assert fh_runs.count() == 2 and set(fh_runs.values_list("status", flat=True)) == {"succeeded"}
    assert (fh_runs.aggregate(c=Sum("lists_created"))["c"], fh_runs.aggregate(e=Sum("lists_existing"))["e"],
            fh_runs.aggregate(p=Sum("people_added"))["p"]) == (2, 2, 3)

    body = client_operator.get(reverse("metrics")).content.decode()
    assert f'partnercenter_batch_run_rows_total{{job="incentives_generation"}} {float(PARTNERS * LINES)}' in body
    assert 'partnercenter_batch_run_rows_total{job="fh_monthly_generation"} 3.0' in body
