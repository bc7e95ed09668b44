"""The beat job and the pre-expiry reminders."""
import datetime as dt

import pytest
from django.utils import timezone

from partnercenter.notifications.models import Notification
from renewals import services
from renewals.models import RenewalTask
from renewals.schedule import BEAT_SCHEDULE
from renewals.tasks import refresh_renewal_tasks
from tests.renewals.helpers import at, expiring_order, generate, managed_customer

pytestmark = pytest.mark.django_db


def test_beat_entry_points_at_the_registered_task():
    entry = BEAT_SCHEDULE["renewals-refresh-renewal-tasks"]
    assert entry["task"] == refresh_renewal_tasks.name


def test_beat_task_generates_this_months_tasks():
    today = timezone.localdate()
    expiring_order(expires=timezone.make_aware(dt.datetime.combine(today, dt.time(12))))
    result = refresh_renewal_tasks.delay().get()
    assert result["created"] == 1
    assert refresh_renewal_tasks.delay().get()["created"] == 0
    assert RenewalTask.objects.count() == 1


def test_reminder_is_sent_once_to_the_customer_manager(alice, andy):
    customer = managed_customer(partner=alice.partner, manager=andy, main=alice)
    expiring_order(customer=customer, expires=at(2026, 11, 20))
    expiring_order(customer=customer, expires=at(2026, 11, 29))
    generate()
    assert services.renewal_reminders_send(today=dt.date(2026, 11, 15)) == 1
    assert services.renewal_reminders_send(today=dt.date(2026, 11, 15)) == 0
    note = Notification.objects.get(title__contains="大单续订提醒")
    assert note.recipient == andy and "大单续订提醒" in note.title


def test_unassigned_customer_reminds_the_main_account(alice):
    expiring_order(partner=alice.partner, expires=at(2026, 11, 20))
    generate()
    services.renewal_reminders_send(today=dt.date(2026, 11, 15))
    assert Notification.objects.get(title__contains="大单续订提醒").recipient == alice


def test_reseller_task_reminds_the_distributor():
    from tests.renewals.helpers import distributor_world

    world = distributor_world()
    generate()
    services.renewal_reminders_send(today=dt.date(2026, 11, 15))
    assert Notification.objects.get(title__contains="大单续订提醒").recipient == world["dora"]


@pytest.mark.parametrize(("today", "reminded"), [
    (dt.date(2026, 11, 12), False),   # 8 days before expiry: not yet
    (dt.date(2026, 11, 13), True),    # 7 days before: the first day of the window
    (dt.date(2026, 11, 20), True),    # the expiry day itself
    (dt.date(2026, 11, 21), False),   # expired: no reminder any more
])
def test_reminder_window_boundaries(alice, andy, today, reminded):
    from renewals import rules

    assert rules.REMIND_DAYS_BEFORE_EXPIRY == 7
    customer = managed_customer(partner=alice.partner, manager=andy, main=alice)
    expiring_order(customer=customer, expires=at(2026, 11, 20))
    generate()
    assert services.renewal_reminders_send(today=today) == int(reminded)
    assert Notification.objects.filter(recipient=andy, title__contains="大单续订提醒").exists() is reminded


def test_closed_tasks_are_not_reminded(alice, andy):
    customer = managed_customer(partner=alice.partner, manager=andy, main=alice)
    expiring_order(customer=customer, expires=at(2026, 11, 20))
    generate()
    task = RenewalTask.objects.get()
    services.follow_up_record(task_id=task.pk, actor=andy, contact_method="phone", result="declined",
                              close_as="lost")
    assert services.renewal_reminders_send(today=dt.date(2026, 11, 15)) == 0
