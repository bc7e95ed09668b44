"""The audit trail of every state transition and the working-day deadlines (SLA clocks) of open states."""
from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _

from .querysets import DeadlineQuerySet, TransitionLogQuerySet


class TransitionLog(models.Model):
    """One row per transition: who, when, from, to, reason code and comment. Append-only."""

    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT)
    object_id = models.PositiveBigIntegerField()
    subject = GenericForeignKey("content_type", "object_id")
    action = models.CharField(_("操作"), max_length=40)
    action_label = models.CharField(_("操作名称"), max_length=80)
    from_status = models.CharField(_("原状态"), max_length=40, blank=True)
    to_status = models.CharField(_("新状态"), max_length=40)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    actor_name = models.CharField(_("操作人"), max_length=150)  # frozen: survives user renames/deletes
    reason_code = models.CharField(_("原因代码"), max_length=40, blank=True)
    comment = models.TextField(_("意见"), blank=True)
    created_at = models.DateTimeField(_("时间"), auto_now_add=True, db_index=True)

    objects = TransitionLogQuerySet.as_manager()

    class Meta:
        verbose_name = _("状态变更记录")
        verbose_name_plural = _("状态变更记录")
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["content_type", "object_id", "created_at"], name="workflow_log_subject")]

    def __str__(self):
        return f"{self.action_label}: {self.from_status} → {self.to_status}"


class Deadline(models.Model):
    """A working-day deadline attached to an object while it waits in one state.

    Any transition of the object closes its open deadlines; the daily SLA sweep reminds the owner before the
    due day, flags the deadline overdue after it, and applies `on_expire` (a transition name) when set.
    """

    class Owner(models.TextChoices):
        VENDOR = "vendor", _("华为云运营")
        PARTNER = "partner", _("伙伴")

    class Status(models.TextChoices):
        OPEN = "open", _("进行中")
        MET = "met", _("按时完成")
        LATE = "late", _("逾期完成")
        EXPIRED = "expired", _("已过期")

    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT)
    object_id = models.PositiveBigIntegerField()
    subject = GenericForeignKey("content_type", "object_id")
    partner = models.ForeignKey("partners.Partner", on_delete=models.CASCADE, related_name="deadlines")
    kind = models.CharField(_("类型"), max_length=40)
    label = models.CharField(_("事项"), max_length=200)
    owner = models.CharField(_("处理方"), max_length=10, choices=Owner.choices)
    starts_on = models.DateField(_("开始日期"))
    working_days = models.PositiveSmallIntegerField(_("工作日数"))
    due_on = models.DateField(_("截止日期"), db_index=True)
    provisional = models.BooleanField(
        _("暂定"), default=False, help_text=_("截止日期所在年份的调休安排尚未公布，按规则推算。")
    )
    status = models.CharField(_("状态"), max_length=10, choices=Status.choices, default=Status.OPEN, db_index=True)
    on_expire = models.CharField(_("到期自动操作"), max_length=40, blank=True)
    reminded_at = models.DateTimeField(_("提醒时间"), null=True, blank=True)
    overdue_at = models.DateTimeField(_("标记逾期时间"), null=True, blank=True)
    closed_at = models.DateTimeField(_("关闭时间"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = DeadlineQuerySet.as_manager()

    class Meta:
        verbose_name = _("工作日时限")
        verbose_name_plural = _("工作日时限")
        ordering = ["due_on", "pk"]
        indexes = [
            models.Index(fields=["content_type", "object_id", "status"], name="workflow_deadline_subject"),
            models.Index(fields=["status", "due_on"], name="workflow_deadline_open_due"),
        ]

    def __str__(self):
        return f"{self.label_shown} ≤ {self.due_on}"

    @property
    def label_shown(self) -> str:
        """The label in the reader's language (labels are stored as msgid + parameters: stored_text)."""
        from partnercenter.stored_text import shown

        return shown(self.label)

    @property
    def is_overdue(self) -> bool:
        return self.overdue_at is not None and self.status == self.Status.OPEN
