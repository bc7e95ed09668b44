from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartnersConfig(AppConfig):
    name = "partnercenter.partners"
    label = "partners"
    verbose_name = _("伙伴与客户")

    def ready(self):
        from . import todo  # noqa: F401 - registers the home page's to-do providers
