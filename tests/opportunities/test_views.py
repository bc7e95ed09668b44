"""机会点激励 pages: apply / edit / resubmit with bad input, the detail page (核对激励, materials, payment panel), the
operators' queue, review and answer pages, list filters and the CSV export. Every refusal changes nothing."""
import csv
import datetime as dt
import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from incentives.opportunities import services
from incentives.opportunities.models import OpportunityApplication
from partnercenter.workflow.models import Deadline, TransitionLog
from tests.builders import PDF_BYTES

from .helpers import confirmed, draft, opportunity, pdf, published, submitted

pytestmark = pytest.mark.django_db
S = OpportunityApplication.Status


def url(name, *args):
    return reverse(f"incentives:{name}", args=args)


def apply_data(**extra):
    return {"basis_amount": "250000.00", "description": "项目已上线并通过客户验收。", "intent": "submit",
            "letters": [pdf("盖章申请函.pdf")], **extra}


def messages_of(response):
    return [str(m) for m in response.context["messages"]] if response.context else []


def body(response):
    return response.content.decode()


# Apply ---------------------------------------------------------------------------------------------------------

def test_apply_submits_and_lands_on_the_detail_page(client, alice):
    opp = opportunity(alice.partner, name="智慧园区上云")
    client.force_login(alice)
    page = client.get(url("opportunity-apply", opp.pk))
    assert page.status_code == 200 and "智慧园区上云" in body(page) and 'data-confirm="确认提交激励申请吗' in body(page)
    response = client.post(url("opportunity-apply", opp.pk),
                           apply_data(proofs=[pdf("验收单.pdf")]), follow=True)
    application = OpportunityApplication.objects.get(opportunity=opp)
    assert application.status == S.IN_REVIEW and application.basis_amount == Decimal("250000.00")
    assert response.redirect_chain[-1][0] == application.get_absolute_url() == url("opportunity-detail", application.pk)
    assert "激励申请提交成功，华为云运营将在3个工作日内完成激励初审。" in messages_of(response)
    assert {m.kind for m in application.materials.all()} == {"stamped_letter", "proof"}
    text = body(response)
    assert application.code in text and "激励审核中" in text and "剩余 3 个工作日" in text and "提交激励申请" in text


def test_save_as_draft_then_submit_from_the_detail_page(client, alice):
    opp = opportunity(alice.partner)
    client.force_login(alice)
    client.post(url("opportunity-apply", opp.pk), apply_data(intent="draft", letters=[]))
    application = OpportunityApplication.objects.get(opportunity=opp)
    assert application.status == S.DRAFT
    detail = client.get(application.get_absolute_url())
    assert "请上传加盖公章的激励申请函。" in body(detail)  # the submit guard, shown before trying
    refused = client.post(url("opportunity-submit", application.pk), follow=True)
    assert "请上传加盖公章的激励申请函。" in messages_of(refused)[0]
    application.refresh_from_db()
    assert application.status == S.DRAFT
    client.post(url("opportunity-edit", application.pk), {"basis_amount": "250000.00", "description": "补充材料",
                                                           "intent": "draft", "letters": [pdf()]})
    response = client.post(url("opportunity-submit", application.pk), follow=True)
    application.refresh_from_db()
    assert application.status == S.IN_REVIEW
    assert messages_of(response) == ["激励申请已保存。", "激励申请提交成功，华为云运营将在3个工作日内完成激励初审。"]


@pytest.mark.parametrize(("amount", "message"), [
    ("-100", "激励金额依据须大于0。"), ("0", "激励金额依据须大于0。"), ("abc", "激励金额依据须为数字。"),
    ("1.005", "激励金额依据最多两位小数。"), ("99999999999", "激励金额依据不能超过 100000000.00 元，请核对。"),
    ("", "这个字段是必填项。"),
])
def test_bad_amounts_are_form_errors(client, alice, amount, message):
    opp = opportunity(alice.partner)
    client.force_login(alice)
    response = client.post(url("opportunity-apply", opp.pk), apply_data(basis_amount=amount))
    assert response.status_code == 200
    assert message in response.context["form"].errors["basis_amount"]
    assert not OpportunityApplication.objects.exists()


