"""The renewals wing's share of tests.builders.partner_world: one object per model of ours that URLs take.

Meant to be merged into partner_world (see the report to the lead), so tests/test_tenancy.py can walk our
object URLs; tests/renewals/test_tenancy.py uses it directly meanwhile.
"""
from django.utils import timezone

from renewals import services
from renewals.expansion import sales_task_create
from renewals.exports import renewal_export_build, renewal_export_create
from renewals.models import RenewalTask, Strategy, SubStrategy
from tests.renewals.helpers import TODAY, expiring_order


def renewals_world(world: dict, main, operator, *, tag: str) -> dict:
    order = expiring_order(customer=world["Customer"], order_no=f"{tag.upper()}RENEWAL0001", paid="12000.00")
    services.renewal_tasks_generate(today=TODAY)
    task = RenewalTask.objects.get(order=order)
    export = renewal_export_create(user=main, expires_from=TODAY.replace(day=1), expires_to=TODAY.replace(day=30))
    renewal_export_build(export_id=export.pk)
    sales_task = sales_task_create(actor=operator, customer=world["Customer"], strategy=Strategy.CROSS_SELL,
                                   sub_strategy=SubStrategy.SINGLE_PRODUCT, name=f"{tag}交叉复购任务",
                                   deadline=timezone.localdate())
    return {"RenewalTask": task, "RenewalExport": export, "SalesTask": sales_task,
            "markers": [order.order_no, task.name, sales_task.name]}
