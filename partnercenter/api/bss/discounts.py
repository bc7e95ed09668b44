"""Optional discounts of 续费询价: one OptionalDiscountRatingResultV2 per discount of the customer in force today.

discount_type (reference B.1): 605 商务授权折扣 (华为云BE合同商务折扣), 606 伙伴授予折扣 (分销商BE合同商务折扣),
607 伙伴设置折扣 (折扣率). A discount covers the priced resources whose cloud service type it allows (none chosen =
all); 606/607 skip products that do not allow partner discounts. discount_amount = Σ amount × (1 − rate), each
resource ROUND_HALF_UP to the cent; amount = official_website_amount − discount_amount. best_offer = 1 on the
largest saving among the business and partner discounts, ties in the order 605, 606, 607 ("优惠金额相等则按此顺序
排优先级"). Money values are strings, as the SDK types them in this response.
"""
from decimal import ROUND_HALF_UP, Decimal

from django.utils import timezone

from ..models import CustomerDiscount

CENT = Decimal("0.01")
PARTNER_TYPES = {CustomerDiscount.Type.PARTNER_GRANTED, CustomerDiscount.Type.PARTNER_RATE}


def _applies(discount, product) -> bool:
    allowed = {st.pk for st in discount.service_types.all()}
    if allowed and product.service_type_id not in allowed:
        return False
    return product.allow_discount or discount.discount_type not in PARTNER_TYPES


def optional_discounts(customer, priced, *, today=None) -> list[dict]:
    """priced: [(Resource, Decimal amount)] of the inquiry; two queries whatever their number."""
    today = today or timezone.localdate()
    official = sum((amount for _resource, amount in priced), Decimal("0.00"))
    discounts = (CustomerDiscount.objects.filter(customer=customer).in_force(today)
                 .prefetch_related("service_types").order_by("discount_type", "pk"))
    results = []
    for discount in discounts:
        saving = sum(((amount * (1 - discount.rate)).quantize(CENT, rounding=ROUND_HALF_UP)
                      for resource, amount in priced if _applies(discount, resource.order.product)), Decimal("0.00"))
        if saving <= 0:
            continue
        results.append({
            "discount_id": f"DSC{discount.pk:08d}", "amount": f"{official - saving:.2f}",
            "official_website_amount": f"{official:.2f}", "discount_amount": f"{saving:.2f}",
            "discount_type": discount.discount_type, "discount_name": discount.name, "best_offer": 0,
            "installment_official_website_amount": None, "installment_official_discount_amount": None,
            "installment_amount": None, "installment_period_type": None,
        })
    if results:  # max() keeps the first of equal savings, and results are in 605, 606, 607 order
        max(results, key=lambda r: Decimal(r["discount_amount"]))["best_offer"] = 1
    return results
