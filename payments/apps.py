from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PaymentsConfig(AppConfig):
    name = "payments"
    verbose_name = _("付款与交付支持")

    def ready(self):
        from partnercenter.todo import register

        from . import sources
        from .payable import DeliveryProjectSource
        from .todo import payment_items

        sources.register(DeliveryProjectSource())
        register(payment_items)
