from celery import shared_task
from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone, translation

from .models import Notification


def recipient_language(user) -> str:
    """The language a user's e-mails are written in: their own preference if the user model ever holds one,
    otherwise the site's default language (a task has no request to read Accept-Language from)."""
    return getattr(user, "language", "") or settings.LANGUAGE_CODE


@shared_task(name="notifications.send_email", autoretry_for=(ConnectionError, OSError), retry_backoff=True,
             max_retries=5)
def send_notification_email(notification_id: int) -> bool:
    """Send a notification by e-mail once; a redelivered task finds emailed_at set and does nothing."""
    with transaction.atomic():
        note = (Notification.objects.select_for_update().select_related("recipient")
                .filter(pk=notification_id, emailed_at__isnull=True).first())
        if note is None or not note.recipient.email:
            return False
        link = f"{settings.SITE_URL}{note.url}" if note.url else settings.SITE_URL
        with translation.override(recipient_language(note.recipient)):
            subject = f"[{settings.SITE_NAME}] {note.title_shown}"
            message = f"{note.body_shown}\n\n{link}"
        send_mail(
            subject=subject,
            message=message,
            from_email=settings.DEFAULT_FROM_EMAIL,
            recipient_list=[note.recipient.email],
        )
        note.emailed_at = timezone.now()
        note.save(update_fields=["emailed_at"])
    return True
