"""Incentive management: versioned policies, reconciliation bills, incentive details, generation runs."""
from .bills import BillDispute, ReconciliationBill
from .details import IncentiveDetail, Reason
from .indicators import Indicator, IndicatorLine
from .performance import PerformanceLine, PerformanceStatement
from .policies import IncentivePolicy
from .runs import GenerationRun, GenerationRunPartner
from .totals import DetailTotal

__all__ = ["BillDispute", "DetailTotal", "GenerationRun", "GenerationRunPartner", "IncentiveDetail", "IncentivePolicy",
           "Indicator", "IndicatorLine", "PerformanceLine", "PerformanceStatement", "Reason", "ReconciliationBill"]
