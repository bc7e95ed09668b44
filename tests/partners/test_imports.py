"""Order and consumption imports: parsing, all-or-nothing validation, idempotent re-import, manager attribution."""
import datetime as dt
import io
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError

from partnercenter.partners import services
from partnercenter.partners.imports import import_consumption, import_orders
from partnercenter.partners.imports.cells import CellError, parse_bill_cycle, parse_datetime, parse_money
from partnercenter.partners.imports.consumption import ManagerIndex
from partnercenter.partners.models import ConsumptionLine, CustomerAssignment, Order, User
from tests.factories import CustomerFactory, OrderFactory, ProductFactory, UserFactory
from tests.fixtures_files.spreadsheets import (
    CONSUMPTION_HEADER,
    ORDER_HEADER,
    consumption_row,
    csv_bytes,
    order_row,
    xlsx_bytes,
)

pytestmark = pytest.mark.django_db

SHANGHAI = ZoneInfo("Asia/Shanghai")


@pytest.fixture
def customer(partner_a):
    return CustomerFactory(partner=partner_a, customer_id="c-alpha", name="阿尔法客户")


@pytest.fixture
def other_customer(partner_b):
    return CustomerFactory(partner=partner_b, customer_id="c-beta", name="贝塔客户")


@pytest.fixture
def product():
    return ProductFactory(code="ecs-general")


def orders_csv(rows, **kwargs):
    return io.BytesIO(csv_bytes(ORDER_HEADER, rows, **kwargs))


def consumption_csv(rows, **kwargs):
    return io.BytesIO(csv_bytes(CONSUMPTION_HEADER, rows, **kwargs))


def messages_of(report):
    return [str(error) for error in report.errors]


# Cells -----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("raw", "expected"), [
    ("6000", Decimal("6000.00")),
    ("1234.5", Decimal("1234.50")),
    ("-0.01", Decimal("-0.01")),
    ("1,234.56", Decimal("1234.56")),
    ("￥99.90", Decimal("99.90")),
    ("1.230", Decimal("1.23")),
    (42, Decimal("42.00")),
    (1234.56, Decimal("1234.56")),
    (0.1 + 0.2, Decimal("0.30")),  # Excel's 15 significant digits, not the float's binary tail
])
def test_money_is_decimal_with_at_most_two_places(raw, expected):
    amount = parse_money(raw)
    assert amount == expected and isinstance(amount, Decimal)
    assert amount.as_tuple().exponent == -2


@pytest.mark.parametrize(("raw", "message"), [
    ("abc", "请输入有效的金额"),
    ("1.234", "金额最多保留两位小数"),
    ("NaN", "请输入有效的金额"),
    ("inf", "请输入有效的金额"),
    ("Infinity", "请输入有效的金额"),
    ("1e3", "请输入有效的金额"),
    ("12,34", "请输入有效的金额"),
    (float("nan"), "请输入有效的金额"),
    (float("inf"), "请输入有效的金额"),
    (True, "请输入有效的金额"),
    ("1000000000000", "金额超出范围"),
])
def test_bad_money_is_refused(raw, message):
    with pytest.raises(CellError, match=message):
        parse_money(raw)


@pytest.mark.parametrize(("raw", "expected"), [
    ("2026-10-01", dt.datetime(2026, 10, 1, 0, 0)),
    ("2026-10-01 12:00", dt.datetime(2026, 10, 1, 12, 0)),
    ("2026-10-01 12:00:30", dt.datetime(2026, 10, 1, 12, 0, 30)),
    ("2026/10/1 8:05", dt.datetime(2026, 10, 1, 8, 5)),
    (dt.datetime(2026, 10, 1, 12, 0), dt.datetime(2026, 10, 1, 12, 0)),
    (dt.date(2026, 10, 1), dt.datetime(2026, 10, 1, 0, 0)),
])
def test_datetimes_are_beijing_time(raw, expected):
    assert parse_datetime(raw) == expected.replace(tzinfo=SHANGHAI)


