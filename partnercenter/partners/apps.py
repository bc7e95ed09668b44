from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartnersConfig(AppConfig):
    name = "partnercenter.partners"
    label = "partners"
    verbose_name = _("伙伴与客户")

    def ready(self):
        from django.db.models.signals import post_migrate

        from partnercenter import translate_cache

        from . import todo  # noqa: F401 - registers the home page's to-do providers
        from .groups import ensure_vendor_groups

        post_migrate.connect(ensure_vendor_groups, dispatch_uid="partners_vendor_groups")
        translate_cache.install()
