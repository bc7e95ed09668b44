"""MDF 核销 (claims): after an approved 使用申请 and the activity, the partner claims the actual costs with receipts.

A claim has expense lines (category + amount) that add up exactly to the claimed amount, and receipts (盖章水单,
invoices) each tagged with the expense category it proves; the claim may not exceed the application's approved
amount. Operators approve, return for rework (with a reason per line, shown where the partner fixes it) or reject.
Once approved, the approved amount is frozen and the claim is paid through a payment request (vouchers/payable.py).
"""
from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from partnercenter.partners.models.storage import private_upload_to
from partnercenter.tenancy import PartnerScopedQuerySet, scoped
from partnercenter.workflow.machine import Transition, Workflow

from .mdf import MONEY, MdfApplication


class ExpenseCategory(models.TextChoices):
    VENUE = "venue", _("场地费")
    MEALS = "meals", _("餐费")
    LODGING = "lodging", _("住宿费")
    TRAVEL = "travel", _("交通费")
    MATERIALS = "materials", _("物料制作费")
    GIFTS = "gifts", _("礼品费")
    ADVERTISING = "advertising", _("广告投放费")
    SPEAKERS = "speakers", _("讲师费")
    OTHER = "other", _("其他")


class ClaimQuerySet(PartnerScopedQuerySet):
    def awaiting_review(self):
        return self.filter(status=MdfClaim.Status.IN_REVIEW)

    def counted_as_used(self):
        """Claims whose approved amount is spent from the budget (approved, being paid or paid)."""
        return self.filter(status__in=MdfClaim.USED)


@scoped
class MdfClaim(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("核销草稿")
        IN_REVIEW = "in_review", _("核销申请审核中")
        RETURNED = "returned", _("核销退回修改")
        APPROVED = "approved", _("核销审核通过")
        REJECTED = "rejected", _("核销审核不通过")
        PAYING = "paying", _("付款中")
        PAID = "paid", _("已付款")

    EDITABLE = (Status.DRAFT, Status.RETURNED)
    USED = (Status.APPROVED, Status.PAYING, Status.PAID)

    workflow = Workflow(
        Transition("submit", sources=[Status.DRAFT, Status.RETURNED], target=Status.IN_REVIEW, label=_("提交核销"),
                   guard="check_submit"),
        Transition("approve", sources=[Status.IN_REVIEW], target=Status.APPROVED, label=_("核销审核通过"),
                   by_vendor=True),
        Transition("return", sources=[Status.IN_REVIEW], target=Status.RETURNED, label=_("退回修改"),
                   by_vendor=True, style="warning"),
        Transition("reject", sources=[Status.IN_REVIEW], target=Status.REJECTED, label=_("核销审核不通过"),
                   by_vendor=True, style="danger"),
        # Driven by the payment request (payments.sources callbacks), never by a button of this wing.
        Transition("request_payment", sources=[Status.APPROVED], target=Status.PAYING, label=_("申请付款")),
        Transition("pay", sources=[Status.PAYING], target=Status.PAID, label=_("已付款")),
        Transition("release", sources=[Status.PAYING], target=Status.APPROVED, label=_("付款申请已关闭")),
        tones={Status.DRAFT: "neutral", Status.IN_REVIEW: "info", Status.RETURNED: "warning",
               Status.APPROVED: "success", Status.REJECTED: "danger", Status.PAYING: "info", Status.PAID: "success"},
    )

    partner = models.ForeignKey("partners.Partner", verbose_name=_("伙伴"), on_delete=models.PROTECT,
                                related_name="mdf_claims")
    application = models.OneToOneField(MdfApplication, verbose_name=_("使用申请"), on_delete=models.PROTECT,
                                       related_name="claim")
    amount = models.DecimalField(_("核销金额"), **MONEY)
    summary = models.TextField(_("活动总结"), max_length=2000)
    status = models.CharField(_("状态"), max_length=12, choices=Status.choices, default=Status.DRAFT,
                              db_index=True)
    approved_amount = models.DecimalField(_("核销通过金额"), null=True, blank=True,
                                          help_text=_("审核通过时冻结，付款按此金额"), **MONEY)
    review_comment = models.CharField(_("审核意见"), max_length=500, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("申请人"), null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(_("创建时间"), default=timezone.now)
    submitted_at = models.DateTimeField(_("提交时间"), null=True, blank=True)
    approved_at = models.DateTimeField(_("审核通过时间"), null=True, blank=True)

    objects = ClaimQuerySet.as_manager()

    class Meta:
        verbose_name = _("MDF核销申请")
        verbose_name_plural = _("MDF核销申请")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="mdf_claim_amount_positive"),
            models.CheckConstraint(condition=Q(approved_amount__isnull=True) | Q(approved_amount__gt=0),
                                   name="mdf_claim_approved_amount_positive"),
            models.CheckConstraint(condition=~Q(status__in=["approved", "paying", "paid"])
                                   | Q(approved_amount__isnull=False), name="mdf_claim_approved_amount_frozen"),
        ]

    def __str__(self):
        return str(_("%(name)s 核销") % {"name": self.application.activity_name})

    def get_absolute_url(self):
        return reverse("vouchers:claim-detail", args=[self.pk])

    @property
    def is_editable(self) -> bool:
        return self.status in self.EDITABLE

    def check_submit(self):
        """Side-effect free: the whole set of claim rules, the first broken one named (None when it may go)."""
        problems = self.submit_problems()
        return problems[0] if problems else None

    def submit_problems(self) -> list[str]:
        from django.utils.translation import gettext

        problems = []
        lines = list(self.expenses.all())
        receipts = list(self.receipts.all())
        ceiling = self.application.amount
        if not lines:
            problems.append(gettext("请至少填写一项费用明细。"))
        total = sum((line.amount for line in lines), start=type(self.amount)("0"))
        if lines and total != self.amount:
            problems.append(gettext("费用明细合计 %(total)s 元须等于核销金额 %(amount)s 元。") % {
                "total": total, "amount": self.amount})
        if self.amount > ceiling:
            problems.append(gettext("核销金额 %(amount)s 元不能超过使用申请审核通过的金额 %(ceiling)s 元。") % {
                "amount": self.amount, "ceiling": ceiling})
        if not receipts:
            problems.append(gettext("请上传费用凭证（盖章水单、发票等）。"))
        declared = {line.category for line in lines}
        labels = dict(ExpenseCategory.choices)
        for receipt in receipts:
            if receipt.category not in declared:
                message = gettext(
                    "凭证“%(name)s”的费用类别“%(category)s”与费用明细不符，请修改费用明细或重新上传凭证。")
                problems.append(message % {"name": receipt.name,
                                           "category": labels.get(receipt.category, receipt.category)})
        proven = {receipt.category for receipt in receipts}
        for line in lines:
            if line.category not in proven:
                problems.append(gettext("费用类别“%(category)s”缺少凭证。") % {"category": line.get_category_display()})
        if self.application.status != MdfApplication.Status.APPROVED:
            problems.append(gettext("使用申请当前状态为“%(status)s”，不能核销。") % {
                "status": self.application.get_status_display()})
        return problems


