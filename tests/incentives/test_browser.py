"""In the browser: filter 激励明细, open a line's receipt, export the filtered set, raise 问题反馈 in the dialog."""
import csv
import datetime as dt
import io
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from incentives.models import GenerationRun, ReconciliationBill
from incentives.services import bill_publish
from incentives.services.generation import generation_partner
from tests.browser.test_login_and_language import log_in

from .helpers import PERIOD, consumption, policy

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _generate(partner):
    run = GenerationRun.objects.create(period=PERIOD, partners_total=1)
    generation_partner(run_id=run.pk, partner_id=partner.pk)


def test_filter_open_receipt_export_and_dispute(live_server, page, alice, andy):
    policy()
    consumption(alice.partner, amount="1000.00", order_no="CSWEB0001", name="星河科技有限公司", manager=andy)
    consumption(alice.partner, amount="-50.00", order_no="CSWEB0002", name="退款客户有限公司")
    _generate(alice.partner)
    log_in(page, live_server, "alice")
    page.goto(f"{live_server.url}/incentives/management/details/")
    page.fill("input[name=customer_name]", "退款")
    page.get_by_role("button", name="查询").click()
    expect(page.locator("table tbody tr")).to_have_count(1)
    expect(page.locator("[data-total=incentive]")).to_have_text("-¥5.00")
    # only the filter chosen goes into the URL (static/js/app.js), and the form still shows it
    assert page.url.split("?", 1)[1] == "customer_name=%E9%80%80%E6%AC%BE"
    expect(page.locator("input[name=customer_name]")).to_have_value("退款")
    page.locator("table tbody tr").get_by_role("link", name="详情").click()
    expect(page.locator(".incentives-receipt")).to_contain_text("退订或降配退款")
    expect(page.locator(".incentives-receipt")).to_contain_text("-50.00 × 0.1000 = -5.00")
    page.go_back()
    with page.expect_download() as download_info:
        page.get_by_role("link", name="导出 CSV").click()
    rows = list(csv.reader(io.StringIO(open(download_info.value.path(), encoding="utf-8-sig").read())))
    assert [r[2] for r in rows[1:-1]] == ["CSWEB0002"] and Decimal(rows[-1][12]) == Decimal("-5.00")
    assert download_info.value.suggested_filename.startswith("incentive-details-")
    expect(page.locator("#export-status")).to_contain_text("导出完成")  # the progress line, from incentives.js

    bill = ReconciliationBill.objects.get(partner=alice.partner)
    bill_publish(bill_id=bill.pk)
    page.goto(f"{live_server.url}/incentives/management/")
    page.get_by_role("button", name="问题反馈").click()
    dialog = page.locator(f"dialog#dispute-{bill.pk}")
    expect(dialog).to_be_visible()
    dialog.locator("textarea[name=comment]").fill("退款金额与账单不一致")
    dialog.get_by_role("button", name="提交").click()
    expect(page.locator(".toast, [role=status]").first).to_contain_text("问题反馈已提交")
    bill.refresh_from_db()
    assert bill.status == ReconciliationBill.Status.DISPUTED


def test_the_details_table_fits_a_laptop_screen_in_english(live_server, page, alice):
    """Eleven columns at 1366 px: long English headings wrap and a zero line's reason wraps under its amount,
    so 激励金额, 状态 and 详情 are on screen without scrolling sideways."""
    policy()
    consumption(alice.partner, amount="1000.00", order_no="CSWIDE0001", name="星河科技有限公司")
    consumption(alice.partner, amount="-50.00", order_no="CSWIDE0002", name="退款客户有限公司")
    consumption(alice.partner, amount="300.00", order_no="CSWIDE0003", name="未关联客户有限公司",
                associated_on=dt.date(2027, 1, 1))
    _generate(alice.partner)
    page.set_viewport_size({"width": 1366, "height": 900})
    log_in(page, live_server, "alice")
    page.context.add_cookies([{"name": "django_language", "value": "en", "url": live_server.url}])
    page.goto(f"{live_server.url}/incentives/management/details/")
    expect(page.locator("table tbody tr")).to_have_count(3)
    expect(page.locator(".incentives-reason").first).to_be_visible()
    client, scroll = page.evaluate(
        "() => { const w = document.querySelector('.table-wrap'); return [w.clientWidth, w.scrollWidth]; }")
    assert scroll <= client