def test_wrong_file_type_and_fake_content_are_form_errors(client, alice):
    opp = opportunity(alice.partner)
    client.force_login(alice)
    exe = SimpleUploadedFile("申请函.exe", b"MZ\x90\x00", content_type="application/octet-stream")
    response = client.post(url("opportunity-apply", opp.pk), apply_data(letters=[exe]))
    assert response.status_code == 200
    assert response.context["form"].errors["letters"] == ["申请函.exe：仅支持 PDF、JPG、PNG 格式的文件。"]
    fake = SimpleUploadedFile("合同.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")
    response = client.post(url("opportunity-apply", opp.pk), apply_data(proofs=[fake]))
    assert "合同.pdf：文件内容与扩展名不符" in response.context["form"].errors["proofs"][0]
    assert "field--error" in body(response)
    assert not OpportunityApplication.objects.exists()


def test_oversize_file_is_a_form_error(client, alice, settings):
    settings.UPLOAD_MAX_BYTES = 1024 * 1024
    opp = opportunity(alice.partner)
    client.force_login(alice)
    big = SimpleUploadedFile("大文件.pdf", PDF_BYTES + b"0" * (1024 * 1024), content_type="application/pdf")
    response = client.post(url("opportunity-apply", opp.pk), apply_data(letters=[big]))
    assert response.context["form"].errors["letters"][0].startswith("大文件.pdf：文件大小不能超过 1 MB")
    assert not OpportunityApplication.objects.exists()


def test_submitting_without_a_stamped_letter_is_a_form_error(client, alice):
    opp = opportunity(alice.partner)
    client.force_login(alice)
    response = client.post(url("opportunity-apply", opp.pk), apply_data(letters=[], proofs=[pdf("合同.pdf")]))
    assert response.context["form"].errors["letters"] == ["请上传加盖公章的激励申请函。"]
    assert not OpportunityApplication.objects.exists()


def test_a_second_application_for_one_opportunity_is_refused(client, alice):
    application = submitted(alice)
    client.force_login(alice)
    response = client.post(url("opportunity-apply", application.opportunity_id), apply_data(), follow=True)
    assert response.redirect_chain[-1][0] == application.get_absolute_url()
    assert "该机会点已申请过激励，不能重复申请。" in messages_of(response)
    assert OpportunityApplication.objects.count() == 1 and application.versions.count() == 1


def test_an_opportunity_not_yet_applicable_explains_why(client, alice):
    today_ends = opportunity(alice.partner, ends_on=timezone.localdate())
    client.force_login(alice)
    page = client.get(url("opportunity-apply", today_ends.pk))
    assert "从交付结束后一天起申请" in body(page) and 'name="basis_amount"' not in body(page)
    client.post(url("opportunity-apply", today_ends.pk), apply_data())
    assert not OpportunityApplication.objects.exists()


def test_other_roles_see_why_they_cannot_apply(client, alice, andy):
    opp = opportunity(alice.partner)
    client.force_login(andy)
    listing = body(client.get(url("opportunity-list")))
    assert "账号切换" in listing and "需主账号申请" in listing and url("opportunity-apply", opp.pk) not in listing
    page = client.get(url("opportunity-apply", opp.pk))
    assert "只有解决方案提供商主账号可以申请和处理机会点激励" in body(page) and 'name="basis_amount"' not in body(page)
    client.post(url("opportunity-apply", opp.pk), apply_data())
    assert not OpportunityApplication.objects.exists()
    application = submitted(alice, opp)
    response = client.get(url("opportunity-edit", application.pk), follow=True)
    assert "只有解决方案提供商主账号" in messages_of(response)[0]


