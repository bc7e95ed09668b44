"""The process snapshot: no query per call, and edits visible here and (after commit) elsewhere."""
import datetime as dt
import uuid

import pytest
from django.core.cache import cache

from partnercenter.workdays import services
from partnercenter.workdays.models import CalendarDay

pytestmark = pytest.mark.django_db

D = dt.date


def test_a_loop_of_calls_costs_one_query(django_assert_max_num_queries, django_assert_num_queries):
    with django_assert_max_num_queries(1):
        services.add_working_days(D(2026, 9, 1), 30)
        for offset in range(60):
            services.is_working_day(D(2026, 9, 1) + dt.timedelta(days=offset))
        services.working_days_between(D(2020, 1, 1), D(2027, 12, 31))
        services.range_is_provisional(D(2026, 1, 1), D(2027, 1, 1))
    with django_assert_num_queries(0):
        services.add_working_days(D(2026, 1, 1), 200)
        services.year_status(2026)


def test_edit_through_the_service_is_visible_at_once():
    assert services.is_working_day(D(2026, 10, 12)) is True  # snapshot built

    services.calendar_day_set(day=D(2026, 10, 12), kind=CalendarDay.Kind.HOLIDAY, name="临时放假")
    assert services.is_working_day(D(2026, 10, 12)) is False

    services.calendar_day_delete(day=D(2026, 10, 12))
    assert services.is_working_day(D(2026, 10, 12)) is True


def test_change_bumps_the_shared_version_only_on_commit(django_capture_on_commit_callbacks):
    before = cache.get(services.VERSION_KEY) or services._shared_token()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.calendar_day_set(day=D(2026, 10, 12), kind=CalendarDay.Kind.HOLIDAY)
    assert cache.get(services.VERSION_KEY) == before  # not before commit: others would cache stale rows
    for callback in callbacks:
        callback()
    assert cache.get(services.VERSION_KEY) != before


def test_another_process_change_is_picked_up_through_the_shared_version(monkeypatch):
    monkeypatch.setattr(services, "TOKEN_CHECK_INTERVAL", 0)  # instead of waiting a second
    assert services.is_working_day(D(2026, 10, 10)) is True  # snapshot built
    # Another process deletes the make-up day and, after its commit, bumps the token.
    CalendarDay.objects.filter(date=D(2026, 10, 10)).delete()
    assert services.is_working_day(D(2026, 10, 10)) is True  # still our snapshot: no query per call
    cache.set(services.VERSION_KEY, uuid.uuid4().hex, timeout=None)
    assert services.is_working_day(D(2026, 10, 10)) is False


def test_the_shared_version_is_read_at_most_once_per_interval(monkeypatch):
    services.is_working_day(D(2026, 10, 10))
    reads = []
    monkeypatch.setattr(services, "_shared_token", lambda: reads.append(1) or "unused")
    for offset in range(100):
        services.is_working_day(D(2026, 1, 1) + dt.timedelta(days=offset))
    assert reads == []


def test_lost_version_key_forces_a_rebuild(monkeypatch):
    monkeypatch.setattr(services, "TOKEN_CHECK_INTERVAL", 0)
    assert services.is_working_day(D(2026, 10, 10)) is True
    CalendarDay.objects.filter(date=D(2026, 10, 10)).delete()
    cache.delete(services.VERSION_KEY)  # evicted or flushed
    assert services.is_working_day(D(2026, 10, 10)) is False


def test_snapshot_expires_even_without_a_shared_change(monkeypatch):
    assert services.is_working_day(D(2026, 10, 10)) is True
    CalendarDay.objects.filter(date=D(2026, 10, 10)).delete()
    monkeypatch.setattr(services, "SNAPSHOT_MAX_AGE", 0)
    assert services.is_working_day(D(2026, 10, 10)) is False
