"""BSS error bodies: {"error_code": "CBC.xxxx", "error_msg": "…"} — what huaweicloudsdkcore parses first."""
from django.http import JsonResponse

PARAMETER_ERROR = "CBC.0100"
ACCESS_DENIED = "CBC.0151"
NOT_ALLOWED = "CBC.0155"
NOT_FOUND_CUSTOMER = "CBC.99006017"
DUPLICATE_RESOURCE = "CBC.30050012"
NOT_MAIN_RESOURCE = "CBC.30050007"
NO_SUCH_PERIOD = "CBC.30050008"
RESOURCE_GONE = "CBC.30050009"
PENDING_ORDER = "CBC.30050010"


class BssError(Exception):
    def __init__(self, status: int, code: str, message: str):
        super().__init__(message)
        self.status, self.code, self.message = status, code, message

    def response(self) -> JsonResponse:
        return error_response(self.status, self.code, self.message)


def error_response(status: int, code: str, message: str) -> JsonResponse:
    return JsonResponse({"error_code": code, "error_msg": str(message)}, status=status,
                        json_dumps_params={"ensure_ascii": False})


def parameter_error(message) -> BssError:
    return BssError(400, PARAMETER_ERROR, message)

# Partner coupons (Huawei API reference, 发放优惠券 mp_02002 状态码 and the coupon/reseller pages). The 200 codes
# are per-customer failures reported in `error_details`; the 400 codes refuse the whole request.
NO_RESELLER_PERMISSION = "CBC.99000037"  # 400 您没有操作该云经销商的权限
QUOTA_NOT_FOUND = "CBC.99000012"  # 400 额度不存在或者额度状态不正确
QUOTA_NOT_EFFECTIVE = "CBC.99000017"  # 400 额度未生效或者已过期
LIMITS_EXCEED_QUOTA = "CBC.99000023"  # 400 券的云服务限制、产品限制超出额度的限制
QUOTA_INSUFFICIENT = "CBC.99000013"  # 200 优惠券额度不足
NOT_SUB_CUSTOMER = "CBC.99000035"  # 200 非合作伙伴子客户
COUPON_NOT_FOUND = "CBC.99006016"  # 400 查询优惠券信息失败
COUPON_COUNT_LIMIT = "CBC.99000020"  # 200 券数量超过最大限制 (the quota's per-customer count)
COUPON_AMOUNT_LIMIT = "CBC.99000021"  # 200 券总面值不允许超过总面值 (the quota's per-customer amount)
