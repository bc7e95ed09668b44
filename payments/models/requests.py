"""付款申请: one PaymentRequest for every payable source (incentive bills, opportunity incentives, FH quarters,
delivery-support projects, ...), identified by (source kind, source pk) — no foreign key into the wings.

Amount, payee and payout method are frozen when the request is submitted (spec A.12: "一旦选择后即进入正式申付环节，
不允许修改"). Statuses (spec A.3/A.12):

    待提交申请 -submit-> 申请处理中 -approve-> 待开票 -invoice-> 发票审核中 -invoice_approve-> 待华为付款 -pay-> 已付款
    申请处理中 -return-> 退回修改 -resubmit-> 申请处理中;  发票审核中 -invoice_return-> 待开票
    申请处理中 -reject-> 审核不通过 (final: the source is payable again)
    待提交申请 / 退回修改 --withdraw--> 已撤回 (the source is payable again)
"""
import re

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from partnercenter.partners.models.storage import private_upload_to
from partnercenter.tenancy import PartnerScopedQuerySet, scoped
from partnercenter.workflow.machine import Transition, Workflow

MONEY = {"max_digits": 14, "decimal_places": 2}

# 纳税人识别号: the 18-character 统一社会信用代码, or the older 15/20-character numbers.
TAX_ID_RE = re.compile(r"^(?:[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}|[0-9A-Z]{15}|[0-9A-Z]{20})$")
tax_id_validator = RegexValidator(
    TAX_ID_RE, _("纳税人识别号应为18位统一社会信用代码（数字或大写字母，不含I、O、Z、S、V），或15位、20位税号。"))
invoice_no_validator = RegexValidator(r"^\d{8}$|^\d{20}$", _("发票号码应为8位或20位（全电发票）数字。"))


class PayoutMethod(models.TextChoices):
    BANK = "bank", _("银行转账付款")
    CLOUD_ACCOUNT = "cloud_account", _("返华为云账户")
    VOUCHER_QUOTA = "voucher_quota", _("转代金券额度")


class RequestQuerySet(PartnerScopedQuerySet):
    def open(self):
        return self.exclude(status__in=PaymentRequest.CLOSED)

    def for_source(self, kind: str, source_id: int):
        return self.filter(source_kind=kind, source_id=source_id)

    def of_kinds(self, kinds):
        return self.filter(source_kind__in=list(kinds))

    def awaiting_vendor(self):
        return self.filter(status__in=PaymentRequest.VENDOR_STATES)


