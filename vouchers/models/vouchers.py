"""提货券: quotas granted by operators, vouchers issued to customers, the quota ledger and usage records.

Ledger invariant (asserted in tests, kept by constraints and locked services):
    quota.amount == quota.balance + sum(voucher.face_value) - sum(recalled/expired balances returned)
i.e. every change of a quota's balance is one QuotaMovement row, and quota.balance == sum(movement.amount).
"""
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from partnercenter.tenancy import PartnerScopedQuerySet, scoped
from partnercenter.workflow.machine import Transition, Workflow

MONEY = {"max_digits": 14, "decimal_places": 2}


class OrderType(models.TextChoices):
    NEW = "new", _("新购")
    RENEW = "renew", _("续订")
    CHANGE = "change", _("变更")


class QuotaQuerySet(PartnerScopedQuerySet):
    def usable_on(self, day):
        return self.filter(valid_from__lte=day, valid_to__gte=day, balance__gt=0)


@scoped
class VoucherQuota(models.Model):
    """提货券额度: granted by an operator; vouchers are issued out of its balance."""

    partner = models.ForeignKey("partners.Partner", verbose_name=_("伙伴"), on_delete=models.PROTECT,
                                related_name="voucher_quotas")
    name = models.CharField(_("额度名称"), max_length=100)
    amount = models.DecimalField(_("额度总额"), **MONEY)
    balance = models.DecimalField(_("可用余额"), **MONEY)
    valid_from = models.DateField(_("生效日期"))
    valid_to = models.DateField(_("失效日期"))
    service_types = models.ManyToManyField("partners.ServiceType", verbose_name=_("适用云服务类型"), blank=True,
                                           help_text=_("不选表示不限"))
    products = models.ManyToManyField("partners.Product", verbose_name=_("适用产品"), blank=True,
                                      help_text=_("不选表示不限"))
    per_customer_count = models.PositiveIntegerField(
        _("每客户最多张数"), null=True, blank=True,
        help_text=_("同一客户从本额度最多可持有的提货券张数（已回收、已过期的不计），不填表示不限"))
    per_customer_amount = models.DecimalField(
        _("每客户最高金额"), null=True, blank=True,
        help_text=_("同一客户从本额度获发的提货券面值合计上限（回收返还的部分不计），不填表示不限"), **MONEY)
    granted_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("授予人"), null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(_("授予时间"), default=timezone.now)

    objects = QuotaQuerySet.as_manager()

    class Meta:
        verbose_name = _("提货券额度")
        verbose_name_plural = _("提货券额度")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="voucherquota_amount_positive"),
            models.CheckConstraint(condition=Q(balance__gte=0), name="voucherquota_balance_not_negative"),
            models.CheckConstraint(condition=Q(balance__lte=F("amount")), name="voucherquota_balance_within_amount"),
            models.CheckConstraint(condition=Q(valid_to__gte=F("valid_from")), name="voucherquota_valid_range"),
            models.CheckConstraint(condition=Q(per_customer_count__isnull=True) | Q(per_customer_count__gte=1),
                                   name="voucherquota_per_customer_count_positive"),
            models.CheckConstraint(condition=Q(per_customer_amount__isnull=True) | Q(per_customer_amount__gt=0),
                                   name="voucherquota_per_customer_amount_positive"),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("vouchers:quota-detail", args=[self.pk])

    def is_valid_on(self, day) -> bool:
        return self.valid_from <= day <= self.valid_to

    @property
    def issued_amount(self) -> Decimal:
        return self.amount - self.balance


class VoucherQuerySet(PartnerScopedQuerySet):
    def for_user(self, user):
        """Customer managers see the vouchers of the customers currently assigned to them."""
        queryset = super().for_user(user)
        if user is not None and user.is_authenticated and getattr(user, "is_customer_manager", False):
            from partnercenter.partners.models import Customer

            queryset = queryset.filter(customer__in=Customer.objects.for_user(user))
        return queryset

    def recallable(self):
        return self.filter(status=Voucher.Status.AVAILABLE)

    def due_to_expire(self, today):
        return self.filter(status__in=[Voucher.Status.INACTIVE, Voucher.Status.AVAILABLE], valid_to__lt=today)

    def due_to_activate(self, today):
        return self.filter(status=Voucher.Status.INACTIVE, valid_from__lte=today, valid_to__gte=today)


