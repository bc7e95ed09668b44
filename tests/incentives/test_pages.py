"""激励明细 / 激励汇总 pages: filters, totals, exports that agree to the fen, tenancy, query counts."""
import csv
import io
from decimal import Decimal

import pytest
from django.db.models import Sum
from django.urls import reverse
from openpyxl import load_workbook

from incentives.models import IncentiveDetail, ReconciliationBill
from partnercenter.partners.models import BillingMode, Customer

from .helpers import PERIOD, consumption, generate, policy

pytestmark = pytest.mark.django_db
URL = reverse("incentives:detail-list")


@pytest.fixture
def lines(partner_a, partner_b, andy, django_capture_on_commit_callbacks):
    policy()
    consumption(partner_a, amount="1000.00", manager=andy, order_no="CSA0001", name="星河科技有限公司",
                account_name="xinghe", association_type=Customer.Association.RESALE)
    consumption(partner_a, amount="200.05", billing_mode=BillingMode.PERIODIC, order_no="CSA0002",
                name="月光数据有限公司", account_name="yueguang", association_type=Customer.Association.REFERRAL)
    consumption(partner_a, amount="-80.00", order_no="CSA0003", name="退款客户有限公司")
    consumption(partner_b, amount="777.77", order_no="CSB0001", name="乙方秘密客户有限公司")
    generate(capture=django_capture_on_commit_callbacks)


def rows(response):
    return response.context["object_list"]


@pytest.mark.parametrize(("query", "expected"), [
    ({}, {"CSA0001", "CSA0002", "CSA0003"}),
    ({"year": "2026"}, {"CSA0001", "CSA0002", "CSA0003"}),
    ({"year": "2025"}, set()),
    ({"period": "202610"}, {"CSA0001", "CSA0002", "CSA0003"}),
    ({"order_no": "CSA0002"}, {"CSA0002"}),
    ({"customer_name": "星河"}, {"CSA0001"}),
    ({"customer_account_name": "yueguang"}, {"CSA0002"}),
    ({"manager_name": "李安"}, {"CSA0001"}),
    ({"association_type": "1"}, {"CSA0002"}),
    ({"billing_mode": "periodic"}, {"CSA0002"}),
    ({"status": "frozen"}, {"CSA0001", "CSA0002", "CSA0003"}),
    ({"status": "paid"}, set()),
    ({"order_no": "CSB0001"}, set()),
])
def test_every_filter(lines, client_alice, query, expected):
    response = client_alice.get(URL, query)
    assert response.status_code == 200
    assert {d.order_no for d in rows(response)} == expected


def test_product_type_filter_and_sort(lines, client_alice):
    product_type = IncentiveDetail.objects.filter(order_no="CSA0001").get().product_type
    assert {d.order_no for d in rows(client_alice.get(URL, {"product_type": product_type}))} == {"CSA0001"}
    ordered = [d.order_no for d in rows(client_alice.get(URL, {"sort": "-amount"}))]
    assert ordered == ["CSA0001", "CSA0002", "CSA0003"]


@pytest.mark.parametrize("query", [{"year": "abc"}, {"period": "20x1"}, {"status": "nope"}, {"sort": "hack"},
                                   {"page": "9999"}])
def test_invalid_filter_values_give_a_message_not_a_500(lines, client_alice, query):
    response = client_alice.get(URL, query)
    assert response.status_code == 200


def test_totals_agree_in_sql_page_csv_xlsx_and_bill(lines, client_alice, partner_a):
    sql = IncentiveDetail.objects.filter(partner=partner_a, period=PERIOD).aggregate(s=Sum("amount"))["s"]
    assert sql == Decimal("100.00") + Decimal("20.01") + Decimal("-8.00")
    page = client_alice.get(URL, {"period": "202610"})
    assert page.context["totals"]["incentive"] == sql
    assert "¥112.01" in page.content.decode()
    response = client_alice.get(reverse("incentives:detail-export"), {"period": "202610", "format": "csv"})
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    data = list(csv.reader(io.StringIO(body)))
    amounts = [Decimal(r[12]) for r in data[1:-1]]
    assert len(amounts) == 3 and sum(amounts) == sql and Decimal(data[-1][12]) == sql
    assert "CSB0001" not in body and "乙方秘密客户" not in body
    response = client_alice.get(reverse("incentives:detail-export"), {"period": "202610", "format": "xlsx"})
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    values = list(sheet.iter_rows(min_row=2, values_only=True))
    assert sum(Decimal(str(r[12])) for r in values[:-1]) == sql and len(values) == 4
    bill = ReconciliationBill.objects.get(partner=partner_a, period=PERIOD)
    assert bill.incentive_amount == sql


def test_export_is_exactly_the_filtered_set(lines, client_alice):
    response = client_alice.get(reverse("incentives:detail-export"), {"order_no": "CSA0002", "format": "csv"})
    data = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert [r[2] for r in data[1:-1]] == ["CSA0002"]


def test_partner_b_sees_none_of_a(lines, client, bob):
    client.force_login(bob)
    page = client.get(URL).content.decode()
    assert "CSB0001" in page and "CSA0001" not in page and "星河" not in page
    bills = client.get(reverse("incentives:management"))
    assert [b.partner.name for b in bills.context["object_list"]] == [bob.partner.name]


