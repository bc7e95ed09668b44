"""MDF 核销: claim rules (sum, ceiling, receipts matching categories), every transition allowed and refused, the
review with per-line reasons, private receipts, and payment through a payment request (kind "mdf_claim")."""
import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from partnercenter.workdays.services import add_working_days
from partnercenter.workflow.machine import TransitionNotAllowed
from partnercenter.workflow.models import Deadline
from payments import sources
from tests.vouchers.claim_helpers import (
    approved_application,
    approved_claim,
    claim_draft,
    lines,
    receipt,
    submitted_claim,
)
from tests.vouchers.helpers import make_eligible
from tests.vouchers.mdf_helpers import budget_for, draft
from vouchers import claim_services as services
from vouchers import mdf_services
from vouchers.models import MdfApplication, MdfClaim

pytestmark = pytest.mark.django_db
S = MdfClaim.Status


def test_workflow_graph():
    graph = {name: (sorted(t.sources), t.target) for name, t in MdfClaim.workflow.transitions.items()}
    assert graph == {
        "submit": (sorted([S.DRAFT, S.RETURNED]), S.IN_REVIEW),
        "approve": ([S.IN_REVIEW], S.APPROVED),
        "return": ([S.IN_REVIEW], S.RETURNED),
        "reject": ([S.IN_REVIEW], S.REJECTED),
        "request_payment": ([S.APPROVED], S.PAYING),
        "pay": ([S.PAYING], S.PAID),
        "release": ([S.PAYING], S.APPROVED),
    }


def claim_in(status, alice, operator) -> MdfClaim:
    """A claim brought to `status` through the services."""
    if status == S.DRAFT:
        return claim_draft(alice, approved_application(alice, operator))
    claim = submitted_claim(alice, operator)
    if status == S.RETURNED:
        claim = services.claim_return(claim_id=claim.pk, actor=operator, comment="请补充场地合同")
    elif status == S.REJECTED:
        claim = services.claim_reject(claim_id=claim.pk, actor=operator, comment="活动与申请不符")
    elif status in (S.APPROVED, S.PAYING, S.PAID):
        claim = services.claim_approve(claim_id=claim.pk, actor=operator)
        if status in (S.PAYING, S.PAID):
            claim = services.claim_on_requested(claim_id=claim.pk)
        if status == S.PAID:
            claim = services.claim_on_paid(claim_id=claim.pk)
    assert claim.status == status
    return claim


CALLS = {
    "submit": lambda c, alice, operator: services.claim_submit(claim_id=c.pk, actor=alice),
    "approve": lambda c, alice, operator: services.claim_approve(claim_id=c.pk, actor=operator),
    "return": lambda c, alice, operator: services.claim_return(claim_id=c.pk, actor=operator, comment="补充"),
    "reject": lambda c, alice, operator: services.claim_reject(claim_id=c.pk, actor=operator, comment="不符"),
    "pay": lambda c, alice, operator: services.claim_on_paid(claim_id=c.pk),
    "release": lambda c, alice, operator: services.claim_on_released(claim_id=c.pk),
}


@pytest.mark.parametrize("status", list(S))
@pytest.mark.parametrize("name", list(CALLS))
def test_every_transition_from_every_status(partner_a, alice, operator, status, name):
    budget_for(partner_a, operator, "500000.00")
    claim = claim_in(status, alice, operator)
    allowed = status in MdfClaim.workflow[name].sources
    if allowed:
        assert CALLS[name](claim, alice, operator).status == MdfClaim.workflow[name].target
    else:
        with pytest.raises(TransitionNotAllowed, match="当前状态"):
            CALLS[name](claim, alice, operator)
        claim.refresh_from_db()
        assert claim.status == status


def test_request_payment_is_idempotent_and_only_from_approved(partner_a, alice, operator):
    budget_for(partner_a, operator)
    claim = claim_in(S.APPROVED, alice, operator)
    assert services.claim_on_requested(claim_id=claim.pk).status == S.PAYING
    assert services.claim_on_requested(claim_id=claim.pk).status == S.PAYING  # resubmitted payment request
    draft_claim = claim_in(S.DRAFT, alice, operator)
    with pytest.raises(TransitionNotAllowed):
        services.claim_on_requested(claim_id=draft_claim.pk)


