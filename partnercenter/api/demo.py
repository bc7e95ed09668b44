"""Demo access keys: one for alice (main account of the first demo partner), one for a customer of hers; and
that customer's renewal discounts (605 商务授权折扣, 607 伙伴设置折扣), so 续费询价 shows optional discounts.

Idempotent: a key is created only when its owner has none, a discount only when its (customer, type) has none.
The secrets are printed once (demo only) so the API can be tried with the official SDK against runserver.
"""
import datetime as dt
from decimal import Decimal

from django.utils import timezone

from partnercenter.partners.models import Customer, User

from .models import AccessKey, CustomerDiscount
from .services import access_key_create

DISCOUNTS = [(CustomerDiscount.Type.BUSINESS, "华为云商务合同折扣", Decimal("0.900")),
             (CustomerDiscount.Type.PARTNER_RATE, "伙伴设置折扣（九五折）", Decimal("0.950"))]


def _discounts(customer) -> int:
    created = 0
    start = timezone.localdate().replace(month=1, day=1)
    for kind, name, rate in DISCOUNTS:
        if CustomerDiscount.objects.filter(customer=customer, discount_type=kind).exists():
            continue
        discount = CustomerDiscount(customer=customer, discount_type=kind, name=name, rate=rate, valid_from=start,
                                    valid_to=start + dt.timedelta(days=730))
        discount.full_clean()
        discount.save()
        created += 1
    return created


def build(stdout) -> None:
    created = []
    alice = User.objects.filter(username="alice").first()
    if alice is not None and not AccessKey.objects.filter(user=alice).exists():
        created.append(access_key_create(user=alice, description="演示：ERP 系统对接"))
    customer = Customer.objects.filter(partner_id=getattr(alice, "partner_id", None)).order_by("pk").first()
    if customer is not None and not AccessKey.objects.filter(customer=customer).exists():
        created.append(access_key_create(customer=customer, description="演示：客户续费询价"))
    discounts = _discounts(customer) if customer is not None else 0
    if stdout is None:
        return
    stdout.write(f"  api: {AccessKey.objects.count()} 访问密钥 (+{len(created)} new), "
                 f"{CustomerDiscount.objects.count()} 客户折扣 (+{discounts} new)\n")
    for key, secret in created:
        stdout.write(f"    {key.access_key} {secret}  domain_id={key.domain_id}\n")
