"""机会点激励申请 (spec A.1, A.14): one application per opportunity, reviewed within 3 working days, then the
incentive amount is published, checked by the partner (核对激励), frozen at confirmation and paid through a
payment request (payable.py). Every submitted version is kept (ApplicationVersion) so reviewers see the diff."""
from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from partnercenter.partners.models.storage import private_upload_to
from partnercenter.tenancy import PartnerScopedQuerySet, scoped
from partnercenter.workflow import reasons
from partnercenter.workflow.machine import Transition, Workflow

MONEY = {"max_digits": 14, "decimal_places": 2}


class ReturnReason(models.TextChoices):
    """Structured reasons for 退回修改; each names the form field the partner fixes (FIELD_OF_REASON)."""

    AMOUNT_MISMATCH = "amount_mismatch", _("激励金额依据与合同/订单不符")
    DESCRIPTION_INCOMPLETE = "description_incomplete", _("申请说明不完整")
    MATERIALS_UNSTAMPED = "materials_unstamped", _("材料未盖章或印章不清晰")
    MATERIALS_MISSING = "materials_missing", _("缺少必要的证明材料")
    OTHER = "other", _("其他")


FIELD_OF_REASON = {
    ReturnReason.AMOUNT_MISMATCH: "basis_amount",
    ReturnReason.DESCRIPTION_INCOMPLETE: "description",
    ReturnReason.MATERIALS_UNSTAMPED: "materials",
    ReturnReason.MATERIALS_MISSING: "materials",
    ReturnReason.OTHER: "",
}


class RejectReason(models.TextChoices):
    NOT_ELIGIBLE = "not_eligible", _("机会点不符合激励政策")
    DELIVERY_UNVERIFIED = "delivery_unverified", _("交付完成情况无法核实")
    FALSIFIED = "falsified", _("材料不真实")
    OTHER = "other", _("其他")


reasons.register(ReturnReason)
reasons.register(RejectReason)


class ApplicationQuerySet(PartnerScopedQuerySet):
    def awaiting_review(self):
        return self.filter(status=OpportunityApplication.Status.IN_REVIEW)

    def awaiting_answer(self):
        return self.filter(status=OpportunityApplication.Status.DISPUTED)

    def search(self, term: str):
        term = (term or "").strip()
        if not term:
            return self
        return self.filter(Q(code__iexact=term) | Q(opportunity__code__iexact=term)
                           | Q(opportunity__name__icontains=term) | Q(opportunity__customer__name__icontains=term))


