from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IncentivesConfig(AppConfig):
    name = "incentives"
    verbose_name = _("激励")

    def ready(self):
        from . import (
            dashboard,  # noqa: F401 - registers the home page's incentive chart
            metrics,  # noqa: F401 - registers the generation ledger's batch-run metrics (/metrics)
            payable,  # noqa: F401 - registers the bill as a payable source (payments.sources)
        )
