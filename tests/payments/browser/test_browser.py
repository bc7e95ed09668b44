"""In the browser: from a confirmed incentive bill to 已付款 — alice applies on the bill page, picks the payout
method and submits; the operator approves; alice enters the invoice and uploads it; the operator approves the
invoice and records the payment; the bill is then 已发放."""
from pathlib import Path

import pytest
from playwright.sync_api import expect

from incentives.models import GenerationRun, ReconciliationBill
from incentives.services import bill_confirm, bill_publish
from incentives.services.generation import generation_partner
from payments.models import PaymentRequest
from tests.browser.test_login_and_language import log_in
from tests.incentives.helpers import PERIOD, consumption, policy
from tests.payments.helpers import PDF, TAX_ID

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SHOTS = Path("/tmp/shots/pay")  # noqa: S108 - where the brief wants the screenshots


def shot(page, name):
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def confirm(page, text):
    dialog = page.locator("dialog.confirm-dialog")
    expect(dialog).to_be_visible()
    expect(dialog).to_contain_text(text)
    dialog.locator(".dialog__actions .btn").last.click()


def test_confirmed_bill_to_paid(live_server, page, browser, ready_partner, alice, operator, tmp_path):
    policy()
    consumption(ready_partner, amount="2000.00", name="星河科技有限公司")
    run = GenerationRun.objects.create(period=PERIOD, partners_total=1)
    generation_partner(run_id=run.pk, partner_id=ready_partner.pk)
    bill = ReconciliationBill.objects.get(partner=ready_partner)
    bill_publish(bill_id=bill.pk)
    bill_confirm(bill_id=bill.pk, actor=alice)

    log_in(page, live_server, "alice")
    page.goto(f"{live_server.url}{bill.get_absolute_url()}")
    panel = page.locator("[data-payment-panel]")
    expect(panel).to_contain_text("预计付款日期")
    expect(panel).to_contain_text("¥200.00")
    shot(page, "bill-panel")
    panel.get_by_role("button", name="申请付款").click()
    expect(page.locator("main")).to_contain_text("待提交申请")
    page.get_by_label("银行转账付款").check()
    page.get_by_role("button", name="提交申请").click()
    confirm(page, "发放方式不允许修改")
    expect(page.locator("main")).to_contain_text("申请处理中")
    request = PaymentRequest.objects.get()
    assert request.payout_method == "bank" and request.amount == 200

    ops = browser.new_context(viewport={"width": 1366, "height": 900}, locale="zh-CN").new_page()
    log_in(ops, live_server, "operator")
    ops.goto(f"{live_server.url}/payments/review/")
    expect(ops.locator("table")).to_contain_text(request.code)
    shot(ops, "review-queue")
    ops.locator("table").get_by_role("link", name="处理", exact=True).first.click()
    ops.get_by_label("审核通过").check()
    ops.get_by_role("button", name="提交审核结果").click()
    expect(ops.locator("body")).to_contain_text("已处理付款申请")

    page.goto(f"{live_server.url}{request.get_absolute_url()}")
    page.get_by_role("link", name="为激励开票").first.click()
    page.get_by_label("发票号码").fill("87654321")
    page.get_by_label("开票日期").fill("2026-11-27")
    page.get_by_label("销售方纳税人识别号").fill(TAX_ID)
    page.get_by_label("发票金额（价税合计，元）").fill("199.00")
    invoice = tmp_path / "发票.pdf"
    invoice.write_bytes(PDF)
    page.get_by_label("发票文件").set_input_files(str(invoice))
    page.get_by_role("button", name="提交发票").click()
    expect(page.locator(".field__error")).to_contain_text("须与申请金额 200.00 元一致")  # wrong amount refused
    page.get_by_label("发票金额（价税合计，元）").fill("200.00")
    page.get_by_label("发票文件").set_input_files(str(invoice))
    page.get_by_role("button", name="提交发票").click()
    expect(page.locator("main")).to_contain_text("发票审核中")

    ops.goto(f"{live_server.url}/payments/review/?tab=invoice_review")
    ops.locator("table").get_by_role("link", name="处理", exact=True).first.click()
    ops.get_by_label("发票审核通过").check()
    ops.get_by_role("button", name="提交审核结果").click()
    ops.goto(f"{live_server.url}/payments/review/?tab=awaiting_payment")
    ops.locator("table").get_by_role("link", name="处理", exact=True).first.click()
    ops.get_by_label("付款流水号").fill("HWPAY20261128")
    shot(ops, "review-pay")
    ops.get_by_role("button", name="确认已付款").click()
    expect(ops.locator("body")).to_contain_text("已处理付款申请")

    page.goto(f"{live_server.url}{request.get_absolute_url()}")
    expect(page.locator("main")).to_contain_text("已付款")
    expect(page.locator("main")).to_contain_text("HWPAY20261128")
    shot(page, "request-paid")
    page.goto(f"{live_server.url}{bill.get_absolute_url()}")
    expect(page.locator("main")).to_contain_text("已发放")
    bill.refresh_from_db()
    assert bill.status == ReconciliationBill.Status.PAID
    page.goto(f"{live_server.url}/incentives/management/applications/")
    expect(page.locator("table")).to_contain_text(request.code)
    shot(page, "incentive-applications")


def test_contract_application_and_project_pages(live_server, page, ready_partner, alice, operator):
    import datetime as dt
    from decimal import Decimal

    from tests.factories import ConsumptionLineFactory, CustomerFactory
    from tests.payments.helpers import accepted_project

    for i in range(12):
        customer = CustomerFactory(partner=ready_partner, name=f"合同客户{i:02d}有限公司")
        ConsumptionLineFactory(customer=customer, amount=Decimal("1000.00") + i, bill_cycle=dt.date(2026, 10, 1))
    project = accepted_project(alice, operator, name="浏览器交付项目")
    log_in(page, live_server, "alice")
    page.goto(f"{live_server.url}/payments/contracts/")
    page.get_by_role("link", name="合同申请").click()
    page.get_by_label("消费期间起（账期）").fill("2026-10")
    page.get_by_label("消费期间止（账期）").fill("2026-10")
    page.get_by_label("承诺付款时间").fill("2025-01-01")
    page.get_by_role("button", name="生成付款协议").click()
    expect(page.locator(".field__error")).to_contain_text("最近12个月内")
    page.get_by_label("承诺付款时间").fill("2026-11-05")
    page.get_by_role("button", name="生成付款协议").click()
    expect(page.locator("#pdf-status")).to_contain_text("可以下载")
    expect(page.locator("main")).to_contain_text("¥12,066.00")
    shot(page, "contract-detail")
    with page.expect_download() as download:
        page.get_by_role("link", name="下载PDF").click()
    assert open(download.value.path(), "rb").read(5) == b"%PDF-"
    page.get_by_role("link", name="校验", exact=True).click()
    expect(page.locator("main")).to_contain_text("校验通过")
    shot(page, "contract-verified")
    page.goto(f"{live_server.url}{project.get_absolute_url()}")
    expect(page.locator("[data-payment-panel]")).to_contain_text("¥15,000.00")
    shot(page, "project-detail")
