from .catalogue import Product, ServiceType
from .certification import (
    BusinessInfoApplication,
    CertifiedBusinessInfo,
    RealNameApplication,
    RejectReason,
    ReviewStatus,
)
from .customers import Customer, CustomerAssignment
from .onboarding import CertificationApplication, PartnerDocument
from .opportunities import Opportunity
from .orders import BillingMode, ConsumptionLine, Order
from .organisations import Partner
from .people import ECOSYSTEM_MANAGER_GROUP, OPERATOR_GROUP, VENDOR_GROUPS, User
from .sessions import PortalSession

__all__ = [
    "BillingMode", "BusinessInfoApplication", "CertificationApplication", "CertifiedBusinessInfo", "ConsumptionLine",
    "Customer", "CustomerAssignment", "ECOSYSTEM_MANAGER_GROUP", "OPERATOR_GROUP", "Opportunity", "Order", "Partner",
    "PartnerDocument", "PortalSession", "Product", "RealNameApplication", "RejectReason", "ReviewStatus", "ServiceType",
    "User", "VENDOR_GROUPS",
]