def test_period_dropdown_is_scoped(partner_a, partner_b, alice, client_alice, django_capture_on_commit_callbacks):
    import datetime as dt

    policy()
    consumption(partner_b, cycle=dt.date(2026, 3, 1))
    consumption(partner_a)
    generate(dt.date(2026, 3, 1), capture=django_capture_on_commit_callbacks)
    generate(capture=django_capture_on_commit_callbacks)
    choices = dict(client_alice.get(URL).context["filter"].form.fields["period"].choices)
    assert "202610" in choices and "202603" not in choices


def test_detail_page_shows_the_receipt(lines, client_alice):
    refund = IncentiveDetail.objects.get(order_no="CSA0003")
    page = client_alice.get(refund.get_absolute_url()).content.decode()
    assert "退订或降配退款" in page and "-80.00 × 0.1000 = -8.00" in page and "为什么激励金额为零或负数" in page


def test_list_query_count_constant_in_rows(partner_a, andy, client_alice, django_capture_on_commit_callbacks,
                                           django_assert_max_num_queries):
    policy()
    for _ in range(30):
        consumption(partner_a, manager=andy)
    generate(capture=django_capture_on_commit_callbacks)
    with django_assert_max_num_queries(12):
        assert client_alice.get(URL).status_code == 200
    with django_assert_max_num_queries(12):
        assert client_alice.get(reverse("incentives:management")).status_code == 200


def test_run_page_is_for_operators_only(client_alice, client):
    assert client_alice.get(reverse("incentives:run-list")).status_code == 404


def test_operator_previews_a_period_on_the_run_page(lines, operator, client, django_capture_on_commit_callbacks):
    client.force_login(operator)
    url = reverse("incentives:run-list")
    assert "请输入六位期次" in client.post(url, {"period": "2026-10"}).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"period": "202610", "dry_run": "on"}, follow=True)
    assert "已开始预览" in response.content.decode()
    assert response.context["page_obj"][0].dry_run


def test_every_page_is_csp_safe(lines, client_alice, partner_a):
    from incentives.models import Indicator, PerformanceStatement
    from tests.test_shell import assert_csp_safe

    bill = ReconciliationBill.objects.get(partner=partner_a, period=PERIOD)
    urls = [reverse("incentives:management"), URL, reverse("incentives:indicator-list"),
            reverse("incentives:performance"), reverse("incentives:performance-board"), bill.get_absolute_url(),
            IncentiveDetail.objects.filter(partner=partner_a).first().get_absolute_url(),
            Indicator.objects.filter(partner=partner_a).first().get_absolute_url(),
            PerformanceStatement.objects.get(partner=partner_a).get_absolute_url()]
    for url in urls:
        response = client_alice.get(url)
        assert response.status_code == 200, url
        assert_csp_safe(response.content.decode())


def test_operators_see_whose_lines_and_search_by_partner(lines, operator, client, partner_a, partner_b):
    """Vendor staff list every partner's lines: a 伙伴 column, a 伙伴名称 search, the partner in the exports."""
    client.force_login(operator)
    page = client.get(URL)
    html = page.content.decode()
    assert f">{partner_b.name}</td>" in html and f">{partner_a.name}</td>" in html
    assert 'name="partner_name"' in html
    only_b = client.get(URL, {"partner_name": partner_b.name})
    assert {d.order_no for d in rows(only_b)} == {"CSB0001"}
    assert only_b.context["totals"]["incentive"] == IncentiveDetail.objects.filter(partner=partner_b).aggregate(
        s=Sum("amount"))["s"]
    exported = list(csv.reader(io.StringIO(
        b"".join(client.get(reverse("incentives:detail-export"), {"partner_name": partner_b.name,
                                                                   "format": "csv"}).streaming_content)
        .decode("utf-8-sig"))))
    assert exported[0][0] == "伙伴" and exported[1][0] == partner_b.name and exported[1][3] == "CSB0001"
    assert exported[-1][0] == "" and Decimal(exported[-1][13]) == only_b.context["totals"]["incentive"]
    book = load_workbook(io.BytesIO(b"".join(client.get(reverse("incentives:detail-export"),
                                                         {"format": "xlsx"}).streaming_content)))
    sheet = book.active
    assert sheet.cell(1, 1).value == "伙伴" and {sheet.cell(r, 1).value for r in range(2, sheet.max_row)} == {
        partner_a.name, partner_b.name}
    detail = IncentiveDetail.objects.get(order_no="CSB0001")
    assert f"<dd>{partner_b.name}</dd>" in client.get(detail.get_absolute_url()).content.decode()


def test_partners_cannot_search_by_partner(lines, client_alice, partner_b):
    page = client_alice.get(URL, {"partner_name": partner_b.name})
    html = page.content.decode()
    assert 'name="partner_name"' not in html and "<th scope=\"col\">伙伴</th>" not in html
    assert {d.order_no for d in rows(page)} == {"CSA0001", "CSA0002", "CSA0003"}  # the parameter is ignored
    exported = client_alice.get(reverse("incentives:detail-export"), {"format": "csv"})
    assert b"".join(exported.streaming_content).decode("utf-8-sig").splitlines()[0].startswith("年份")
