"""Importing monthly consumption lines (消费记录). The 来源流水号 is the business key: a known one with the same
content is skipped, with different content it is an error (consumption already counted is never rewritten).

Each new line is attributed to the customer manager of the management period its bill cycle's first day
falls in, fixed at import time.
"""
from collections import defaultdict

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from ..models import BillingMode, ConsumptionLine, Customer, CustomerAssignment, Order, Product
from .cells import Column, choice_parser, parse_bill_cycle, parse_money, parse_text
from .common import (
    BATCH,
    check_unique_in_file,
    clean_instance,
    collect,
    fetch_by_key,
    finish,
    in_chunks,
    read_rows,
    require_importer,
)
from .report import ImportReport

CONSUMPTION = "consumption"

CONSUMPTION_COLUMNS = (
    Column("source_ref", "来源流水号", parse_text, max_length=64,
           help="唯一；重复导入内容相同的行会跳过，内容不同则报错"),
    Column("bill_cycle", "账期", parse_bill_cycle, help="YYYYMM 或 YYYY-MM，例如 202610"),
    Column("customer_id", "客户账号ID", parse_text, aliases=("customer",),
           help="须为已登记的客户；按账期首日所在管理期记入客户经理"),
    Column("product_id", "产品ID", parse_text, aliases=("product", "product_code"), help="须为已登记的产品"),
    Column("billing_mode", "计费模式", choice_parser(BillingMode.choices, extra={"包年包月": "periodic"}),
           help="包年/包月、按需、一次性"),
    Column("amount", "消费金额", parse_money, help="元，最多两位小数；退款为负数"),
    Column("order_no", "订单号", parse_text, required=False, default="", help="可选；须为该客户已导入的订单"),
)
LABELS = {column.key: column.label for column in CONSUMPTION_COLUMNS}
# What makes two lines with one 来源流水号 "the same" (the manager is derived, not imported).
COMPARED_FIELDS = {"partner_id": "伙伴", "customer_id": "客户账号ID", "product_id": "产品ID", "order_id": "订单号",
                   "bill_cycle": "账期", "billing_mode": "计费模式", "amount": "消费金额"}


class ManagerIndex:
    """`CustomerAssignment.objects.filter(customer=c).on(day).first()` answered from memory.

    The periods of every customer in the file are loaded once (a query per CHUNK customers) instead of one
    query per line; the order is the model's (`-starts_on`, `-pk`) so `.first()` picks the same period.
    """

    def __init__(self, customer_pks):
        self._periods = defaultdict(list)
        for chunk in in_chunks(sorted(customer_pks)):
            assignments = (CustomerAssignment.objects.filter(customer_id__in=chunk).order_by("-starts_on", "-pk")
                           .values_list("customer_id", "manager_id", "starts_on", "ends_on"))
            for customer_id, manager_id, starts_on, ends_on in assignments:
                self._periods[customer_id].append((manager_id, starts_on, ends_on))

    def manager_on(self, customer_pk, day):
        # Same bounds as CustomerAssignmentQuerySet.on(): from starts_on, until the day before ends_on.
        for manager_id, starts_on, ends_on in self._periods.get(customer_pk, ()):
            if starts_on <= day and (ends_on is None or ends_on > day):
                return manager_id
        return None


def import_consumption(file_obj, *, filename: str, actor=None) -> ImportReport:
    """Validate every row, then create all new lines in one transaction — or none if any row is invalid."""
    require_importer(actor)
    report = ImportReport(kind=CONSUMPTION, filename=filename)
    rows = read_rows(file_obj, filename=filename, columns=CONSUMPTION_COLUMNS, report=report)
    if not report.file_errors:
        check_unique_in_file(rows, "source_ref", LABELS["source_ref"], report)
        try:
            with transaction.atomic():
                _validate_and_write(rows, report)
        except IntegrityError:
            # Another import inserted one of our 来源流水号 between our check and our insert.
            report.add_file_error(_("导入时数据被其他操作同时修改，未导入任何数据，请重新导入。"))
    finish(report, actor)
    return report


def _validate_and_write(rows, report: ImportReport) -> None:
    customers = fetch_by_key(Customer.objects.only("pk", "customer_id", "partner_id"), "customer_id",
                             collect(rows, "customer_id"))
    products = fetch_by_key(Product.objects.only("pk", "code"), "code", collect(rows, "product_id"))
    orders = fetch_by_key(Order.objects.only("pk", "order_no", "customer_id"), "order_no", collect(rows, "order_no"))
    existing = fetch_by_key(ConsumptionLine.objects.all(), "source_ref", collect(rows, "source_ref"))
    managers = ManagerIndex(customer.pk for customer in customers.values())
    new = []
    for row in rows:
        line = _line_for_row(row, customers, products, orders, report)
        if line is None:
            continue
        known = existing.get(line.source_ref)
        if known is None:
            line.manager_id = managers.manager_on(line.customer_id, line.bill_cycle)
            new.append(line)
            continue
        differences = [label for name, label in COMPARED_FIELDS.items() if getattr(known, name) != getattr(line, name)]
        if differences:
            report.add_error(row.number, LABELS["source_ref"], _("来源流水号已存在且内容不同（%(fields)s）") % {
                "fields": "、".join(differences)})
        else:
            report.unchanged += 1
    if not report.ok:
        return  # nothing written: the report lists every problem at once
    ConsumptionLine.objects.bulk_create(new, batch_size=BATCH)
    report.created = len(new)


def _line_for_row(row, customers, products, orders, report) -> ConsumptionLine | None:
    values = row.values
    customer = customers.get(values.get("customer_id"))
    product = products.get(values.get("product_id"))
    order = orders.get(values.get("order_no")) if values.get("order_no") else None
    if "customer_id" in values and customer is None:
        report.add_error(row.number, LABELS["customer_id"], _("客户不存在"))
        row.failed.add("customer_id")
    if "product_id" in values and product is None:
        report.add_error(row.number, LABELS["product_id"], _("产品不存在"))
        row.failed.add("product_id")
    if values.get("order_no"):
        if order is None:
            report.add_error(row.number, LABELS["order_no"], _("订单不存在"))
            row.failed.add("order_no")
        elif customer is not None and order.customer_id != customer.pk:
            report.add_error(row.number, LABELS["order_no"], _("订单不属于该客户"))
            row.failed.add("order_no")
    if row.failed:
        return None
    line = ConsumptionLine(
        partner_id=customer.partner_id, customer_id=customer.pk, product_id=product.pk,
        order_id=order.pk if order else None, bill_cycle=values["bill_cycle"],
        billing_mode=values["billing_mode"], amount=values["amount"], source_ref=values["source_ref"],
    )
    clean_instance(line, row, LABELS, report)
    return None if row.failed else line
