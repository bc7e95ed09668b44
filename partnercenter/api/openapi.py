"""OpenAPI 3 description of the BSS-compatible operations, served at /v2/openapi.json."""
from django.http import JsonResponse
from django.views.decorators.http import require_GET

STR, INT, BOOL = {"type": "string"}, {"type": "integer"}, {"type": "boolean"}
PAGE = {"offset": {"type": "integer", "minimum": 0}, "limit": {"type": "integer", "minimum": 1, "maximum": 500}}
UTC_TIME = {"type": "string", "example": "2019-05-06T08:05:01Z"}
ERROR = {"description": "BSS error",
         "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}


def _obj(props, required=()):
    schema = {"type": "object", "properties": props}
    if required:
        schema["required"] = list(required)
    return schema


def _json(schema):
    return {"content": {"application/json": {"schema": schema}}}


def _op(op_id, summary, *, body=None, query=None, response):
    operation = {"operationId": op_id, "summary": summary, "security": [{"sdkHmac": []}],
                 "responses": {"200": {"description": "OK", **_json(response)}, "400": ERROR, "401": ERROR,
                               "403": ERROR}}
    if body:
        operation["requestBody"] = {"required": True, **_json(body)}
    if query:
        operation["parameters"] = [{"name": k, "in": "query", "required": False, "schema": v}
                                   for k, v in query.items()]
    return operation


CUSTOMER_INFO = _obj({k: STR for k in ("customer", "account_name", "customer_id", "associated_on",
                                       "association_type", "label", "telephone", "verified_status",
                                       "country_code", "xaccount_id", "xaccount_type", "customer_level",
                                       "email")}
                     | {"customer_type": INT, "is_frozen": INT,
                        "account_managers": {"type": "array", "items": _obj({"account_name": STR})}})

DOCUMENT = {
    "openapi": "3.0.3",
    "info": {"title": "PartnerCenter BSS-compatible API", "version": "v2",
             "description": "Huawei Cloud BSS (huaweicloudsdkbss 3.1.219) compatible subset; "
                            "authenticate with SDK-HMAC-SHA256 (AK/SK)."},
    "components": {
        "securitySchemes": {"sdkHmac": {"type": "apiKey", "in": "header", "name": "Authorization",
                                        "description": "SDK-HMAC-SHA256 Access=AK, SignedHeaders=…, Signature=…; "
                                                       "X-Sdk-Date within 15 minutes"}},
        "schemas": {"Error": _obj({"error_code": STR, "error_msg": STR}, ["error_code", "error_msg"])},
    },
    "paths": {
        "/v2/partners/sub-customers/query": {"post": _op(
            "ListSubCustomers", "查询客户列表",
            body=_obj({"account_name": STR, "customer": STR, "association_type": {"type": "string",
                                                                                 "enum": ["1", "2"]},
                       "associated_on_begin": UTC_TIME, "associated_on_end": UTC_TIME, "customer_id": STR,
                       "label": STR, "indirect_partner_id": STR, **PAGE}),
            response=_obj({"count": INT, "customer_infos": {"type": "array", "items": CUSTOMER_INFO}}))},
        "/v2/products/incentive-discount-policies": {"get": _op(
            "ListIncentiveDiscountPolicies", "查询产品的折扣和激励策略",
            query={"time": {"type": "string", "pattern": r"^\d{4}-\d{2}$"}, "service_type_code": STR, **PAGE},
            response=_obj({"total_count": INT, "policies": {"type": "array", "items": _obj(
                {"service_type_code": STR, "service_type_name": STR, "incentive_policy": STR,
                 "allow_discount": {"type": "string", "enum": ["YES", "NO"]}})}}))},
        "/v2/orders/suscriptions/resources/query": {"post": _op(
            "ListPayPerUseCustomerResources", "查询客户包年/包月资源列表",
            body=_obj({"customer_id": STR, "resource_ids": {"type": "array", "items": STR, "maxItems": 50},
                       "order_id": STR, "only_main_resource": {"type": "integer", "enum": [0, 1]},
                       "status_list": {"type": "array", "items": {"type": "integer", "enum": [2, 3, 4, 5]}},
                       "expire_time_begin": UTC_TIME, "expire_time_end": UTC_TIME, "service_type_code": STR,
                       **PAGE}),
            response=_obj({"total_count": INT, "data": {"type": "array", "items": _obj(
                {"id": STR, "resource_id": STR, "resource_name": STR, "service_type_code": STR,
                 "is_main_resource": INT, "status": INT, "expire_time": STR, "expire_policy": INT})}}))},
        "/v2/bills/ratings/period-resources/renew-rate": {"post": _op(
            "ListRenewRateOnPeriod", "续费询价（仅客户AK/SK）",
            body=_obj({"resource_ids": {"type": "array", "items": STR, "minItems": 1, "maxItems": 10},
                       "period_type": {"type": "integer", "enum": [2, 3]},
                       "period_num": {"type": "integer", "minimum": 1, "maximum": 11},
                       "include_relative_resources": BOOL}, ["resource_ids", "period_type", "period_num"]),
            response=_obj({"currency": STR,
                           "renew_inquiry_results": {"type": "array",
                                                     "items": _obj({"resource_id": STR, "amount": STR})},
                           "official_website_rating_result": _obj({"official_website_amount": STR}),
                           "optional_discount_rating_results": {"type": "array", "items": {"type": "object"}},
                           "fail_resource_infos": {"type": "array", "items": _obj(
                               {"resource_id": STR, "error_code": STR, "error_msg": STR})}}))},
    },
}


@require_GET
def openapi_document(request):
    return JsonResponse(DOCUMENT, json_dumps_params={"ensure_ascii": False})