@scoped
class Voucher(models.Model):
    class Status(models.TextChoices):
        INACTIVE = "inactive", _("未激活")
        AVAILABLE = "available", _("可使用")
        USED = "used", _("已使用")
        EXPIRED = "expired", _("已过期")
        RECALLED = "recalled", _("已回收")

    workflow = Workflow(
        Transition("activate", sources=[Status.INACTIVE], target=Status.AVAILABLE, label=_("激活")),
        Transition("use_up", sources=[Status.AVAILABLE], target=Status.USED, label=_("用完")),
        Transition("expire", sources=[Status.INACTIVE, Status.AVAILABLE], target=Status.EXPIRED, label=_("过期")),
        Transition("recall", sources=[Status.AVAILABLE], target=Status.RECALLED, label=_("回收"), style="danger"),
        tones={Status.INACTIVE: "neutral", Status.AVAILABLE: "success", Status.USED: "info",
               Status.EXPIRED: "warning", Status.RECALLED: "danger"},
    )

    partner = models.ForeignKey("partners.Partner", verbose_name=_("伙伴"), on_delete=models.PROTECT,
                                related_name="vouchers")
    quota = models.ForeignKey(VoucherQuota, verbose_name=_("提货券额度"), on_delete=models.PROTECT,
                              related_name="vouchers")
    customer = models.ForeignKey("partners.Customer", verbose_name=_("客户"), on_delete=models.PROTECT,
                                 related_name="vouchers")
    code = models.CharField(_("提货券编号"), max_length=32, unique=True)
    face_value = models.DecimalField(_("提货券面值"), **MONEY)
    balance = models.DecimalField(_("余额"), **MONEY)
    valid_from = models.DateField(_("生效日期"))
    valid_to = models.DateField(_("失效日期"))
    ratio_limit = models.DecimalField(_("使用限制比例(%)"), max_digits=5, decimal_places=2, default=Decimal("100"),
                                      help_text=_("单笔订单金额中提货券最多可抵扣的比例；按需消费不受此限制"))
    order_types = models.JSONField(_("订购类型"), default=list)
    service_types = models.ManyToManyField("partners.ServiceType", verbose_name=_("适用云服务类型"), blank=True)
    products = models.ManyToManyField("partners.Product", verbose_name=_("适用产品"), blank=True)
    memo = models.CharField(_("备注"), max_length=200, blank=True, help_text=_("仅发放方可见"))
    status = models.CharField(_("状态"), max_length=12, choices=Status.choices, default=Status.AVAILABLE)
    issued_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("发放人"), null=True, blank=True,
                                  on_delete=models.SET_NULL, related_name="+")
    issued_at = models.DateTimeField(_("发放时间"), default=timezone.now)
    recalled_amount = models.DecimalField(_("回收金额"), default=Decimal("0"), **MONEY)

    objects = VoucherQuerySet.as_manager()

    class Meta:
        verbose_name = _("提货券")
        verbose_name_plural = _("提货券")
        ordering = ["-issued_at", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(face_value__gt=0), name="voucher_face_value_positive"),
            models.CheckConstraint(condition=Q(balance__gte=0), name="voucher_balance_not_negative"),
            models.CheckConstraint(condition=Q(balance__lte=F("face_value")), name="voucher_balance_within_face"),
            models.CheckConstraint(condition=Q(ratio_limit__gt=0, ratio_limit__lte=100), name="voucher_ratio_range"),
            models.CheckConstraint(condition=Q(valid_to__gte=F("valid_from")), name="voucher_valid_range"),
        ]

    def __str__(self):
        return self.code

    def get_absolute_url(self):
        return reverse("vouchers:voucher-detail", args=[self.pk])

    @property
    def used_amount(self) -> Decimal:
        return self.face_value - self.balance - self.recalled_amount

    def order_type_labels(self) -> list[str]:
        labels = dict(OrderType.choices)
        return [str(labels.get(value, value)) for value in self.order_types]


class QuotaMovementQuerySet(PartnerScopedQuerySet):
    partner_lookup = "quota__partner_id"


@scoped
class QuotaMovement(models.Model):
    """操作记录: one row per change of a quota's balance (signed amount)."""

    class Kind(models.TextChoices):
        GRANT = "grant", _("授予额度")
        ISSUE = "issue", _("发放提货券")
        RECALL = "recall", _("回收提货券")
        EXPIRE = "expire", _("提货券过期返还")

    quota = models.ForeignKey(VoucherQuota, verbose_name=_("提货券额度"), on_delete=models.PROTECT,
                              related_name="movements")
    voucher = models.ForeignKey(Voucher, verbose_name=_("提货券"), null=True, blank=True, on_delete=models.PROTECT,
                                related_name="movements")
    kind = models.CharField(_("操作类型"), max_length=8, choices=Kind.choices)
    amount = models.DecimalField(_("变动金额"), **MONEY)
    balance_after = models.DecimalField(_("变动后余额"), **MONEY)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("操作人"), null=True, blank=True,
                              on_delete=models.SET_NULL, related_name="+")
    actor_name = models.CharField(_("操作人"), max_length=100, blank=True)
    created_at = models.DateTimeField(_("操作时间"), default=timezone.now)

    objects = QuotaMovementQuerySet.as_manager()

    class Meta:
        verbose_name = _("额度操作记录")
        verbose_name_plural = _("额度操作记录")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(condition=~Q(amount=0), name="quotamovement_amount_nonzero"),
            models.CheckConstraint(condition=Q(balance_after__gte=0), name="quotamovement_balance_not_negative"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.amount}"


class UsageQuerySet(PartnerScopedQuerySet):
    partner_lookup = "voucher__partner_id"


@scoped
class VoucherUsage(models.Model):
    """使用记录: one redemption of a voucher against a customer order."""

    voucher = models.ForeignKey(Voucher, verbose_name=_("提货券"), on_delete=models.PROTECT, related_name="usages")
    order = models.ForeignKey("partners.Order", verbose_name=_("订单"), on_delete=models.PROTECT,
                              related_name="voucher_usages")
    amount = models.DecimalField(_("抵扣金额"), **MONEY)
    balance_after = models.DecimalField(_("抵扣后余额"), **MONEY)
    used_at = models.DateTimeField(_("使用时间"), default=timezone.now)

    objects = UsageQuerySet.as_manager()

    class Meta:
        verbose_name = _("提货券使用记录")
        verbose_name_plural = _("提货券使用记录")
        ordering = ["-used_at", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="voucherusage_amount_positive"),
            models.CheckConstraint(condition=Q(balance_after__gte=0), name="voucherusage_balance_not_negative"),
        ]

    def __str__(self):
        return f"{self.voucher_id} → {self.order_id}: {self.amount}"
