from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpportunitiesConfig(AppConfig):
    """机会点激励申请 (issue #4): applications for opportunity incentives, their review and reconciliation."""

    name = "incentives.opportunities"
    label = "opportunities"
    verbose_name = _("机会点激励")

    def ready(self):
        from . import payable

        payable.register()  # a confirmed incentive is a payable source of the payment requests
