from .contracts import PaymentContract
from .counters import CodeCounter
from .projects import DeliveryProject
from .requests import PaymentRequest, PayoutMethod

__all__ = ["CodeCounter", "DeliveryProject", "PaymentContract", "PaymentRequest", "PayoutMethod"]
