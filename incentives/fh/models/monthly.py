"""激励确认: the monthly incentive list, one line per person with the amount frozen at generation, and the
proof uploaded per person and month."""
import datetime as dt
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from partnercenter.partners.models.storage import private_upload_to
from partnercenter.tenancy import PartnerScopedQuerySet, scoped
from partnercenter.workflow.machine import Transition, Workflow

from .base import MONEY
from .experts import CertifiedExpert


class MonthlyQuerySet(PartnerScopedQuerySet):
    def in_quarter(self, year: int, quarter: int):
        first = dt.date(year, 3 * quarter - 2, 1)
        last = dt.date(year, 3 * quarter, 1)
        return self.filter(month__gte=first, month__lte=last)

    def awaiting_review(self):
        return self.filter(status=MonthlyIncentive.Status.IN_REVIEW)

    def awaiting_partner(self):
        return self.filter(status__in=[MonthlyIncentive.Status.PENDING, MonthlyIncentive.Status.REJECTED])


@scoped
class MonthlyIncentive(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("待确认")
        IN_REVIEW = "in_review", _("初审中")
        APPROVED = "approved", _("初审通过")
        REJECTED = "rejected", _("初审不通过")
        EXPIRED = "expired", _("已过期")

    workflow = Workflow(
        Transition("confirm", sources=[Status.PENDING, Status.REJECTED], target=Status.IN_REVIEW,
                   label=_("确认激励"), guard="check_confirm"),
        Transition("approve", sources=[Status.IN_REVIEW], target=Status.APPROVED, label=_("初审通过"),
                   by_vendor=True),
        Transition("reject", sources=[Status.IN_REVIEW], target=Status.REJECTED, label=_("初审不通过"),
                   by_vendor=True, style="danger"),
        Transition("expire", sources=[Status.PENDING, Status.REJECTED], target=Status.EXPIRED,
                   label=_("超期未确认"), by_vendor=True, style="danger"),
        tones={Status.PENDING: "warning", Status.IN_REVIEW: "info", Status.APPROVED: "success",
               Status.REJECTED: "danger", Status.EXPIRED: "neutral"},
    )

    partner = models.ForeignKey("partners.Partner", verbose_name=_("伙伴"), on_delete=models.PROTECT,
                                related_name="fh_incentives")
    month = models.DateField(_("激励月份"))
    status = models.CharField(_("状态"), max_length=12, choices=Status.choices, default=Status.PENDING,
                              db_index=True)
    headcount = models.PositiveIntegerField(_("人数"), default=0)
    amount = models.DecimalField(_("激励金额"), default=Decimal("0.00"), **MONEY)
    generated_at = models.DateTimeField(_("生成时间"), default=timezone.now)
    confirm_due_on = models.DateField(_("确认截止日期"), null=True, blank=True)
    confirmed_at = models.DateTimeField(_("确认时间"), null=True, blank=True)
    confirmed_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("确认人"), null=True, blank=True,
                                     on_delete=models.SET_NULL, related_name="+")
    review_comment = models.CharField(_("初审意见"), max_length=500, blank=True)
    reminded_5_at = models.DateTimeField(_("提前5个工作日提醒时间"), null=True, blank=True)
    reminded_1_at = models.DateTimeField(_("提前1个工作日提醒时间"), null=True, blank=True)
    expiry_notified_at = models.DateTimeField(_("过期通知时间"), null=True, blank=True)

    objects = MonthlyQuerySet.as_manager()

    class Meta:
        verbose_name = _("FH月度激励")
        verbose_name_plural = _("FH月度激励")
        ordering = ["-month", "partner_id"]
        constraints = [
            # The monthly generation is idempotent: a second run for the month finds this row and adds nothing.
            models.UniqueConstraint(fields=["partner", "month"], name="fh_monthly_one_per_partner_month"),
            models.CheckConstraint(condition=Q(amount__gte=0), name="fh_monthly_amount_not_negative"),
        ]

    def __str__(self):
        return self.code

    def get_absolute_url(self):
        return reverse("incentives:fh-incentive-detail", args=[self.pk])

    @property
    def code(self) -> str:
        return f"FH{self.month:%Y%m}-{self.partner_id:05d}"

    @property
    def quarter_key(self) -> tuple[int, int]:
        return self.month.year, (self.month.month - 1) // 3 + 1

    def missing_materials(self) -> list[str]:
        """Names of the people without any proof (one query whatever the headcount)."""
        return list(self.lines.filter(materials__isnull=True).values_list("person_name", flat=True))

    def check_confirm(self):
        from django.utils.translation import gettext

        from .quarters import FhQuarter

        year, quarter = self.quarter_key
        if FhQuarter.objects.filter(partner_id=self.partner_id, year=year, quarter=quarter,
                                    status__in=[FhQuarter.Status.REQUESTED, FhQuarter.Status.PAID]).exists():
            return gettext("本季度已申请付款，不能再确认该月激励。")
        missing = self.missing_materials()
        if missing:
            return gettext("以下人员尚未上传证明材料：%(names)s") % {"names": "、".join(missing)}
        return None


