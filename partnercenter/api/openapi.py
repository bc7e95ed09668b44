"""OpenAPI 3 description of the BSS-compatible operations, served at /v2/openapi.json."""
from django.http import JsonResponse
from django.views.decorators.http import require_GET

STR, INT, BOOL = {"type": "string"}, {"type": "integer"}, {"type": "boolean"}
PAGE = {"offset": {"type": "integer", "minimum": 0}, "limit": {"type": "integer", "minimum": 1, "maximum": 500}}
UTC_TIME = {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$", "example": "2019-05-06T08:05:01Z"}
NULL_STR = {"type": "string", "nullable": True}
MONEY = {"type": "number", "description": "元, 2 decimal places (SDK type decimal.Decimal)"}
MONEY_STR = {"type": "string", "description": "元, 2 decimal places"}
IDS = {"type": "array", "items": STR}
INDIRECT = {"indirect_partner_id": {"type": "string", "maxLength": 100,
                                    "description": "云经销商ID: a distributor acting for its reseller"}}
TIME_RANGES = {f"{name}_{side}": UTC_TIME for name in ("create_time", "effective_time", "expire_time")
               for side in ("begin", "end")}
ERROR = {"description": "BSS error",
         "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}


def _obj(props, required=()):
    schema = {"type": "object", "properties": props}
    if required:
        schema["required"] = list(required)
    return schema


def _json(schema):
    return {"content": {"application/json": {"schema": schema}}}


def _op(op_id, summary, *, body=None, query=None, response=None, success="200"):
    ok = {"description": "OK", **_json(response)} if response is not None else {"description": "No Content"}
    operation = {"operationId": op_id, "summary": summary, "security": [{"sdkHmac": []}],
                 "responses": {success: ok, "400": ERROR, "401": ERROR, "403": ERROR}}
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

LIMIT_INFO = _obj({"limit_key": STR, "limit_values": {"type": "array", "items": _obj({"value1": STR,
                                                                                      "value2": STR})}})
QUOTA = _obj({"quota_id": STR, "quota_type": {"type": "integer", "enum": [0, 1]}, "create_time": STR,
              "last_update_time": STR, "quota_value": MONEY, "quota_status": {"type": "integer", "enum": [0, 3, 4, 5]},
              "balance": MONEY, "measure_id": INT, "currency": STR, "effective_time": STR, "expire_time": STR,
              "limit_infos": {"type": "array", "items": LIMIT_INFO}})
COUPON = _obj({"coupon_id": STR, "status": {"type": "integer", "enum": [1, 2, 3, 4, 5]}, "customer_id": STR,
               "coupon_type": {"type": "integer", "enum": [1, 4]}, "measure_id": INT, "face_value": MONEY,
               "effective_time": STR, "expire_time": STR, "order_id": STR, "promotion_plan_id": STR,
               "promotion_plan_name": STR, "promotion_plan_desc": STR, "media_type": INT, "fetch_method": INT,
               "use_limits": {"type": "array", "items": _obj({k: STR for k in (
                   "use_limiti_info_id", "limit_key", "value1", "value2", "value_unit", "limit_type",
                   "promotion_plan_id")})},
               "active_time": NULL_STR, "last_used_time": NULL_STR, "promotion_id": STR, "create_time": STR,
               "balance": MONEY, "lock_order_id": STR, "is_frozen": {"type": "string", "enum": ["0", "1"]}})
RECORD = _obj({"id": STR, "operation_type": STR, "quota_id": STR, "quota_type": INT, "coupon_id": STR,
               "customer_id": STR, "operation_amount": MONEY, "operation_time": STR,
               "result": {"type": "string", "enum": ["0", "-1"]}, "remark": STR})
DISCOUNT_RESULT = _obj({"discount_id": STR, "amount": MONEY_STR, "official_website_amount": MONEY_STR,
                        "discount_amount": MONEY_STR, "discount_type": {"type": "integer", "enum": [605, 606, 607]},
                        "discount_name": STR, "best_offer": {"type": "integer", "enum": [0, 1]},
                        "installment_official_website_amount": NULL_STR,
                        "installment_official_discount_amount": NULL_STR, "installment_amount": NULL_STR,
                        "installment_period_type": {"type": "integer", "nullable": True}})
COUPONS_PATH = "/v2/promotions/benefits/partner-coupons"

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
                           "optional_discount_rating_results": {"type": "array", "items": DISCOUNT_RESULT},
                           "fail_resource_infos": {"type": "array", "items": _obj(
                               {"resource_id": STR, "error_code": STR, "error_msg": STR})}}))},
        "/v2/partners/coupon-quotas/query": {"post": _op(
            "ListQuotaCoupons", "查询优惠券额度",
            body=_obj({"quota_ids": {"type": "array", "items": STR, "maxItems": 100},
                       "quota_status_list": {"type": "array", "items": {"type": "integer", "enum": [0, 3, 4, 5]}},
                       "quota_type": {"type": "integer", "enum": [0, 1]}, **TIME_RANGES, **PAGE, **INDIRECT}),
            response=_obj({"total_count": INT, "quotas": {"type": "array", "items": QUOTA}}))},
        COUPONS_PATH: {
            "post": _op(
                "CreatePartnerCoupons", "发放优惠券",
                body=_obj({"quota_id": {"type": "string", "maxLength": 64},
                           "customer_ids": {"type": "array", "items": STR, "minItems": 1, "maxItems": 100},
                           "face_value": {"type": "number", "exclusiveMinimum": True, "minimum": 0,
                                          "multipleOf": 0.01},
                           "valid_time": UTC_TIME, "expire_time": UTC_TIME,
                           "cloud_service_types": {"type": "array", "items": STR, "maxItems": 10},
                           "product_ids": {"type": "array", "items": STR, "maxItems": 10},
                           "memo": {"type": "string", "maxLength": 200}, **INDIRECT},
                          ["quota_id", "customer_ids", "face_value"]),
                response=_obj({"error_details": {"type": "array", "items": _obj(
                    {"error_code": STR, "error_msg": STR, "id": STR})},
                    "coupon_infos": {"type": "array", "items": _obj({"id": STR, "coupon_id": STR})}})),
            "get": _op(
                "ListIssuedPartnerCoupons", "查询已发放的优惠券",
                query={"coupon_id": STR, "customer_id": STR, "order_id": STR,
                       "coupon_type": {"type": "integer", "enum": [1, 4]},
                       "status": {"type": "integer", "enum": [1, 2, 3, 4, 5]}, **TIME_RANGES, **PAGE, **INDIRECT},
                response=_obj({"total_count": INT, "user_coupons": {"type": "array", "items": COUPON}})),
        },
        COUPONS_PATH + "/reclaim": {"post": _op(
            "ReclaimPartnerCoupons", "回收优惠券（成功时 204 无响应体）",
            body=_obj({"coupon_id": {"type": "string", "maxLength": 64}, **INDIRECT}, ["coupon_id"]),
            success="204")},
        COUPONS_PATH + "/records/query": {"get": _op(
            "ListPartnerCouponsRecord", "查询优惠券的发放回收记录",
            query={"operation_types": {"type": "array", "items": {"type": "string",
                                                                  "enum": [str(n) for n in range(1, 10)]}},
                   "quota_id": STR, "quota_type": {"type": "integer", "enum": [0, 1]}, "coupon_ids": IDS,
                   "customer_id": STR, "operation_time_begin": UTC_TIME, "operation_time_end": UTC_TIME,
                   "result": {"type": "string", "enum": ["0", "-1"]}, **PAGE, **INDIRECT},
            response=_obj({"total_count": INT, "records": {"type": "array", "items": RECORD}}))},
    },
}


@require_GET
def openapi_document(request):
    return JsonResponse(DOCUMENT, json_dumps_params={"ensure_ascii": False})
