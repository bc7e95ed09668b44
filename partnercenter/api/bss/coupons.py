"""Partner coupons over the voucher wing's quotas (spec B.2; Huawei API reference 管理优惠券(伙伴)):

* 查询优惠券额度 POST /v2/partners/coupon-quotas/query                         ← VoucherQuota
* 发放优惠券 POST /v2/promotions/benefits/partner-coupons                       → vouchers.services.vouchers_issue
* 查询已发放的优惠券 GET /v2/promotions/benefits/partner-coupons                ← Voucher
* 回收优惠券 POST /v2/promotions/benefits/partner-coupons/reclaim               → vouchers.services.vouchers_recall
* 查询优惠券的发放回收记录 GET /v2/promotions/benefits/partner-coupons/records/query ← QuotaMovement

Every read is scoped with `for_user` of the key's user (or of the reseller a distributor acts for, acting.py);
every write goes through the vouchers services, so balances, locks and the quota ledger stay theirs. A 提货券
quota is a 代金券额度 (quota_type 0) and a 提货券 a 代金券 (coupon_type 1): quota_type 1 / coupon_type 4
(现金券) exist in the API but not here, so they select nothing.
"""
from django.core.exceptions import ValidationError
from django.db.models import Exists, OuterRef, Q, Subquery
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from partnercenter.partners.models import Customer, Product, ServiceType
from partnercenter.workflow.machine import TransitionNotAllowed
from vouchers.models import OrderType, QuotaMovement, Voucher, VoucherQuota, VoucherUsage
from vouchers.services import vouchers_issue, vouchers_recall

from ..auth import bss_api
from ..errors import (
    COUPON_AMOUNT_LIMIT,
    COUPON_COUNT_LIMIT,
    COUPON_NOT_FOUND,
    LIMITS_EXCEED_QUOTA,
    NOT_SUB_CUSTOMER,
    PARAMETER_ERROR,
    QUOTA_INSUFFICIENT,
    QUOTA_NOT_EFFECTIVE,
    QUOTA_NOT_FOUND,
    BssError,
    parameter_error,
)
from . import params
from .acting import acting_user, indirect_partner_id
from .customers import partner_user_of

COUPON_STATUS = {Voucher.Status.INACTIVE: 1, Voucher.Status.AVAILABLE: 2, Voucher.Status.USED: 3,
                 Voucher.Status.EXPIRED: 4, Voucher.Status.RECALLED: 5}
VOUCHER_STATUS = {code: status for status, code in COUPON_STATUS.items()}
COUPON_TYPE_VOUCHER, COUPON_TYPE_CASH = 1, 4
QUOTA_TYPE_VOUCHER, QUOTA_TYPE_CASH = 0, 1
QUOTA_NORMAL, QUOTA_INVALID = 0, 3
MEASURE_YUAN, MEDIA_ELECTRONIC, FETCH_ISSUED_ONLINE = 1, 1, 3
RECORD_TYPE = {QuotaMovement.Kind.ISSUE: "1", QuotaMovement.Kind.RECALL: "2", QuotaMovement.Kind.EXPIRE: "4"}
KIND_OF_RECORD_TYPE = {code: kind for kind, code in RECORD_TYPE.items()}
MAX_CUSTOMERS = 100


def _caller(request, data):
    return acting_user(partner_user_of(request.access_key), indirect_partner_id(data))


def _pk(value: str):
    """A quota id as the integer primary key, or None (an id that cannot exist selects nothing)."""
    return int(value) if value.isascii() and value.isdigit() and len(value) <= 18 else None


def _between(queryset, field, begin, end):
    if begin is not None:
        queryset = queryset.filter(**{f"{field}__gte": begin})
    if end is not None:
        queryset = queryset.filter(**{f"{field}__lte": end})
    return queryset


def _time_filters(queryset, data, *, created, effective, expire):
    """*_begin/*_end UTC filters: creation on a datetime field, validity on the date fields (a validity day
    starts at 00:00:00 and ends at 23:59:59 Beijing time, as the responses show it)."""
    queryset = _between(queryset, created, params.utc_time(data, "create_time_begin"),
                        params.utc_time(data, "create_time_end"))
    queryset = _between(queryset, effective, *params.day_range(
        params.utc_time(data, "effective_time_begin"), params.utc_time(data, "effective_time_end"),
        at_end_of_day=False))
    return _between(queryset, expire, *params.day_range(
        params.utc_time(data, "expire_time_begin"), params.utc_time(data, "expire_time_end"), at_end_of_day=True))


def _limit_rows(service_types, products):
    return ([("cloud_service_types", st.code, st.name) for st in service_types]
            + [("product_ids", p.code, p.name) for p in products])


# 查询优惠券额度 -----------------------------------------------------------------------------------------------