# Return → edit with the reasons inline → resubmit -------------------------------------------------------------

def test_returned_application_shows_reasons_next_to_the_fields_and_resubmits(client, alice, operator):
    application = submitted(alice, amount="300000.00")
    services.application_return(application_id=application.pk, actor=operator,
                                reason_codes=["amount_mismatch", "materials_unstamped"],
                                field_comments={"basis_amount": "请按合同金额 280000.00 元填写"},
                                comment="请修改后再提交")
    client.force_login(alice)
    detail = body(client.get(application.get_absolute_url()))
    assert "激励金额依据与合同/订单不符" in detail and "修改后重新提交" in detail
    form_page = client.get(url("opportunity-edit", application.pk))
    text = body(form_page)
    assert 'data-review-note="basis_amount"' in text and "请按合同金额 280000.00 元填写" in text
    assert 'data-review-note="letters"' in text and "材料未盖章或印章不清晰" in text
    assert "请修改后再提交" in text and "重新提交" in text
    old = application.materials.get()
    response = client.post(url("opportunity-edit", application.pk), {
        "basis_amount": "280000.00", "description": application.description, "intent": "submit",
        "remove": [old.pk], "letters": [pdf("新申请函.pdf")]}, follow=True)
    assert "激励申请已重新提交，华为云运营将在3个工作日内完成激励初审。" in messages_of(response)
    application.refresh_from_db()
    assert application.status == S.IN_REVIEW and application.revision == 2
    client.force_login(operator)
    review = body(client.get(url("opportunity-review", application.pk)))
    assert 'data-diff="basis_amount"' in review and "300000.00" in review and "280000.00" in review
    assert 'data-diff="materials"' in review and "新申请函.pdf" in review


def test_removing_the_only_letter_when_submitting_is_a_form_error(client, alice, operator):
    application = submitted(alice)
    services.application_return(application_id=application.pk, actor=operator, reason_codes=["other"],
                                comment="补充说明")
    client.force_login(alice)
    letter = application.materials.get()
    response = client.post(url("opportunity-edit", application.pk), {
        "basis_amount": "1000.00", "description": "x", "intent": "submit", "remove": [letter.pk]})
    assert response.context["form"].errors["letters"] == ["请上传加盖公章的激励申请函。"]
    application.refresh_from_db()
    assert application.status == S.RETURNED and application.basis_amount == Decimal("200000.00")
    assert application.materials.get().removed_at is None


def test_editing_outside_draft_or_returned_is_refused(client, alice):
    application = submitted(alice)
    client.force_login(alice)
    response = client.post(url("opportunity-edit", application.pk), {
        "basis_amount": "1.00", "description": "x", "intent": "draft"}, follow=True)
    assert "当前状态为“激励审核中”，不能修改。" in messages_of(response)
    application.refresh_from_db()
    assert application.basis_amount == Decimal("200000.00")


# Operators -----------------------------------------------------------------------------------------------------

def test_partners_get_404_on_operator_pages(client, alice):
    application = submitted(alice)
    client.force_login(alice)
    for name, args in (("opportunity-review-list", ()), ("opportunity-review", (application.pk,)),
                       ("opportunity-answer", (application.pk,))):
        assert client.get(url(name, *args)).status_code == 404
        assert client.post(url(name, *args), {"decision": "approve", "incentive_amount": "1.00"}).status_code == 404
    application.refresh_from_db()
    assert application.status == S.IN_REVIEW


def test_queue_puts_overdue_first_with_countdowns(client, alice, bob, operator):
    fresh = submitted(alice)
    late = submitted(bob)
    Deadline.objects.for_subject(late).open().update(due_on=timezone.localdate() - dt.timedelta(days=7))
    published(alice, operator)  # not in the queue
    client.force_login(operator)
    response = client.get(url("opportunity-review-list"))
    rows = list(response.context["rows"])
    assert rows == [late, fresh]
    text = body(response)
    assert text.index(late.code) < text.index(fresh.code) and "已逾期" in text and "剩余 3 个工作日" in text
    assert "机会点审核" in text  # the operator menu link


