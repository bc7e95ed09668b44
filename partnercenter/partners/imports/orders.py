"""Importing orders (订单) from the BSS export or an operator's spreadsheet. The 订单号 is the business key:
a new one creates the order, a known one updates it in place, so re-importing a file changes nothing."""
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from ..models import Customer, Order, Product
from .cells import Column, choice_parser, parse_datetime, parse_id_list, parse_money, parse_text
from .common import (
    BATCH,
    check_unique_in_file,
    clean_instance,
    collect,
    fetch_by_key,
    finish,
    read_rows,
    require_importer,
)
from .report import ImportReport

ORDERS = "orders"

ORDER_COLUMNS = (
    Column("order_no", "订单号", parse_text, max_length=64, help="文件内不可重复；已导入的订单号将更新该订单"),
    Column("customer_id", "客户账号ID", parse_text, aliases=("customer",),
           help="须为已登记的客户；订单归属该客户所属的伙伴"),
    Column("product_id", "产品ID", parse_text, aliases=("product", "product_code"), help="须为已登记的产品"),
    Column("billing_mode", "计费模式", choice_parser(Order.BillingMode.choices, extra={"包年包月": "periodic"}),
           help="包年/包月、按需、一次性"),
    Column("order_type", "订单类型", choice_parser(Order.OrderType.choices), help="新购、续订、变更"),
    Column("paid_amount", "实付金额", parse_money, help="元，最多两位小数"),
    Column("ordered_at", "下单时间", parse_datetime, help="2026-10-01 或 2026-10-01 12:00（北京时间）"),
    Column("effective_at", "生效时间", parse_datetime, required=False, help="格式同下单时间"),
    Column("expires_at", "失效时间", parse_datetime, required=False, help="格式同下单时间，不早于生效时间"),
    Column("resource_ids", "资源ID", parse_id_list, required=False, default=list, help="多个用逗号或分号分隔"),
    Column("status", "订单状态", choice_parser(Order.Status.choices), required=False,
           default=Order.Status.COMPLETED, help="待支付、已完成、已取消、已退订；默认已完成"),
)
LABELS = {column.key: column.label for column in ORDER_COLUMNS}
# What an import may change on an existing order (the number and the customer are its identity).
UPDATED_FIELDS = ["partner", "product", "billing_mode", "order_type", "paid_amount", "ordered_at", "effective_at",
                  "expires_at", "resource_ids", "status"]
NEW, UPDATED, UNCHANGED = "new", "updated", "unchanged"


def import_orders(file_obj, *, filename: str, actor=None) -> ImportReport:
    """Validate every row of the file, then create or update all orders in one transaction — or none.

    Raises PermissionDenied for non-vendor actors; every data problem is in the returned report instead.
    """
    require_importer(actor)
    report = ImportReport(kind=ORDERS, filename=filename)
    rows = read_rows(file_obj, filename=filename, columns=ORDER_COLUMNS, report=report)
    if not report.file_errors:
        check_unique_in_file(rows, "order_no", LABELS["order_no"], report)
        try:
            with transaction.atomic():
                _validate_and_write(rows, report)
        except IntegrityError:
            # Another import inserted one of our order numbers between our check and our insert.
            report.add_file_error(_("导入时数据被其他操作同时修改，未导入任何数据，请重新导入。"))
    finish(report, actor)
    return report


def _validate_and_write(rows, report: ImportReport) -> None:
    customers = fetch_by_key(Customer.objects.only("pk", "customer_id", "partner_id"), "customer_id",
                             collect(rows, "customer_id"))
    products = fetch_by_key(Product.objects.only("pk", "code"), "code", collect(rows, "product_id"))
    # Not locked: an import overwrites what it names anyway (last writer wins), and locking tens of thousands of
    # rows chunk by chunk could deadlock two overlapping imports. New numbers are protected by the unique index.
    existing = fetch_by_key(Order.objects.all(), "order_no", collect(rows, "order_no"))
    outcome = {NEW: [], UPDATED: [], UNCHANGED: []}
    for row in rows:
        order, state = _order_for_row(row, customers, products, existing, report)
        if order is not None:
            outcome[state].append(order)
    if not report.ok:
        return  # nothing written: the report lists every problem at once
    Order.objects.bulk_create(outcome[NEW], batch_size=BATCH)
    if outcome[UPDATED]:
        Order.objects.bulk_update(outcome[UPDATED], UPDATED_FIELDS, batch_size=BATCH)
    report.created, report.updated, report.unchanged = (len(outcome[state]) for state in (NEW, UPDATED, UNCHANGED))


def _order_for_row(row, customers, products, existing, report) -> tuple[Order | None, str]:
    values = row.values
    customer = customers.get(values.get("customer_id"))
    product = products.get(values.get("product_id"))
    if "customer_id" in values and customer is None:
        report.add_error(row.number, LABELS["customer_id"], _("客户不存在"))
        row.failed.add("customer_id")
    if "product_id" in values and product is None:
        report.add_error(row.number, LABELS["product_id"], _("产品不存在"))
        row.failed.add("product_id")
    if "paid_amount" in values and values["paid_amount"] < 0:
        report.add_error(row.number, LABELS["paid_amount"], _("实付金额不能为负数"))
        row.failed.add("paid_amount")
    if values.get("effective_at") and values.get("expires_at") and values["expires_at"] < values["effective_at"]:
        report.add_error(row.number, LABELS["expires_at"], _("失效时间不能早于生效时间"))
        row.failed.add("expires_at")
    order = existing.get(values.get("order_no"))
    if order is not None and customer is not None and order.customer_id != customer.pk:
        report.add_error(row.number, LABELS["order_no"], _("订单号已存在且属于其他客户"))
        row.failed.add("order_no")
    if row.failed:
        return None, ""
    fields = {
        "partner_id": customer.partner_id, "product_id": product.pk, "billing_mode": values["billing_mode"],
        "order_type": values["order_type"], "paid_amount": values["paid_amount"],
        "ordered_at": values["ordered_at"], "effective_at": values["effective_at"],
        "expires_at": values["expires_at"], "resource_ids": values["resource_ids"], "status": values["status"],
    }
    if order is None:
        order, state = Order(order_no=values["order_no"], customer_id=customer.pk, **fields), NEW
    else:
        state = UPDATED if any(getattr(order, name) != value for name, value in fields.items()) else UNCHANGED
        for name, value in fields.items():
            setattr(order, name, value)
    clean_instance(order, row, LABELS, report)
    return (None, "") if row.failed else (order, state)