@pytest.fixture
def application(partner_a, alice, operator):
    budget_for(partner_a, operator)
    return approved_application(alice, operator, "20000.00")


def test_lines_must_add_up_exactly_to_the_claim(application, alice):
    with pytest.raises(ValidationError) as err:
        services.claim_create(application_id=application.pk, actor=alice, amount=Decimal("15000.00"), summary="s",
                              lines=lines(("venue", "10000.00"), ("meals", "4999.99")))
    assert "费用明细合计 14999.99 元须等于核销金额 15000.00 元" in str(err.value.message_dict["expenses"])
    claim = services.claim_create(application_id=application.pk, actor=alice, amount=Decimal("15000.00"),
                                  summary="s", lines=lines(("venue", "10000.00"), ("meals", "5000.00")))
    assert sorted(claim.expenses.values_list("amount", flat=True)) == [Decimal("5000.00"), Decimal("10000.00")]


@pytest.mark.parametrize("pairs, message", [
    ((("venue", "0"),), "费用金额须大于0"),
    ((("venue", "10.001"),), "最多两位小数"),
    ((("venue", "5"), ("venue", "5")), "重复"),
    ((("hotel", "10"),), "请选择费用类别"),
    ((), "请至少填写一项费用明细"),
])
def test_bad_lines_are_refused(application, alice, pairs, message):
    with pytest.raises(ValidationError, match=message):
        services.claim_create(application_id=application.pk, actor=alice, amount=Decimal("10.00"), summary="s",
                              lines=lines(*pairs))


def test_claim_cannot_exceed_the_approved_amount(application, alice):
    with pytest.raises(ValidationError) as err:
        services.claim_create(application_id=application.pk, actor=alice, amount=Decimal("20000.01"), summary="s",
                              lines=lines(("venue", "20000.01")))
    assert "不能超过使用申请审核通过的金额 20000.00 元" in err.value.message_dict["amount"][0]
    claim = claim_draft(alice, application, "20000.00", (("venue", "20000.00"),))
    with pytest.raises(ValidationError, match="不能超过"):
        services.claim_save(claim_id=claim.pk, actor=alice, amount=Decimal("20000.50"), summary="s",
                            lines=lines(("venue", "20000.50")))


def test_claim_only_for_an_approved_application_whose_activity_ended(partner_a, alice, operator):
    budget_for(partner_a, operator)
    in_review = draft(alice)
    mdf_services.mdf_submit(application_id=in_review.pk, actor=alice)
    with pytest.raises(ValidationError, match="只有审核通过的使用申请可以核销"):
        claim_draft(alice, in_review)
    today = timezone.localdate()
    running = approved_application(alice, operator, "1000.00",
                                   end_date=min(today + dt.timedelta(days=3), today.replace(month=12, day=31)))
    if running.end_date > today:
        assert not running.can_claim()
        with pytest.raises(ValidationError, match="活动结束"):
            claim_draft(alice, running, "1000.00", (("venue", "1000.00"),))
    ended = approved_application(alice, operator, "1000.00")
    assert ended.can_claim()
    claim_draft(alice, ended, "1000.00", (("venue", "1000.00"),))
    ended.refresh_from_db()
    assert not ended.can_claim()
    with pytest.raises(ValidationError, match="已有核销申请"):
        claim_draft(alice, ended, "1000.00", (("venue", "1000.00"),))


