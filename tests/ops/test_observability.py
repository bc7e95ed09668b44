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
