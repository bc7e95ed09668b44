"""Incentive details (激励明细): one line per consumption line per period, plus traceable adjustment lines.

The natural key is (consumption line, revision): the monthly job inserts revision 0 with ON CONFLICT DO NOTHING,
so a rerun adds nothing; when an input changed later it adds the next revision carrying only the difference.
Answers to 问题反馈 add their own line keyed by the dispute. Lines are never edited in place.
Searchable columns (order number, names) are copied onto the line when it is generated, so the list page
filters one table and the copy keeps what was true at generation time.
"""
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q, Sum
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from partnercenter.partners.models import BillingMode, Customer
from partnercenter.tenancy import PartnerScopedQuerySet, scoped
from partnercenter.workflow.machine import Transition, Workflow

MONEY = {"max_digits": 14, "decimal_places": 2}


class Reason(models.TextChoices):
    """Why a line has the amount it has — the receipt's conclusion."""

    NORMAL = "normal", _("按策略计算")
    LATE = "late", _("上期消费延迟入账，计入本期")
    INELIGIBLE = "ineligible", _("产品不参与激励（激励策略规定无返点）")
    NO_POLICY = "no_policy", _("没有适用的激励策略")
    NOT_ASSOCIATED = "not_associated", _("消费时客户未与伙伴关联")
    NEXT_MONTH = "next_month", _("关联当月的消费计入次月，本月不计激励")
    REFUND = "refund", _("退订或降配退款，冲减激励")
    ADJUSTMENT = "adjustment", _("消费数据变更后的调整")
    DISPUTE = "dispute", _("问题反馈答复的调整")


class DetailQuerySet(PartnerScopedQuerySet):
    def in_period(self, period):
        return self.filter(period=period)

    def reading(self, columns, *, with_partner: bool = False):
        """Only `columns` of each line, and the partner's name with them for vendor staff's lists (whose lines)."""
        if with_partner:
            return self.select_related("partner").only(*columns, "partner__name")
        return self.only(*columns)

    def totals(self) -> dict:
        """Sums of the (filtered) set: the page, the exports and the bill all use this one aggregate."""
        return totals_shape(self.order_by().aggregate(consumption=Sum("consumption_amount"),
                                                      base=Sum("eligible_base"), incentive=Sum("amount"),
                                                      lines=models.Count("pk")))


def totals_shape(sums: dict) -> dict:
    """Sums as every page, export and bill shows them: money to the fen, half up (SQLite sums decimals through
    floats; PostgreSQL's exact sums are unchanged by this), the line count an int."""
    cent = Decimal("0.01")
    return {key: int(value or 0) if key == "lines" else
            Decimal(value or 0).quantize(cent, rounding=ROUND_HALF_UP) for key, value in sums.items()}


