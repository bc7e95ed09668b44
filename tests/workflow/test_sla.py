"""The daily SLA sweep: reminder before the due day, overdue flag + escalation after it, auto-expiry, idempotent."""
import datetime as dt

import pytest
from django.contrib.auth.models import Group

from partnercenter.notifications.models import Notification
from partnercenter.partners import services
from partnercenter.partners.models import ECOSYSTEM_MANAGER_GROUP
from partnercenter.workflow.models import Deadline
from partnercenter.workflow.services import deadline_open
from partnercenter.workflow.sla import deadline_sweep_one, deadlines_to_sweep
from partnercenter.workflow.tasks import sla_sweep
from tests.builders import realname_data
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def submitted(alice, operator):
    return services.realname_submit(partner=alice.partner, actor=alice, data=realname_data(alice.partner))


def sweep(today):
    return [deadline_sweep_one(pk, today=today) for pk in list(deadlines_to_sweep(today))]


def test_reminds_the_day_before_and_only_once(submitted, operator):
    deadline = Deadline.objects.for_subject(submitted).get()
    day_before = deadline.due_on - dt.timedelta(days=1)
    before = Notification.objects.filter(recipient=operator).count()
    assert "reminded" in sweep(day_before)
    assert sweep(day_before) == [None]  # seen again, nothing new sent
    assert Notification.objects.filter(recipient=operator).count() == before + 1
    deadline.refresh_from_db()
    assert deadline.reminded_at is not None and deadline.status == "open"


def test_overdue_is_flagged_and_escalated_once(submitted, operator):
    manager = UserFactory(partner=None, role="", is_staff=True, username="eco")
    manager.groups.add(Group.objects.get_or_create(name=ECOSYSTEM_MANAGER_GROUP)[0])
    deadline = Deadline.objects.for_subject(submitted).get()
    after = deadline.due_on + dt.timedelta(days=1)
    outcomes = sweep(after)
    assert outcomes.count("overdue") == 1
    assert sweep(after) == [None]
    deadline.refresh_from_db()
    assert deadline.is_overdue
    assert Notification.objects.filter(recipient=manager, level="danger").count() == 1
    assert Notification.objects.filter(recipient=operator, level="danger").count() == 1


def test_auto_expiry_applies_the_declared_transition(submitted, alice):
    Deadline.objects.for_subject(submitted).update(status="met")
    deadline = deadline_open(obj=submitted, partner=alice.partner, kind="confirm", label="确认期限",
                             working_days=1, owner="partner", on_expire="withdraw",
                             starts_on=dt.date(2026, 9, 28))
    assert sweep(dt.date(2026, 11, 2)) == ["expired"]
    submitted.refresh_from_db()
    deadline.refresh_from_db()
    assert submitted.status == "withdrawn"
    assert deadline.status == "expired"
    assert submitted.__class__.objects.get(pk=submitted.pk).status == "withdrawn"


def test_transition_closes_the_clock_as_met_or_late(submitted, operator):
    Deadline.objects.for_subject(submitted).update(due_on=dt.date(2020, 1, 2))
    services.realname_approve(application_id=submitted.pk, actor=operator)
    assert Deadline.objects.for_subject(submitted).get().status == "late"


def test_beat_task_runs_through_celery(submitted):
    result = sla_sweep.delay()
    assert set(result.get(timeout=10)) == {"reminded", "overdue", "expired"}
