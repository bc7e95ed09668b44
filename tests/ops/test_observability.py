"""Request ids, JSON logs, /metrics access and content, /readyz."""
import json
import logging

import pytest
from django.urls import reverse

from partnercenter.ops.requestid import JsonFormatter, RequestIdFilter, request_id_var

pytestmark = pytest.mark.django_db


def test_every_response_carries_a_request_id_and_keeps_a_sane_incoming_one(client):
    generated = client.get("/healthz")["X-Request-Id"]
    assert len(generated) == 32
    assert client.get("/healthz", HTTP_X_REQUEST_ID="lb-1234.abc")["X-Request-Id"] == "lb-1234.abc"
    assert client.get("/healthz", HTTP_X_REQUEST_ID="bad id\n<script>")["X-Request-Id"] != "bad id\n<script>"


def test_json_log_lines_carry_the_request_id():
    record = logging.LogRecord("partnercenter", logging.INFO, __file__, 1, "审核通过 %s", ("#12",), None)
    token = request_id_var.set("req-42")
    try:
        RequestIdFilter().filter(record)
    finally:
        request_id_var.reset(token)
    line = json.loads(JsonFormatter().format(record))
    assert line["request_id"] == "req-42" and line["message"] == "审核通过 #12" and line["level"] == "INFO"


def test_metrics_are_not_public(client, client_alice, settings):
    settings.METRICS_TOKEN = "s3cret-token"
    assert client.get(reverse("metrics")).status_code == 403
    assert client_alice.get(reverse("metrics")).status_code == 403
    assert client.get(reverse("metrics"), HTTP_AUTHORIZATION="Bearer wrong").status_code == 403
    assert client.get(reverse("metrics"), HTTP_AUTHORIZATION="Bearer s3cret-token").status_code == 200


def test_metrics_show_requests_deadlines_and_tasks(client_operator, alice):
    from partnercenter.notifications.tasks import send_notification_email
    from partnercenter.ops.metrics import record_task
    from partnercenter.partners import services
    from tests.builders import realname_data

    services.realname_submit(partner=alice.partner, actor=alice, data=realname_data(alice.partner))
    client_operator.get(reverse("home"))
    record_task(send_notification_email.name, "success", 0.25)
    body = client_operator.get(reverse("metrics")).content.decode()
    assert 'partnercenter_request_seconds_count{method="GET",view="home"}' in body
    assert 'partnercenter_deadlines_open{kind="review",owner="vendor"} 1.0' in body
    assert 'partnercenter_celery_tasks_total{state="success",task="notifications.send_email"}' in body


def test_readyz_checks_database_migrations_cache_and_broker(client):
    response = client.get("/readyz")
    assert response.status_code == 200, response.json()
    assert response.json()["checks"] == {"database": "ok", "migrations": "ok", "cache": "ok", "broker": "ok"}


def test_readyz_reports_a_dead_broker(client, monkeypatch):
    from partnercenter.ops import readiness

    def broken():
        raise ConnectionError("broker down")

    monkeypatch.setitem(readiness.CHECKS, "broker", broken)
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["checks"]["broker"] == "ConnectionError: broker down"


# Batch-run metrics -------------------------------------------------------------------------------------------

def _samples(client) -> dict:
    """/metrics parsed: {(sample name, job label): value} for the batch-run families."""
    from prometheus_client.parser import text_string_to_metric_families

    body = client.get(reverse("metrics")).content.decode()
    found = {}
    for family in text_string_to_metric_families(body):
        for sample in family.samples:
            if sample.name.startswith("partnercenter_batch_run"):
                key = (sample.name, sample.labels["job"]) + ((sample.labels["status"],) if "status" in
                                                             sample.labels else ())
                assert key not in found, f"duplicate sample {key}"
                found[key] = sample.value
    return found