def quota_as_bss(quota, today) -> dict:
    limits = {}
    for key, value1, value2 in _limit_rows(quota.service_types.all(), quota.products.all()):
        limits.setdefault(key, []).append({"value1": value1, "value2": value2})
    return {
        "quota_id": str(quota.pk), "quota_type": QUOTA_TYPE_VOUCHER, "create_time": params.utc_string(quota.created_at),
        "last_update_time": params.utc_string(quota.last_update or quota.created_at), "quota_value": quota.amount,
        "quota_status": QUOTA_INVALID if quota.valid_to < today else QUOTA_NORMAL, "balance": quota.balance,
        "measure_id": MEASURE_YUAN, "currency": "CNY", "effective_time": params.day_start_utc(quota.valid_from),
        "expire_time": params.day_end_utc(quota.valid_to),
        "limit_infos": [{"limit_key": key, "limit_values": values} for key, values in limits.items()],
    }


@require_POST
@bss_api
def list_quota_coupons(request):
    data = params.json_body(request)
    user = _caller(request, data)
    offset, limit = params.page(data)
    quota_type = params.integer(data, "quota_type", default=QUOTA_TYPE_VOUCHER, minimum=0, maximum=1)
    statuses = set(params.int_list(data, "quota_status_list", allowed={0, 3, 4, 5}))
    quota_ids = params.string_list(data, "quota_ids", max_items=100)
    today = timezone.localdate()
    quotas = VoucherQuota.objects.for_user(user)
    if quota_type == QUOTA_TYPE_CASH:
        quotas = quotas.none()
    if quota_ids:
        quotas = quotas.filter(pk__in=[pk for pk in map(_pk, quota_ids) if pk is not None])
    if statuses:  # 4 额度调整中 and 5 冻结 do not exist for 提货券额度
        by_status = Q(pk__in=[])
        if QUOTA_NORMAL in statuses:
            by_status |= Q(valid_to__gte=today)
        if QUOTA_INVALID in statuses:
            by_status |= Q(valid_to__lt=today)
        quotas = quotas.filter(by_status)
    quotas = _time_filters(quotas, data, created="created_at", effective="valid_from", expire="valid_to")
    latest = QuotaMovement.objects.filter(quota=OuterRef("pk")).order_by("-created_at", "-pk")
    rows = (quotas.annotate(last_update=Subquery(latest.values("created_at")[:1]))
            .prefetch_related("service_types", "products").order_by("-created_at", "-pk")[offset:offset + limit])
    return params.bss_json({"total_count": quotas.count(), "quotas": [quota_as_bss(q, today) for q in rows]})


# 查询已发放的优惠券 / 发放优惠券 ---------------------------------------------------------------------------------

def coupon_as_bss(voucher) -> dict:
    use_limits = [{"use_limiti_info_id": f"{key}-{index}", "limit_key": key, "value1": value1, "value2": value2,
                   "value_unit": "", "limit_type": "", "promotion_plan_id": str(voucher.quota_id)}
                  for index, (key, value1, value2)
                  in enumerate(_limit_rows(voucher.service_types.all(), voucher.products.all()))]
    active = voucher.status != Voucher.Status.INACTIVE
    return {
        "coupon_id": voucher.code, "status": COUPON_STATUS[voucher.status], "customer_id": voucher.customer.customer_id,
        "coupon_type": COUPON_TYPE_VOUCHER, "measure_id": MEASURE_YUAN, "face_value": voucher.face_value,
        "effective_time": params.day_start_utc(voucher.valid_from), "expire_time": params.day_end_utc(voucher.valid_to),
        "order_id": voucher.last_order_no or "", "promotion_plan_id": str(voucher.quota_id),
        "promotion_plan_name": voucher.quota.name, "promotion_plan_desc": "", "media_type": MEDIA_ELECTRONIC,
        "fetch_method": FETCH_ISSUED_ONLINE, "use_limits": use_limits,
        "active_time": params.day_start_utc(voucher.valid_from) if active else None,
        "last_used_time": params.utc_string(voucher.last_used_at), "promotion_id": "",
        "create_time": params.utc_string(voucher.issued_at), "balance": voucher.balance, "lock_order_id": "",
        "is_frozen": "0",
    }


