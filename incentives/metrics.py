"""/metrics: the monthly incentive generation's run ledger as batch-run metrics (job `incentives_generation`).

Rows are the incentive detail lines a run wrote (new lines and adjustment revisions); dry runs write nothing
and are left out. Imported from IncentivesConfig.ready()."""
from django.db.models import F

from partnercenter.ops.batchruns import register_batch_job

from .models import GenerationRun

register_batch_job("incentives_generation", lambda: GenerationRun.objects.filter(dry_run=False),
                   rows=F("lines_added") + F("adjustments_added"))