@scoped
class OpportunityApplication(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("草稿")
        IN_REVIEW = "in_review", _("激励审核中")
        RETURNED = "returned", _("退回修改")
        REJECTED = "rejected", _("审核不通过")
        PUBLICITY = "publicity", _("激励公示待确认")
        DISPUTED = "disputed", _("核对争议中")
        PAYABLE = "payable", _("激励待申付")
        PAYING = "paying", _("激励申付中")
        COMPLETED = "completed", _("激励已完成")

    EDITABLE = (Status.DRAFT, Status.RETURNED)
    FROZEN = (Status.PAYABLE, Status.PAYING, Status.COMPLETED)

    workflow = Workflow(
        Transition("submit", sources=[Status.DRAFT, Status.RETURNED], target=Status.IN_REVIEW,
                   label=_("提交激励申请"), guard="check_submit"),
        Transition("withdraw", sources=[Status.IN_REVIEW], target=Status.DRAFT, label=_("撤回"), style="warning"),
        Transition("approve", sources=[Status.IN_REVIEW], target=Status.PUBLICITY, label=_("审核通过并公示激励"),
                   by_vendor=True),
        Transition("return", sources=[Status.IN_REVIEW], target=Status.RETURNED, label=_("退回修改"),
                   by_vendor=True, style="warning"),
        Transition("reject", sources=[Status.IN_REVIEW], target=Status.REJECTED, label=_("审核不通过"),
                   by_vendor=True, style="danger"),
        Transition("confirm", sources=[Status.PUBLICITY], target=Status.PAYABLE, label=_("确认激励")),
        Transition("dispute", sources=[Status.PUBLICITY], target=Status.DISPUTED, label=_("提出异议"),
                   style="warning"),
        Transition("answer", sources=[Status.DISPUTED], target=Status.PUBLICITY, label=_("答复异议"),
                   by_vendor=True),
        # Driven by the payment request (payments.sources callbacks), never by a button of this wing.
        Transition("request_payment", sources=[Status.PAYABLE], target=Status.PAYING, label=_("申请付款")),
        Transition("pay", sources=[Status.PAYING], target=Status.COMPLETED, label=_("激励已发放")),
        Transition("release", sources=[Status.PAYING], target=Status.PAYABLE, label=_("付款申请已关闭")),
        tones={Status.DRAFT: "neutral", Status.IN_REVIEW: "info", Status.RETURNED: "warning",
               Status.REJECTED: "danger", Status.PUBLICITY: "warning", Status.DISPUTED: "warning",
               Status.PAYABLE: "success", Status.PAYING: "info", Status.COMPLETED: "success"},
    )

    partner = models.ForeignKey("partners.Partner", verbose_name=_("伙伴"), on_delete=models.PROTECT,
                                related_name="opportunity_applications")
    opportunity = models.ForeignKey("partners.Opportunity", verbose_name=_("机会点"), on_delete=models.PROTECT,
                                    related_name="incentive_applications")
    code = models.CharField(_("激励编码"), max_length=32, unique=True, null=True, blank=True)
    basis_amount = models.DecimalField(_("激励金额依据（元）"), help_text=_("项目签约/结算金额，作为激励计算依据"),
                                       **MONEY)
    description = models.TextField(_("申请说明"), max_length=2000)
    status = models.CharField(_("状态"), max_length=12, choices=Status.choices, default=Status.DRAFT,
                              db_index=True)
    revision = models.PositiveSmallIntegerField(_("提交次数"), default=0)
    incentive_amount = models.DecimalField(_("公示激励金额"), null=True, blank=True, **MONEY)
    payable_amount = models.DecimalField(_("待申付金额"), null=True, blank=True,
                                         help_text=_("伙伴确认激励时冻结，付款按此金额"), **MONEY)
    review_comment = models.CharField(_("审核意见"), max_length=1000, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("申请人"), null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(_("创建时间"), default=timezone.now)
    submitted_at = models.DateTimeField(_("提交时间"), null=True, blank=True)
    published_at = models.DateTimeField(_("公示时间"), null=True, blank=True)
    confirmed_at = models.DateTimeField(_("确认时间"), null=True, blank=True)

    objects = ApplicationQuerySet.as_manager()

    class Meta:
        verbose_name = _("机会点激励申请")
        verbose_name_plural = _("机会点激励申请")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["opportunity"], name="opportunities_one_application_per_opportunity"),
            models.CheckConstraint(condition=Q(basis_amount__gt=0), name="opportunities_basis_amount_positive"),
            models.CheckConstraint(condition=Q(incentive_amount__isnull=True) | Q(incentive_amount__gt=0),
                                   name="opportunities_incentive_amount_positive"),
            models.CheckConstraint(condition=~Q(status__in=["payable", "paying", "completed"])
                                   | Q(payable_amount__isnull=False), name="opportunities_payable_amount_frozen"),
        ]

    def __str__(self):
        return self.code or str(_("机会点激励申请（草稿）"))

    def get_absolute_url(self):
        return reverse("incentives:opportunity-detail", args=[self.pk])

    @property
    def is_editable(self) -> bool:
        return self.status in self.EDITABLE

    def check_submit(self):
        problems = self.submit_problems()
        return problems[0] if problems else None

    def submit_problems(self) -> list[str]:
        from django.utils.translation import gettext

        problems = []
        kinds = {m.kind for m in self.materials.filter(removed_at__isnull=True)}
        if Material.Kind.STAMPED_LETTER not in kinds:
            problems.append(gettext("请上传加盖公章的激励申请函。"))
        today = timezone.localdate()
        ends = self.opportunity.delivery_ends_on
        if not self.opportunity.core_tags:
            problems.append(gettext("该机会点没有核心标签，不能申请机会点激励。"))
        if ends is None or ends >= today:
            problems.append(gettext("项目交付结束当天及之前不能申请机会点激励，请从交付结束后一天起申请。"))
        return problems


