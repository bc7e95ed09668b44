"""The redemption rule engine: each rule looks at (voucher, order, amount, today) and either passes or says,
in one translated sentence, why this voucher cannot pay this order. The first refusing rule is reported by name."""
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from partnercenter.partners.models import Order
from partnercenter.partners.models.orders import BillingMode

CENT = Decimal("0.01")


@dataclass(frozen=True)
class Refusal:
    rule: str
    label: str
    message: str

    def __str__(self):
        return f"{self.label}：{self.message}"


def ratio_cap(voucher, order) -> Decimal | None:
    """The most this voucher may pay of `order`; None when not limited (按需 on-demand consumption)."""
    if order.billing_mode == BillingMode.ON_DEMAND:
        return None
    return (order.paid_amount * voucher.ratio_limit / Decimal("100")).quantize(CENT, rounding=ROUND_HALF_UP)


def _status(voucher, order, amount, today, already):
    if voucher.status != voucher.Status.AVAILABLE:
        return _("提货券当前状态为“%(status)s”，只有可使用的提货券才能抵扣。") % {
            "status": voucher.get_status_display()}
    return None


def _validity(voucher, order, amount, today, already):
    if not (voucher.valid_from <= today <= voucher.valid_to):
        return _("提货券有效期为 %(start)s 至 %(end)s，今天不在有效期内。") % {
            "start": voucher.valid_from, "end": voucher.valid_to}
    return None


def _customer(voucher, order, amount, today, already):
    if order.customer_id != voucher.customer_id:
        return _("订单的客户不是该提货券的持有客户。")
    if order.status != Order.Status.COMPLETED and order.status != Order.Status.PENDING_PAYMENT:
        return _("订单状态为“%(status)s”，不能使用提货券。") % {"status": order.get_status_display()}
    return None


def _order_type(voucher, order, amount, today, already):
    if voucher.order_types and order.order_type not in voucher.order_types:
        return _("提货券仅适用于订购类型：%(types)s；该订单为“%(type)s”。") % {
            "types": "、".join(voucher.order_type_labels()), "type": order.get_order_type_display()}
    return None


def _service_type(voucher, order, amount, today, already):
    allowed = {st.pk for st in voucher.service_types.all()}
    if allowed and order.product.service_type_id not in allowed:
        return _("提货券不适用于云服务类型“%(name)s”。") % {"name": order.product.service_type.name}
    return None


def _product(voucher, order, amount, today, already):
    allowed = {p.pk for p in voucher.products.all()}
    if allowed and order.product_id not in allowed:
        return _("提货券不适用于产品“%(name)s”。") % {"name": order.product.name}
    return None


def _amount(voucher, order, amount, today, already):
    if amount <= 0 or amount != amount.quantize(CENT):
        return _("抵扣金额须大于0，且最多两位小数。")
    if amount > voucher.balance:
        return _("抵扣金额 %(amount)s 超过提货券余额 %(balance)s。") % {"amount": amount, "balance": voucher.balance}
    if amount + already["order"] > order.paid_amount:
        return _("抵扣金额超过订单剩余应付金额 %(rest)s。") % {"rest": order.paid_amount - already["order"]}
    return None


def _ratio(voucher, order, amount, today, already):
    cap = ratio_cap(voucher, order)
    if cap is not None and amount + already["voucher_on_order"] > cap:
        return _("该提货券最多抵扣订单金额的 %(ratio)s%%，即 %(cap)s 元。") % {
            "ratio": voucher.ratio_limit.normalize(), "cap": cap}
    return None


RULES = (
    ("status", gettext_lazy("状态"), _status),
    ("validity", gettext_lazy("有效期"), _validity),
    ("customer", gettext_lazy("客户"), _customer),
    ("order_type", gettext_lazy("订购类型"), _order_type),
    ("service_type", gettext_lazy("云服务类型"), _service_type),
    ("product", gettext_lazy("产品"), _product),
    ("amount", gettext_lazy("金额"), _amount),
    ("ratio", gettext_lazy("使用限制比例"), _ratio),
)


def redemption_refusal(voucher, order, amount: Decimal, today, *, already_on_order=Decimal("0"),
                       already_by_voucher=Decimal("0")) -> Refusal | None:
    """None when `voucher` may pay `amount` of `order` today, else the first rule that refuses."""
    already = {"order": already_on_order, "voucher_on_order": already_by_voucher}
    for code, label, check in RULES:
        message = check(voucher, order, amount, today, already)
        if message:
            return Refusal(rule=code, label=str(label), message=message)
    return None