def test_submit_needs_receipts_matching_the_declared_categories(application, alice):
    claim = claim_draft(alice, application, receipts=False)
    with pytest.raises(TransitionNotAllowed, match="请上传费用凭证"):
        services.claim_submit(claim_id=claim.pk, actor=alice)
    services.claim_receipts_add(claim_id=claim.pk, actor=alice, category="lodging", files=[receipt("酒店水单.pdf")])
    problems = MdfClaim.objects.get(pk=claim.pk).submit_problems()
    assert "凭证“酒店水单.pdf”的费用类别“住宿费”与费用明细不符，请修改费用明细或重新上传凭证。" in problems
    assert "费用类别“场地费”缺少凭证。" in problems and "费用类别“餐费”缺少凭证。" in problems
    with pytest.raises(TransitionNotAllowed, match="酒店水单.pdf"):
        services.claim_submit(claim_id=claim.pk, actor=alice)
    services.claim_receipt_delete(receipt_id=claim.receipts.get().pk, actor=alice)
    for category in ("venue", "meals"):
        services.claim_receipts_add(claim_id=claim.pk, actor=alice, category=category, files=[receipt()])
    claim = services.claim_submit(claim_id=claim.pk, actor=alice)
    assert claim.status == S.IN_REVIEW
    deadline = Deadline.objects.for_subject(claim).open().get()
    assert (deadline.kind, deadline.owner, deadline.working_days) == ("mdf_claim_review", "vendor", 5)
    assert deadline.due_on == add_working_days(timezone.localdate(), 5)


@pytest.mark.parametrize("name, content, message", [
    ("水单.txt", b"hello", "仅支持 PDF、JPG、PNG"),
    ("假水单.pdf", b"not a pdf at all", "文件内容与扩展名不符"),
    ("空.pdf", b"", "文件内容为空"),
])
def test_receipts_are_checked(application, alice, name, content, message):
    claim = claim_draft(alice, application, receipts=False)
    with pytest.raises(ValidationError, match=message):
        services.claim_receipts_add(claim_id=claim.pk, actor=alice, category="venue",
                                    files=[SimpleUploadedFile(name, content)])
    assert not claim.receipts.exists()


def test_receipts_cannot_change_once_submitted(partner_a, alice, operator):
    budget_for(partner_a, operator)
    claim = submitted_claim(alice, operator)
    with pytest.raises(ValidationError, match="不能修改"):
        services.claim_receipts_add(claim_id=claim.pk, actor=alice, category="venue", files=[receipt()])
    with pytest.raises(ValidationError, match="不能修改"):
        services.claim_receipt_delete(receipt_id=claim.receipts.first().pk, actor=alice)
    with pytest.raises(ValidationError, match="不能修改"):
        services.claim_save(claim_id=claim.pk, actor=alice, amount=claim.amount, summary="x",
                            lines=lines(("venue", "10000.00"), ("meals", "5000.00")))


def test_return_for_rework_with_reasons_per_line_then_resubmit(partner_a, alice, operator, client):
    budget_for(partner_a, operator)
    claim = submitted_claim(alice, operator)
    with pytest.raises(ValidationError, match="请填写退回修改的原因"):
        services.claim_return(claim_id=claim.pk, actor=operator, comment=" ")
    venue = claim.expenses.get(category="venue")
    claim = services.claim_return(claim_id=claim.pk, actor=operator, line_notes={venue.pk: "场地费缺少盖章水单"})
    assert claim.status == S.RETURNED
    rework = Deadline.objects.for_subject(claim).open().get()
    assert (rework.kind, rework.owner) == ("mdf_claim_rework", "partner")
    client.force_login(alice)
    page = client.get(reverse("vouchers:claim-edit", args=[claim.pk])).content.decode()
    assert "场地费缺少盖章水单" in page  # the reason is where the partner fixes the line
    assert "场地费缺少盖章水单" in client.get(claim.get_absolute_url()).content.decode()
    services.claim_save(claim_id=claim.pk, actor=alice, amount=Decimal("14000.00"), summary="修改后",
                        lines=lines(("venue", "9000.00"), ("meals", "5000.00")))
    assert claim.expenses.get(category="venue").review_note == "场地费缺少盖章水单"  # kept while fixing
    claim = services.claim_submit(claim_id=claim.pk, actor=alice)
    assert claim.status == S.IN_REVIEW and not claim.expenses.exclude(review_note="").exists()


