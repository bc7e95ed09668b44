"""An MDF 核销 claimed through the pages: the form with expense lines, receipts uploaded, submitted through the
confirm dialog; once approved the claim page carries the payment panel."""
import pytest
from playwright.sync_api import expect

from tests.browser.test_login_and_language import log_in
from tests.vouchers.claim_helpers import approved_application
from tests.vouchers.mdf_helpers import budget_for
from vouchers import claim_services
from vouchers.models import MdfClaim

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_claim_an_mdf_activity(live_server, page, alice, operator, screenshot, tmp_path):
    budget_for(alice.partner, operator)
    application = approved_application(alice, operator, "9000.00", activity_name="浏览器核销活动")
    receipt = tmp_path / "场地水单.pdf"
    receipt.write_bytes(b"%PDF-1.4\n%receipt\n")
    log_in(page, live_server, "alice")
    page.goto(f"{live_server.url}{application.get_absolute_url()}")
    page.get_by_role("link", name="申请核销").click()
    page.get_by_label("核销金额（元）").fill("9000.00")
    page.get_by_label("活动总结").fill("到场客户30家")
    page.locator("select[name=expenses-0-category]").select_option("venue")
    page.locator("input[name=expenses-0-amount]").fill("6000.00")
    page.locator("select[name=expenses-1-category]").select_option("meals")
    page.locator("input[name=expenses-1-amount]").fill("2000.00")
    page.get_by_role("button", name="保存").click()
    expect(page.locator("body")).to_contain_text("费用明细合计 8000.00 元须等于核销金额 9000.00 元")
    screenshot("vouchers/claim-form-error")
    page.locator("input[name=expenses-1-amount]").fill("3000.00")
    page.get_by_role("button", name="保存").click()
    expect(page.locator("[data-claim-problems]")).to_contain_text("费用类别“场地费”缺少凭证")
    for category in ("venue", "meals"):
        page.get_by_label("费用类别").select_option(category)
        page.get_by_label("凭证文件").set_input_files(str(receipt))
        page.get_by_role("button", name="上传凭证").click()
        expect(page.locator("body")).to_contain_text("已上传 1 个凭证")
    screenshot("vouchers/claim-draft")
    page.get_by_role("button", name="提交核销").click()
    dialog = page.locator("dialog.confirm-dialog")
    expect(dialog).to_contain_text("确认提交核销申请吗?")
    dialog.locator(".dialog__actions .btn").last.click()
    expect(page.locator("body")).to_contain_text("MDF核销申请提交成功!")
    claim = MdfClaim.objects.get(application=application)
    assert claim.status == MdfClaim.Status.IN_REVIEW and claim.receipts.count() == 2
    claim_services.claim_approve(claim_id=claim.pk, actor=operator)
    page.reload()
    expect(page.locator("[data-payment-panel]")).to_contain_text("待申付金额")
    screenshot("vouchers/claim-approved")
