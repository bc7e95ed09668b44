"""Housekeeping of the people side: expired sessions are deleted nightly (Django leaves them in the table)."""
from celery import shared_task
from django.utils import timezone

from .models import PortalSession


@shared_task(name="partners.clear_expired_sessions")
def clear_expired_sessions() -> int:
    """Delete the sessions whose expiry has passed (signed-out or idle for a working day); returns how many."""
    deleted, _by_model = PortalSession.objects.filter(expire_date__lt=timezone.now()).delete()
    return deleted
