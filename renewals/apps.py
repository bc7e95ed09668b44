from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RenewalsConfig(AppConfig):
    name = "renewals"
    verbose_name = _("续订与拓展任务")

    def ready(self):
        from partnercenter.todo import register

        from .todo import renewal_task_items, sales_task_items

        register(renewal_task_items)
        register(sales_task_items)