def test_reject_needs_a_reason_and_is_final(partner_a, alice, operator):
    budget_for(partner_a, operator)
    claim = submitted_claim(alice, operator)
    with pytest.raises(ValidationError, match="请填写核销审核不通过的原因"):
        services.claim_reject(claim_id=claim.pk, actor=operator, comment="")
    services.claim_reject(claim_id=claim.pk, actor=operator, comment="活动未举办")
    with pytest.raises(TransitionNotAllowed):
        services.claim_submit(claim_id=claim.pk, actor=alice)


def test_only_operators_review_and_only_partners_claim(partner_a, alice, operator):
    budget_for(partner_a, operator)
    claim = submitted_claim(alice, operator)
    for call in (services.claim_approve, services.claim_return, services.claim_reject):
        with pytest.raises(PermissionDenied):
            call(claim_id=claim.pk, actor=alice, comment="x")
    with pytest.raises(PermissionDenied):
        services.claim_submit(claim_id=claim.pk, actor=operator)


def test_approval_freezes_the_amount_and_counts_as_used(partner_a, alice, operator):
    budget = budget_for(partner_a, operator)
    claim = approved_claim(alice, operator)
    assert claim.approved_amount == Decimal("15000.00") and claim.approved_at is not None
    assert budget.totals()["used"] == Decimal("15000.00")
    assert sources.get("mdf_claim").payable(claim).amount == Decimal("15000.00")
    with pytest.raises(TransitionNotAllowed, match="核销申请"):
        mdf_services.mdf_withdraw(application_id=claim.application_id, actor=alice)


def test_bob_cannot_reach_alices_claim_or_receipts(partner_a, alice, bob, operator, client):
    budget_for(partner_a, operator)
    claim = submitted_claim(alice, operator)
    receipt_row = claim.receipts.first()
    with pytest.raises(MdfClaim.DoesNotExist):
        services.claim_submit(claim_id=claim.pk, actor=bob)
    client.force_login(bob)
    assert client.get(reverse("vouchers:claim-receipt", args=[receipt_row.pk])).status_code == 404
    assert client.get(claim.get_absolute_url()).status_code == 404
    assert client.post(reverse("vouchers:claim-receipt-upload", args=[claim.pk]), {
        "category": "venue", "files": receipt()}).status_code == 404
    client.force_login(alice)
    response = client.get(reverse("vouchers:claim-receipt", args=[receipt_row.pk]))
    assert response.status_code == 200 and response["Content-Disposition"].startswith("attachment")
    client.force_login(operator)
    assert client.get(reverse("vouchers:claim-receipt", args=[receipt_row.pk])).status_code == 200


