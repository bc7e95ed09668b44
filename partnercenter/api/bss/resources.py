"""Yearly/monthly resources derived from periodic orders, for 查询客户包年/包月资源列表 and 续费询价.

A resource's current state is the latest-expiring periodic order (new or renewal) that lists it. The first
id in `Order.resource_ids` is the main resource; the others are its attached (从) resources.
"""
from dataclasses import dataclass

from django.utils import timezone

from partnercenter.partners.models import BillingMode, Order

STATUS_IN_USE, STATUS_CLOSED, STATUS_FROZEN, STATUS_EXPIRED = 2, 3, 4, 5
EXPIRE_POLICY_GRACE, EXPIRE_POLICY_AUTO_RENEW = 0, 3


@dataclass
class Resource:
    resource_id: str
    order: Order
    is_main: bool
    parent_resource_id: str
    pending_renewal: bool = False

    @property
    def status(self) -> int:
        if self.order.status == Order.Status.UNSUBSCRIBED:
            return STATUS_CLOSED
        if self.order.expires_at and self.order.expires_at <= timezone.now():
            return STATUS_EXPIRED
        return STATUS_IN_USE

    def as_bss(self) -> dict:
        order, product = self.order, self.order.product
        return {
            "id": f"{order.order_no}:{self.resource_id}", "resource_id": self.resource_id,
            "resource_name": f"{product.name}-{self.resource_id}", "region_code": "cn-north-4",
            "service_type_code": product.service_type.code, "service_type_name": product.service_type.name,
            "resource_type_code": product.code, "resource_type_name": product.name,
            "resource_spec_code": product.code, "project_id": "", "product_id": product.code,
            "parent_resource_id": self.parent_resource_id, "is_main_resource": 1 if self.is_main else 0,
            "status": self.status, "effective_time": _utc(order.effective_at), "expire_time": _utc(order.expires_at),
            "expire_policy": EXPIRE_POLICY_AUTO_RENEW if order.auto_renew else EXPIRE_POLICY_GRACE,
            "product_spec_desc": product.name, "spec_size": None, "spec_size_measure_id": None,
            "update_time": _utc(order.effective_at or order.ordered_at),
            "enterprise_project": {"id": "0", "name": "default"},
        }


def _utc(moment):
    from .params import utc_string
    return utc_string(moment)


def resources_of(customer) -> dict[str, Resource]:
    """resource_id → Resource for one customer, in two queries whatever the number of orders."""
    orders = (Order.objects.filter(customer=customer, billing_mode=BillingMode.PERIODIC)
              .exclude(status=Order.Status.CANCELLED)
              .select_related("product__service_type").order_by("expires_at", "pk"))
    resources: dict[str, Resource] = {}
    pending: set[str] = set()
    for order in orders:
        ids = [str(rid) for rid in (order.resource_ids or []) if rid]
        if not ids:
            continue
        if order.status == Order.Status.PENDING_PAYMENT:
            pending.update(ids)
            continue
        for index, rid in enumerate(ids):
            resources[rid] = Resource(rid, order, index == 0, "" if index == 0 else ids[0])
    for rid in pending & resources.keys():
        resources[rid].pending_renewal = True
    return resources