def test_aware_datetime_text_keeps_its_instant():
    assert parse_datetime("2026-10-01T04:00:00Z") == dt.datetime(2026, 10, 1, 12, 0, tzinfo=SHANGHAI)


@pytest.mark.parametrize("raw", ["2026-13-01", "yesterday", "01/10/2026", "2026-10-01 25:00"])
def test_bad_datetimes_are_refused(raw):
    with pytest.raises(CellError, match="请输入有效的日期时间"):
        parse_datetime(raw)


@pytest.mark.parametrize("raw", ["202610", "2026-10", "2026/10", "2026-10-01", "2026年10月", 202610,
                                 dt.datetime(2026, 10, 1), dt.date(2026, 10, 1)])
def test_bill_cycles(raw):
    assert parse_bill_cycle(raw) == dt.date(2026, 10, 1)


@pytest.mark.parametrize("raw", ["202613", "2026-10-15", "26-10", "October", dt.date(2026, 10, 2)])
def test_bad_bill_cycles(raw):
    with pytest.raises(CellError, match="账期格式"):
        parse_bill_cycle(raw)


# Orders ----------------------------------------------------------------------------------------------------


def test_valid_csv_imports_every_order(operator, customer, product):
    rows = [
        order_row("CS0001", customer, product),
        order_row("CS0002", customer, product, mode="on_demand", kind="renew", amount="0", expires="",
                  effective="", resources="", status="已退订"),
        order_row("CS0003", customer, product, mode="一次性", kind="变更", resources="a；b; c,a"),
    ]
    report = import_orders(orders_csv(rows), filename="orders.csv", actor=operator)
    assert report.ok, messages_of(report)
    assert (report.rows, report.created, report.updated, report.unchanged) == (3, 3, 0, 0)

    first = Order.objects.get(order_no="CS0001")
    assert first.partner == customer.partner and first.customer == customer and first.product == product
    assert first.paid_amount == Decimal("6000.00")
    assert first.ordered_at == dt.datetime(2026, 10, 1, 12, 0, tzinfo=SHANGHAI)
    assert first.resource_ids == ["res-1", "res-2"]
    assert (first.billing_mode, first.order_type, first.status) == ("periodic", "new", "completed")
    second = Order.objects.get(order_no="CS0002")
    assert (second.billing_mode, second.order_type, second.status) == ("on_demand", "renew", "unsubscribed")
    assert second.expires_at is None and second.resource_ids == []
    assert Order.objects.get(order_no="CS0003").resource_ids == ["a", "b", "c"]


def test_xlsx_import_with_excel_cells(operator, customer, product):
    rows = [
        ["XL0001", customer.customer_id, product.code, "包年/包月", "新购", 1234.56,
         dt.datetime(2026, 10, 1, 9, 30), dt.datetime(2026, 10, 1), dt.datetime(2027, 10, 1), "r-1", None],
        ["XL0002", customer.customer_id, product.code, "按需", "续订", 800, "2026-10-02", None, None, None, "已完成"],
    ]
    report = import_orders(io.BytesIO(xlsx_bytes(ORDER_HEADER, rows)), filename="订单.xlsx", actor=operator)
    assert report.ok, messages_of(report)
    assert report.created == 2
    order = Order.objects.get(order_no="XL0001")
    assert order.paid_amount == Decimal("1234.56")
    assert order.ordered_at == dt.datetime(2026, 10, 1, 9, 30, tzinfo=SHANGHAI)
    assert Order.objects.get(order_no="XL0002").paid_amount == Decimal("800.00")


def test_one_bad_row_imports_nothing_and_names_row_and_column(operator, customer, product):
    rows = [order_row(f"CS{n:04d}", customer, product) for n in range(1, 4)]
    rows.append(order_row("CS0004", customer, product, amount="abc"))  # the header is row 1: this is row 5
    report = import_orders(orders_csv(rows), filename="orders.csv", actor=operator)
    assert not report.ok
    assert messages_of(report) == ["第5行 实付金额：请输入有效的金额"]
    assert (report.errors[0].row, report.errors[0].column) == (5, "实付金额")
    assert report.created == 0
    assert not Order.objects.exists()