@scoped
class IncentiveDetail(models.Model):
    class Kind(models.TextChoices):
        ORIGINAL = "original", _("原始")
        ADJUSTMENT = "adjustment", _("调整")

    class Status(models.TextChoices):
        NORMAL = "normal", _("正常")
        FROZEN = "frozen", _("冻结")
        PAID = "paid", _("已发放")

    # Line status follows its bill; `pay` runs set-based for the whole bill (services.bills.bill_pay).
    workflow = Workflow(
        Transition("pay", sources=[Status.NORMAL], target=Status.PAID, label=_("发放"), by_vendor=True),
        Transition("unfreeze", sources=[Status.FROZEN], target=Status.NORMAL, label=_("解冻"), by_vendor=True),
        tones={Status.NORMAL: "info", Status.FROZEN: "danger", Status.PAID: "success"},
    )

    # The table is an append-only ledger written in bulk by set-based statements. Its references are checked
    # per statement, not per row: the triggers of migration 0005 (PostgreSQL) refuse a statement that inserts a
    # line whose bill, consumption line, customer, … does not exist, whose bill belongs to another partner or
    # period, or whose consumption line is another partner's — and a delete of a referenced row. Row-by-row
    # foreign keys cost 10 s of a 23 s run of 208,000 lines (8 lookups and row locks per line, at commit).
    # Indexes: only those a page or a service reads by (fewer indexes = faster inserts); partner →
    # incentives_detail_list, bill → incentives_detail_bill_reason, consumption → the natural key.
    partner = models.ForeignKey("partners.Partner", verbose_name=_("伙伴"), on_delete=models.PROTECT,
                                related_name="+", db_index=False, db_constraint=False)
    bill = models.ForeignKey("incentives.ReconciliationBill", verbose_name=_("对账单"), on_delete=models.PROTECT,
                             related_name="details", db_index=False, db_constraint=False)
    period = models.DateField(_("对账期次"))
    year = models.PositiveSmallIntegerField(_("年份"))
    kind = models.CharField(_("类型"), max_length=10, choices=Kind.choices, default=Kind.ORIGINAL)
    revision = models.PositiveSmallIntegerField(_("修订号"), default=0)
    consumption = models.ForeignKey("partners.ConsumptionLine", verbose_name=_("消费记录"), null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="+", db_index=False, db_constraint=False)
    # One answer line per dispute at most (a partial unique index: the generated lines, all without a dispute,
    # do not go through it).
    dispute = models.ForeignKey("incentives.BillDispute", verbose_name=_("问题反馈"), null=True, blank=True,
                                on_delete=models.PROTECT, related_name="adjustment_lines", db_index=False,
                                db_constraint=False)
    bill_cycle = models.DateField(_("消费账期"), null=True, blank=True)
    order_no = models.CharField(_("订单号"), max_length=64, blank=True)
    customer = models.ForeignKey("partners.Customer", verbose_name=_("客户"), null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="+", db_index=False, db_constraint=False)
    customer_name = models.CharField(_("客户名称"), max_length=200, blank=True)
    customer_account_name = models.CharField(_("客户账号名"), max_length=100, blank=True)
    manager = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("客户经理"), null=True, blank=True,
                                on_delete=models.SET_NULL, related_name="+", db_index=False, db_constraint=False)
    manager_name = models.CharField(_("客户经理姓名"), max_length=100, blank=True)
    product_type = models.CharField(_("产品类型"), max_length=100, blank=True)
    product_name = models.CharField(_("产品名称"), max_length=200, blank=True)
    association_type = models.CharField(_("关联类型"), max_length=1, choices=Customer.Association.choices,
                                        blank=True)
    billing_mode = models.CharField(_("计费模式"), max_length=12, choices=BillingMode.choices, blank=True)
    consumption_amount = models.DecimalField(_("消费金额"), **MONEY)
    eligible_base = models.DecimalField(_("激励基数"), **MONEY)
    rate = models.DecimalField(_("激励比例"), max_digits=6, decimal_places=4)
    amount = models.DecimalField(_("激励金额"), **MONEY)
    currency = models.CharField(_("币种"), max_length=3, default="CNY")
    status = models.CharField(_("状态"), max_length=8, choices=Status.choices, default=Status.NORMAL)
    frozen_reason = models.CharField(_("冻结原因"), max_length=200, blank=True)
    reason = models.CharField(_("计算结论"), max_length=16, choices=Reason.choices, default=Reason.NORMAL)
    policy = models.ForeignKey("incentives.IncentivePolicy", verbose_name=_("激励策略"), null=True, blank=True,
                               on_delete=models.PROTECT, related_name="+", db_index=False, db_constraint=False)
    policy_label = models.CharField(_("策略版本"), max_length=120, blank=True)
    policy_code = models.CharField(_("激励策略编码"), max_length=2, blank=True)
    note = models.CharField(_("说明"), max_length=300, blank=True)
    run = models.ForeignKey("incentives.GenerationRun", verbose_name=_("生成批次"), null=True, blank=True,
                            on_delete=models.SET_NULL, related_name="+", db_index=False, db_constraint=False)
    created_at = models.DateTimeField(_("生成时间"), auto_now_add=True)

    objects = DetailQuerySet.as_manager()

    class Meta:
        verbose_name = _("激励明细")
        verbose_name_plural = _("激励明细")
        ordering = ["-period", "-pk"]
        indexes = [
            # The list page, newest first (keyset-friendly): one partner, optionally one period, optionally one
            # status. Status last: it is checked inside the index (no table read for a line of another status),
            # so one index serves every combination and a generated line maintains one index instead of two.
            models.Index(fields=["partner", "-period", "-id", "status"], name="incentives_detail_list"),
            models.Index(fields=["bill", "reason"], name="incentives_detail_bill_reason"),
            models.Index(fields=["partner", "order_no"], name="incentives_detail_order_no"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["consumption", "revision"], condition=Q(consumption__isnull=False),
                                    name="incentives_detail_natural_key"),
            models.UniqueConstraint(fields=["dispute"], condition=Q(dispute__isnull=False),
                                    name="incentives_detail_one_per_dispute"),
            models.CheckConstraint(condition=Q(consumption__isnull=False) | Q(dispute__isnull=False),
                                   name="incentives_detail_has_source"),
            models.CheckConstraint(condition=Q(period__day=1), name="incentives_detail_period_first_day"),
        ]

    def __str__(self):
        return f"{self.period:%Y%m} {self.order_no or self.customer_name} {self.amount}"

    def get_absolute_url(self):
        return reverse("incentives:detail-detail", args=[self.pk])
