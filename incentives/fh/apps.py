from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FhConfig(AppConfig):
    """售前专职人员激励 FH (issue #5): qualification, project specialists, experts, monthly lists, quarters."""

    name = "incentives.fh"
    label = "fh"
    verbose_name = _("专职人员激励(FH)")
