"""华为云付款协议 (spec A.16/A.17): generated at once from the partner's actual consumption, no approval. Amounts
are summed from the consumption lines and frozen here; the PDF is rendered by a Celery task and stored privately.
The verification code is an HMAC of the frozen contract content, printed on every page and checkable on the
portal (payments:contract-verify)."""
from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from partnercenter.partners.models.storage import private_upload_to
from partnercenter.tenancy import PartnerScopedQuerySet, scoped

MONEY = {"max_digits": 14, "decimal_places": 2}

VENDOR_NAME = "华为云计算技术有限公司"


class ContractQuerySet(PartnerScopedQuerySet):
    pass


@scoped
class PaymentContract(models.Model):
    class PdfStatus(models.TextChoices):
        QUEUED = "queued", _("排队中")
        RENDERING = "rendering", _("生成中")
        READY = "ready", _("可下载")
        FAILED = "failed", _("生成失败")

    partner = models.ForeignKey("partners.Partner", verbose_name=_("伙伴"), on_delete=models.PROTECT,
                                related_name="payment_contracts")
    number = models.CharField(_("协议编号"), max_length=24, unique=True)
    title = models.CharField(_("协议名称"), max_length=100, default="华为云付款协议")
    period_start = models.DateField(_("消费期间起"), help_text=_("起始账期月份的第一天"))
    period_end = models.DateField(_("消费期间止"), help_text=_("结束账期月份的第一天"))
    committed_payment_date = models.DateField(_("承诺付款时间"))
    # Frozen at generation: the parties and the money, never recomputed from live rows.
    vendor_name = models.CharField(_("甲方"), max_length=200, default=VENDOR_NAME)
    partner_name = models.CharField(_("乙方"), max_length=200)
    partner_credit_code = models.CharField(_("乙方统一社会信用代码"), max_length=18, blank=True)
    amount = models.DecimalField(_("协议金额"), **MONEY)
    currency = models.CharField(_("币种"), max_length=3, default="CNY")
    line_count = models.PositiveIntegerField(_("消费记录条数"))
    breakdown = models.JSONField(_("消费明细汇总"), default=list,
                                 help_text=_("按账期、客户汇总的消费金额（字符串形式的两位小数）"))
    verification_code = models.CharField(_("校验码"), max_length=64, db_index=True)
    pdf_status = models.CharField(_("PDF状态"), max_length=10, choices=PdfStatus.choices, default=PdfStatus.QUEUED)
    pdf_file = models.FileField(_("协议PDF"), upload_to=private_upload_to("contracts"), max_length=300, blank=True)
    pdf_pages = models.PositiveSmallIntegerField(_("页数"), null=True, blank=True)
    pdf_error = models.CharField(_("生成错误"), max_length=300, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("申请人"), null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(_("生成时间"), auto_now_add=True)

    objects = ContractQuerySet.as_manager()

    class Meta:
        verbose_name = _("华为云付款协议")
        verbose_name_plural = _("华为云付款协议")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(period_end__gte=models.F("period_start")),
                                   name="payments_contract_period_ordered"),
            models.CheckConstraint(condition=Q(amount__gt=0), name="payments_contract_amount_positive"),
        ]

    def __str__(self):
        return self.number

    def get_absolute_url(self):
        return reverse("payments:contract-detail", args=[self.pk])

    @property
    def period_label(self) -> str:
        return f"{self.period_start:%Y%m}–{self.period_end:%Y%m}"
