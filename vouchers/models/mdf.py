"""MDF (市场发展基金): annual budgets per partner and 使用申请 (usage applications) reviewed by operators.

Budget invariant: the approved amounts of a budget's applications never exceed the budget (approval locks the
budget row and sums under the lock)."""
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import F, OuterRef, Q, Subquery, Sum
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from partnercenter.partners.models.storage import private_upload_to
from partnercenter.tenancy import PartnerScopedQuerySet, scoped
from partnercenter.workflow.machine import Transition, Workflow

MONEY = {"max_digits": 14, "decimal_places": 2}


class BudgetQuerySet(PartnerScopedQuerySet):
    def with_totals(self):
        """Each budget with its 审核中 / 已审核通过 / 已核销 sums in the same query (a dashboard of many budgets)."""
        from .claims import MdfClaim

        S = MdfApplication.Status
        zero = models.Value(Decimal("0.00"), output_field=models.DecimalField(**MONEY))

        def applications(status):
            rows = (MdfApplication.objects.filter(budget=OuterRef("pk"), status=status).order_by()
                    .values("budget").annotate(s=Sum("amount")).values("s"))
            return Coalesce(Subquery(rows, output_field=models.DecimalField(**MONEY)), zero)

        used = (MdfClaim.objects.counted_as_used().filter(application__budget=OuterRef("pk")).order_by()
                .values("application__budget").annotate(s=Sum("approved_amount")).values("s"))
        return self.annotate(total_requested=applications(S.IN_REVIEW), total_approved=applications(S.APPROVED),
                             total_used=Coalesce(Subquery(used, output_field=models.DecimalField(**MONEY)), zero))


@scoped
class MdfBudget(models.Model):
    partner = models.ForeignKey("partners.Partner", verbose_name=_("伙伴"), on_delete=models.PROTECT,
                                related_name="mdf_budgets")
    year = models.PositiveIntegerField(_("年度"))
    amount = models.DecimalField(_("分配金额"), **MONEY)
    set_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("设置人"), null=True, blank=True,
                               on_delete=models.SET_NULL, related_name="+")
    updated_at = models.DateTimeField(_("更新时间"), default=timezone.now)

    objects = BudgetQuerySet.as_manager()

    class Meta:
        verbose_name = _("MDF预算")
        verbose_name_plural = _("MDF预算")
        ordering = ["-year", "partner_id"]
        constraints = [
            models.UniqueConstraint(fields=["partner", "year"], name="mdfbudget_one_per_partner_year"),
            models.CheckConstraint(condition=Q(amount__gte=0), name="mdfbudget_amount_not_negative"),
        ]

    def __str__(self):
        return f"{self.partner} {self.year}"

    def totals(self) -> dict:
        if hasattr(self, "total_used"):  # read with BudgetQuerySet.with_totals()
            return {"allocated": self.amount, "requested": self.total_requested, "approved": self.total_approved,
                    "used": self.total_used, "remaining": self.amount - self.total_approved}
        S = MdfApplication.Status
        sums = self.applications.aggregate(
            requested=Sum("amount", filter=Q(status=S.IN_REVIEW)),
            approved=Sum("amount", filter=Q(status=S.APPROVED)))
        zero = Decimal("0.00")
        requested, approved = sums["requested"] or zero, sums["approved"] or zero
        from .claims import MdfClaim

        used = (MdfClaim.objects.counted_as_used().filter(application__budget=self)
                .aggregate(s=Sum("approved_amount"))["s"] or zero)
        return {"allocated": self.amount, "requested": requested, "approved": approved,
                "used": used, "remaining": self.amount - approved}


class ApplicationQuerySet(PartnerScopedQuerySet):
    def awaiting_review(self):
        return self.filter(status=MdfApplication.Status.IN_REVIEW)


