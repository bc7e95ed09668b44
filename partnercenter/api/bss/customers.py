"""查询客户列表 POST /v2/partners/sub-customers/query and 查询产品的折扣和激励策略
GET /v2/products/incentive-discount-policies."""
import re
from datetime import datetime, time

from django.db.models import Prefetch
from django.http import JsonResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from partnercenter.partners.models import Customer, CustomerAssignment, Product

from ..auth import bss_api
from ..errors import NOT_ALLOWED, BssError, parameter_error
from . import params
from .acting import acting_user


def partner_user_of(key):
    """The partner user a key acts as; customer keys cannot call partner operations (CBC.0155)."""
    if key.user_id is None:
        raise BssError(403, NOT_ALLOWED, _("客户的访问密钥不能调用伙伴接口。"))
    return key.user


def customers_visible_to(key, indirect_partner_id: str = ""):
    return Customer.objects.for_user(acting_user(partner_user_of(key), indirect_partner_id))


def _associated_on_utc(day) -> str:
    return params.utc_string(timezone.make_aware(datetime.combine(day, time.min)))


def customer_information(customer) -> dict:
    managers = [{"account_name": a.manager.username} for a in customer.current_assignments]
    return {
        "customer": customer.name, "account_name": customer.account_name, "customer_id": customer.customer_id,
        "associated_on": _associated_on_utc(customer.associated_on),
        "association_type": customer.association_type, "label": "", "telephone": customer.phone,
        "verified_status": str(customer.real_name_status), "country_code": "0086" if customer.phone else "",
        "customer_type": customer.customer_kind, "is_frozen": 0, "account_managers": managers,
        "xaccount_id": "", "xaccount_type": "", "customer_level": customer.level, "email": customer.email,
    }


def _fuzzy(data, name):
    value = params.text(data, name)
    if " " in value:
        raise parameter_error(_("参数 %(name)s 不支持携带空格查询。") % {"name": name})
    return value


@require_POST
@bss_api
def list_sub_customers(request):
    data = params.json_body(request)
    offset, limit = params.page(data)
    queryset = customers_visible_to(request.access_key, params.text(data, "indirect_partner_id", max_length=100))
    if account_name := _fuzzy(data, "account_name"):
        queryset = queryset.filter(account_name__icontains=account_name)
    if customer := _fuzzy(data, "customer"):
        queryset = queryset.filter(name__icontains=customer)
    if customer_id := params.text(data, "customer_id", max_length=64):
        queryset = queryset.filter(customer_id=customer_id)
    association_type = params.text(data, "association_type", max_length=1)
    if association_type:
        if association_type not in Customer.Association.values:
            raise parameter_error(_("参数 association_type 只能为 1（顾问销售）或 2（代售）。"))
        queryset = queryset.filter(association_type=association_type)
    if begin := params.utc_time(data, "associated_on_begin"):
        queryset = queryset.filter(associated_on__gte=timezone.localtime(begin).date())
    if end := params.utc_time(data, "associated_on_end"):
        queryset = queryset.filter(associated_on__lte=timezone.localtime(end).date())
    current = CustomerAssignment.objects.current().select_related("manager")
    rows = (queryset.order_by("-associated_on", "pk")
            .prefetch_related(Prefetch("assignments", queryset=current, to_attr="current_assignments")))
    return JsonResponse({"count": queryset.count(),
                         "customer_infos": [customer_information(c) for c in rows[offset:offset + limit]]},
                        json_dumps_params={"ensure_ascii": False})


MONTH = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")


@require_GET
@bss_api
def list_incentive_discount_policies(request):
    """Policies per cloud service type from the product catalogue.

    `time` (YYYY-MM) is validated; the catalogue keeps no policy history, so every month answers with the
    policies in force now. One entry per distinct (service type, policy, allow_discount) of its products.
    """
    partner_user_of(request.access_key)
    data = request.GET
    month = data.get("time")
    if month is not None and not MONTH.match(month):
        raise parameter_error(_("参数 time 格式应为 YYYY-MM。"))
    offset, limit = params.page(data)
    queryset = Product.objects.all()
    if "service_type_code" in data:
        queryset = queryset.filter(service_type__code=params.text(data, "service_type_code", max_length=100))
    rows = list(queryset.order_by("service_type__code", "incentive_policy", "allow_discount")
                .values_list("service_type__code", "service_type__name", "incentive_policy", "allow_discount")
                .distinct())
    policies = [{"service_type_code": code, "service_type_name": name, "incentive_policy": policy,
                 "allow_discount": "YES" if allow else "NO"} for code, name, policy, allow in rows]
    return JsonResponse({"total_count": len(policies), "policies": policies[offset:offset + limit]},
                        json_dumps_params={"ensure_ascii": False})
