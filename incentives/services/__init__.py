"""Every write of the incentive wing."""
from .bills import (
    bill_answer,
    bill_confirm,
    bill_dispute,
    bill_pay,
    bill_publish,
    bill_refresh_totals,
    detail_unfreeze,
)
from .generation import generation_partner_run, generation_run_start

__all__ = ["bill_answer", "bill_confirm", "bill_dispute", "bill_pay", "bill_publish", "bill_refresh_totals",
           "detail_unfreeze", "generation_partner_run", "generation_run_start"]
