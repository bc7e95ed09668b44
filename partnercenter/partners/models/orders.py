"""Customer orders and monthly consumption lines: the data the incentive, voucher and renewal wings read."""
from django.conf import settings
from django.db import models
from django.db.models.functions import Now
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from partnercenter.tenancy import PartnerScopedQuerySet, scoped

MONEY = {"max_digits": 14, "decimal_places": 2}


class BillingMode(models.TextChoices):
    PERIODIC = "periodic", _("包年/包月")
    ON_DEMAND = "on_demand", _("按需")
    ONE_TIME = "one_time", _("一次性")


class OrderQuerySet(PartnerScopedQuerySet):
    def expiring_between(self, start, end):
        return self.filter(expires_at__gte=start, expires_at__lt=end)

    def paid(self):
        return self.filter(status=Order.Status.COMPLETED)


@scoped
class Order(models.Model):
    class OrderType(models.TextChoices):
        NEW = "new", _("新购")
        RENEW = "renew", _("续订")
        CHANGE = "change", _("变更")

    class Status(models.TextChoices):
        PENDING_PAYMENT = "pending_payment", _("待支付")
        COMPLETED = "completed", _("已完成")
        CANCELLED = "cancelled", _("已取消")
        UNSUBSCRIBED = "unsubscribed", _("已退订")

    BillingMode = BillingMode

    partner = models.ForeignKey("partners.Partner", verbose_name=_("伙伴"), on_delete=models.PROTECT,
                                related_name="orders")
    customer = models.ForeignKey("partners.Customer", verbose_name=_("客户"), on_delete=models.PROTECT,
                                 related_name="orders")
    order_no = models.CharField(_("订单号"), max_length=64, unique=True)
    product = models.ForeignKey("partners.Product", verbose_name=_("产品"), on_delete=models.PROTECT,
                                related_name="orders")
    billing_mode = models.CharField(_("计费模式"), max_length=12, choices=BillingMode.choices)
    order_type = models.CharField(_("订单类型"), max_length=8, choices=OrderType.choices)
    paid_amount = models.DecimalField(_("实付金额"), **MONEY)
    currency = models.CharField(_("币种"), max_length=3, default="CNY")
    ordered_at = models.DateTimeField(_("下单时间"))
    effective_at = models.DateTimeField(_("生效时间"), null=True, blank=True)
    expires_at = models.DateTimeField(_("失效时间"), null=True, blank=True, db_index=True)
    resource_ids = models.JSONField(_("资源ID"), default=list, blank=True)
    status = models.CharField(_("订单状态"), max_length=16, choices=Status.choices, default=Status.COMPLETED)
    auto_renew = models.BooleanField(_("自动续费"), default=False,
                                     help_text=_("资源已设置到期自动续费（BSS expire_policy 3）"))
    renews = models.ForeignKey("self", verbose_name=_("续订的原订单"), null=True, blank=True,
                               on_delete=models.SET_NULL, related_name="renewals")

    objects = OrderQuerySet.as_manager()

    class Meta:
        verbose_name = _("订单")
        verbose_name_plural = _("订单")
        ordering = ["-ordered_at", "-pk"]
        indexes = [
            models.Index(fields=["partner", "-ordered_at"], name="partners_order_partner_recent"),
            models.Index(fields=["customer", "-ordered_at"], name="partners_order_customer_recent"),
        ]
        constraints = [
            models.CheckConstraint(condition=models.Q(paid_amount__gte=0), name="partners_order_paid_not_negative"),
        ]

    def __str__(self):
        return self.order_no

    def get_absolute_url(self):
        return reverse("partners:order-detail", args=[self.pk])


class ConsumptionQuerySet(PartnerScopedQuerySet):
    def in_cycle(self, first_day):
        return self.filter(bill_cycle=first_day)

    def refunds(self):
        return self.filter(amount__lt=0)


@scoped
class ConsumptionLine(models.Model):
    """One month of a customer's consumption of a product (refunds are negative lines).

    `manager` is the customer manager of the management period the cycle falls in, fixed at import time.
    """

    # partner: no single-column index, the composite indexes below start with it.
    partner = models.ForeignKey("partners.Partner", verbose_name=_("伙伴"), on_delete=models.PROTECT,
                                related_name="consumption_lines", db_index=False)
    customer = models.ForeignKey("partners.Customer", verbose_name=_("客户"), on_delete=models.PROTECT,
                                 related_name="consumption_lines")
    product = models.ForeignKey("partners.Product", verbose_name=_("产品"), on_delete=models.PROTECT,
                                related_name="+")
    order = models.ForeignKey(Order, verbose_name=_("订单"), null=True, blank=True, on_delete=models.SET_NULL,
                              related_name="consumption_lines")
    bill_cycle = models.DateField(_("账期"), help_text=_("账期月份的第一天"))
    billing_mode = models.CharField(_("计费模式"), max_length=12, choices=BillingMode.choices)
    amount = models.DecimalField(_("消费金额"), **MONEY)
    manager = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("客户经理"), null=True, blank=True,
                                on_delete=models.SET_NULL, related_name="+")
    source_ref = models.CharField(_("来源流水号"), max_length=64, unique=True,
                                  help_text=_("导入来源中该行的唯一编号，重复导入不会产生重复记录"))
    # When the row last changed (kept by a database trigger on PostgreSQL, so bulk and hand-written updates count
    # too): the monthly incentive job re-checks only what changed since its last run.
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True, db_default=Now())

    objects = ConsumptionQuerySet.as_manager()

    class Meta:
        verbose_name = _("消费记录")
        verbose_name_plural = _("消费记录")
        ordering = ["-bill_cycle", "pk"]
        indexes = [
            models.Index(fields=["partner", "bill_cycle"], name="partners_consumption_cycle"),
            models.Index(fields=["customer", "bill_cycle"], name="partners_consumption_customer"),
            models.Index(fields=["partner", "updated_at"], name="partners_consumption_updated"),
        ]
        constraints = [
            models.CheckConstraint(condition=models.Q(bill_cycle__day=1), name="partners_consumption_cycle_first_day"),
        ]

    def __str__(self):
        return f"{self.customer} {self.bill_cycle:%Y%m} {self.amount}"
