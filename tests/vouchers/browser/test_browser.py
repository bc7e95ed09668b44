"""Issuing a voucher through the page and its confirm dialog, recalling it, and an MDF application submitted
and withdrawn through the confirm dialogs."""
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from tests.browser.test_login_and_language import log_in
from tests.factories import CustomerFactory
from tests.vouchers.helpers import grant
from tests.vouchers.mdf_helpers import budget_for, draft
from vouchers.models import MdfApplication, Voucher

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def confirm(page, text):
    dialog = page.locator("dialog.confirm-dialog")
    expect(dialog).to_be_visible()
    expect(dialog).to_contain_text(text)
    dialog.locator(".dialog__actions .btn").last.click()


def test_issue_and_recall_a_voucher(live_server, page, alice, operator, screenshot):
    quota = grant(alice.partner, operator, "5000.00", name="浏览器测试额度")
    customer = CustomerFactory(partner=alice.partner, name="浏览器测试客户有限公司")
    log_in(page, live_server, "alice")
    page.goto(f"{live_server.url}/vouchers/")
    page.get_by_role("link", name="发放", exact=True).first.click()
    page.get_by_label(customer.name).check()
    page.get_by_label("提货券面值（元）").fill("1200.50")
    page.get_by_label("续订", exact=True).check()
    page.get_by_role("button", name="发放", exact=True).click()
    confirm(page, "确定发放提货券吗？")
    expect(page.locator(".alert, .toast, [role=status]").first).to_contain_text("提货券发放成功")
    voucher = Voucher.objects.get(customer=customer)
    assert voucher.face_value == Decimal("1200.50") and voucher.order_types == ["new", "renew"]
    screenshot("vouchers/browser-issued")
    page.locator(f"input[name=vouchers][value='{voucher.pk}']").check()
    page.get_by_role("button", name="批量回收").click()
    dialog = page.locator("dialog#recall-dialog")
    expect(dialog).to_be_visible()
    expect(dialog).to_contain_text("确定回收以下提货券吗?")
    expect(dialog).to_contain_text(voucher.code)
    expect(dialog).to_contain_text("¥1,200.50")
    screenshot("vouchers/browser-recall-dialog")
    dialog.get_by_role("button", name="确定回收").click()
    expect(page.locator("body")).to_contain_text("已回收 1 张提货券，共 1200.50 元返还至额度")
    quota.refresh_from_db()
    assert quota.balance == Decimal("5000.00")


def test_submit_and_withdraw_an_mdf_application(live_server, page, alice, operator, screenshot):
    budget_for(alice.partner, operator)
    application = draft(alice, activity_name="浏览器MDF活动")
    log_in(page, live_server, "alice")
    page.goto(f"{live_server.url}/vouchers/mdf/")
    page.get_by_role("link", name="浏览器MDF活动").click()
    page.get_by_role("button", name="提交", exact=True).click()
    confirm(page, "确认提交使用申请吗?")
    expect(page.locator("body")).to_contain_text("MDF使用申请提交成功!")
    expect(page.locator("main")).to_contain_text("使用申请审核中")
    page.get_by_role("button", name="撤销", exact=True).click()
    confirm(page, "确认撤销该使用申请吗")
    expect(page.locator("main")).to_contain_text("已撤销")
    application.refresh_from_db()
    assert application.status == MdfApplication.Status.WITHDRAWN
    screenshot("vouchers/browser-mdf-withdrawn")
