from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkflowConfig(AppConfig):
    name = "partnercenter.workflow"
    label = "workflow"
    verbose_name = _("流程与审计")

    def ready(self):
        from . import todo  # noqa: F401 - registers the home page's to-do providers
