"""The generation run ledger: who ran the monthly job for which period, with what result."""
from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class GenerationRun(models.Model):
    class Status(models.TextChoices):
        RUNNING = "running", _("运行中")
        SUCCEEDED = "succeeded", _("成功")
        FAILED = "failed", _("失败")

    period = models.DateField(_("对账期次"))
    dry_run = models.BooleanField(_("预览（不写入）"), default=False)
    status = models.CharField(_("状态"), max_length=10, choices=Status.choices, default=Status.RUNNING)
    started_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("发起人"), null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    trigger = models.CharField(_("触发方式"), max_length=10, default="manual")
    started_at = models.DateTimeField(_("开始时间"), auto_now_add=True)
    finished_at = models.DateTimeField(_("结束时间"), null=True, blank=True)
    duration_ms = models.PositiveIntegerField(_("耗时(毫秒)"), null=True, blank=True)
    partners_total = models.PositiveIntegerField(_("伙伴数"), default=0)
    partners_done = models.PositiveIntegerField(_("已完成伙伴数"), default=0)
    source_lines = models.PositiveIntegerField(_("读取消费记录数"), default=0)
    lines_added = models.PositiveIntegerField(_("新增明细"), default=0)
    adjustments_added = models.PositiveIntegerField(_("新增调整明细"), default=0)
    amount_added = models.DecimalField(_("新增激励金额"), max_digits=16, decimal_places=2, default=0)
    partners_skipped = models.PositiveIntegerField(_("已锁定跳过的伙伴"), default=0)
    error = models.TextField(_("错误信息"), blank=True)

    class Meta:
        verbose_name = _("激励生成记录")
        verbose_name_plural = _("激励生成记录")
        ordering = ["-started_at", "-pk"]
        constraints = [
            # Two runs of one period can never overlap: the second insert fails while the first is running.
            models.UniqueConstraint(fields=["period"], condition=Q(status="running", dry_run=False),
                                    name="incentives_run_one_running_per_period"),
        ]

    def __str__(self):
        return f"{self.period:%Y%m} #{self.pk}"


class GenerationRunPartner(models.Model):
    """One row per partner finished in a run: makes the ledger's counters exactly-once although Celery
    delivers at least once (a task redelivered after its work committed finds its row and adds nothing)."""

    run = models.ForeignKey(GenerationRun, verbose_name=_("生成批次"), on_delete=models.CASCADE,
                            related_name="partners")
    partner = models.ForeignKey("partners.Partner", verbose_name=_("伙伴"), on_delete=models.CASCADE,
                                related_name="+")
    finished_at = models.DateTimeField(_("完成时间"), auto_now_add=True)
    # The database time the partner's lines were read at (its transaction's start); empty when the partner was
    # skipped. The next run re-checks only inputs changed since shortly before it (services.generation).
    read_at = models.DateTimeField(_("读取时间"), null=True, blank=True)
    lines_added = models.PositiveIntegerField(_("新增明细"), default=0)
    amount_added = models.DecimalField(_("新增激励金额"), max_digits=16, decimal_places=2, default=0)
    error = models.TextField(_("错误信息"), blank=True)

    class Meta:
        verbose_name = _("伙伴生成结果")
        verbose_name_plural = _("伙伴生成结果")
        constraints = [models.UniqueConstraint(fields=["run", "partner"], name="incentives_run_partner_once")]

    def __str__(self):
        return f"{self.run} / {self.partner_id}"
