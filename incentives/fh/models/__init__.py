"""售前专职人员激励 (FH): qualification, project specialists with monthly snapshots, certified experts (entered
by operators), the monthly incentive lists partners confirm with materials, and the quarters that are paid.

Money is frozen when a monthly list is generated (amount per person by the expert's level at that moment) and
when a quarter is requested for payment; nothing historical is recomputed from live rows."""
from .base import MONEY, month_label
from .experts import CertifiedExpert
from .monthly import IncentiveMaterial, MonthlyIncentive, MonthlyIncentiveLine
from .qualification import FhQualification
from .quarters import FhQuarter
from .runs import FhGenerationRun, FhGenerationRunPartner
from .specialists import ProjectSpecialist, RosterEntry, SpecialistRoster

__all__ = [
    "MONEY", "CertifiedExpert", "FhGenerationRun", "FhGenerationRunPartner", "FhQualification", "FhQuarter",
    "IncentiveMaterial", "MonthlyIncentive", "MonthlyIncentiveLine", "ProjectSpecialist", "RosterEntry",
    "SpecialistRoster", "month_label",
]