def test_operator_approves_with_validation(client, alice, operator):
    application = submitted(alice, amount="1000.00")
    client.force_login(operator)
    page = client.get(url("opportunity-review", application.pk))
    assert page.status_code == 200 and "提交审核结果" in body(page)
    for data, field, message in (
        ({"decision": "approve"}, "incentive_amount", "请填写公示激励金额。"),
        ({"decision": "approve", "incentive_amount": "-1"}, "incentive_amount", "激励金额须大于0。"),
        ({"decision": "approve", "incentive_amount": "1000.01"}, "incentive_amount",
         "激励金额不能超过激励金额依据 1000.00 元。"),
        ({"decision": "return"}, "reason_codes", "请至少选择一个退回原因。"),
        ({"decision": "reject", "reason_code": "not_eligible"}, "comment", "请填写审核不通过的原因。"),
        ({"decision": "reject", "comment": "x"}, "reason_code", "请选择审核不通过的原因。"),
        ({"decision": "maybe"}, "decision", None),
    ):
        response = client.post(url("opportunity-review", application.pk), data)
        assert response.status_code == 200, data
        errors = response.context["form"].errors[field]
        assert message is None or message in errors, (data, errors)
    application.refresh_from_db()
    assert application.status == S.IN_REVIEW and application.versions.get().decision == ""
    response = client.post(url("opportunity-review", application.pk),
                           {"decision": "approve", "incentive_amount": "60.00", "comment": "按6%"}, follow=True)
    assert "已审核通过，激励金额已公示，等待伙伴核对激励。" in messages_of(response)
    application.refresh_from_db()
    assert application.status == S.PUBLICITY and application.incentive_amount == Decimal("60.00")


def test_operator_returns_with_field_comments_and_rejects(client, alice, operator):
    application = submitted(alice)
    client.force_login(operator)
    client.post(url("opportunity-review", application.pk), {
        "decision": "return", "reason_codes": ["description_incomplete"], "note_description": "请写明验收日期",
        "comment": "请补充"})
    version = application.versions.get()
    assert version.decision == "returned" and version.field_comments == {"description": "请写明验收日期"}
    other = submitted(alice)
    client.post(url("opportunity-review", other.pk), {"decision": "reject", "reason_code": "falsified",
                                                      "comment": "材料不真实"})
    other.refresh_from_db()
    assert other.status == S.REJECTED and other.review_comment == "材料不真实"


def test_approving_a_just_withdrawn_application_changes_nothing(client, alice, operator):
    application = submitted(alice)
    client.force_login(alice)
    client.post(url("opportunity-withdraw", application.pk))
    client.force_login(operator)
    response = client.post(url("opportunity-review", application.pk),
                           {"decision": "approve", "incentive_amount": "100.00"}, follow=True)
    assert any("当前状态为“草稿”" in m for m in messages_of(response))
    application.refresh_from_db()
    assert application.status == S.DRAFT and application.incentive_amount is None
    assert not TransitionLog.objects.filter(object_id=application.pk, action="approve").exists()
    client.force_login(alice)
    response = client.post(url("opportunity-confirm", application.pk), follow=True)
    assert any("当前状态为“草稿”" in m for m in messages_of(response))
    application.refresh_from_db()
    assert application.status == S.DRAFT and application.payable_amount is None


# 核对激励, answer, payment panel ----------------------------------------------------------------------------------

