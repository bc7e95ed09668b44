"""大单续订任务: one task per large expiring order, and its 处理记录 (follow-ups)."""
from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from partnercenter.tenancy import scoped
from partnercenter.workflow.machine import Transition, Workflow

from ..querysets import OPEN_STATUSES, FollowUpQuerySet, RenewalTaskQuerySet

MONEY = {"max_digits": 14, "decimal_places": 2}


class HandledTask:
    """What both task queues share: open/overdue and who handles a task (the distributor for its resellers)."""

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def is_overdue(self) -> bool:
        """是否逾期: still open after the deadline."""
        return self.is_open and self.deadline < timezone.localdate()

    def handler_partner(self):
        """Who works this task: a cloud reseller's tasks are handled by its master distributor."""
        partner = self.partner
        return partner.distributor if partner.partner_type == "reseller" and partner.distributor_id else partner

    def can_handle(self, user) -> bool:
        """Record follow-ups and close: the handling partner's main account, or its customer manager who manages
        this customer (own 客户分配, or named handler of a reseller's sub-customer by the distributor)."""
        if not user.is_authenticated or not user.partner_id or user.partner_id != self.handler_partner().pk:
            return False
        if user.role == "main":
            return True
        return (user.role == "customer_manager"
                and type(self).objects.for_user(user).filter(pk=self.pk).exists())

    @property
    def is_reseller_task(self) -> bool:
        return self.partner.partner_type == "reseller" and bool(self.partner.distributor_id)


