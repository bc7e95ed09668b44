"""Every write to partners, customers and certifications goes through these functions."""
from .certification import (
    businessinfo_approve,
    businessinfo_reject,
    businessinfo_resubmit,
    businessinfo_submit,
    businessinfo_withdraw,
    check_business_info,
    realname_approve,
    realname_reject,
    realname_resubmit,
    realname_submit,
    realname_withdraw,
)
from .customers import customer_assign
from .members import member_create, member_update

__all__ = [
    "businessinfo_approve", "businessinfo_reject", "businessinfo_resubmit", "businessinfo_submit",
    "businessinfo_withdraw", "check_business_info", "customer_assign",
    "member_create", "member_update", "realname_approve",
    "realname_reject", "realname_resubmit", "realname_submit", "realname_withdraw",
]
