"""交付能力提升支持: delivery-support projects (spec A.3). 项目报备 from an opportunity in 更新进展/交付完成 →
项目跟踪 → 项目验收 → 项目评价; the accepted subsidy is paid through a PaymentRequest (source kind
"delivery_project"). One subsidised project per customer per project period (half year)."""
from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from partnercenter.tenancy import PartnerScopedQuerySet, scoped
from partnercenter.workflow.machine import Transition, Workflow

MONEY = {"max_digits": 14, "decimal_places": 2}

REVIEW_WORKING_DAYS = 3


def period_of(day) -> str:
    """项目周期: the half year a project is reported in, e.g. "2026H2"."""
    return f"{day.year}H{1 if day.month <= 6 else 2}"


class ProjectQuerySet(PartnerScopedQuerySet):
    def counting(self):
        """Projects that hold their customer's subsidy slot for the period (everything not rejected)."""
        return self.exclude(status=DeliveryProject.Status.REJECTED)

    def awaiting_vendor(self):
        return self.filter(status__in=[DeliveryProject.Status.REPORTED, DeliveryProject.Status.ACCEPTING])


@scoped
class DeliveryProject(models.Model):
    class Status(models.TextChoices):
        REPORTED = "reported", _("报备审核中")
        TRACKING = "tracking", _("项目跟踪中")
        ACCEPTING = "accepting", _("验收审核中")
        ACCEPTED = "accepted", _("已验收待评价")
        EVALUATED = "evaluated", _("已评价")
        REJECTED = "rejected", _("报备不通过")

    PAYABLE = (Status.ACCEPTED, Status.EVALUATED)

    workflow = Workflow(
        Transition("approve_report", sources=[Status.REPORTED], target=Status.TRACKING, label=_("报备审核通过"),
                   by_vendor=True, style="primary"),
        Transition("reject_report", sources=[Status.REPORTED], target=Status.REJECTED, label=_("报备不通过"),
                   by_vendor=True, style="danger"),
        Transition("request_acceptance", sources=[Status.TRACKING], target=Status.ACCEPTING, label=_("申请验收"),
                   style="primary"),
        Transition("accept", sources=[Status.ACCEPTING], target=Status.ACCEPTED, label=_("验收通过"),
                   by_vendor=True, style="primary"),
        Transition("return_acceptance", sources=[Status.ACCEPTING], target=Status.TRACKING, label=_("验收退回"),
                   by_vendor=True),
        Transition("evaluate", sources=[Status.ACCEPTED], target=Status.EVALUATED, label=_("项目评价"),
                   by_vendor=True, style="primary"),
        tones={Status.REPORTED: "info", Status.TRACKING: "info", Status.ACCEPTING: "info",
               Status.ACCEPTED: "success", Status.EVALUATED: "success", Status.REJECTED: "danger"},
    )

    partner = models.ForeignKey("partners.Partner", verbose_name=_("伙伴"), on_delete=models.PROTECT,
                                related_name="delivery_projects")
    opportunity = models.ForeignKey("partners.Opportunity", verbose_name=_("机会点"), on_delete=models.PROTECT,
                                    related_name="delivery_projects")
    customer = models.ForeignKey("partners.Customer", verbose_name=_("客户"), on_delete=models.PROTECT,
                                 related_name="delivery_projects")
    code = models.CharField(_("项目编码"), max_length=20, unique=True)
    name = models.CharField(_("项目名称"), max_length=200)
    period = models.CharField(_("项目周期"), max_length=6, help_text=_("报备所在半年，如 2026H2"))
    scope = models.TextField(_("交付内容"), max_length=2000)
    staff_count = models.PositiveSmallIntegerField(_("参与人数"))
    workload_days = models.PositiveIntegerField(_("工作量（人天）"))
    requested_subsidy = models.DecimalField(_("申请补贴金额"), **MONEY)
    approved_subsidy = models.DecimalField(_("核定补贴金额"), null=True, blank=True, **MONEY)
    status = models.CharField(_("状态"), max_length=12, choices=Status.choices, default=Status.REPORTED,
                              db_index=True)
    progress_note = models.TextField(_("最新进展"), blank=True, max_length=2000)
    acceptance_note = models.TextField(_("验收说明"), blank=True, max_length=2000)
    review_comment = models.TextField(_("审核意见"), blank=True, max_length=1000)
    rating = models.PositiveSmallIntegerField(_("评价得分"), null=True, blank=True)
    evaluation = models.TextField(_("项目评价"), blank=True, max_length=2000)
    subsidy_paid_at = models.DateTimeField(_("补贴付款时间"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("报备人"), null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(_("报备时间"), auto_now_add=True)

    objects = ProjectQuerySet.as_manager()

    class Meta:
        verbose_name = _("交付能力提升支持项目")
        verbose_name_plural = _("交付能力提升支持项目")
        ordering = ["-created_at", "-pk"]
        constraints = [
            # 同一华为云客户在同一项目周期内仅支持申请1个项目的补贴 (spec A.3).
            models.UniqueConstraint(fields=["customer", "period"], condition=~Q(status="rejected"),
                                    name="payments_project_one_per_customer_period"),
            models.CheckConstraint(condition=Q(requested_subsidy__gt=0), name="payments_project_subsidy_positive"),
            models.CheckConstraint(condition=Q(approved_subsidy__isnull=True) | Q(approved_subsidy__gte=0),
                                   name="payments_project_approved_not_negative"),
            models.CheckConstraint(condition=Q(rating__isnull=True) | Q(rating__gte=1, rating__lte=5),
                                   name="payments_project_rating_1_5"),
        ]

    def __str__(self):
        return f"{self.code} {self.name}"

    def get_absolute_url(self):
        return reverse("payments:delivery-project-detail", args=[self.pk])
