"""The login backend: Django's ModelBackend, loading the signed-in user with their partner in one query (every
page's layout shows the partner's name; without this each request pays a second query for it)."""
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend


class PartnerModelBackend(ModelBackend):
    def get_user(self, user_id):
        try:
            user = get_user_model()._default_manager.select_related("partner").get(pk=user_id)
        except get_user_model().DoesNotExist:
            return None
        return user if self.user_can_authenticate(user) else None
