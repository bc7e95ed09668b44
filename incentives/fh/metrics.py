"""/metrics: the FH monthly generation's run ledger as batch-run metrics (job `fh_monthly_generation`).

Rows are the incentive personnel lines a run wrote (MonthlyIncentiveLine). Imported from FhConfig.ready()."""
from partnercenter.ops.batchruns import register_batch_job

from .models import FhGenerationRun

register_batch_job("fh_monthly_generation", FhGenerationRun.objects.all, rows="people_added")
