"""Models of the renewals wing. Each sub-domain has its own module; a later `api/` package adds its own."""
from .expansion import SalesFollowUp, SalesTask, Strategy, SubStrategy
from .exports import RenewalExport
from .handlers import DistributorHandler
from .preferences import ColumnPreference
from .tasks import FollowUp, RenewalTask

__all__ = ["ColumnPreference", "DistributorHandler", "FollowUp", "RenewalExport", "RenewalTask", "SalesFollowUp",
           "SalesTask", "Strategy", "SubStrategy"]