class ExpenseQuerySet(PartnerScopedQuerySet):
    partner_lookup = "claim__partner_id"


@scoped
class MdfClaimExpense(models.Model):
    """费用明细: one actual expense category of a claim."""

    claim = models.ForeignKey(MdfClaim, verbose_name=_("核销申请"), on_delete=models.CASCADE,
                              related_name="expenses")
    category = models.CharField(_("费用类别"), max_length=12, choices=ExpenseCategory.choices)
    amount = models.DecimalField(_("金额"), **MONEY)
    description = models.CharField(_("说明"), max_length=200, blank=True)
    review_note = models.CharField(_("审核意见"), max_length=300, blank=True,
                                   help_text=_("退回修改时运营人员针对该项的意见"))

    objects = ExpenseQuerySet.as_manager()

    class Meta:
        verbose_name = _("MDF核销费用明细")
        verbose_name_plural = _("MDF核销费用明细")
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="mdf_claim_expense_amount_positive"),
            models.UniqueConstraint(fields=["claim", "category"], name="mdf_claim_expense_one_per_category"),
        ]

    def __str__(self):
        return f"{self.get_category_display()} {self.amount}"


class ReceiptQuerySet(PartnerScopedQuerySet):
    partner_lookup = "claim__partner_id"


@scoped
class MdfReceipt(models.Model):
    """费用凭证: a private upload proving one expense category."""

    claim = models.ForeignKey(MdfClaim, verbose_name=_("核销申请"), on_delete=models.CASCADE,
                              related_name="receipts")
    category = models.CharField(_("费用类别"), max_length=12, choices=ExpenseCategory.choices)
    file = models.FileField(_("凭证文件"), upload_to=private_upload_to("mdf_receipts"), max_length=300)
    name = models.CharField(_("文件名"), max_length=200)
    uploaded_at = models.DateTimeField(_("上传时间"), default=timezone.now)

    objects = ReceiptQuerySet.as_manager()

    class Meta:
        verbose_name = _("MDF核销凭证")
        verbose_name_plural = _("MDF核销凭证")
        ordering = ["pk"]

    def __str__(self):
        return self.name
