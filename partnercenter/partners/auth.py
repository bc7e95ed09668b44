"""The login backend: Django's ModelBackend, loading the signed-in user with their partner and their unread
notification count in one query (every page's layout shows the partner's name and the bell's count; without this
each request pays two more round trips for them)."""
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce


def unread_count_subquery():
    from partnercenter.notifications.models import Notification

    unread = (Notification.objects.filter(recipient=OuterRef("pk"), read_at__isnull=True).order_by()
              .values("recipient").annotate(n=Count("pk")).values("n"))
    return Coalesce(Subquery(unread), 0)


class PartnerModelBackend(ModelBackend):
    def get_user(self, user_id):
        try:
            user = (get_user_model()._default_manager.select_related("partner")
                    .annotate(unread_notifications=unread_count_subquery()).get(pk=user_id))
        except get_user_model().DoesNotExist:
            return None
        return user if self.user_can_authenticate(user) else None