def test_metrics_show_rows_and_duration_of_the_incentive_generation_runs(
        client_operator, partner_a, partner_b, django_capture_on_commit_callbacks):
    from tests.incentives.helpers import consumption, generate, policy

    job = "incentives_generation"
    assert _samples(client_operator)[("partnercenter_batch_runs", job, "succeeded")] == 0
    policy()
    for partner, amount in ((partner_a, "1000.00"), (partner_a, "-100.00"), (partner_b, "50.00")):
        consumption(partner, amount=amount)
    first = generate(capture=django_capture_on_commit_callbacks)
    assert (first.status, first.lines_added) == ("succeeded", 3)
    metrics = _samples(client_operator)
    assert metrics[("partnercenter_batch_run_rows_total", job)] == 3
    assert metrics[("partnercenter_batch_run_last_rows", job)] == 3
    assert metrics[("partnercenter_batch_run_seconds", job)] == pytest.approx(first.duration_ms / 1000, abs=0.001)
    assert metrics[("partnercenter_batch_run_last_success", job)] == 1
    assert metrics[("partnercenter_batch_run_last_finished_timestamp_seconds", job)] == pytest.approx(
        first.finished_at.timestamp())
    assert metrics[("partnercenter_batch_runs", job, "succeeded")] == 1
    assert metrics[("partnercenter_batch_runs", job, "running")] == 0

    # Late consumption arrives; the rerun writes only the new line: the last run shows 1, the total 4.
    consumption(partner_b, amount="20.00")
    generate(capture=django_capture_on_commit_callbacks, dry_run=True)  # a preview writes nothing: not counted
    second = generate(capture=django_capture_on_commit_callbacks)
    metrics = _samples(client_operator)
    assert (metrics[("partnercenter_batch_run_last_rows", job)], second.lines_added) == (1, 1)
    assert metrics[("partnercenter_batch_run_rows_total", job)] == 4
    assert metrics[("partnercenter_batch_run_seconds", job)] == pytest.approx(second.duration_ms / 1000, abs=0.001)
    assert metrics[("partnercenter_batch_runs", job, "succeeded")] == 2


def test_a_run_still_running_shows_its_age_and_status(client_operator, partner_a):
    import datetime as dt

    from django.utils import timezone

    from incentives.models import GenerationRun
    from incentives.services import generation_run_start
    from tests.incentives.helpers import PERIOD, consumption, policy

    policy()
    consumption(partner_a)
    # No worker picks the partner task up (the on-commit fan-out never runs here): the run stays open.
    run = generation_run_start(period=PERIOD)
    GenerationRun.objects.filter(pk=run.pk).update(started_at=timezone.now() - dt.timedelta(minutes=30))
    metrics = _samples(client_operator)
    job = "incentives_generation"
    assert metrics[("partnercenter_batch_runs", job, "running")] == 1
    assert 1800 <= metrics[("partnercenter_batch_run_running_seconds", job)] < 1900
    assert ("partnercenter_batch_run_seconds", job) not in metrics  # nothing finished yet


def test_metrics_show_rows_and_duration_of_the_fh_monthly_generation(client_operator, alice, bob, operator):
    from incentives.fh.models import CertifiedExpert, MonthlyIncentiveLine
    from tests.fh.helpers import generate, staffed

    staffed(alice, operator)  # one certified specialist, one not
    level = CertifiedExpert.Level
    staffed(bob, operator, people=(("赵专家", level.ASSOCIATE), ("钱专家", level.SENIOR)))
    run = generate()
    assert (run.status, run.people_added, MonthlyIncentiveLine.objects.count()) == ("succeeded", 3, 3)
    metrics = _samples(client_operator)
    job = "fh_monthly_generation"
    assert metrics[("partnercenter_batch_run_rows_total", job)] == 3
    assert metrics[("partnercenter_batch_run_last_rows", job)] == 3
    assert metrics[("partnercenter_batch_run_seconds", job)] == pytest.approx(
        (run.finished_at - run.started_at).total_seconds())
    assert metrics[("partnercenter_batch_runs", job, "succeeded")] == 1
    assert metrics[("partnercenter_batch_runs", "incentives_generation", "succeeded")] == 0
