"""notify(): the one call any wing makes to tell people something (in-app, plus e-mail after commit).

Pass the title and body as stored texts, `stored(gettext_noop("…%(code)s…"), {"code": obj.code})`
(partnercenter.stored_text): each reader — and each e-mail — gets them in their own language, whatever language
was active for whoever triggered the notification. Free text typed by a person (a review comment) may be passed
as it is."""
from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone

from partnercenter.stored_text import fitting

from .models import Notification


def notify(*, recipients: Iterable, title: str, body: str = "", url: str = "", level: str = "info",
           email: bool = True) -> list[Notification]:
    """Create one notification per recipient; queue the e-mails once the transaction commits."""
    users = {user.pk: user for user in recipients if user is not None and user.is_active}
    title = fitting(title, Notification._meta.get_field("title").max_length)
    body = str(body)
    notes = Notification.objects.bulk_create(
        [Notification(recipient=user, title=title, body=body, url=url, level=level) for user in users.values()]
    )
    if email:
        from .tasks import send_notification_email

        ids = [note.pk for note in notes if users[note.recipient_id].email]
        for note_id in ids:
            transaction.on_commit(lambda note_id=note_id: send_notification_email.delay(note_id))
    return notes


def notification_mark_read(*, user, notification_id: int | None = None) -> int:
    """Mark one (or, without an id, all) of the user's unread notifications read; returns how many."""
    queryset = Notification.objects.for_user(user).unread()
    if notification_id is not None:
        queryset = queryset.filter(pk=notification_id)
    return queryset.update(read_at=timezone.now())
