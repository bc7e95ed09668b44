"""Properties of the working-day arithmetic across official, provisional and rule-only years."""
import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from partnercenter.workdays.services import add_working_days, is_working_day, working_days_between

pytestmark = pytest.mark.django_db

days = st.dates(min_value=dt.date(2019, 1, 1), max_value=dt.date(2028, 12, 31))
counts = st.integers(min_value=0, max_value=80)
# The calendar is only read here, so one database transaction for all examples is fine.
read_only = settings(
    max_examples=150, deadline=None, database=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@read_only
@given(day=days, n=st.integers(min_value=1, max_value=80))
def test_lands_on_a_working_day(day, n):
    assert is_working_day(add_working_days(day, n))


@read_only
@given(day=days, n=counts)
def test_monotonic_in_n(day, n):
    assert add_working_days(day, n) < add_working_days(day, n + 1)


@read_only
@given(day=days, n=counts)
def test_between_inverts_add(day, n):
    assert working_days_between(day, add_working_days(day, n)) == n


@read_only
@given(day=days, n=st.integers(min_value=1, max_value=80))
def test_backwards_lands_on_a_working_day_before(day, n):
    earlier = add_working_days(day, -n)
    assert earlier < day
    assert is_working_day(earlier)
    assert working_days_between(earlier, day) == n - 1 + is_working_day(day)


@read_only
@given(start=days, end=days)
def test_between_matches_counting_day_by_day(start, end):
    low, high = sorted((start, end))
    counted = sum(is_working_day(low + dt.timedelta(days=i)) for i in range(1, (high - low).days + 1))
    assert working_days_between(low, high) == counted
    assert working_days_between(high, low) == -counted