def _list_issued(request):
    query = request.GET
    user = _caller(request, query)
    offset, limit = params.page(query)
    vouchers = Voucher.objects.for_user(user)
    if "coupon_id" in query:
        vouchers = vouchers.filter(code=params.text(query, "coupon_id", max_length=64))
    if "customer_id" in query:
        vouchers = vouchers.filter(customer__customer_id=params.text(query, "customer_id", max_length=64))
    if "order_id" in query:
        order_no = params.text(query, "order_id", max_length=64)
        used_on = VoucherUsage.objects.filter(voucher=OuterRef("pk"), order__order_no=order_no)
        vouchers = vouchers.filter(Exists(used_on))
    coupon_type = params.integer(query, "coupon_type", minimum=1, maximum=4)
    if coupon_type not in (None, COUPON_TYPE_VOUCHER, COUPON_TYPE_CASH):
        raise parameter_error(_("参数 coupon_type 只能为 1（代金券）或 4（现金券）。"))
    if coupon_type == COUPON_TYPE_CASH:
        vouchers = vouchers.none()
    status = params.integer(query, "status", minimum=1, maximum=5)
    if status is not None:
        vouchers = vouchers.filter(status=VOUCHER_STATUS[status])
    vouchers = _time_filters(vouchers, query, created="issued_at", effective="valid_from", expire="valid_to")
    last_use = VoucherUsage.objects.filter(voucher=OuterRef("pk")).order_by("-used_at", "-pk")
    rows = (vouchers.select_related("customer", "quota").prefetch_related("service_types", "products")
            .annotate(last_used_at=Subquery(last_use.values("used_at")[:1]),
                      last_order_no=Subquery(last_use.values("order__order_no")[:1]))
            .order_by("-issued_at", "-pk")[offset:offset + limit])
    return params.bss_json({"total_count": vouchers.count(), "user_coupons": [coupon_as_bss(v) for v in rows]})


def _by_codes(model, codes, name):
    found = {row.code: row for row in model.objects.filter(code__in=codes)}
    if missing := [code for code in codes if code not in found]:
        raise parameter_error(
            _("参数 %(name)s 中的编码不存在：%(codes)s。") % {"name": name, "codes": ", ".join(missing)})
    return [found[code] for code in codes]


def _per_customer_limit_code(quota, customer) -> str:
    """Which of the quota's per-customer caps refused: the count (CBC.99000020) or else the amount (99000021)."""
    limit = getattr(quota, "per_customer_count", None)
    held = (Voucher.objects.filter(quota=quota, customer=customer)
            .exclude(status__in=[Voucher.Status.RECALLED, Voucher.Status.EXPIRED]).count())
    return COUPON_COUNT_LIMIT if limit is not None and held >= limit else COUPON_AMOUNT_LIMIT


def _issue_refusal(exc: ValidationError, quota, customer) -> tuple[str, str, bool]:
    """(error_code, message, is the refusal about this one customer) for a ValidationError of vouchers_issue."""
    fields = set(getattr(exc, "error_dict", {}))
    message = "；".join(exc.messages)
    if "customers" in fields:
        # The customer was found among the caller's own (visible) customers and appears once, so a refusal about
        # it is either the quota's per-customer caps (code "per_customer_limit") or the customer not being ours.
        if any(error.code == "per_customer_limit" for error in exc.error_dict["customers"]):
            return _per_customer_limit_code(quota, customer), message, True
        return NOT_SUB_CUSTOMER, message, True
    if fields == {"face_value"}:  # the amount was checked here, so this is the balance running out
        return QUOTA_INSUFFICIENT, message, True
    if fields & {"service_types", "products"}:
        return LIMITS_EXCEED_QUOTA, message, False
    if not fields:  # the quota is not valid today
        return QUOTA_NOT_EFFECTIVE, message, False
    return PARAMETER_ERROR, message, False


def _create(request):
    data = params.json_body(request, decimals=True)
    user = _caller(request, data)
    quota_id = params.text(data, "quota_id", max_length=64)
    if not quota_id:
        raise parameter_error(_("缺少必填参数 %(name)s。") % {"name": "quota_id"})
    customer_ids = list(dict.fromkeys(params.string_list(data, "customer_ids", max_items=MAX_CUSTOMERS,
                                                         required=True)))
    face_value = params.money(data, "face_value", required=True)
    valid_time, expire_time = params.utc_time(data, "valid_time"), params.utc_time(data, "expire_time")
    service_types = _by_codes(ServiceType, params.string_list(data, "cloud_service_types", max_items=10),
                              "cloud_service_types")
    products = _by_codes(Product, params.string_list(data, "product_ids", max_items=10), "product_ids")
    memo = params.text(data, "memo", max_length=200)
    quota = VoucherQuota.objects.for_user(user).filter(pk=_pk(quota_id)).first() if _pk(quota_id) else None
    if quota is None:
        raise BssError(400, QUOTA_NOT_FOUND, _("额度不存在或者额度状态不正确。"))
    if not quota.is_valid_on(timezone.localdate()):
        raise BssError(400, QUOTA_NOT_EFFECTIVE, _("额度未生效或者已过期。"))
    valid_from = timezone.localtime(valid_time).date() if valid_time else quota.valid_from
    valid_to = timezone.localtime(expire_time).date() if expire_time else quota.valid_to
    visible = {c.customer_id: c for c in Customer.objects.for_user(user).filter(customer_id__in=customer_ids)}
    issued, failed = [], []
    for customer_id in customer_ids:
        customer = visible.get(customer_id)
        if customer is None:  # another partner's customer answers exactly like one that does not exist
            failed.append({"error_code": NOT_SUB_CUSTOMER, "error_msg": _("非合作伙伴子客户。"), "id": customer_id})
            continue
        try:
            # One call per customer, each its own transaction under the quota lock: the API reports partial
            # success (coupon_infos + error_details), e.g. when the balance runs out halfway through the list.
            [voucher] = vouchers_issue(quota_id=quota.pk, actor=user, customers=[customer], face_value=face_value,
                                       valid_from=valid_from, valid_to=valid_to, order_types=OrderType.values,
                                       service_types=service_types, products=products, memo=memo)
        except ValidationError as exc:
            code, message, per_customer = _issue_refusal(exc, quota, customer)
            if not per_customer and not issued:
                raise BssError(400, code, message) from None
            failed.append({"error_code": code, "error_msg": message, "id": customer_id})
        else:
            issued.append({"id": customer_id, "coupon_id": voucher.code})
    return params.bss_json({"error_details": failed, "coupon_infos": issued})


