from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VouchersConfig(AppConfig):
    name = "vouchers"
    verbose_name = _("提货券与MDF")

    def ready(self):
        from partnercenter.todo import register

        from . import payable
        from .todo import mdf_items

        register(mdf_items)
        payable.register()
