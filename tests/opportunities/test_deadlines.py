"""The 3-working-day initial review across National Day 2026 (Oct 1-7 off, Sat Oct 10 a make-up workday), with
the platform's SLA sweep reminding before the due day and escalating after it."""
import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from partnercenter.notifications.models import Notification
from partnercenter.workflow.models import Deadline
from partnercenter.workflow.sla import deadline_sweep_one, deadlines_to_sweep

from .helpers import opportunity, submitted

pytestmark = pytest.mark.django_db
BEIJING = ZoneInfo("Asia/Shanghai")


@pytest.fixture
def on_day(monkeypatch):
    def travel(day: dt.date):
        moment = dt.datetime(day.year, day.month, day.day, 10, 0, tzinfo=BEIJING)
        monkeypatch.setattr(timezone, "now", lambda: moment)

    return travel


def sweep(today):
    return [deadline_sweep_one(pk, today=today) for pk in list(deadlines_to_sweep(today))]


def test_submitted_before_national_day_is_due_on_the_make_up_saturday(alice, operator, on_day):
    on_day(dt.date(2026, 9, 30))
    application = submitted(alice, opportunity(alice.partner, ends_on=dt.date(2026, 9, 20)))
    deadline = Deadline.objects.for_subject(application).open().get()
    assert deadline.starts_on == dt.date(2026, 9, 30)
    # Oct 8 (Thu), Oct 9 (Fri), Oct 10 (make-up Saturday): the holiday week does not count.
    assert deadline.due_on == dt.date(2026, 10, 10)
    assert not deadline.provisional

    assert sweep(dt.date(2026, 10, 5)) == []  # still more than the reminder horizon away
    assert sweep(dt.date(2026, 10, 9)) == ["reminded"]
    assert Notification.objects.filter(recipient=operator, level="warning").count() == 1
    assert sweep(dt.date(2026, 10, 12)) == ["overdue"]
    assert sweep(dt.date(2026, 10, 12)) == [None]  # escalated once
    assert Notification.objects.filter(recipient=operator, level="danger").count() == 1


def test_the_delivery_end_day_itself_is_not_allowed(alice, on_day):
    from django.core.exceptions import ValidationError

    opp = opportunity(alice.partner, ends_on=dt.date(2026, 9, 30))
    on_day(dt.date(2026, 9, 30))
    with pytest.raises(ValidationError):
        submitted(alice, opp)
    on_day(dt.date(2026, 10, 1))  # the next (calendar) day, a holiday: applying is allowed
    assert submitted(alice, opp).status == "in_review"


def test_decision_closes_the_clock_met_or_late(alice, operator, on_day):
    from incentives.opportunities import services

    on_day(dt.date(2026, 9, 30))
    application = submitted(alice, opportunity(alice.partner, ends_on=dt.date(2026, 9, 1)))
    on_day(dt.date(2026, 10, 12))
    services.application_approve(application_id=application.pk, actor=operator, incentive_amount="10.00")
    review = Deadline.objects.for_subject(application).get(kind="opportunity_incentive_review")
    assert review.status == "late"
    confirm = Deadline.objects.for_subject(application).open().get()
    assert confirm.owner == "partner" and confirm.kind == "opportunity_incentive_confirm"
