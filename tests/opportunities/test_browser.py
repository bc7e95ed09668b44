"""The whole path of 机会点激励 in the browser: the partner applies (confirm dialog, toast) → the operator returns it
with a reason and a field comment → the partner sees the note next to the field, edits and resubmits → the
operator sees the diff, approves and publishes the amount → the partner opens 核对激励 from 激励对账 and confirms.
Screenshots in /tmp/shots/opp/."""
import tempfile
from pathlib import Path

import pytest
from playwright.sync_api import expect

from incentives.opportunities.models import OpportunityApplication
from tests.browser.conftest import DESKTOP, PHONE
from tests.browser.test_login_and_language import log_in
from tests.builders import PDF_BYTES

from .helpers import opportunity

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = Path(tempfile.gettempdir()) / "shots" / "opp"


def shoot(page, name):
    SHOTS.mkdir(parents=True, exist_ok=True)
    for size in (DESKTOP, PHONE):
        page.set_viewport_size(size)
        page.screenshot(path=str(SHOTS / f"{name}-{size['width']}.png"), full_page=True)
    page.set_viewport_size(DESKTOP)


def confirm_dialog(page, text):
    dialog = page.locator("dialog.confirm-dialog")
    expect(dialog).to_be_visible()
    expect(dialog).to_contain_text(text)
    return dialog


def test_apply_return_resubmit_approve_confirm(live_server, page, browser, browser_context_args, alice, operator,
                                               tmp_path):
    opp = opportunity(alice.partner, name="智慧园区上云项目")
    letter = tmp_path / "盖章激励申请函.pdf"
    letter.write_bytes(PDF_BYTES)
    new_letter = tmp_path / "盖章激励申请函-重签.pdf"
    new_letter.write_bytes(PDF_BYTES)
    base = f"{live_server.url}/incentives/opportunities/"

    # The partner applies.
    log_in(page, live_server, "alice")
    page.goto(base)
    row = page.locator(f"tr[data-opportunity='{opp.pk}']")
    expect(row).to_contain_text("智慧园区上云项目")
    shoot(page, "01-pending")
    row.get_by_role("link", name="申请激励").click()
    page.get_by_label("激励金额依据（元）").fill("300000.00")
    page.get_by_label("申请说明").fill("项目于上月完成交付，客户已签署验收单。")
    page.locator("input[name=letters]").set_input_files(str(letter))
    shoot(page, "02-apply-form")
    page.locator("#opp-submit").click()
    dialog = confirm_dialog(page, "确认提交激励申请吗？")
    shoot(page, "03-apply-confirm-dialog")
    dialog.locator(".dialog__actions .btn--primary").click()
    expect(page.locator(".toast")).to_contain_text("激励申请提交成功，华为云运营将在3个工作日内完成激励初审。")
    expect(page.locator("main")).to_contain_text("激励审核中")
    shoot(page, "04-submitted-detail")
    application = OpportunityApplication.objects.get(opportunity=opp)

    # The operator returns it with a reason code and a comment on the amount.
    ops = browser.new_page(**browser_context_args)
    log_in(ops, live_server, "operator")
    ops.goto(f"{base}review/")
    expect(ops.locator("#opp-queue")).to_contain_text(application.code)
    expect(ops.locator("#opp-queue")).to_contain_text("剩余 3 个工作日")
    shoot(ops, "05-review-queue")
    ops.locator(f"tr[data-application='{application.pk}']").get_by_role("link", name="审核").click()
    ops.get_by_label("退回修改", exact=True).check()
    ops.get_by_label("激励金额依据与合同/订单不符").check()
    ops.get_by_label("对“激励金额依据”的意见").fill("请按合同金额 280000.00 元填写")
    ops.get_by_label("审核意见", exact=True).fill("金额依据与合同不符，请修改后重新提交")
    shoot(ops, "06-review-return")
    ops.get_by_role("button", name="提交审核结果").click()
    confirm_dialog(ops, "确认提交审核结果吗？").locator(".dialog__actions .btn--primary").click()
    expect(ops.locator(".toast")).to_contain_text("已退回修改")

    # The partner sees why, next to the field, and resubmits.
    page.goto(f"{base}?tab=applied")
    page.locator(f"tr[data-application='{application.pk}']").get_by_role("link", name="修改后重新提交").click()
    expect(page.locator("[data-review-note=basis_amount]")).to_contain_text("请按合同金额 280000.00 元填写")
    expect(page.locator("#opp-return-notes")).to_contain_text("激励金额依据与合同/订单不符")
    shoot(page, "07-edit-with-notes")
    page.get_by_label("激励金额依据（元）").fill("280000.00")
    page.locator("input[name=letters]").set_input_files(str(new_letter))
    page.locator("#opp-submit").click()
    confirm_dialog(page, "确认按修改后的内容重新提交").locator(".dialog__actions .btn--primary").click()
    expect(page.locator(".toast")).to_contain_text("激励申请已重新提交")

    # The operator sees the diff and approves with the published amount.
    ops.goto(f"{base}review/{application.pk}/")
    expect(ops.locator("[data-diff=basis_amount]")).to_contain_text("300000.00")
    expect(ops.locator("[data-diff=basis_amount]")).to_contain_text("280000.00")
    expect(ops.locator("[data-diff=materials]")).to_contain_text("盖章激励申请函-重签.pdf")
    ops.get_by_label("审核通过并公示激励").check()
    ops.get_by_label("公示激励金额（元）").fill("16800.00")
    shoot(ops, "08-review-diff-approve")
    ops.get_by_role("button", name="提交审核结果").click()
    confirm_dialog(ops, "确认提交审核结果吗？").locator(".dialog__actions .btn--primary").click()
    expect(ops.locator(".toast")).to_contain_text("已审核通过")
    ops.close()

    # The partner checks the incentive from 激励对账 and confirms it.
    page.goto(base)
    page.get_by_role("link", name="2 激励对账").click()
    row = page.locator(f"tr[data-application='{application.pk}']")
    expect(row).to_contain_text("激励公示待确认")
    shoot(page, "09-reconcile-list")
    row.get_by_role("link", name="核对激励").click()
    expect(page.locator("#check")).to_contain_text("16,800.00")
    shoot(page, "10-check")
    page.locator("#opp-confirm").click()
    confirm_dialog(page, "确认激励金额 ¥16,800.00 无误吗？").locator(".dialog__actions .btn--primary").click()
    expect(page.locator(".toast")).to_contain_text("激励已确认，待申付金额已冻结。")
    expect(page.locator("#opp-payable")).to_contain_text("16,800.00")
    expect(page.locator("main")).to_contain_text("激励待申付")
    shoot(page, "11-confirmed-with-payment-panel")
    application.refresh_from_db()
    assert application.status == OpportunityApplication.Status.PAYABLE
    assert str(application.payable_amount) == "16800.00" and application.revision == 2


