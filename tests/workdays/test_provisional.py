"""Years without an entered schedule: computed by rule, flagged provisional, drafts do not count."""
import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from partnercenter.workdays import services
from partnercenter.workdays.models import CalendarDay, CalendarYear

pytestmark = pytest.mark.django_db

D = dt.date


def test_2027_is_provisional_and_computed_by_rule():
    assert services.year_status(2027) == "provisional"
    # The library's rule for 2027: National Day Oct 1–5 (Mon/Tue observed), no make-up days.
    assert services.is_working_day(D(2027, 10, 4)) is False
    assert services.is_working_day(D(2027, 10, 6)) is True
    assert services.is_working_day(D(2027, 2, 8)) is False  # Spring Festival
    assert services.is_working_day(D(2027, 9, 25)) is False  # a Saturday stays off: nothing published


def test_range_is_provisional_when_it_touches_an_unpublished_year():
    assert services.range_is_provisional(D(2026, 12, 1), D(2027, 1, 13)) is True
    assert services.range_is_provisional(D(2027, 1, 13), D(2026, 12, 1)) is True
    assert services.range_is_provisional(D(2026, 12, 1), D(2026, 12, 31)) is False
    assert services.range_is_provisional(D(2019, 12, 1), D(2020, 1, 10)) is True  # before the seed


def test_deadline_crossing_into_2027_uses_the_rule():
    assert services.add_working_days(D(2026, 12, 1), 30) == D(2027, 1, 13)


def test_draft_days_in_a_provisional_year_do_not_count_until_marked_official():
    # when: the operator starts entering 2027 but has not confirmed it
    services.calendar_day_set(day=D(2027, 10, 9), kind=CalendarDay.Kind.WORKDAY, name="国庆节调休上班")
    services.calendar_day_set(day=D(2027, 10, 6), kind=CalendarDay.Kind.HOLIDAY, name="国庆节")
    # then: still the rule
    assert services.year_status(2027) == "provisional"
    assert services.is_working_day(D(2027, 10, 9)) is False
    assert services.is_working_day(D(2027, 10, 6)) is True

    # when: marked official, exactly the entered days count (Oct 4/5 were not entered)
    services.calendar_year_mark_official(year=2027, source="国办发明电〔2026〕X号")
    assert services.year_status(2027) == "official"
    assert services.is_working_day(D(2027, 10, 9)) is True
    assert services.is_working_day(D(2027, 10, 6)) is False
    assert services.is_working_day(D(2027, 10, 4)) is True
    assert services.range_is_provisional(D(2026, 12, 1), D(2027, 1, 13)) is False


def test_import_rule_dates_prefills_a_draft_and_keeps_entered_days():
    services.calendar_day_set(day=D(2027, 10, 1), kind=CalendarDay.Kind.HOLIDAY, name="国庆节（手工）")

    created = services.calendar_year_import_rule_dates(year=2027)

    year = CalendarYear.objects.get(pk=2027)
    assert year.status == CalendarYear.Status.PROVISIONAL
    assert created == year.days.count() - 1
    assert year.days.get(date=D(2027, 10, 1)).name == "国庆节（手工）"
    assert year.days.filter(date=D(2027, 2, 8), kind=CalendarDay.Kind.HOLIDAY).exists()
    assert not year.days.filter(kind=CalendarDay.Kind.WORKDAY).exists()  # nothing published yet


def test_import_rule_dates_is_refused_for_an_official_year():
    with pytest.raises(ValidationError):
        services.calendar_year_import_rule_dates(year=2026)


def test_make_up_workday_must_be_a_weekend_and_in_its_year():
    with pytest.raises(ValidationError):
        services.calendar_day_set(day=D(2026, 10, 12), kind=CalendarDay.Kind.WORKDAY)  # a Monday
    day = CalendarDay(date=D(2026, 10, 10), year_id=2025, kind=CalendarDay.Kind.WORKDAY)
    with pytest.raises(ValidationError):
        day.full_clean(validate_unique=False)


def test_seed_load_keeps_operator_corrections_unless_replace():
    services.calendar_day_delete(day=D(2026, 10, 10))

    assert services.calendar_seed_load() == []
    assert services.is_working_day(D(2026, 10, 10)) is False

    assert 2026 in services.calendar_seed_load(replace=True)
    assert services.is_working_day(D(2026, 10, 10)) is True
