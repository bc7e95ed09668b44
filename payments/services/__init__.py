"""Every write of the payments wing, split by sub-domain and re-exported here."""
from .contracts import contract_create, contract_render, contract_verify
from .numbering import next_code, next_number
from .projects import (
    project_accept,
    project_evaluate,
    project_report,
    project_request_acceptance,
    project_return_acceptance,
    project_review_report,
    project_update_progress,
)
from .requests import (
    payment_request_approve,
    payment_request_invoice,
    payment_request_invoice_approve,
    payment_request_invoice_return,
    payment_request_pay,
    payment_request_reject,
    payment_request_return,
    payment_request_start,
    payment_request_submit,
    payment_request_withdraw,
)

__all__ = [
    "contract_create", "contract_render", "contract_verify", "next_code", "next_number", "payment_request_approve",
    "payment_request_invoice", "payment_request_invoice_approve", "payment_request_invoice_return",
    "payment_request_pay", "payment_request_reject", "payment_request_return", "payment_request_start",
    "payment_request_submit", "payment_request_withdraw", "project_accept", "project_evaluate", "project_report",
    "project_request_acceptance", "project_return_acceptance", "project_review_report", "project_update_progress",
]