def test_every_problem_is_reported_at_once(operator, customer, other_customer, product):
    OrderFactory(order_no="TAKEN", customer=other_customer, product=product)
    rows = [
        order_row("A1", customer, product, amount="1.234"),
        order_row("A2", customer, product, mode="月付", ordered=""),
        ["A3", "no-such-customer", "no-such-product", "按需", "新购", "1", "2026-10-01", "", "", "", ""],
        order_row("A1", customer, product),
        order_row("TAKEN", customer, product),
        order_row("A6", customer, product, amount="-5"),
        order_row("A7", customer, product, effective="2026-10-01", expires="2026-09-01"),
    ]
    report = import_orders(orders_csv(rows), filename="orders.csv", actor=operator)
    assert messages_of(report) == [
        "第2行 实付金额：金额最多保留两位小数",
        "第3行 计费模式：请填写以下值之一：包年/包月、按需、一次性",
        "第3行 下单时间：不能为空",
        "第4行 客户账号ID：客户不存在",
        "第4行 产品ID：产品不存在",
        "第5行 订单号：与第2行重复",
        "第6行 订单号：订单号已存在且属于其他客户",
        "第7行 实付金额：实付金额不能为负数",
        "第8行 失效时间：失效时间不能早于生效时间",
    ]
    assert Order.objects.count() == 1


def test_reimport_is_idempotent_and_updates_in_place(operator, customer, product):
    rows = [order_row(f"RE{n:03d}", customer, product) for n in range(5)]
    first = import_orders(orders_csv(rows), filename="orders.csv", actor=operator)
    again = import_orders(orders_csv(rows), filename="orders.csv", actor=operator)
    assert (first.created, again.created, again.updated, again.unchanged) == (5, 0, 0, 5)
    assert Order.objects.count() == 5

    rows[2] = order_row("RE002", customer, product, amount="7000.00", status="已退订")
    changed = import_orders(orders_csv(rows), filename="orders.csv", actor=operator)
    assert (changed.created, changed.updated, changed.unchanged) == (0, 1, 4)
    order = Order.objects.get(order_no="RE002")
    assert (order.paid_amount, order.status) == (Decimal("7000.00"), "unsubscribed")


def test_gb18030_csv_from_chinese_excel(operator, customer, product):
    content = orders_csv([order_row("GB0001", customer, product, mode="包年/包月", kind="续订")],
                         encoding="gb18030")
    report = import_orders(content, filename="订单.csv", actor=operator)
    assert report.ok, messages_of(report)
    assert Order.objects.get(order_no="GB0001").order_type == "renew"


def test_utf8_without_bom_and_english_headers(operator, customer, product):
    header = ["order_no", "customer_id", "product_id", "billing_mode", "order_type", "paid_amount", "ordered_at",
              "extra column is ignored"]
    content = csv_bytes(header, [["EN0001", customer.customer_id, product.code, "PERIODIC", "new", "10",
                                  "2026-10-01", "x"]], encoding="utf-8")
    report = import_orders(io.BytesIO(content), filename="orders.csv", actor=operator)
    assert report.ok, report.file_errors + messages_of(report)
    assert Order.objects.get(order_no="EN0001").billing_mode == "periodic"


@pytest.mark.parametrize(("name", "content", "message"), [
    ("orders.xls", b"\xd0\xcf\x11\xe0", "不支持旧版 .xls"),
    ("orders.txt", b"a,b", "仅支持 .csv 和 .xlsx"),
    ("orders.xlsx", b"not a zip", "无法读取 Excel 文件"),
    ("orders.csv", b"", "文件是空的"),
    ("orders.csv", "订单号,客户账号ID\n".encode(), "缺少必需的列：产品ID、计费模式、订单类型、实付金额、下单时间"),
    ("orders.csv", "\ufeff".join(["", ",".join(ORDER_HEADER) + "\n"]).encode(), "没有数据行"),
])
def test_unreadable_files_are_reported(operator, name, content, message):
    report = import_orders(io.BytesIO(content), filename=name, actor=operator)
    assert not report.ok
    assert message in report.summary


