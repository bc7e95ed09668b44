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
