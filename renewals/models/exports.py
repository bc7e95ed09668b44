"""导出: a background export of renewal tasks by order-expiry range, downloaded from the export list when ready.

`status` is a job state (queued → ready | failed) set only by the export task, not a business workflow.
"""
from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from partnercenter.partners.models.storage import private_upload_to
from partnercenter.tenancy import scoped

from ..querysets import RenewalExportQuerySet


@scoped
class RenewalExport(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", _("生成中")
        READY = "ready", _("可下载")
        FAILED = "failed", _("生成失败")

    partner = models.ForeignKey("partners.Partner", verbose_name=_("伙伴"), null=True, blank=True,
                                on_delete=models.CASCADE, related_name="+")
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("导出人"), on_delete=models.CASCADE,
                                     related_name="+")
    expires_from = models.DateField(_("订单失效时间起"))
    expires_to = models.DateField(_("订单失效时间止"))
    status = models.CharField(_("状态"), max_length=8, choices=Status.choices, default=Status.QUEUED)
    row_count = models.PositiveIntegerField(_("记录数"), default=0)
    file = models.FileField(_("文件"), upload_to=private_upload_to("renewal-exports"), blank=True)
    error = models.CharField(_("失败原因"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    finished_at = models.DateTimeField(_("完成时间"), null=True, blank=True)

    objects = RenewalExportQuerySet.as_manager()

    class Meta:
        verbose_name = _("续订任务导出")
        verbose_name_plural = _("续订任务导出")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(expires_to__gte=F("expires_from")),
                                   name="renewals_export_range_ordered"),
        ]

    def __str__(self):
        return f"{self.expires_from}–{self.expires_to}"

    def get_absolute_url(self):
        return reverse("renewals:export-list")