def test_check_confirm_and_dispute_on_the_detail_page(client, alice, andy, operator):
    application = published(alice, operator, amount="12000.00")
    client.force_login(andy)
    text = body(client.get(application.get_absolute_url()))
    assert "核对激励" in text and 'id="opp-confirm"' not in text and "请切换到主账号" in text
    client.force_login(alice)
    text = body(client.get(application.get_absolute_url()))
    assert 'id="opp-confirm"' in text and 'id="opp-dispute-dialog"' in text and "12,000.00" in text
    response = client.post(url("opportunity-dispute", application.pk), {"comment": "  "}, follow=True)
    assert messages_of(response) == ["请填写异议说明。"]
    application.refresh_from_db()
    assert application.status == S.PUBLICITY
    response = client.post(url("opportunity-dispute", application.pk), {"comment": "激励比例应为6%"}, follow=True)
    assert "异议已提交，华为云运营将在3个工作日内答复。" in messages_of(response)
    application.refresh_from_db()
    assert application.status == S.DISPUTED

    client.force_login(operator)
    queue = client.get(url("opportunity-review-list") + "?tab=disputes")
    assert list(queue.context["rows"]) == [application]
    page = client.get(url("opportunity-answer", application.pk))
    assert "激励比例应为6%" in body(page)
    response = client.post(url("opportunity-answer", application.pk), {"answer": "", "incentive_amount": "-3"})
    errors = response.context["form"].errors
    assert errors == {"answer": ["请填写答复内容。"], "incentive_amount": ["激励金额须大于0。"]}
    response = client.post(url("opportunity-answer", application.pk),
                           {"answer": "已按6%调整", "incentive_amount": "15000.00"}, follow=True)
    assert "异议已答复，伙伴将重新核对激励。" in messages_of(response)
    application.refresh_from_db()
    assert application.status == S.PUBLICITY and application.incentive_amount == Decimal("15000.00")

    client.force_login(alice)
    response = client.post(url("opportunity-confirm", application.pk), follow=True)
    assert "激励已确认，待申付金额已冻结。" in messages_of(response)
    application.refresh_from_db()
    assert application.status == S.PAYABLE and application.payable_amount == Decimal("15000.00")
    text = body(response)
    assert "已按6%调整" in text and "激励待申付" in text and "申请付款" in text  # the payment panel


def test_detail_shows_timeline_materials_and_versions(client, alice, operator):
    application = confirmed(alice, operator)
    client.force_login(alice)
    text = body(client.get(application.get_absolute_url()))
    expected_texts = ("timeline", "盖章申请函.pdf", "审核通过并公示激励", "确认激励", "v1",
                      application.opportunity.code)
    for expected in expected_texts:
        assert expected in text, expected
    material = application.materials.get()
    assert url("opportunity-material", material.pk) in text


def test_materials_are_private(client, alice, andy, bob, operator):
    material = draft(alice).materials.get()
    for user, status in ((alice, 200), (andy, 200), (operator, 200), (bob, 404)):
        client.force_login(user)
        response = client.get(url("opportunity-material", material.pk))
        assert response.status_code == status, user
        if status == 200:
            assert response["Content-Disposition"].startswith("attachment")
            assert b"".join(response.streaming_content) == PDF_BYTES
    client.logout()
    assert client.get(url("opportunity-material", material.pk)).status_code == 302


def test_foreign_ids_answer_404_and_change_nothing(client, alice, bob, operator):
    theirs = published(bob, operator)
    their_opp = opportunity(bob.partner)
    client.force_login(alice)
    assert client.get(url("opportunity-detail", theirs.pk)).status_code == 404
    for name in ("opportunity-edit", "opportunity-confirm", "opportunity-dispute", "opportunity-submit",
                 "opportunity-withdraw"):
        assert client.post(url(name, theirs.pk), {"comment": "x"}).status_code == 404, name
    assert client.get(url("opportunity-apply", their_opp.pk)).status_code == 404
    assert client.post(url("opportunity-apply", their_opp.pk), apply_data()).status_code == 404
    theirs.refresh_from_db()
    assert theirs.status == S.PUBLICITY and not their_opp.incentive_applications.exists()