class LineQuerySet(PartnerScopedQuerySet):
    partner_lookup = "incentive__partner_id"


@scoped
class MonthlyIncentiveLine(models.Model):
    """One person of a monthly list, with the certification and amount frozen at generation."""

    incentive = models.ForeignKey(MonthlyIncentive, verbose_name=_("月度激励"), on_delete=models.CASCADE,
                                  related_name="lines")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("人员"), on_delete=models.PROTECT,
                               related_name="+")
    person_name = models.CharField(_("姓名"), max_length=150)
    position = models.CharField(_("负责方向"), max_length=100)
    expert = models.ForeignKey(CertifiedExpert, verbose_name=_("专家认证"), null=True, on_delete=models.SET_NULL,
                               related_name="+")
    certificate_no = models.CharField(_("证书编号"), max_length=40)
    certification = models.CharField(_("认证名称"), max_length=100)
    level = models.CharField(_("认证级别"), max_length=12, choices=CertifiedExpert.Level.choices)
    amount = models.DecimalField(_("激励金额"), **MONEY)

    objects = LineQuerySet.as_manager()

    class Meta:
        verbose_name = _("月度激励人员")
        verbose_name_plural = _("月度激励人员")
        ordering = ["person_name", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["incentive", "person"], name="fh_line_one_per_person"),
            models.CheckConstraint(condition=Q(amount__gte=0), name="fh_line_amount_not_negative"),
        ]

    def __str__(self):
        return self.person_name

    @property
    def has_material(self) -> bool:
        return any(True for _m in self.materials.all())

    @property
    def latest_material(self):
        materials = list(self.materials.all())
        return materials[-1] if materials else None


class MaterialQuerySet(PartnerScopedQuerySet):
    partner_lookup = "line__incentive__partner_id"


@scoped
class IncentiveMaterial(models.Model):
    """Proof for one person and month. Re-uploads (personnel changes) add a row; the latest one counts."""

    line = models.ForeignKey(MonthlyIncentiveLine, verbose_name=_("激励人员"), on_delete=models.CASCADE,
                             related_name="materials")
    file = models.FileField(_("证明材料"), upload_to=private_upload_to("fh"), max_length=300)
    name = models.CharField(_("文件名"), max_length=200)
    note = models.CharField(_("说明"), max_length=200, blank=True)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("上传人"), null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")
    uploaded_at = models.DateTimeField(_("上传时间"), default=timezone.now)

    objects = MaterialQuerySet.as_manager()

    class Meta:
        verbose_name = _("FH证明材料")
        verbose_name_plural = _("FH证明材料")
        ordering = ["uploaded_at", "pk"]

    def __str__(self):
        return self.name
