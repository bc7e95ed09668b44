"""The run ledger of the monthly generation."""
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .base import MONEY


class FhGenerationRun(models.Model):
    class Status(models.TextChoices):
        RUNNING = "running", _("运行中")
        SUCCEEDED = "succeeded", _("成功")
        FAILED = "failed", _("失败")

    month = models.DateField(_("激励月份"))
    trigger = models.CharField(_("触发方式"), max_length=10, default="manual")
    status = models.CharField(_("状态"), max_length=10, choices=Status.choices, default=Status.RUNNING)
    started_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("发起人"), null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    started_at = models.DateTimeField(_("开始时间"), auto_now_add=True)
    finished_at = models.DateTimeField(_("结束时间"), null=True, blank=True)
    partners_total = models.PositiveIntegerField(_("资格伙伴数"), default=0)
    partners_done = models.PositiveIntegerField(_("已处理伙伴数"), default=0)
    lists_created = models.PositiveIntegerField(_("新生成名单"), default=0)
    lists_existing = models.PositiveIntegerField(_("已存在跳过"), default=0)
    lists_empty = models.PositiveIntegerField(_("无符合条件人员"), default=0)
    people_added = models.PositiveIntegerField(_("新增激励人员"), default=0)
    amount_added = models.DecimalField(_("新增激励金额"), max_digits=16, decimal_places=2, default=0)
    error = models.TextField(_("错误信息"), blank=True)

    class Meta:
        verbose_name = _("FH激励生成记录")
        verbose_name_plural = _("FH激励生成记录")
        ordering = ["-started_at", "-pk"]

    def __str__(self):
        return f"{self.month:%Y%m} #{self.pk}"


class FhGenerationRunPartner(models.Model):
    """One row per partner handled in a run: the counters stay exactly-once under redelivered tasks."""

    class Outcome(models.TextChoices):
        CREATED = "created", _("已生成")
        EXISTING = "existing", _("已存在")
        EMPTY = "empty", _("无符合条件人员")

    run = models.ForeignKey(FhGenerationRun, verbose_name=_("生成批次"), on_delete=models.CASCADE,
                            related_name="partners")
    partner = models.ForeignKey("partners.Partner", verbose_name=_("伙伴"), on_delete=models.CASCADE,
                                related_name="+")
    outcome = models.CharField(_("结果"), max_length=10, choices=Outcome.choices)
    people = models.PositiveIntegerField(_("人数"), default=0)
    amount = models.DecimalField(_("金额"), default=Decimal("0.00"), **MONEY)
    finished_at = models.DateTimeField(_("完成时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("FH伙伴生成结果")
        verbose_name_plural = _("FH伙伴生成结果")
        constraints = [models.UniqueConstraint(fields=["run", "partner"], name="fh_run_partner_once")]

    def __str__(self):
        return f"{self.run_id}/{self.partner_id}"