# List filters and export ---------------------------------------------------------------------------------------

def test_filters_by_status_time_customer_and_code(client, alice, bob, operator):
    in_review = submitted(alice)
    shown = published(alice, operator, amount="1234.50")
    other = published(bob, operator)
    OpportunityApplication.objects.filter(pk=in_review.pk).update(submitted_at=timezone.now() - dt.timedelta(days=40))
    client.force_login(alice)

    def codes(**params):
        response = client.get(url("opportunity-list"), {"tab": "applied", **params})
        assert response.status_code == 200
        return {a.code for a in response.context["rows"]}

    assert codes() == {in_review.code, shown.code}
    assert codes(status="publicity") == {shown.code}
    assert codes(status="nonsense") == {in_review.code, shown.code}  # an unknown status filters nothing
    today = timezone.localdate()
    assert codes(submitted_from=f"{today - dt.timedelta(days=1):%Y-%m-%d}") == {shown.code}
    assert codes(submitted_to=f"{today - dt.timedelta(days=30):%Y-%m-%d}") == {in_review.code}
    assert codes(submitted_from="2026-13-45") == {in_review.code, shown.code}
    assert codes(submitted_from=f"{today:%Y-%m-%d}", submitted_to=f"{today - dt.timedelta(days=3):%Y-%m-%d}") == set()
    assert codes(customer=shown.opportunity.customer.name) == {shown.code}
    assert codes(code=shown.code) == {shown.code}
    assert codes(code=in_review.opportunity.code) == {in_review.code}
    assert codes(code=other.code) == set()


def test_csv_export_is_the_filtered_scoped_list_to_the_fen(client, alice, bob, operator):
    shown = published(alice, operator, amount="1234.5")
    submitted(alice)
    published(bob, operator)
    client.force_login(alice)
    response = client.get(url("opportunity-export"), {"tab": "applied", "status": "publicity"})
    assert response["Content-Type"].startswith("text/csv")
    content = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(content)))
    assert rows[0][:4] == ["激励编码", "机会点编码", "商机名称", "客户"]
    assert len(rows) == 2
    assert rows[1][0] == shown.code and rows[1][4] == "200000.00" and rows[1][5] == "1234.50"
    assert rows[1][7] == "激励公示待确认"
    client.force_login(operator)
    content = b"".join(client.get(url("opportunity-export")).streaming_content).decode("utf-8-sig")
    assert len(list(csv.reader(io.StringIO(content)))) == 4 and bob.partner.name in content


def test_list_links_code_to_detail_and_offers_the_next_step(client, alice, operator):
    application = published(alice, operator)
    payable = confirmed(alice, operator)
    client.force_login(alice)
    text = body(client.get(url("opportunity-list"), {"tab": "applied", "status": "publicity"}))
    assert f'href="{application.get_absolute_url()}"' in text and f'{application.get_absolute_url()}#check' in text
    text = body(client.get(url("opportunity-list"), {"tab": "applied", "status": "payable"}))
    assert f'href="{payable.get_absolute_url()}#payment"' in text and application.code not in text


def test_operators_see_every_partner_and_the_next_step_on_the_detail(client, alice, bob, operator):
    mine = submitted(alice)
    theirs = published(bob, operator)
    services.application_dispute(application_id=theirs.pk, actor=bob, comment="金额不对")
    client.force_login(operator)
    text = body(client.get(url("opportunity-list"), {"tab": "applied"}))
    assert mine.code in text and theirs.code in text and alice.partner.name in text and bob.partner.name in text
    assert url("opportunity-review", mine.pk) in body(client.get(mine.get_absolute_url()))
    assert url("opportunity-answer", theirs.pk) in body(client.get(theirs.get_absolute_url()))
    assert url("opportunity-confirm", theirs.pk) not in body(client.get(theirs.get_absolute_url()))
