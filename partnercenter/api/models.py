"""Access keys (AK/SK) for the BSS-compatible API, owned by a partner user or by a customer account."""
from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from partnercenter.tenancy import PartnerScopedQuerySet, scoped


class AccessKeyQuerySet(PartnerScopedQuerySet):
    def for_user(self, user):
        """Partner users see the keys of their own organisation's users; customer keys are vendor-issued."""
        return super().for_user(user).filter(user__isnull=False)

    def usable(self):
        return self.filter(status=AccessKey.Status.ACTIVE)

    def of_user(self, user):
        return self.filter(user=user)


@scoped
class AccessKey(models.Model):
    class Status(models.TextChoices):
        ACTIVE = "active", _("启用")
        DISABLED = "disabled", _("停用")

    partner = models.ForeignKey("partners.Partner", verbose_name=_("伙伴"), on_delete=models.CASCADE,
                                related_name="access_keys")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("用户"), null=True, blank=True,
                             on_delete=models.CASCADE, related_name="access_keys")
    customer = models.ForeignKey("partners.Customer", verbose_name=_("客户"), null=True, blank=True,
                                 on_delete=models.CASCADE, related_name="access_keys")
    access_key = models.CharField(_("访问密钥ID (AK)"), max_length=40, unique=True)
    secret_encrypted = models.TextField(_("加密的秘密访问密钥"), editable=False)
    description = models.CharField(_("描述"), max_length=200, blank=True)
    status = models.CharField(_("状态"), max_length=10, choices=Status.choices, default=Status.ACTIVE)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("最近使用时间"), null=True, blank=True)

    objects = AccessKeyQuerySet.as_manager()

    class Meta:
        verbose_name = _("访问密钥")
        verbose_name_plural = _("访问密钥")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(user__isnull=False) & Q(customer__isnull=True))
                | (Q(user__isnull=True) & Q(customer__isnull=False)),
                name="api_accesskey_one_owner",
            ),
        ]

    def __str__(self):
        return self.access_key

    @property
    def is_customer_key(self) -> bool:
        return self.customer_id is not None

    @property
    def domain_id(self) -> str:
        """The account the key acts as: the customer's account id, or the partner's domain id."""
        return self.customer.customer_id if self.customer_id else self.partner.domain_id


class CustomerDiscountQuerySet(PartnerScopedQuerySet):
    def in_force(self, day):
        return self.filter(valid_from__lte=day, valid_to__gte=day)


@scoped
class CustomerDiscount(models.Model):
    """A discount a customer may choose when renewing: the optional_discount_rating_results of 续费询价.

    The three types are the reference's OptionalDiscountRatingResultV2.discount_type values. 606 and 607 are
    partner discounts, so they apply only to products whose catalogue entry allows partner discounts
    (Product.allow_discount, the `allow_discount` of 查询产品的折扣和激励策略); 605 is the vendor's own.
    """

    class Type(models.IntegerChoices):
        BUSINESS = 605, _("商务授权折扣")
        PARTNER_GRANTED = 606, _("伙伴授予折扣")
        PARTNER_RATE = 607, _("伙伴设置折扣")

    partner = models.ForeignKey("partners.Partner", verbose_name=_("伙伴"), on_delete=models.CASCADE,
                                related_name="customer_discounts", editable=False)
    customer = models.ForeignKey("partners.Customer", verbose_name=_("客户"), on_delete=models.CASCADE,
                                 related_name="discounts")
    discount_type = models.PositiveSmallIntegerField(_("折扣类型"), choices=Type.choices)
    name = models.CharField(_("折扣名称"), max_length=100)
    rate = models.DecimalField(_("折扣率"), max_digits=4, decimal_places=3,
                               help_text=_("折后应付占官网价的比例，例如 0.850 表示八五折"))
    service_types = models.ManyToManyField("partners.ServiceType", verbose_name=_("适用云服务类型"), blank=True,
                                           help_text=_("不选表示不限"))
    valid_from = models.DateField(_("生效日期"))
    valid_to = models.DateField(_("失效日期"))
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)

    objects = CustomerDiscountQuerySet.as_manager()

    class Meta:
        verbose_name = _("客户折扣")
        verbose_name_plural = _("客户折扣")
        ordering = ["customer", "discount_type", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(rate__gt=0) & Q(rate__lt=1), name="api_customerdiscount_rate_range"),
            models.CheckConstraint(condition=Q(valid_to__gte=models.F("valid_from")),
                                   name="api_customerdiscount_valid_range"),
            models.CheckConstraint(condition=Q(discount_type__in=[605, 606, 607]), name="api_customerdiscount_type"),
        ]

    def __str__(self):
        return f"{self.customer} · {self.name}"

    def clean(self):
        if self.customer_id:  # the discount belongs to the customer's partner (tenancy follows the customer)
            self.partner_id = self.customer.partner_id
