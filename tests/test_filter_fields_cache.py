"""Filter forms' fields are rendered once per process for each combination of what they show
(partnercenter.widgets.fields_html): a cached copy always equals a fresh render, and anything that differs between
requests — submitted values, language, per-partner choices, errors — gives a different copy or none."""
import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from incentives.models import ReconciliationBill
from partnercenter import widgets
from tests.incentives.helpers import consumption, generate, policy
from tests.test_tenancy import partner_world
from tests.test_widgets import filter_forms

pytestmark = pytest.mark.django_db


def test_a_cached_copy_equals_a_fresh_render_on_every_filter_form(client, alice, operator):
    partner_world(alice.partner, alice, operator, tag="甲")
    checked = 0
    for user in (alice, operator):
        for name, form in filter_forms(client, user):
            fresh = str(widgets._fields_html(form))
            assert str(widgets.fields_html(form)) == fresh, name  # filled while the page rendered, or now
            assert str(widgets.fields_html(form)) == fresh, name  # and read back
            checked += 1
    assert checked > 20


def periods_offered(client):
    response = client.get(reverse("incentives:detail-list"))
    assert response.status_code == 200
    html = response.content.decode()
    select = html[html.index('name="period"'):]
    select = select[:select.index("</select>")]
    return {value for value in ("202609", "202610", "202611") if f'value="{value}"' in select}


def test_each_partner_sees_only_its_own_periods_whatever_was_rendered_before(
        alice, bob, django_capture_on_commit_callbacks):
    policy()
    consumption(alice.partner, cycle=dt.date(2026, 10, 1))
    for month in (9, 11):
        consumption(bob.partner, cycle=dt.date(2026, month, 1))
    for month in (9, 10, 11):
        generate(dt.date(2026, month, 1), capture=django_capture_on_commit_callbacks)
    first, second = Client(), Client()
    first.force_login(alice)
    second.force_login(bob)
    for _ in range(2):  # the second round reads the copies the first one left
        assert periods_offered(first) == {"202610"}
        assert periods_offered(second) == {"202609", "202611"}


def test_submitted_values_language_and_errors_each_show_as_they_are(client_alice, alice):
    ReconciliationBill.objects.create(partner=alice.partner, period=dt.date(2026, 10, 1))
    url = reverse("incentives:detail-list")
    page = client_alice.get(url, {"customer_name": "甲<b>"}).content.decode()
    assert 'value="甲&lt;b&gt;"' in page
    page = client_alice.get(url, {"customer_name": "乙"}).content.decode()
    assert 'value="乙"' in page and "甲&lt;b&gt;" not in page
    page = client_alice.get(url, {"year": "1900"}).content.decode()
    assert "field--error" in page
    page = client_alice.get(url, {"year": "2026"}).content.decode()
    assert "field--error" not in page and 'value="2026"' in page
    english = client_alice.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    chinese = client_alice.get(url, HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert ">Year</label>" in english and ">年份</label>" in chinese


def test_the_cache_is_bounded(client_alice, alice, monkeypatch):
    monkeypatch.setattr(widgets, "_LIMIT", 3)
    widgets._CACHE.clear()
    for name in ("a", "b", "c", "d", "e"):
        client_alice.get(reverse("incentives:detail-list"), {"customer_name": name})
        assert len(widgets._CACHE) <= 3
