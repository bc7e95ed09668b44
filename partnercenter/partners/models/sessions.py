from django.contrib.sessions.base_session import AbstractBaseSession
from django.db import models
from django.utils.translation import gettext_lazy as _


class PortalSession(AbstractBaseSession):
    """Django's database session plus the signed-in user's id, kept from the session's data when it is saved, so
    a request reads its session and its user (with partner and unread count) in one statement
    (partnercenter.sessions)."""

    user_id = models.BigIntegerField(_("用户ID"), null=True, blank=True, db_index=True)

    class Meta(AbstractBaseSession.Meta):
        verbose_name = _("会话")
        verbose_name_plural = _("会话")

    @classmethod
    def get_session_store_class(cls):
        from partnercenter.sessions import SessionStore

        return SessionStore