class VersionQuerySet(PartnerScopedQuerySet):
    partner_lookup = "application__partner_id"


@scoped
class ApplicationVersion(models.Model):
    """One submitted version (snapshot) and the reviewer's decision on it."""

    application = models.ForeignKey(OpportunityApplication, verbose_name=_("激励申请"), on_delete=models.CASCADE,
                                    related_name="versions")
    number = models.PositiveSmallIntegerField(_("版本"))
    snapshot = models.JSONField(_("提交内容"), default=dict)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("提交人"), null=True, blank=True,
                                     on_delete=models.SET_NULL, related_name="+")
    submitted_at = models.DateTimeField(_("提交时间"), default=timezone.now)
    decision = models.CharField(_("审核结论"), max_length=12, blank=True)
    reason_codes = models.JSONField(_("原因代码"), default=list, blank=True)
    field_comments = models.JSONField(_("逐项意见"), default=dict, blank=True)
    comment = models.CharField(_("审核意见"), max_length=1000, blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("审核人"), null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    decided_at = models.DateTimeField(_("审核时间"), null=True, blank=True)

    objects = VersionQuerySet.as_manager()

    class Meta:
        verbose_name = _("激励申请提交版本")
        verbose_name_plural = _("激励申请提交版本")
        ordering = ["application_id", "number"]
        constraints = [models.UniqueConstraint(fields=["application", "number"],
                                               name="opportunities_version_unique_number")]

    def __str__(self):
        return f"{self.application} v{self.number}"


class MaterialQuerySet(PartnerScopedQuerySet):
    partner_lookup = "application__partner_id"


@scoped
class Material(models.Model):
    """A private upload (PDF/JPG/PNG). Removed materials stay on disk while a submitted version names them."""

    class Kind(models.TextChoices):
        STAMPED_LETTER = "stamped_letter", _("盖章的激励申请函")
        PROOF = "proof", _("项目证明材料（合同、验收单等）")

    application = models.ForeignKey(OpportunityApplication, verbose_name=_("激励申请"), on_delete=models.CASCADE,
                                    related_name="materials")
    kind = models.CharField(_("材料类型"), max_length=16, choices=Kind.choices)
    file = models.FileField(_("文件"), upload_to=private_upload_to("opportunity_incentives"), max_length=300)
    name = models.CharField(_("文件名"), max_length=200)
    uploaded_at = models.DateTimeField(_("上传时间"), default=timezone.now)
    removed_at = models.DateTimeField(_("删除时间"), null=True, blank=True)

    objects = MaterialQuerySet.as_manager()

    class Meta:
        verbose_name = _("激励申请材料")
        verbose_name_plural = _("激励申请材料")
        ordering = ["pk"]

    def __str__(self):
        return self.name


class DisputeQuerySet(PartnerScopedQuerySet):
    partner_lookup = "application__partner_id"


@scoped
class Dispute(models.Model):
    """核对激励 → 有异议: the partner's comment and the operator's answer (its own working-day SLA)."""

    application = models.ForeignKey(OpportunityApplication, verbose_name=_("激励申请"), on_delete=models.CASCADE,
                                    related_name="disputes")
    comment = models.TextField(_("异议说明"), max_length=2000)
    raised_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("提出人"), null=True, blank=True,
                                  on_delete=models.SET_NULL, related_name="+")
    raised_at = models.DateTimeField(_("提出时间"), default=timezone.now)
    amount_before = models.DecimalField(_("原公示金额"), **MONEY)
    answer = models.TextField(_("答复"), max_length=2000, blank=True)
    amount_after = models.DecimalField(_("答复后公示金额"), null=True, blank=True, **MONEY)
    answered_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("答复人"), null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")
    answered_at = models.DateTimeField(_("答复时间"), null=True, blank=True)

    objects = DisputeQuerySet.as_manager()

    class Meta:
        verbose_name = _("激励核对异议")
        verbose_name_plural = _("激励核对异议")
        ordering = ["pk"]

    def __str__(self):
        return f"{self.application} #{self.pk}"