@require_http_methods(["GET", "POST"])
@bss_api
def partner_coupons(request):
    return _create(request) if request.method == "POST" else _list_issued(request)


# 回收优惠券 --------------------------------------------------------------------------------------------------

@require_POST
@bss_api
def reclaim_partner_coupons(request):
    data = params.json_body(request)
    user = _caller(request, data)
    coupon_id = params.text(data, "coupon_id", max_length=64)
    if not coupon_id:
        raise parameter_error(_("缺少必填参数 %(name)s。") % {"name": "coupon_id"})
    voucher = Voucher.objects.for_user(user).filter(code=coupon_id).first()
    if voucher is None:
        raise BssError(400, COUPON_NOT_FOUND, _("查询优惠券信息失败。"))
    try:
        vouchers_recall(voucher_ids=[voucher.pk], actor=user)
    except (TransitionNotAllowed, ValidationError) as exc:
        message = "；".join(exc.messages) if isinstance(exc, ValidationError) else str(exc)
        raise BssError(400, PARAMETER_ERROR, message) from None
    return HttpResponse(status=204)  # the reference's 响应示例: HTTP/1.1 204 No Content


# 查询优惠券的发放回收记录 -------------------------------------------------------------------------------------

def record_as_bss(movement) -> dict:
    voucher = movement.voucher
    return {
        "id": str(movement.pk), "operation_type": RECORD_TYPE[movement.kind], "quota_id": str(movement.quota_id),
        "quota_type": QUOTA_TYPE_VOUCHER, "coupon_id": voucher.code, "customer_id": voucher.customer.customer_id,
        "operation_amount": abs(movement.amount), "operation_time": params.utc_string(movement.created_at),
        "result": "0", "remark": voucher.memo if movement.kind == QuotaMovement.Kind.ISSUE else "",
    }


@require_http_methods(["GET"])
@bss_api
def list_partner_coupons_record(request):
    query = request.GET
    user = _caller(request, query)
    offset, limit = params.page(query)
    # Customer managers see the movements of the vouchers they see (their customers'), not the whole quota's.
    movements = QuotaMovement.objects.for_user(user).filter(kind__in=list(RECORD_TYPE),
                                                            voucher__in=Voucher.objects.for_user(user))
    if "operation_types" in query:
        types = params.query_list(query, "operation_types", max_items=9)
        if any(t not in {str(n) for n in range(1, 10)} for t in types):
            raise parameter_error(_("参数 %(name)s 取值无效。") % {"name": "operation_types"})
        movements = movements.filter(kind__in=[KIND_OF_RECORD_TYPE[t] for t in types if t in KIND_OF_RECORD_TYPE])
    if "quota_id" in query:
        movements = movements.filter(quota_id=_pk(params.text(query, "quota_id", max_length=64)))
    if params.integer(query, "quota_type", minimum=0, maximum=1) == QUOTA_TYPE_CASH:
        movements = movements.none()
    if "coupon_ids" in query:
        movements = movements.filter(voucher__code__in=params.query_list(query, "coupon_ids"))
    if "customer_id" in query:
        movements = movements.filter(
            voucher__customer__customer_id=params.text(query, "customer_id", max_length=64))
    movements = _between(movements, "created_at", params.utc_time(query, "operation_time_begin"),
                         params.utc_time(query, "operation_time_end"))
    if query.get("result") == "-1":  # every movement succeeded; other non-enumerated values filter nothing
        movements = movements.none()
    rows = movements.select_related("voucher__customer").order_by("-created_at", "-pk")[offset:offset + limit]
    return params.bss_json({"total_count": movements.count(), "records": [record_as_bss(m) for m in rows]})