def test_claim_pages_end_to_end(partner_a, alice, operator, client):
    budget_for(partner_a, operator)
    application = approved_application(alice, operator, "8000.00")
    client.force_login(alice)
    assert "申请核销" in client.get(application.get_absolute_url()).content.decode()
    url = reverse("vouchers:claim-create", args=[application.pk])
    form = {"amount": "8000.00", "summary": "到场80人", "expenses-TOTAL_FORMS": "2", "expenses-INITIAL_FORMS": "0",
            "expenses-0-category": "venue", "expenses-0-amount": "5000.00",
            "expenses-1-category": "meals", "expenses-1-amount": "2000.00"}
    page = client.post(url, form)
    assert page.status_code == 200 and "费用明细合计 7000.00 元须等于核销金额 8000.00 元" in page.content.decode()
    form["expenses-1-amount"] = "3000.00"
    response = client.post(url, form)
    claim = MdfClaim.objects.get(application=application)
    assert response.status_code == 302 and response["Location"] == claim.get_absolute_url()
    for category in ("venue", "meals"):
        client.post(reverse("vouchers:claim-receipt-upload", args=[claim.pk]),
                    {"category": category, "files": receipt(f"{category}.pdf")})
    bad = client.post(reverse("vouchers:claim-receipt-upload", args=[claim.pk]),
                      {"category": "venue", "files": SimpleUploadedFile("x.exe", b"MZ")}, follow=True)
    assert "仅支持 PDF、JPG、PNG" in bad.content.decode()
    assert claim.receipts.count() == 2
    done = client.post(reverse("vouchers:claim-submit", args=[claim.pk]), follow=True)
    assert "MDF核销申请提交成功!" in done.content.decode()
    client.force_login(operator)
    assert application.activity_name in client.get(reverse("vouchers:claim-review-list")).content.decode()
    review = reverse("vouchers:claim-review", args=[claim.pk])
    venue = claim.expenses.get(category="venue")
    refused = client.post(review, {"decision": "return", "comment": ""})
    assert "请填写退回修改的原因" in refused.content.decode()
    client.post(review, {"decision": "return", f"note_{venue.pk}": "场地合同缺页"})
    claim.refresh_from_db()
    assert claim.status == S.RETURNED
    client.force_login(alice)
    client.post(reverse("vouchers:claim-submit", args=[claim.pk]))
    client.force_login(operator)
    client.post(review, {"decision": "approve", "comment": "同意"})
    claim.refresh_from_db()
    assert claim.status == S.APPROVED and claim.approved_amount == Decimal("8000.00")
    client.force_login(alice)
    detail = client.get(claim.get_absolute_url()).content.decode()
    assert "data-payment-panel" in detail and "待申付金额" in detail
    assert client.get(reverse("vouchers:claim-review-list")).status_code == 404
    assert client.get(reverse("vouchers:claim-list")).status_code == 200


def test_claim_is_paid_through_a_payment_request(partner_a, alice, operator):
    from partnercenter.partners.models import CertifiedBusinessInfo
    from payments.models import PaymentRequest, PayoutMethod
    from payments.services import requests as payments

    make_eligible(partner_a, operator)
    budget_for(partner_a, operator)
    claim = approved_claim(alice, operator)
    request, created = payments.payment_request_start(kind="mdf_claim", source_id=claim.pk, actor=alice)
    assert created and request.amount == Decimal("15000.00")
    payments.payment_request_submit(request_id=request.pk, actor=alice, payout_method=PayoutMethod.BANK)
    claim.refresh_from_db()
    assert claim.status == S.PAYING
    payments.payment_request_reject(request_id=request.pk, actor=operator, comment="账户信息有误")
    claim.refresh_from_db()
    assert claim.status == S.APPROVED  # released: payable again
    request, _created = payments.payment_request_start(kind="mdf_claim", source_id=claim.pk, actor=alice)
    payments.payment_request_submit(request_id=request.pk, actor=alice, payout_method=PayoutMethod.BANK)
    payments.payment_request_approve(request_id=request.pk, actor=operator)
    info = CertifiedBusinessInfo.objects.get(partner=partner_a)
    payments.payment_request_invoice(request_id=request.pk, actor=alice, invoice_file=receipt("发票.pdf"), data={
        "invoice_no": "04400001", "invoice_date": timezone.localdate(), "invoice_tax_id": info.tax_id,
        "invoice_amount": Decimal("15000.00")})
    payments.payment_request_invoice_approve(request_id=request.pk, actor=operator)
    payments.payment_request_pay(request_id=request.pk, actor=operator, reference="FT2026001")
    claim.refresh_from_db()
    assert claim.status == S.PAID
    assert PaymentRequest.objects.get(pk=request.pk).amount == claim.approved_amount
    assert sources.get("mdf_claim").blockers(claim) == ["该核销已付款"]


def test_application_with_a_claim_cannot_be_deleted_or_withdrawn(partner_a, alice, operator):
    budget_for(partner_a, operator)
    claim = claim_in(S.DRAFT, alice, operator)
    application = MdfApplication.objects.get(pk=claim.application_id)
    assert not application.is_deletable
    with pytest.raises(TransitionNotAllowed, match="已有核销申请"):
        mdf_services.mdf_withdraw(application_id=application.pk, actor=alice)