@scoped
class MdfApplication(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("草稿")
        IN_REVIEW = "in_review", _("使用申请审核中")
        APPROVED = "approved", _("使用申请审核通过")
        REJECTED = "rejected", _("使用申请审核不通过")
        WITHDRAWN = "withdrawn", _("已撤销")

    class ActivityType(models.TextChoices):
        ONLINE = "online", _("线上推广")
        EVENT = "event", _("线下活动")
        EXHIBITION = "exhibition", _("展会")
        TRAINING = "training", _("培训")
        OTHER = "other", _("其他")

    EDITABLE = (Status.DRAFT, Status.REJECTED, Status.WITHDRAWN)
    DELETABLE = (Status.DRAFT, Status.WITHDRAWN)

    workflow = Workflow(
        Transition("submit", sources=[Status.DRAFT, Status.REJECTED, Status.WITHDRAWN], target=Status.IN_REVIEW,
                   label=_("提交"), guard="check_submit"),
        Transition("approve", sources=[Status.IN_REVIEW], target=Status.APPROVED, label=_("审核通过"),
                   by_vendor=True),
        Transition("reject", sources=[Status.IN_REVIEW], target=Status.REJECTED, label=_("审核不通过"),
                   by_vendor=True, style="danger"),
        Transition("withdraw", sources=[Status.IN_REVIEW, Status.APPROVED], target=Status.WITHDRAWN,
                   label=_("撤销"), style="danger", guard="check_withdraw"),
        tones={Status.DRAFT: "neutral", Status.IN_REVIEW: "info", Status.APPROVED: "success",
               Status.REJECTED: "danger", Status.WITHDRAWN: "warning"},
    )

    partner = models.ForeignKey("partners.Partner", verbose_name=_("伙伴"), on_delete=models.PROTECT,
                                related_name="mdf_applications")
    budget = models.ForeignKey(MdfBudget, verbose_name=_("MDF预算"), on_delete=models.PROTECT,
                               related_name="applications")
    activity_name = models.CharField(_("活动名称"), max_length=100)
    activity_type = models.CharField(_("活动类型"), max_length=12, choices=ActivityType.choices)
    start_date = models.DateField(_("开始日期"))
    end_date = models.DateField(_("结束日期"))
    expected_outcome = models.TextField(_("预期效果"), max_length=2000)
    amount = models.DecimalField(_("申请金额"), **MONEY)
    status = models.CharField(_("状态"), max_length=12, choices=Status.choices, default=Status.DRAFT)
    review_comment = models.CharField(_("审核意见"), max_length=500, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("申请人"), null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(_("创建时间"), default=timezone.now)
    submitted_at = models.DateTimeField(_("提交时间"), null=True, blank=True)

    objects = ApplicationQuerySet.as_manager()

    class Meta:
        verbose_name = _("MDF使用申请")
        verbose_name_plural = _("MDF使用申请")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="mdfapplication_amount_positive"),
            models.CheckConstraint(condition=Q(end_date__gte=F("start_date")), name="mdfapplication_date_range"),
        ]

    def __str__(self):
        return self.activity_name

    def get_absolute_url(self):
        return reverse("vouchers:mdf-detail", args=[self.pk])

    @property
    def is_editable(self) -> bool:
        return self.status in self.EDITABLE

    @property
    def is_deletable(self) -> bool:
        return self.status in self.DELETABLE and not self.has_claim

    @property
    def has_claim(self) -> bool:
        return hasattr(self, "claim")

    def can_claim(self) -> bool:
        """核销 may start once the application is approved and the activity has ended (one claim per application)."""
        return (self.status == self.Status.APPROVED and self.end_date <= timezone.localdate()
                and not self.has_claim)

    def check_withdraw(self):
        from django.utils.translation import gettext

        if self.has_claim:
            return (gettext("该使用申请已有核销申请（%(status)s），不能撤销。")
                    % {"status": self.claim.get_status_display()})
        return None

    def check_submit(self):
        from django.utils.translation import gettext

        if self.end_date < timezone.localdate():
            return gettext("活动结束日期已过，请修改活动日期后再提交。")
        return None


class AttachmentQuerySet(PartnerScopedQuerySet):
    partner_lookup = "application__partner_id"


@scoped
class MdfAttachment(models.Model):
    application = models.ForeignKey(MdfApplication, verbose_name=_("使用申请"), on_delete=models.CASCADE,
                                    related_name="attachments")
    file = models.FileField(_("附件"), upload_to=private_upload_to("mdf"), max_length=300)
    name = models.CharField(_("文件名"), max_length=200)
    uploaded_at = models.DateTimeField(_("上传时间"), default=timezone.now)

    objects = AttachmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("MDF申请附件")
        verbose_name_plural = _("MDF申请附件")
        ordering = ["pk"]

    def __str__(self):
        return self.name
