"""查询客户包年/包月资源列表 POST /v2/orders/suscriptions/resources/query (the SDK's spelling) and
续费询价 POST /v2/bills/ratings/period-resources/renew-rate."""
from decimal import ROUND_HALF_UP, Decimal

from django.http import JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from partnercenter.partners.models import Customer

from ..auth import bss_api
from ..errors import (
    DUPLICATE_RESOURCE,
    NO_SUCH_PERIOD,
    NOT_ALLOWED,
    NOT_FOUND_CUSTOMER,
    NOT_MAIN_RESOURCE,
    PENDING_ORDER,
    RESOURCE_GONE,
    BssError,
    parameter_error,
)
from . import params
from .discounts import optional_discounts
from .resources import STATUS_CLOSED, STATUS_EXPIRED, resources_of

CENT = Decimal("0.01")
PERIOD_MONTH, PERIOD_YEAR = 2, 3
PERIOD_LIMITS = {PERIOD_MONTH: 11, PERIOD_YEAR: 3}


def customer_of_key(key, customer_id: str):
    """A customer key acts for its own account; a partner key must name one of its own customers."""
    if key.customer_id:
        if customer_id and customer_id != key.customer.customer_id:
            raise BssError(400, NOT_FOUND_CUSTOMER, _("查询客户信息失败。"))
        return key.customer
    if not customer_id:
        raise parameter_error(_("伙伴调用时必须携带 customer_id。"))
    customer = Customer.objects.for_user(key.user).filter(customer_id=customer_id).first()
    if customer is None:  # another partner's customer answers exactly like a missing one
        raise BssError(400, NOT_FOUND_CUSTOMER, _("查询客户信息失败。"))
    return customer


@require_POST
@bss_api
def list_pay_per_use_customer_resources(request):
    data = params.json_body(request)
    offset, limit = params.page(data)
    customer = customer_of_key(request.access_key, params.text(data, "customer_id", max_length=64))
    wanted = set(params.string_list(data, "resource_ids", max_items=50))
    order_id = params.text(data, "order_id", max_length=64)
    only_main = params.integer(data, "only_main_resource", default=0, minimum=0, maximum=1)
    statuses = set(params.int_list(data, "status_list", allowed={2, 3, 4, 5}))
    expire_begin = params.utc_time(data, "expire_time_begin")
    expire_end = params.utc_time(data, "expire_time_end")
    service_type = params.text(data, "service_type_code", max_length=100)
    rows = []
    for resource in resources_of(customer).values():
        order = resource.order
        if ((wanted and resource.resource_id not in wanted) or (order_id and order.order_no != order_id)
                or (only_main and not resource.is_main) or (statuses and resource.status not in statuses)
                or (service_type and order.product.service_type.code != service_type)
                or (expire_begin and (not order.expires_at or order.expires_at < expire_begin))
                or (expire_end and (not order.expires_at or order.expires_at > expire_end))):
            continue
        rows.append(resource)
    rows.sort(key=lambda r: (r.order.expires_at is None, r.order.expires_at, r.resource_id))
    return JsonResponse({"total_count": len(rows), "data": [r.as_bss() for r in rows[offset:offset + limit]]},
                        json_dumps_params={"ensure_ascii": False})


def term_months(order) -> int:
    """Whole months the order paid for (effective → expiry, 30.4375-day months, at least 1)."""
    if not order.effective_at or not order.expires_at or order.expires_at <= order.effective_at:
        return 0
    days = Decimal((order.expires_at - order.effective_at).total_seconds()) / Decimal(86400)
    return max(1, int((days / Decimal("30.4375")).quantize(Decimal(1), rounding=ROUND_HALF_UP)))


def renewal_amount(order, *, months: int, resource_count: int) -> Decimal:
    """Pricing rule: the order's paid amount is its price for `term_months`; a renewal of `months` costs
    paid × months / term, ROUND_HALF_UP to the cent. Without relative resources, the main resource is
    priced at its even share of the order (paid / number of resources in the order)."""
    share = order.paid_amount / Decimal(resource_count)
    return (share * months / term_months(order)).quantize(CENT, rounding=ROUND_HALF_UP)


def _renew_params(data):
    resource_ids = params.string_list(data, "resource_ids", max_items=10, required=True)
    period_type = params.integer(data, "period_type", required=True)
    if period_type not in PERIOD_LIMITS:
        raise parameter_error(_("参数 period_type 只能为 2（月）或 3（年）。"))
    period_num = params.integer(data, "period_num", required=True, minimum=1, maximum=PERIOD_LIMITS[period_type])
    include = data.get("include_relative_resources", False)
    if include in ("", None):
        include = False
    if not isinstance(include, bool):
        raise parameter_error(_("参数 include_relative_resources 必须是布尔值。"))
    if len(set(resource_ids)) != len(resource_ids):
        raise BssError(400, DUPLICATE_RESOURCE, _("存在重复的资源ID。"))
    return resource_ids, period_type, period_num, include


@require_POST
@bss_api
def list_renew_rate_on_period(request):
    key = request.access_key
    if not key.customer_id:
        raise BssError(403, NOT_ALLOWED, _("该接口只允许使用客户的AK/SK调用。"))
    resource_ids, period_type, period_num, include = _renew_params(params.json_body(request))
    months = period_num * (12 if period_type == PERIOD_YEAR else 1)
    resources = resources_of(key.customer)
    results, failures, priced = [], [], []
    for rid in resource_ids:
        resource = resources.get(rid)
        failure = None
        if resource is None or resource.status in (STATUS_CLOSED, STATUS_EXPIRED):
            failure = (RESOURCE_GONE, _("资源已过期删除或不存在。"))
        elif not resource.is_main:
            failure = (NOT_MAIN_RESOURCE, _("资源非主资源，不允许续费询价。"))
        elif resource.pending_renewal:
            failure = (PENDING_ORDER, _("当前操作的资源中，有资源包含在您的待支付的订单，不能进行当前操作。"))
        elif not term_months(resource.order):
            failure = (NO_SUCH_PERIOD, _("资源不存在对应的的周期类型或周期数。"))
        if failure:
            failures.append({"resource_id": rid, "error_code": failure[0], "error_msg": failure[1]})
            continue
        count = 1 if include else len(resource.order.resource_ids)
        amount = renewal_amount(resource.order, months=months, resource_count=count)
        results.append({"resource_id": rid, "amount": f"{amount:.2f}"})
        priced.append((resource, amount))
    total = sum((Decimal(r["amount"]) for r in results), Decimal("0.00"))
    return JsonResponse({
        "currency": "CNY", "renew_inquiry_results": results,
        "official_website_rating_result": {
            "official_website_amount": f"{total:.2f}", "installment_official_website_amount": None,
            "installment_period_type": None,
        },
        "optional_discount_rating_results": optional_discounts(key.customer, priced) if priced else [],
        "fail_resource_infos": failures,
    }, json_dumps_params={"ensure_ascii": False})
