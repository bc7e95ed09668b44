from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from partnercenter.tenancy import scoped


class NotificationQuerySet(models.QuerySet):
    def for_user(self, user):
        if user is None or not user.is_authenticated:
            return self.none()
        return self.filter(recipient=user)

    def unread(self):
        return self.filter(read_at__isnull=True)


@scoped
class Notification(models.Model):
    """An in-app message to one user; e-mailed too when the sender asks for it."""

    class Level(models.TextChoices):
        INFO = "info", _("通知")
        SUCCESS = "success", _("完成")
        WARNING = "warning", _("提醒")
        DANGER = "danger", _("逾期")

    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("接收人"), on_delete=models.CASCADE,
                                  related_name="notifications")
    level = models.CharField(_("级别"), max_length=10, choices=Level.choices, default=Level.INFO)
    # Title and body are stored texts (msgid + parameters, see partnercenter.stored_text): the reader's language
    # is chosen when they are shown (title_shown / body_shown), not when notify() is called. Older rows hold
    # plain text and are shown as they are.
    title = models.CharField(_("标题"), max_length=500)
    body = models.TextField(_("内容"), blank=True)
    url = models.CharField(_("链接"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("时间"), auto_now_add=True)
    read_at = models.DateTimeField(_("阅读时间"), null=True, blank=True)
    emailed_at = models.DateTimeField(_("邮件发送时间"), null=True, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        verbose_name = _("通知")
        verbose_name_plural = _("通知")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["recipient", "read_at", "-created_at"], name="notifications_inbox")]

    def __str__(self):
        return self.title_shown

    @property
    def title_shown(self) -> str:
        """The title in the active language."""
        from partnercenter.stored_text import shown

        return shown(self.title)

    @property
    def body_shown(self) -> str:
        """The body in the active language."""
        from partnercenter.stored_text import shown

        return shown(self.body)

    @property
    def is_read(self) -> bool:
        return self.read_at is not None
