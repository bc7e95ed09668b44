"""实名认证 and 商业信息认证 applications (state machines) and the certified business information."""
from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from partnercenter.tenancy import PartnerScopedQuerySet, scoped
from partnercenter.workflow import reasons
from partnercenter.workflow.machine import Transition, Workflow

from .storage import private_upload_to

credit_code_validator = RegexValidator(
    r"^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$",
    _("统一社会信用代码应为18位数字或大写字母（不含I、O、Z、S、V）。"),
)
bank_account_validator = RegexValidator(r"^\d{8,30}$", _("银行账号应为8至30位数字。"))


class ApplicationQuerySet(PartnerScopedQuerySet):
    def pending_review(self):
        return self.filter(status="pending")

    def latest_first(self):
        return self.order_by("-submitted_at", "-pk")


class ReviewStatus(models.TextChoices):
    PENDING = "pending", _("审核中")
    APPROVED = "approved", _("审核通过")
    REJECTED = "rejected", _("审核不通过")
    WITHDRAWN = "withdrawn", _("已撤回")


class RejectReason(models.TextChoices):
    """Structured reason codes an operator picks when rejecting; the comment adds the specifics."""

    DOCUMENT_UNCLEAR = "document_unclear", _("证件材料不清晰或不完整")
    NAME_MISMATCH = "name_mismatch", _("名称与证件或实名信息不一致")
    INFO_INCORRECT = "info_incorrect", _("填写信息有误")
    BANK_INVALID = "bank_invalid", _("银行账户信息无法核实")
    OTHER = "other", _("其他")


reasons.register(RejectReason)


