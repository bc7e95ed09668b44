"""notifications.send_email through Redis and a real worker process, end to end."""
import pytest

from partnercenter.notifications.models import Notification
from partnercenter.notifications.tasks import send_notification_email
from tests.factories import UserFactory

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


def test_worker_sends_notification_email_and_records_it(real_celery):
    user = UserFactory(email="alice@example.com")
    note = Notification.objects.create(recipient=user, title="实名认证已通过", body="您的企业实名认证已通过审核。",
                                       url="/partner/realname/")

    result = send_notification_email.delay(note.pk)

    assert result.get(timeout=30) is True
    note.refresh_from_db()
    assert note.emailed_at is not None


def test_worker_redelivery_is_idempotent(real_celery):
    note = Notification.objects.create(recipient=UserFactory(email="bob@example.com"), title="提醒")

    first = send_notification_email.delay(note.pk).get(timeout=30)
    note.refresh_from_db()
    emailed_at = note.emailed_at
    second = send_notification_email.delay(note.pk).get(timeout=30)

    assert (first, second) == (True, False)
    note.refresh_from_db()
    assert note.emailed_at == emailed_at
