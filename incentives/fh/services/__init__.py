"""Every write of FH, split by sub-domain; views, tasks and tests import from here."""
from .common import FH_CONFIRM_WORKING_DAYS, FH_REVIEW_WORKING_DAYS
from .experts import EXPERT_COLUMNS, EXPERTS, import_experts
from .generation import generation_partner, generation_run_start, roster_snapshot
from .monthly import (
    confirm_reminders_send,
    incentive_approve,
    incentive_confirm,
    incentive_expire_overdue,
    incentive_reject,
    material_upload,
)
from .qualification import qualification_approve, qualification_reject, qualification_resubmit, qualification_submit
from .quarters import quarter_on_paid, quarter_on_released, quarter_on_requested
from .specialists import roster_refresh, roster_review, specialist_add, specialist_change, specialist_end

__all__ = [
    "EXPERTS", "EXPERT_COLUMNS", "FH_CONFIRM_WORKING_DAYS", "FH_REVIEW_WORKING_DAYS", "confirm_reminders_send",
    "generation_partner", "generation_run_start", "import_experts", "incentive_approve", "incentive_confirm",
    "incentive_expire_overdue", "incentive_reject", "material_upload", "qualification_approve",
    "qualification_reject", "qualification_resubmit", "qualification_submit", "quarter_on_paid",
    "quarter_on_released", "quarter_on_requested", "roster_refresh", "roster_review", "roster_snapshot",
    "specialist_add", "specialist_change", "specialist_end",
]
