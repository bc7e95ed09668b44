"""Opportunities (机会点, 商机报备) a partner reports and delivers for a customer.

Shared by the opportunity incentive (incentives.opportunities, spec A.1/A.14: only opportunities with a core tag
whose delivery has ended, from the day after the delivery end) and the delivery-capability support projects
(payments, spec A.3: only opportunities in 更新进展/交付完成 can be reported).
"""
from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from partnercenter.tenancy import PartnerScopedQuerySet, scoped


class OpportunityQuerySet(PartnerScopedQuerySet):
    def with_core_tag(self):
        return self.exclude(core_tags=[])

    def incentive_applicable(self, today):
        """待申请激励: a core tag, delivery complete, and today after the delivery end day (spec A.14)."""
        return self.with_core_tag().filter(status=Opportunity.Status.DELIVERED, delivery_ends_on__lt=today)

    def deliverable(self):
        """Opportunities a delivery-support project may be reported from (更新进展 PO / 交付完成 HO)."""
        return self.filter(status__in=[Opportunity.Status.IN_PROGRESS, Opportunity.Status.DELIVERED])

    def search(self, term: str):
        term = (term or "").strip()
        if not term:
            return self
        return self.filter(Q(name__icontains=term) | Q(code__iexact=term) | Q(customer__name__icontains=term))


@scoped
class Opportunity(models.Model):
    class Status(models.TextChoices):
        REPORTED = "reported", _("已报备")
        IN_PROGRESS = "in_progress", _("更新进展")
        DELIVERED = "delivered", _("交付完成")
        CLOSED = "closed", _("已关闭")

    class CoreTag(models.TextChoices):
        PCE = "PCE", _("PCE合作伙伴共拓计划")
        MIGRATION = "migration", _("上云迁移")
        AI = "ai", _("AI与大模型")
        DATABASE = "database", _("数据库")

    partner = models.ForeignKey("partners.Partner", verbose_name=_("伙伴"), on_delete=models.PROTECT,
                                related_name="opportunities")
    customer = models.ForeignKey("partners.Customer", verbose_name=_("客户"), on_delete=models.PROTECT,
                                 related_name="opportunities")
    code = models.CharField(_("机会点编码"), max_length=32, unique=True)
    name = models.CharField(_("商机名称"), max_length=200)
    core_tags = models.JSONField(_("核心标签"), default=list, blank=True,
                                 help_text=_("CoreTag 取值的列表；无核心标签的机会点不能申请机会点激励"))
    status = models.CharField(_("状态"), max_length=16, choices=Status.choices, default=Status.REPORTED)
    manager = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("客户经理"), null=True, blank=True,
                                on_delete=models.SET_NULL, related_name="+")
    expected_amount = models.DecimalField(_("预计金额"), max_digits=14, decimal_places=2, default=0)
    delivery_starts_on = models.DateField(_("交付开始日期"), null=True, blank=True)
    delivery_ends_on = models.DateField(_("交付结束日期"), null=True, blank=True)
    created_at = models.DateTimeField(_("报备时间"), auto_now_add=True)

    objects = OpportunityQuerySet.as_manager()

    class Meta:
        verbose_name = _("机会点")
        verbose_name_plural = _("机会点")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["partner", "status"], name="partners_opp_partner_status")]
        constraints = [
            models.CheckConstraint(
                condition=Q(delivery_ends_on__isnull=True) | Q(delivery_starts_on__isnull=True)
                | Q(delivery_ends_on__gte=models.F("delivery_starts_on")),
                name="partners_opp_delivery_ordered",
            ),
            models.CheckConstraint(condition=Q(expected_amount__gte=0), name="partners_opp_amount_not_negative"),
        ]

    def __str__(self):
        return f"{self.code} {self.name}"

    @property
    def core_tag_labels(self):
        labels = dict(self.CoreTag.choices)
        return [labels.get(tag, tag) for tag in self.core_tags]
