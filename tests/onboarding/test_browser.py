"""Sign-up to certified partner, in a real browser (the e-mail link is taken from the token function)."""
import pytest
from playwright.sync_api import expect

from partnercenter.partners.models import CertificationApplication, PartnerDocument, User
from partnercenter.partners.onboarding import services, signup
from tests.browser.test_platform_flows import log_in
from tests.builders import PDF_BYTES, certify_business_info, verify_real_name
from tests.onboarding.helpers import staff

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "Xx-very-safe-2026"


def test_sign_up_to_certified_partner(live_server, page, browser, operator, tmp_path, screenshot):
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_role("link", name="快捷注册新账号").click()
    page.fill("input[name=company_name]", "深圳新星科技有限公司")
    page.fill("input[name=credit_code]", "91440300MA5FXXXX1Q")
    page.fill("input[name=full_name]", "陈星")
    page.fill("input[name=email]", "chen@xinxing.cn")
    page.fill("input[name=username]", "xinxing")
    page.fill("input[name=password1]", PASSWORD)
    page.fill("input[name=password2]", PASSWORD)
    page.check("input[name=agree]")
    page.get_by_role("button", name="注册").click()
    expect(page.locator("body")).to_contain_text("激活链接已发送到 chen@xinxing.cn")

    user = User.objects.get(username="xinxing")
    page.goto(f"{live_server.url}{signup.verification_path(user)}")
    expect(page.locator("body")).to_contain_text("邮箱验证成功")
    page.fill("input[name=username]", "xinxing")
    page.fill("input[name=password]", PASSWORD)
    page.press("input[name=password]", "Enter")
    expect(page.locator("body")).to_contain_text("实名认证")

    verify_real_name(user.partner, user, operator)
    certify_business_info(user.partner, user, operator)
    page.goto(f"{live_server.url}/partner/path/")
    page.locator("form.path-option", has_text="服务合作伙伴").get_by_role("button", name="加入").click()
    expect(page.locator("body")).to_contain_text("加入服务合作伙伴发展路径成功")
    expect(page.locator("body")).to_contain_text("满足以上全部要求后即可申请角色认证")

    plan = tmp_path / "plan.pdf"
    plan.write_bytes(PDF_BYTES)
    page.get_by_role("link", name="商业计划", exact=True).click()
    page.fill("input[name=title]", "2026年度商业计划")
    page.set_input_files("input[name=file]", str(plan))
    page.get_by_role("button", name="提交审核").click()
    expect(page.locator("body")).to_contain_text("运营人员将在3个工作日内审核")

    reviewer = browser.new_context(viewport={"width": 1366, "height": 900}, locale="zh-CN").new_page()
    log_in(reviewer, live_server, "operator")
    # the first version is rejected with an opinion ...
    reviewer.goto(f"{live_server.url}/review/?tab=documents")
    reviewer.get_by_role("link", name="审核").first.click()
    reviewer.locator("input[name=decision][value=reject]").check()
    reviewer.select_option("select[name=reason_code]", "info_incorrect")
    reviewer.fill("textarea[name=opinion]", "请补充分季度的销售目标")
    reviewer.get_by_role("button", name="提交").click()
    reviewer.locator("dialog.confirm-dialog .btn--primary").click()
    expect(reviewer.locator("body")).to_contain_text("伙伴将看到审核意见")

    # ... the partner reads it on the document and resubmits a second version with a new file
    page.goto(f"{live_server.url}/partner/plans/")
    page.get_by_role("link", name="2026年度商业计划").click()
    expect(page.locator(".alert--danger")).to_contain_text("请补充分季度的销售目标")
    page.get_by_role("link", name="修改后重新提交").first.click()
    expect(page.locator(".alert--danger")).to_contain_text("请补充分季度的销售目标")
    page.fill("input[name=title]", "2026年度商业计划（含季度目标）")
    page.set_input_files("input[name=file]", str(plan))
    screenshot("onboarding/plan-resubmit")
    page.get_by_role("button", name="重新提交").click()
    page.locator("dialog.confirm-dialog .btn--primary").click()
    expect(page.locator("body")).to_contain_text("已重新提交")
    expect(page.locator("dl.summary")).to_contain_text("2")  # 提交次数
    assert PartnerDocument.objects.get().revision == 2
    screenshot("onboarding/plan-resubmitted")

    reviewer.goto(f"{live_server.url}/review/?tab=documents")
    reviewer.get_by_role("link", name="审核").first.click()
    reviewer.locator("input[name=decision][value=approve]").check()
    reviewer.get_by_role("button", name="提交").click()
    reviewer.locator("dialog.confirm-dialog .btn--primary").click()
    expect(reviewer.locator("body")).to_contain_text("已审核通过")
    assert PartnerDocument.objects.get().status == "approved"

    case = services.document_submit(partner=user.partner, actor=user, kind="case", data={
        "title": "智慧园区", "customer_name": "某园区", "file": _upload(plan)})
    services.document_approve(application_id=case.pk, actor=operator)
    staff(user.partner, 2)

    page.goto(f"{live_server.url}/partner/path/")
    page.fill("textarea[name=statement]", "已具备专职团队与标杆案例")
    page.get_by_role("button", name="申请角色认证").click()
    expect(page.locator("body")).to_contain_text("认证申请已提交")

    reviewer.goto(f"{live_server.url}/review/?tab=certification")
    reviewer.get_by_role("link", name="审核").first.click()
    reviewer.locator("input[name=decision][value=approve]").check()
    reviewer.get_by_role("button", name="提交").click()
    reviewer.locator("dialog.confirm-dialog .btn--primary").click()
    expect(reviewer.locator("body")).to_contain_text("已审核通过")

    page.goto(f"{live_server.url}/partner/path/")
    expect(page.locator("dl.summary")).to_contain_text("认证级")
    expect(page.locator("dl.summary")).to_contain_text("角色认证")
    screenshot("onboarding/certified-path")
    application = CertificationApplication.objects.get()
    with page.expect_download() as download:
        page.get_by_role("link", name=application.certificate_no).click()
    assert download.value.suggested_filename.endswith(".pdf")