def test_a_clash_with_a_concurrent_import_is_reported_not_raised(operator, customer, product, monkeypatch):
    def clash(*args, **kwargs):
        raise IntegrityError("duplicate key value violates unique constraint")

    monkeypatch.setattr(Order.objects, "bulk_create", clash)
    report = import_orders(orders_csv([order_row("RACE1", customer, product)]), filename="o.csv", actor=operator)
    assert not report.ok and "请重新导入" in report.summary


def test_partner_users_cannot_import(alice, customer, product):
    with pytest.raises(PermissionDenied):
        import_orders(orders_csv([order_row("X1", customer, product)]), filename="orders.csv", actor=alice)


def test_importing_500_orders_takes_a_bounded_number_of_queries(operator, partner_a, django_assert_max_num_queries):
    customers = CustomerFactory.create_batch(20, partner=partner_a)
    products = ProductFactory.create_batch(5)
    rows = [order_row(f"BULK{n:05d}", customers[n % 20], products[n % 5]) for n in range(500)]
    content = csv_bytes(ORDER_HEADER, rows)
    with django_assert_max_num_queries(30):
        report = import_orders(io.BytesIO(content), filename="orders.csv", actor=operator)
    assert report.created == 500
    with django_assert_max_num_queries(30):
        again = import_orders(io.BytesIO(content), filename="orders.csv", actor=operator)
    assert again.unchanged == 500


# Consumption -----------------------------------------------------------------------------------------------


def test_valid_consumption_import_with_refunds_and_orders(operator, customer, product):
    order = OrderFactory(order_no="CS9001", customer=customer, product=product)
    rows = [
        consumption_row("L1", customer, product, cycle="202610", amount="1234.56", order_no="CS9001"),
        consumption_row("L2", customer, product, cycle="2026-11", amount="-200.00", mode="包年/包月"),
    ]
    report = import_consumption(consumption_csv(rows), filename="consumption.csv", actor=operator)
    assert report.ok, messages_of(report)
    assert report.created == 2
    first, refund = ConsumptionLine.objects.order_by("source_ref")
    assert (first.partner, first.customer, first.order, first.bill_cycle, first.amount) == (
        customer.partner, customer, order, dt.date(2026, 10, 1), Decimal("1234.56"))
    assert (refund.amount, refund.billing_mode, refund.order) == (Decimal("-200.00"), "periodic", None)


def test_consumption_xlsx_with_date_and_number_cells(operator, customer, product):
    rows = [["X1", dt.datetime(2026, 10, 1), customer.customer_id, product.code, "one_time", -12.5, None],
            ["X2", 202611, customer.customer_id, product.code, "按需", 3, None]]
    report = import_consumption(io.BytesIO(xlsx_bytes(CONSUMPTION_HEADER, rows)), filename="c.xlsx", actor=operator)
    assert report.ok, messages_of(report)
    assert sorted(ConsumptionLine.objects.values_list("bill_cycle", "amount")) == [
        (dt.date(2026, 10, 1), Decimal("-12.50")), (dt.date(2026, 11, 1), Decimal("3.00"))]


