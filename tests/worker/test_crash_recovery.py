"""Scale-out that stays correct: two real workers run a monthly incentive generation, one is SIGKILLed while it
works, and the result equals a clean run — same lines, same sums to the fen, same ledger (issue 11).

The killed worker's unacknowledged task returns to the queue after the broker's visibility timeout (5 s here),
is redelivered to the surviving worker and, being idempotent per partner, completes the run exactly once.
"""
import os
import signal
import subprocess
import sys
import time
import uuid
from decimal import Decimal

import pytest
from django.db import connection
from django.db.models import Count, Sum

from incentives.models import GenerationRun, GenerationRunPartner, IncentiveDetail, IncentivePolicy
from incentives.services import generation_run_start
from partnercenter.celery import app as celery_app
from partnercenter.partners.models import BillingMode, ConsumptionLine
from tests.factories import CustomerFactory, PartnerFactory, ProductFactory
from tests.incentives.helpers import PERIOD, policy
from tests.worker.conftest import ROOT, _log_tail, database_url

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]
PARTNERS, LINES = 6, 1500
VISIBILITY = 5


def build_consumption():
    policy()
    product = ProductFactory()
    rows = []
    for p in range(PARTNERS):
        customer = CustomerFactory(partner=PartnerFactory())
        rows += [ConsumptionLine(partner_id=customer.partner_id, customer=customer, product=product,
                                 bill_cycle=PERIOD, billing_mode=BillingMode.ON_DEMAND,
                                 amount=Decimal(f"{(i * 37) % 9000 + 1}.{i % 100:02d}"), source_ref=f"crash-{p}-{i}")
                 for i in range(LINES)]
    ConsumptionLine.objects.bulk_create(rows, batch_size=5000)


def snapshot(run):
    details = IncentiveDetail.objects.filter(period=PERIOD)
    run.refresh_from_db()
    return {
        "lines": details.count(),
        "distinct_keys": details.values("consumption_id", "revision").distinct().count(),
        "amount": details.aggregate(total=Sum("amount"))["total"],
        "per_partner": dict(details.values_list("partner_id").annotate(n=Count("pk")).order_by()),
        "ledger": (run.status, run.partners_done, run.partners_total, run.lines_added, run.amount_added),
    }


def wipe_outputs():
    from incentives.models import Indicator, ReconciliationBill

    IncentiveDetail.objects.filter(period=PERIOD).delete()
    Indicator.objects.filter(period=PERIOD).delete()
    ReconciliationBill.objects.filter(period=PERIOD).delete()
    GenerationRunPartner.objects.all().delete()
    GenerationRun.objects.all().delete()


def start_worker(tmp_path, name):
    node = f"crash-{name}-{uuid.uuid4().hex[:6]}@%h"
    log = tmp_path / f"{name}.log"
    env = {**{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"},
           "DJANGO_SETTINGS_MODULE": "partnercenter.settings.test",
           "DATABASE_URL": database_url(connection.settings_dict), "CELERY_TASK_ALWAYS_EAGER": "false",
           "CELERY_VISIBILITY_TIMEOUT": str(VISIBILITY), "PYTHONUNBUFFERED": "1"}
    from django.conf import settings
    env["REDIS_URL"] = settings.REDIS_URL
    cmd = [sys.executable, "-m", "celery", "-A", "partnercenter", "worker", "-l", "info", "-P", "solo",
           "-n", node, "--without-gossip", "--without-mingle", "--without-heartbeat"]
    with log.open("wb") as out:
        proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT,
                                stdin=subprocess.DEVNULL)
    hostname = node.replace("%h", os.uname().nodename)
    deadline = time.monotonic() + 60
    while not celery_app.control.ping(destination=[hostname], timeout=0.5):
        assert proc.poll() is None, _log_tail(log)
        assert time.monotonic() < deadline, _log_tail(log)
    return proc, log


def test_killed_worker_mid_run_gives_the_same_result_as_a_clean_run(tmp_path, django_capture_on_commit_callbacks):
    assert connection.vendor == "postgresql"
    build_consumption()
    assert IncentivePolicy.objects.exists()

    # Clean run: inline, nobody killed.
    with django_capture_on_commit_callbacks(execute=True):
        clean = snapshot(generation_run_start(period=PERIOD))
    assert clean["lines"] == PARTNERS * LINES and clean["ledger"][0] == "succeeded"
    wipe_outputs()

    celery_app.control.purge()
    workers = [start_worker(tmp_path, "a"), start_worker(tmp_path, "b")]
    previous = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = False
    try:
        with django_capture_on_commit_callbacks(execute=True):
            run = generation_run_start(period=PERIOD)
        # Kill worker "a" with SIGKILL as soon as it has started a partner (its log says so), mid-run.
        victim, victim_log = workers[0]
        deadline = time.monotonic() + 60
        while b"incentives.generate_partner" not in victim_log.read_bytes():
            assert time.monotonic() < deadline, "worker a never received a task"
            time.sleep(0.05)
        victim.send_signal(signal.SIGKILL)
        victim.wait(timeout=10)
        run.refresh_from_db()
        assert run.partners_done < run.partners_total, "the run finished before the kill; make it longer"

        deadline = time.monotonic() + 120
        while GenerationRun.objects.get(pk=run.pk).status == "running":
            assert time.monotonic() < deadline, "the run never finished:\n" + _log_tail(workers[1][1])
            time.sleep(0.5)
        crashed = snapshot(run)
    finally:
        celery_app.conf.task_always_eager = previous
        for proc, _log in workers:
            if proc.poll() is None:
                proc.send_signal(signal.SIGTERM)
                try:
                    proc.wait(timeout=15)
                except subprocess.TimeoutExpired:
                    proc.kill()

    assert crashed["ledger"][0] == "succeeded"
    assert crashed["lines"] == crashed["distinct_keys"] == clean["lines"]  # no duplicates, nothing lost
    assert crashed["amount"] == clean["amount"]  # to the fen
    assert sorted(crashed["per_partner"].values()) == sorted(clean["per_partner"].values())
    assert crashed["ledger"][1:] == clean["ledger"][1:]  # partners done/total, lines, amount: exactly once