def _upload(path):
    from django.core.files.uploadedfile import SimpleUploadedFile
    return SimpleUploadedFile(path.name, path.read_bytes(), content_type="application/pdf")


def test_rejected_role_certification_is_resubmitted(live_server, page, alice, operator, screenshot):
    """The partner reads the opinion and the live requirements on the resubmit page, and sends it again."""
    from partnercenter.partners.onboarding import services as onboarding
    from tests.onboarding.helpers import ready_for_role

    ready_for_role(alice, operator)
    application = onboarding.certification_apply(partner=alice.partner, actor=alice, kind="role",
                                                 statement="初次申请")
    onboarding.certification_reject(application_id=application.pk, actor=operator, opinion="请补充专职团队的分工说明")
    log_in(page, live_server, "alice")
    page.goto(f"{live_server.url}/partner/path/")
    page.get_by_role("link", name="角色认证", exact=True).last.click()
    expect(page.locator(".alert--danger")).to_contain_text("请补充专职团队的分工说明")
    page.get_by_role("link", name="修改后重新提交").first.click()
    expect(page.locator("table")).to_contain_text("已满足")
    page.fill("textarea[name=statement]", "售前2人、交付1人，分工见附件说明")
    screenshot("onboarding/certification-resubmit")
    page.get_by_role("button", name="重新提交").click()
    page.locator("dialog.confirm-dialog .btn--primary").click()
    expect(page.locator("body")).to_contain_text("已重新提交")
    application.refresh_from_db()
    assert (application.status, application.revision) == ("pending", 2)
    assert application.statement == "售前2人、交付1人，分工见附件说明"
