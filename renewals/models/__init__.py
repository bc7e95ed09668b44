"""Models of the renewals wing. Each sub-domain has its own module; a later `api/` package adds its own."""
from .expansion import SalesFollowUp, SalesTask, Strategy, SubStrategy
from .exports import RenewalExport
from .preferences import ColumnPreference
from .tasks import FollowUp, RenewalTask

__all__ = ["ColumnPreference", "FollowUp", "RenewalExport", "RenewalTask", "SalesFollowUp", "SalesTask", "Strategy",
           "SubStrategy"]