@scoped
class RenewalTask(HandledTask, models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("待处理")
        IN_PROGRESS = "in_progress", _("进行中")
        COMPLETED = "completed", _("已完成")
        TERMINATED = "terminated", _("已终止")

    class Outcome(models.TextChoices):
        NONE = "", _("—")
        RENEWED = "renewed", _("已续订")
        PARTLY_RENEWED = "partly_renewed", _("部分续订")
        LOST = "lost", _("未续订（流失）")

    workflow = Workflow(
        Transition("process", sources=[Status.PENDING], target=Status.IN_PROGRESS, label=_("开始处理")),
        Transition("complete", sources=[Status.PENDING, Status.IN_PROGRESS], target=Status.COMPLETED,
                   label=_("完成任务"), style="primary"),
        Transition("terminate", sources=[Status.PENDING, Status.IN_PROGRESS], target=Status.TERMINATED,
                   label=_("终止任务"), style="danger"),
        # Run by the daily refresh, never by a person: renewals lifted the rate to the threshold.
        Transition("auto_complete", sources=[Status.PENDING, Status.IN_PROGRESS], target=Status.COMPLETED,
                   label=_("已续订，自动完成"), by_vendor=True),
        tones={Status.PENDING: "warning", Status.IN_PROGRESS: "info", Status.COMPLETED: "success",
               Status.TERMINATED: "neutral"},
    )

    partner = models.ForeignKey("partners.Partner", verbose_name=_("伙伴"), on_delete=models.PROTECT,
                                related_name="renewal_tasks")
    customer = models.ForeignKey("partners.Customer", verbose_name=_("客户"), on_delete=models.PROTECT,
                                 related_name="renewal_tasks")
    order = models.OneToOneField("partners.Order", verbose_name=_("订单"), on_delete=models.PROTECT,
                                 related_name="renewal_task")
    product = models.ForeignKey("partners.Product", verbose_name=_("产品"), on_delete=models.PROTECT,
                                related_name="+")
    manager = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("客户经理"), null=True, blank=True,
                                on_delete=models.SET_NULL, related_name="renewal_tasks")
    name = models.CharField(_("任务名称"), max_length=200)
    paid_amount = models.DecimalField(_("实付金额"), **MONEY)
    renewed_amount = models.DecimalField(_("已续订金额"), default=0, **MONEY)
    renewal_rate = models.DecimalField(_("金额续费率(%)"), max_digits=7, decimal_places=2, default=0)
    expires_at = models.DateTimeField(_("订单失效时间"))
    expires_on = models.DateField(_("订单失效日期"), db_index=True)
    deadline = models.DateField(_("任务截止日期"), help_text=_("订单失效当月的最后一天"))
    incentive_at_stake = models.DecimalField(_("续订可得激励（估算）"), default=0, **MONEY)
    status = models.CharField(_("任务状态"), max_length=12, choices=Status.choices, default=Status.PENDING,
                              db_index=True)
    outcome = models.CharField(_("任务结果"), max_length=16, choices=Outcome.choices, blank=True, default="")
    next_follow_up_on = models.DateField(_("下次跟进日期"), null=True, blank=True)
    last_processed_at = models.DateTimeField(_("最近处理时间"), null=True, blank=True)
    reminded_at = models.DateTimeField(_("到期提醒时间"), null=True, blank=True)
    closed_at = models.DateTimeField(_("结束时间"), null=True, blank=True)
    created_at = models.DateTimeField(_("任务创建时间"), auto_now_add=True)
    refreshed_at = models.DateTimeField(_("数据刷新时间"), default=timezone.now)

    objects = RenewalTaskQuerySet.as_manager()

    class Meta:
        verbose_name = _("大单续订任务")
        verbose_name_plural = _("大单续订任务")
        ordering = ["expires_on", "pk"]
        indexes = [models.Index(fields=["partner", "status", "expires_on"], name="renewals_task_partner_queue")]
        constraints = [
            models.CheckConstraint(condition=Q(paid_amount__gte=0) & Q(renewed_amount__gte=0),
                                   name="renewals_task_amounts_not_negative"),
            models.CheckConstraint(condition=Q(renewal_rate__gte=0), name="renewals_task_rate_not_negative"),
            # An open task has no outcome yet; a closed one always records it.
            models.CheckConstraint(
                condition=(Q(status__in=OPEN_STATUSES, outcome="")
                           | (~Q(status__in=OPEN_STATUSES) & ~Q(outcome=""))),
                name="renewals_task_outcome_iff_closed",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("renewals:task-detail", args=[self.pk])

    @property
    def is_renewed(self) -> bool:
        """是否续订: at least one paid renewal of the order exists."""
        return self.renewed_amount > 0



class FollowUp(models.Model):
    """处理记录: one contact with the customer about the renewal."""

    class ContactMethod(models.TextChoices):
        PHONE = "phone", _("电话")
        WECHAT = "wechat", _("微信")
        EMAIL = "email", _("邮件")
        VISIT = "visit", _("上门拜访")
        OTHER = "other", _("其他")

    class Result(models.TextChoices):
        WILL_RENEW = "will_renew", _("有续订意向")
        CONSIDERING = "considering", _("客户考虑中")
        RENEWED = "renewed", _("已续订")
        PARTLY_RENEWED = "partly_renewed", _("部分续订")
        DECLINED = "declined", _("不续订")
        UNREACHABLE = "unreachable", _("未联系上")

    task = models.ForeignKey(RenewalTask, verbose_name=_("任务"), on_delete=models.CASCADE, related_name="follow_ups")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("处理人"), null=True,
                              on_delete=models.SET_NULL, related_name="+")
    actor_name = models.CharField(_("处理人"), max_length=150)
    contact_method = models.CharField(_("联系方式"), max_length=10, choices=ContactMethod.choices)
    result = models.CharField(_("跟进结果"), max_length=16, choices=Result.choices)
    note = models.TextField(_("备注"), blank=True, max_length=2000)
    next_follow_up_on = models.DateField(_("下次跟进日期"), null=True, blank=True)
    created_at = models.DateTimeField(_("处理时间"), auto_now_add=True)

    objects = FollowUpQuerySet.as_manager()

    class Meta:
        verbose_name = _("处理记录")
        verbose_name_plural = _("处理记录")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return gettext("%(task)s 的处理记录") % {"task": self.task_id}