def test_bad_upload_then_dispute_and_answer(live_server, page, browser, browser_context_args, alice, operator,
                                            tmp_path):
    from .helpers import published

    opp = opportunity(alice.partner, name="数据库迁移项目")
    exe = tmp_path / "申请函.exe"
    exe.write_bytes(b"MZ\x90\x00")
    base = f"{live_server.url}/incentives/opportunities/"
    log_in(page, live_server, "alice")
    page.goto(f"{base}apply/{opp.pk}/")
    page.get_by_label("激励金额依据（元）").fill("-5")
    page.get_by_label("申请说明").fill("说明")
    page.locator("input[name=letters]").set_input_files(str(exe))
    page.locator("#opp-submit").click()
    confirm_dialog(page, "确认提交激励申请吗？").locator(".dialog__actions .btn--primary").click()
    expect(page.locator(".field--error")).to_have_count(2)
    expect(page.locator("main")).to_contain_text("激励金额依据须大于0。")
    expect(page.locator("main")).to_contain_text("申请函.exe：仅支持 PDF、JPG、PNG 格式的文件。")
    shoot(page, "20-apply-errors")
    assert not OpportunityApplication.objects.exists()

    application = published(alice, operator, amount="9000.00")
    page.goto(f"{live_server.url}{application.get_absolute_url()}")
    page.locator("#opp-dispute").click()
    dialog = page.locator("#opp-dispute-dialog")
    expect(dialog).to_be_visible()
    dialog.get_by_label("异议说明").fill("合同约定激励比例为6%，应为 12000.00 元")
    shoot(page, "21-dispute-dialog")
    dialog.get_by_role("button", name="提交异议").click()
    expect(page.locator(".toast")).to_contain_text("异议已提交")
    expect(page.locator("main")).to_contain_text("核对争议中")

    ops = browser.new_page(**browser_context_args)
    log_in(ops, live_server, "operator")
    ops.goto(f"{base}review/?tab=disputes")
    ops.locator(f"tr[data-application='{application.pk}']").get_by_role("link", name="答复").click()
    expect(ops.locator("main")).to_contain_text("合同约定激励比例为6%")
    ops.locator("#id_answer").fill("已核实，按6%调整")
    ops.get_by_label("调整后的公示激励金额（元）").fill("12000.00")
    shoot(ops, "22-answer")
    ops.get_by_role("button", name="提交答复").click()
    confirm_dialog(ops, "确认提交答复吗？").locator(".dialog__actions .btn--primary").click()
    expect(ops.locator(".toast")).to_contain_text("异议已答复")
    ops.close()

    page.reload()
    expect(page.locator("#check")).to_contain_text("12,000.00")
    expect(page.locator("main")).to_contain_text("已核实，按6%调整")
    shoot(page, "23-after-answer")
    application.refresh_from_db()
    assert application.status == OpportunityApplication.Status.PUBLICITY
    assert str(application.incentive_amount) == "12000.00"
