from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FhConfig(AppConfig):
    """售前专职人员激励 FH (issue #5): qualification, project specialists, experts, monthly lists, quarters."""

    name = "incentives.fh"
    label = "fh"
    verbose_name = _("专职人员激励(FH)")

    def ready(self):
        from partnercenter.todo import register

        from . import metrics, payable  # noqa: F401 - metrics registers the run ledger's batch-run metrics
        from .todo import fh_items

        payable.register()  # the quarter is a payable source of the payment requests (kind "fh_quarter")
        register(fh_items)