def test_manager_is_the_one_of_the_period_the_cycle_falls_in(operator, alice, andy, customer, product):
    successor = UserFactory(partner=alice.partner, role=User.Role.CUSTOMER_MANAGER, full_name="接任经理")
    services.customer_assign(customer_id=customer.pk, manager=andy, actor=alice, on=dt.date(2026, 1, 1))
    services.customer_assign(customer_id=customer.pk, manager=successor, actor=alice, on=dt.date(2026, 3, 15))
    unmanaged = CustomerFactory(partner=alice.partner, customer_id="c-unmanaged")
    rows = [
        consumption_row("M-2512", customer, product, cycle="202512"),  # before any period
        consumption_row("M-2602", customer, product, cycle="202602"),
        consumption_row("M-2603", customer, product, cycle="202603"),  # 1 March: still andy's period
        consumption_row("M-2604", customer, product, cycle="202604"),
        consumption_row("M-NONE", unmanaged, product, cycle="202604"),
    ]
    report = import_consumption(consumption_csv(rows), filename="c.csv", actor=operator)
    assert report.ok, messages_of(report)
    managers = dict(ConsumptionLine.objects.values_list("source_ref", "manager"))
    assert managers == {"M-2512": None, "M-2602": andy.pk, "M-2603": andy.pk, "M-2604": successor.pk,
                        "M-NONE": None}
    # The in-memory index answers exactly what the queryset would, on every day around the boundaries.
    index = ManagerIndex([customer.pk])
    for day in (dt.date(2025, 12, 31), dt.date(2026, 1, 1), dt.date(2026, 3, 14), dt.date(2026, 3, 15),
                dt.date(2030, 1, 1)):
        expected = CustomerAssignment.objects.filter(customer=customer).on(day).first()
        assert index.manager_on(customer.pk, day) == (expected.manager_id if expected else None)


def test_consumption_reimport_identical_is_unchanged_and_different_is_an_error(operator, customer, product):
    rows = [consumption_row(f"R{n}", customer, product) for n in range(3)]
    assert import_consumption(consumption_csv(rows), filename="c.csv", actor=operator).created == 3
    again = import_consumption(consumption_csv(rows), filename="c.csv", actor=operator)
    assert (again.ok, again.created, again.unchanged) == (True, 0, 3)

    rows[1] = consumption_row("R1", customer, product, amount="999.00")
    rows.append(consumption_row("R-new", customer, product))
    changed = import_consumption(consumption_csv(rows), filename="c.csv", actor=operator)
    assert messages_of(changed) == ["第3行 来源流水号：来源流水号已存在且内容不同（消费金额）"]
    assert ConsumptionLine.objects.count() == 3
    assert ConsumptionLine.objects.get(source_ref="R1").amount == Decimal("1234.56")


def test_consumption_row_errors(operator, customer, other_customer, product):
    OrderFactory(order_no="OTHERS", customer=other_customer, product=product)
    rows = [
        consumption_row("E1", customer, product, cycle="2026-10-15"),
        consumption_row("E2", customer, product, order_no="NOPE"),
        consumption_row("E3", customer, product, order_no="OTHERS"),
        consumption_row("E1", customer, product, amount="1.005"),
    ]
    report = import_consumption(consumption_csv(rows), filename="c.csv", actor=operator)
    assert messages_of(report) == [
        "第2行 账期：账期格式应为 YYYYMM 或 YYYY-MM，例如 202610",
        "第3行 订单号：订单不存在",
        "第4行 订单号：订单不属于该客户",
        "第5行 消费金额：金额最多保留两位小数",
        "第5行 来源流水号：与第2行重复",
    ]
    assert not ConsumptionLine.objects.exists()


def test_importing_500_consumption_lines_takes_a_bounded_number_of_queries(operator, alice, partner_a,
                                                                           django_assert_max_num_queries):
    customers = CustomerFactory.create_batch(20, partner=partner_a)
    manager = UserFactory(partner=partner_a, role=User.Role.CUSTOMER_MANAGER)
    for customer in customers[:10]:
        services.customer_assign(customer_id=customer.pk, manager=manager, actor=alice, on=dt.date(2026, 1, 1))
    products = ProductFactory.create_batch(5)
    rows = [consumption_row(f"Q{n:05d}", customers[n % 20], products[n % 5], cycle=f"2026{n % 12 + 1:02d}")
            for n in range(500)]
    content = csv_bytes(CONSUMPTION_HEADER, rows)
    with django_assert_max_num_queries(30):
        report = import_consumption(io.BytesIO(content), filename="c.csv", actor=operator)
    assert report.created == 500
    assert ConsumptionLine.objects.filter(manager=manager).count() == 250
