"""The admin is where operators enter a year; its saves must reach the working-day answers."""
import datetime as dt

import pytest
from django.urls import reverse

from partnercenter.workdays import services
from partnercenter.workdays.models import CalendarDay, CalendarYear

pytestmark = pytest.mark.django_db

D = dt.date


def _year_form_data(year: CalendarYear, *, delete: set[dt.date] = frozenset()) -> dict:
    days = list(year.days.order_by("date"))
    data = {
        "status": year.status,
        "source": year.source,
        "note": year.note,
        "days-TOTAL_FORMS": str(len(days)),
        "days-INITIAL_FORMS": str(len(days)),
        "days-MIN_NUM_FORMS": "0",
        "days-MAX_NUM_FORMS": "1000",
    }
    for i, day in enumerate(days):
        data |= {
            f"days-{i}-id": str(day.pk),
            f"days-{i}-year": str(year.pk),
            f"days-{i}-date": day.date.isoformat(),
            f"days-{i}-kind": day.kind,
            f"days-{i}-name": day.name,
        }
        if day.date in delete:
            data[f"days-{i}-DELETE"] = "on"
    return data


def test_pages_render(admin_client):
    assert admin_client.get(reverse("admin:workdays_calendaryear_changelist")).status_code == 200
    assert admin_client.get(reverse("admin:workdays_calendaryear_change", args=[2026])).status_code == 200
    assert admin_client.get(reverse("admin:workdays_calendarday_changelist")).status_code == 200


def test_deleting_a_make_up_day_in_the_inline_takes_effect(admin_client):
    assert services.is_working_day(D(2026, 10, 10)) is True  # snapshot built before the edit
    year = CalendarYear.objects.get(pk=2026)

    response = admin_client.post(
        reverse("admin:workdays_calendaryear_change", args=[2026]),
        _year_form_data(year, delete={D(2026, 10, 10)}),
    )

    assert response.status_code == 302, response.context["errors"] if response.context else response
    assert not CalendarDay.objects.filter(date=D(2026, 10, 10)).exists()
    assert services.is_working_day(D(2026, 10, 10)) is False


def test_adding_a_day_takes_effect(admin_client):
    assert services.is_working_day(D(2026, 10, 12)) is True

    response = admin_client.post(
        reverse("admin:workdays_calendarday_add"),
        {"date": "2026-10-12", "year": "2026", "kind": "holiday", "name": "临时放假"},
    )

    assert response.status_code == 302
    assert services.is_working_day(D(2026, 10, 12)) is False


def test_make_up_day_on_a_weekday_is_rejected(admin_client):
    response = admin_client.post(
        reverse("admin:workdays_calendarday_add"),
        {"date": "2026-10-12", "year": "2026", "kind": "workday", "name": ""},
    )
    assert response.status_code == 200
    assert "调休上班日只能是周六或周日。" in response.content.decode()


def test_import_action_prefills_a_draft_year(admin_client):
    CalendarYear.objects.create(year=2027)

    response = admin_client.post(
        reverse("admin:workdays_calendaryear_changelist"),
        {"action": "import_rule_dates", "_selected_action": ["2027", "2026"]},
        follow=True,
    )

    content = response.content.decode()
    assert "2027 年：已导入" in content
    assert "2026 年已是正式日历" in content
    assert CalendarDay.objects.filter(year_id=2027).count() > 10
    assert services.year_status(2027) == "provisional"
