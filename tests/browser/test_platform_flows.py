"""Whole flows a person does in the browser: assign a customer through the dialog, submit 实名认证 with an
upload and the confirm dialog, and an operator rejecting it with an opinion the partner then sees."""
import pytest
from playwright.sync_api import expect

from partnercenter.partners.models import CustomerAssignment, RealNameApplication
from tests.browser.test_login_and_language import log_in
from tests.builders import PDF_BYTES
from tests.factories import CustomerFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_main_account_assigns_a_customer_in_the_dialog(live_server, page, alice, andy, screenshot):
    customer = CustomerFactory(partner=alice.partner, name="浙江青禾数据有限公司")
    log_in(page, live_server, "alice")
    page.goto(f"{live_server.url}/partner/customers/?assignment=unassigned")
    row = page.locator("tr", has_text="浙江青禾数据有限公司")
    row.get_by_role("button", name="分配").click()
    dialog = page.locator(f"dialog#assign-{customer.pk}")
    expect(dialog).to_be_visible()
    dialog.locator("select[name=manager]").select_option(str(andy.pk))
    screenshot("assign-dialog")
    dialog.get_by_role("button", name="确定").click()
    expect(page.locator(".toast, [role=status]").first).to_contain_text("已将客户“浙江青禾数据有限公司”分配给李安")
    assert CustomerAssignment.objects.get(customer=customer).manager == andy


def test_realname_submit_reject_and_see_the_opinion(live_server, page, browser, alice, operator, tmp_path):
    licence = tmp_path / "营业执照.pdf"
    licence.write_bytes(PDF_BYTES)
    log_in(page, live_server, "alice")
    page.goto(f"{live_server.url}/partner/realname/")
    page.fill("input[name=corp_name]", alice.partner.name)
    page.fill("input[name=credit_code]", "91110108MA01ABCD3X")
    page.fill("input[name=legal_person]", "张三")
    page.fill("input[name=reg_address]", "北京市海淀区中关村大街1号")
    page.set_input_files("input[name=licence]", str(licence))
    page.get_by_role("button", name="提交申请").click()
    confirm = page.locator("dialog.confirm-dialog")
    expect(confirm).to_be_visible()
    expect(confirm).to_contain_text("确认提交实名认证申请吗？")
    confirm.locator(".btn--primary").click()
    expect(page.locator("h1")).to_contain_text("实名认证申请")
    expect(page.locator("body")).to_contain_text("剩余")  # the 3-working-day review countdown
    application = RealNameApplication.objects.get()

    reviewer = browser.new_context(viewport={"width": 1366, "height": 900}, locale="zh-CN").new_page()
    log_in(reviewer, live_server, "operator")
    reviewer.goto(f"{live_server.url}/review/")
    reviewer.get_by_role("link", name="审核").first.click()
    reviewer.locator("input[name=decision][value=reject]").check()
    reviewer.locator("select[name=reason_code]").select_option("document_unclear")
    reviewer.fill("textarea[name=opinion]", "营业执照扫描件不清晰，请重新上传")
    reviewer.get_by_role("button", name="提交").click()
    reviewer.locator("dialog.confirm-dialog .btn--primary").click()
    expect(reviewer.locator("body")).to_contain_text("已审核不通过")
    application.refresh_from_db()
    assert application.status == "rejected"

    page.goto(f"{live_server.url}/partner/realname/")
    expect(page.locator("body")).to_contain_text("营业执照扫描件不清晰，请重新上传")
    page.get_by_role("link", name="修改后重新提交").first.click()
    expect(page.locator("[role=alert]")).to_contain_text("营业执照扫描件不清晰")