@scoped
class PaymentRequest(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("待提交申请")
        PROCESSING = "processing", _("申请处理中")
        RETURNED = "returned", _("退回修改")
        AWAITING_INVOICE = "awaiting_invoice", _("待开票")
        INVOICE_REVIEW = "invoice_review", _("发票审核中")
        AWAITING_PAYMENT = "awaiting_payment", _("待华为付款")
        PAID = "paid", _("已付款")
        REJECTED = "rejected", _("审核不通过")
        WITHDRAWN = "withdrawn", _("已撤回")

    CLOSED = (Status.REJECTED, Status.WITHDRAWN)
    VENDOR_STATES = (Status.PROCESSING, Status.INVOICE_REVIEW, Status.AWAITING_PAYMENT)

    workflow = Workflow(
        Transition("submit", sources=[Status.DRAFT], target=Status.PROCESSING, label=_("提交申请"), style="primary",
                   guard="check_submit"),
        Transition("resubmit", sources=[Status.RETURNED], target=Status.PROCESSING, label=_("修改后重新提交"),
                   style="primary", guard="check_submit"),
        Transition("withdraw", sources=[Status.DRAFT, Status.RETURNED], target=Status.WITHDRAWN, label=_("撤回申请"),
                   style="danger"),
        Transition("approve", sources=[Status.PROCESSING], target=Status.AWAITING_INVOICE, label=_("申请审核通过"),
                   by_vendor=True, style="primary"),
        Transition("return", sources=[Status.PROCESSING], target=Status.RETURNED, label=_("退回修改"),
                   by_vendor=True),
        Transition("reject", sources=[Status.PROCESSING], target=Status.REJECTED, label=_("审核不通过"),
                   by_vendor=True, style="danger"),
        Transition("invoice", sources=[Status.AWAITING_INVOICE], target=Status.INVOICE_REVIEW, label=_("提交发票"),
                   style="primary"),
        Transition("invoice_approve", sources=[Status.INVOICE_REVIEW], target=Status.AWAITING_PAYMENT,
                   label=_("发票审核通过"), by_vendor=True, style="primary"),
        Transition("invoice_return", sources=[Status.INVOICE_REVIEW], target=Status.AWAITING_INVOICE,
                   label=_("发票退回修改"), by_vendor=True),
        Transition("pay", sources=[Status.AWAITING_PAYMENT], target=Status.PAID, label=_("确认已付款"),
                   by_vendor=True, style="primary"),
        tones={Status.DRAFT: "neutral", Status.PROCESSING: "info", Status.RETURNED: "warning",
               Status.AWAITING_INVOICE: "warning", Status.INVOICE_REVIEW: "info", Status.AWAITING_PAYMENT: "info",
               Status.PAID: "success", Status.REJECTED: "danger", Status.WITHDRAWN: "neutral"},
    )

    partner = models.ForeignKey("partners.Partner", verbose_name=_("伙伴"), on_delete=models.PROTECT,
                                related_name="payment_requests")
    code = models.CharField(_("申请编码"), max_length=20, unique=True)
    source_kind = models.CharField(_("付款来源"), max_length=40, db_index=True)
    source_id = models.PositiveBigIntegerField(_("来源编号"))
    title = models.CharField(_("激励名称"), max_length=200)
    amount = models.DecimalField(_("申请金额"), **MONEY)
    currency = models.CharField(_("结算币种"), max_length=3, default="CNY")
    payout_method = models.CharField(_("激励发放方式"), max_length=16, choices=PayoutMethod.choices,
                                     default=PayoutMethod.BANK)
    status = models.CharField(_("审核状态"), max_length=20, choices=Status.choices, default=Status.DRAFT,
                              db_index=True)
    # Payee, frozen at submission (never read back from the live business information).
    payee_name = models.CharField(_("收款户名"), max_length=200, blank=True)
    payee_bank = models.CharField(_("开户银行"), max_length=200, blank=True)
    payee_account_no = models.CharField(_("银行账号"), max_length=30, blank=True)
    payee_tax_id = models.CharField(_("纳税人识别号"), max_length=20, blank=True)
    taxpayer_type = models.CharField(_("纳税人身份"), max_length=10, blank=True)
    # The last review comment the partner must act on (shown inline next to what to fix).
    review_comment = models.TextField(_("审核意见"), blank=True, max_length=1000)
    # 发票 (entered by the partner in 待开票).
    invoice_no = models.CharField(_("发票号码"), max_length=20, blank=True, validators=[invoice_no_validator])
    invoice_date = models.DateField(_("开票日期"), null=True, blank=True)
    invoice_tax_id = models.CharField(_("销售方纳税人识别号"), max_length=20, blank=True,
                                      validators=[tax_id_validator])
    invoice_amount = models.DecimalField(_("发票金额（价税合计）"), null=True, blank=True, **MONEY)
    invoice_file = models.FileField(_("发票文件"), upload_to=private_upload_to("invoices"), max_length=300,
                                    blank=True)
    # 付款 (entered by the operator).
    payment_reference = models.CharField(_("付款流水号"), max_length=64, blank=True)
    paid_on = models.DateField(_("付款日期"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("申请人"), null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    submitted_at = models.DateTimeField(_("提交时间"), null=True, blank=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    objects = RequestQuerySet.as_manager()

    class Meta:
        verbose_name = _("付款申请")
        verbose_name_plural = _("付款申请")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["partner", "source_kind", "-created_at"], name="payments_req_partner_kind")]
        constraints = [
            # One live request per source: a double click or a second tab finds the first one.
            models.UniqueConstraint(fields=["source_kind", "source_id"],
                                    condition=~Q(status__in=["rejected", "withdrawn"]),
                                    name="payments_request_one_open_per_source"),
            models.CheckConstraint(condition=Q(amount__gt=0), name="payments_request_amount_positive"),
        ]

    def __str__(self):
        return self.code

    def get_absolute_url(self):
        return reverse("payments:request-detail", args=[self.pk])

    def get_review_url(self):
        return reverse("payments:request-review", args=[self.pk])

    @property
    def source(self):
        """The source object (None if its wing is not installed or the row is gone)."""
        from payments import sources

        try:
            source = sources.get(self.source_kind)
        except KeyError:
            return None
        return source.model._default_manager.filter(pk=self.source_id).first()

    @property
    def source_label(self) -> str:
        from payments import sources

        try:
            return str(sources.get(self.source_kind).label)
        except KeyError:
            return self.source_kind

    @property
    def is_method_editable(self) -> bool:
        return self.status == self.Status.DRAFT

    @property
    def is_closed(self) -> bool:
        return self.status in self.CLOSED

    def check_submit(self):
        from payments.readiness import readiness_for

        source = self.source
        if source is None:
            return gettext("付款来源已不存在，无法提交。")
        # Once submitted (退回修改 → resubmit) the source sits in its 申付中 state because of this very request:
        # only the platform's blockers (certification, account name, amount) apply then.
        blockers = readiness_for(source, request=self, with_source=self.status == self.Status.DRAFT).blockers
        if blockers:
            return gettext("暂不能提交付款申请：%(why)s") % {"why": "；".join(b.message for b in blockers)}
        return None