class ReviewedApplication(models.Model):
    """Fields and transitions shared by the two certification applications."""

    Status = ReviewStatus

    partner = models.ForeignKey("partners.Partner", verbose_name=_("伙伴"), on_delete=models.CASCADE)
    status = models.CharField(
        _("状态"), max_length=12, choices=ReviewStatus.choices, default=ReviewStatus.PENDING, db_index=True
    )
    revision = models.PositiveSmallIntegerField(_("提交次数"), default=1)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("提交人"), on_delete=models.PROTECT, related_name="+"
    )
    submitted_at = models.DateTimeField(_("提交时间"))
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("审核人"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(_("审核时间"), null=True, blank=True)
    opinion = models.TextField(_("审核意见"), blank=True)

    objects = ApplicationQuerySet.as_manager()

    workflow = Workflow(
        Transition("resubmit", [ReviewStatus.REJECTED, ReviewStatus.WITHDRAWN], ReviewStatus.PENDING,
                   _("重新提交"), style="primary"),
        Transition("withdraw", [ReviewStatus.PENDING], ReviewStatus.WITHDRAWN, _("撤回")),
        Transition("approve", [ReviewStatus.PENDING], ReviewStatus.APPROVED, _("审核通过"), by_vendor=True,
                   style="primary"),
        Transition("reject", [ReviewStatus.PENDING], ReviewStatus.REJECTED, _("审核不通过"), by_vendor=True,
                   style="danger"),
        tones={ReviewStatus.PENDING: "warning", ReviewStatus.APPROVED: "success",
               ReviewStatus.REJECTED: "danger", ReviewStatus.WITHDRAWN: "neutral"},
    )

    class Meta:
        abstract = True

    @property
    def is_pending(self) -> bool:
        return self.status == ReviewStatus.PENDING


@scoped
class RealNameApplication(ReviewedApplication):
    """企业实名认证 application; its outcome sets Partner.real_name_status (-1/0/1/2)."""

    class CertificateType(models.IntegerChoices):
        BUSINESS_LICENCE = 0, _("企业营业执照")
        PUBLIC_INSTITUTION = 1, _("事业单位法人证书")
        SOCIAL_ORGANISATION = 2, _("社会团体法人登记证书")
        LAW_ENFORCEMENT = 3, _("行政执法主体资格证")
        ORGANISATION_CODE = 4, _("组织机构代码证")
        OTHER = 99, _("其他")

    certificate_type = models.SmallIntegerField(
        _("证件类型"), choices=CertificateType.choices, default=CertificateType.BUSINESS_LICENCE
    )
    corp_name = models.CharField(_("企业名称"), max_length=200)
    credit_code = models.CharField(_("统一社会信用代码"), max_length=18, validators=[credit_code_validator])
    legal_person = models.CharField(_("法定代表人"), max_length=50)
    reg_address = models.CharField(_("注册地址"), max_length=300)
    licence = models.FileField(_("证件扫描件"), upload_to=private_upload_to("realname"), max_length=300)

    workflow = ReviewedApplication.workflow

    class Meta:
        verbose_name = _("实名认证申请")
        verbose_name_plural = _("实名认证申请")
        ordering = ["-submitted_at", "-pk"]
        indexes = [models.Index(fields=["status", "submitted_at"], name="partners_realname_queue")]

    def __str__(self):
        return f"{self.corp_name} ({self.get_status_display()})"

    def get_absolute_url(self):
        return reverse("partners:realname-detail", args=[self.pk])

    def get_review_url(self):
        return reverse("review:realname-review", args=[self.pk])


class BusinessInfoFields(models.Model):
    """The payment-related business information a partner certifies (spec D.3)."""

    class TaxpayerType(models.TextChoices):
        GENERAL = "general", _("一般纳税人")
        SMALL = "small", _("小规模纳税人")

    class Currency(models.TextChoices):
        CNY = "CNY", _("人民币 (CNY)")
        USD = "USD", _("美元 (USD)")

    company_name = models.CharField(_("公司名称"), max_length=200)
    bank_name = models.CharField(_("开户银行"), max_length=100)
    bank_branch = models.CharField(_("开户支行"), max_length=100)
    bank_account_name = models.CharField(_("开户名"), max_length=200)
    bank_account_no = models.CharField(_("银行账号"), max_length=30, validators=[bank_account_validator])
    taxpayer_type = models.CharField(_("纳税人身份"), max_length=10, choices=TaxpayerType.choices)
    tax_id = models.CharField(_("纳税人识别号"), max_length=18, validators=[credit_code_validator])
    settlement_currency = models.CharField(
        _("结算币种"), max_length=3, choices=Currency.choices, default=Currency.CNY
    )
    finance_contact = models.CharField(_("财务联系人"), max_length=50)
    finance_email = models.EmailField(_("财务联系人邮箱"))
    finance_phone = models.CharField(_("财务联系人电话"), max_length=20)

    COPIED_FIELDS = (
        "company_name", "bank_name", "bank_branch", "bank_account_name", "bank_account_no", "taxpayer_type",
        "tax_id", "settlement_currency", "finance_contact", "finance_email", "finance_phone",
    )

    class Meta:
        abstract = True

    @property
    def masked_account_no(self) -> str:
        return f"**** {self.bank_account_no[-4:]}" if self.bank_account_no else ""


@scoped
class BusinessInfoApplication(ReviewedApplication, BusinessInfoFields):
    """A request to certify (or change) the partner's business information."""

    class Kind(models.TextChoices):
        INITIAL = "initial", _("首次认证")
        CHANGE = "change", _("信息变更")

    kind = models.CharField(_("申请类型"), max_length=10, choices=Kind.choices, default=Kind.INITIAL)

    workflow = ReviewedApplication.workflow

    class Meta:
        verbose_name = _("商业信息认证申请")
        verbose_name_plural = _("商业信息认证申请")
        ordering = ["-submitted_at", "-pk"]
        indexes = [models.Index(fields=["status", "submitted_at"], name="partners_bizinfo_queue")]

    def __str__(self):
        return f"{self.company_name} {self.get_kind_display()} ({self.get_status_display()})"

    def get_absolute_url(self):
        return reverse("partners:businessinfo-detail", args=[self.pk])

    def get_review_url(self):
        return reverse("review:businessinfo-review", args=[self.pk])


class CertifiedBusinessInfoQuerySet(PartnerScopedQuerySet):
    pass


@scoped
class CertifiedBusinessInfo(BusinessInfoFields):
    """The business information in force, frozen from the approved application (never edited in place)."""

    partner = models.OneToOneField(
        "partners.Partner", verbose_name=_("伙伴"), on_delete=models.CASCADE, related_name="business_info"
    )
    application = models.ForeignKey(
        BusinessInfoApplication, verbose_name=_("来源申请"), on_delete=models.PROTECT, related_name="+"
    )
    certified_at = models.DateTimeField(_("认证时间"))

    objects = CertifiedBusinessInfoQuerySet.as_manager()

    class Meta:
        verbose_name = _("已认证商业信息")
        verbose_name_plural = _("已认证商业信息")

    def __str__(self):
        return self.company_name
