"""Payment requests through the services: every transition allowed from its states and refused from the others,
frozen amount/payee/method, returned vs rejected, invoice validation, one open request per source."""
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from partnercenter.partners import services as partner_services
from partnercenter.workflow.machine import TransitionNotAllowed
from partnercenter.workflow.models import Deadline, TransitionLog
from payments import services
from payments.models import PaymentRequest
from tests.builders import business_data

from .helpers import accepted_project, invoice_data, invoice_pdf, request_to

pytestmark = pytest.mark.django_db
S = PaymentRequest.Status


def test_the_workflow_graph_is_the_spec():
    assert PaymentRequest.workflow.graph() == {
        S.DRAFT: {S.PROCESSING, S.WITHDRAWN},
        S.PROCESSING: {S.AWAITING_INVOICE, S.RETURNED, S.REJECTED},
        S.RETURNED: {S.PROCESSING, S.WITHDRAWN},
        S.AWAITING_INVOICE: {S.INVOICE_REVIEW},
        S.INVOICE_REVIEW: {S.AWAITING_PAYMENT, S.AWAITING_INVOICE},
        S.AWAITING_PAYMENT: {S.PAID},
    }


def _calls(request, main, operator):
    """Every transition as the service call a page makes: name → call."""
    pk = request.pk
    return {
        "submit": lambda: services.payment_request_submit(request_id=pk, actor=main, payout_method="bank"),
        "withdraw": lambda: services.payment_request_withdraw(request_id=pk, actor=main),
        "approve": lambda: services.payment_request_approve(request_id=pk, actor=operator),
        "return": lambda: services.payment_request_return(request_id=pk, actor=operator, comment="请修改"),
        "reject": lambda: services.payment_request_reject(request_id=pk, actor=operator, comment="不符合"),
        "invoice": lambda: services.payment_request_invoice(request_id=pk, actor=main, data=invoice_data(request),
                                                            invoice_file=invoice_pdf()),
        "invoice_approve": lambda: services.payment_request_invoice_approve(request_id=pk, actor=operator),
        "invoice_return": lambda: services.payment_request_invoice_return(request_id=pk, actor=operator,
                                                                          comment="发票抬头有误"),
        "pay": lambda: services.payment_request_pay(request_id=pk, actor=operator, reference="HW001"),
    }


ALLOWED = {
    S.DRAFT: {"submit", "withdraw"},
    S.PROCESSING: {"approve", "return", "reject"},
    S.RETURNED: {"submit", "withdraw"},  # submit = 修改后重新提交 from 退回修改
    S.AWAITING_INVOICE: {"invoice"},
    S.INVOICE_REVIEW: {"invoice_approve", "invoice_return"},
    S.AWAITING_PAYMENT: {"pay"},
    S.PAID: set(), S.REJECTED: set(), S.WITHDRAWN: set(),
}


@pytest.mark.parametrize("status", list(ALLOWED))
def test_every_transition_is_allowed_only_from_its_states(status, ready_partner, alice, operator):
    project = accepted_project(alice, operator)
    request = request_to(status, project, alice, operator)
    calls = _calls(request, alice, operator)
    for name, call in calls.items():
        if name in ALLOWED[status]:
            continue
        with pytest.raises(TransitionNotAllowed):
            call()
        request.refresh_from_db()
        assert request.status == status, name
    for name in ALLOWED[status]:  # each allowed one really runs from here (fresh request each time)
        other = accepted_project(alice, operator)
        fresh = request_to(status, other, alice, operator)
        _calls(fresh, alice, operator)[name]()
        fresh.refresh_from_db()
        assert fresh.status != status, name


def test_submit_freezes_amount_payee_and_method(ready_partner, alice, operator):
    project = accepted_project(alice, operator, subsidy="12345.67")
    request = request_to(S.PROCESSING, project, alice, operator, method="cloud_account")
    assert request.amount == Decimal("12345.67")
    assert request.payee_name == ready_partner.certified_name and request.payee_account_no == "6222020200112233445"
    assert request.payout_method == "cloud_account" and request.code.startswith("PR")
    # The business information changes later: the request keeps what was agreed.
    application = partner_services.businessinfo_submit(
        partner=ready_partner, actor=alice, data=business_data(ready_partner, bank_account_no="6222999988887777"))
    partner_services.businessinfo_approve(application_id=application.pk, actor=operator)
    request.refresh_from_db()
    assert request.payee_account_no == "6222020200112233445"
    # Returned and resubmitted: the payout method chosen at submission stays.
    services.payment_request_return(request_id=request.pk, actor=operator, comment="请更新开户行")
    services.payment_request_submit(request_id=request.pk, actor=alice, payout_method="voucher_quota")
    request.refresh_from_db()
    assert request.status == S.PROCESSING and request.payout_method == "cloud_account"
    assert request.payee_account_no == "6222999988887777"  # payee re-frozen from the fixed business info


def test_return_keeps_the_request_reject_releases_the_source(ready_partner, alice, operator):
    project = accepted_project(alice, operator)
    request = request_to(S.PROCESSING, project, alice, operator)
    services.payment_request_return(request_id=request.pk, actor=operator, comment="开户行有误")
    request.refresh_from_db()
    assert request.status == S.RETURNED and request.review_comment == "开户行有误"
    again, created = services.payment_request_start(kind="delivery_project", source_id=project.pk, actor=alice)
    assert not created and again.pk == request.pk
    services.payment_request_submit(request_id=request.pk, actor=alice)
    services.payment_request_reject(request_id=request.pk, actor=operator, comment="重复申请")
    request.refresh_from_db()
    assert request.status == S.REJECTED
    fresh, created = services.payment_request_start(kind="delivery_project", source_id=project.pk, actor=alice)
    assert created and fresh.pk != request.pk and fresh.code != request.code


def test_review_comments_are_required_to_return_or_reject(ready_partner, alice, operator):
    request = request_to(S.PROCESSING, accepted_project(alice, operator), alice, operator)
    with pytest.raises(ValidationError):
        services.payment_request_return(request_id=request.pk, actor=operator, comment=" ")
    with pytest.raises(ValidationError):
        services.payment_request_reject(request_id=request.pk, actor=operator, comment="")


def test_double_start_and_double_submit_make_one_request(ready_partner, alice, operator):
    project = accepted_project(alice, operator)
    first, created_1 = services.payment_request_start(kind="delivery_project", source_id=project.pk, actor=alice)
    second, created_2 = services.payment_request_start(kind="delivery_project", source_id=project.pk, actor=alice)
    assert created_1 and not created_2 and first.pk == second.pk
    services.payment_request_submit(request_id=first.pk, actor=alice, payout_method="bank")
    with pytest.raises(TransitionNotAllowed):
        services.payment_request_submit(request_id=first.pk, actor=alice, payout_method="bank")
    assert PaymentRequest.objects.count() == 1
    assert TransitionLog.objects.for_subject(first).filter(action="submit").count() == 1


def test_invoice_is_checked_against_the_request(ready_partner, alice, operator):
    request = request_to(S.AWAITING_INVOICE, accepted_project(alice, operator, subsidy="1000.00"), alice, operator)

    def attempt(file=None, **overrides):
        return services.payment_request_invoice(request_id=request.pk, actor=alice,
                                                data=invoice_data(request, **overrides),
                                                invoice_file=file or invoice_pdf())

    with pytest.raises(ValidationError) as wrong_amount:
        attempt(invoice_amount=Decimal("999.99"))
    assert "invoice_amount" in wrong_amount.value.error_dict
    with pytest.raises(ValidationError) as wrong_tax:
        attempt(invoice_tax_id="91110108MA01ABCD4Y")
    assert "invoice_tax_id" in wrong_tax.value.error_dict
    with pytest.raises(ValidationError) as fake_pdf:
        attempt(file=invoice_pdf("发票.pdf", content=b"MZ\x90\x00 not a pdf"))
    assert "invoice_file" in fake_pdf.value.error_dict
    with pytest.raises(ValidationError):
        attempt(file=invoice_pdf("发票.exe"))
    request.refresh_from_db()
    assert request.status == S.AWAITING_INVOICE and not request.invoice_file
    attempt()
    request.refresh_from_db()
    assert request.status == S.INVOICE_REVIEW and request.invoice_amount == Decimal("1000.00")


def test_invoice_return_then_paid_closes_the_clocks(ready_partner, alice, operator):
    project = accepted_project(alice, operator)
    request = request_to(S.INVOICE_REVIEW, project, alice, operator)
    services.payment_request_invoice_return(request_id=request.pk, actor=operator, comment="发票抬头有误")
    request.refresh_from_db()
    assert request.status == S.AWAITING_INVOICE and request.review_comment == "发票抬头有误"
    services.payment_request_invoice(request_id=request.pk, actor=alice, data=invoice_data(request),
                                     invoice_file=invoice_pdf())
    services.payment_request_invoice_approve(request_id=request.pk, actor=operator)
    services.payment_request_pay(request_id=request.pk, actor=operator, reference="HW2026")
    request.refresh_from_db()
    project.refresh_from_db()
    assert request.status == S.PAID and request.paid_on is not None and project.subsidy_paid_at is not None
    assert not Deadline.objects.for_subject(request).open().exists()


def test_only_payers_and_operators_act(ready_partner, alice, andy, operator):
    project = accepted_project(alice, operator)
    with pytest.raises(PermissionDenied):
        services.payment_request_start(kind="delivery_project", source_id=project.pk, actor=andy)
    request = request_to(S.PROCESSING, project, alice, operator)
    with pytest.raises(PermissionDenied):
        services.payment_request_approve(request_id=request.pk, actor=alice)


def test_another_partners_source_cannot_be_requested(ready_partner, alice, bob, operator):
    project = accepted_project(alice, operator)
    with pytest.raises(ValidationError):
        services.payment_request_start(kind="delivery_project", source_id=project.pk, actor=bob)


def test_source_callbacks_run_once_per_hold(ready_partner, alice, operator, monkeypatch):
    """on_requested when submitted (not again on a resubmission: a return does not release the source, which
    stays in its 申付中 state and may say so in its blockers); on_released on withdrawal or final rejection."""
    from payments import sources

    source = sources.get("delivery_project")
    calls, held = [], set()

    def on_requested(obj, payment, actor):
        calls.append("requested")
        held.add(obj.pk)

    def on_released(obj, payment, actor):
        calls.append("released")
        held.discard(obj.pk)

    original = source.blockers
    monkeypatch.setattr(source, "on_requested", on_requested)
    monkeypatch.setattr(source, "on_released", on_released)
    monkeypatch.setattr(source, "blockers", lambda obj: ["申付中"] if obj.pk in held else original(obj))
    project = accepted_project(alice, operator)
    request = request_to(S.RETURNED, project, alice, operator)
    services.payment_request_submit(request_id=request.pk, actor=alice)  # resubmit despite the source's 申付中
    assert calls == ["requested"]
    services.payment_request_reject(request_id=request.pk, actor=operator, comment="不符合")
    assert calls == ["requested", "released"]
    again = request_to(S.RETURNED, project, alice, operator)
    services.payment_request_withdraw(request_id=again.pk, actor=alice)
    assert calls == ["requested", "released", "requested", "released"]
    draft = request_to(S.DRAFT, project, alice, operator)
    services.payment_request_withdraw(request_id=draft.pk, actor=alice)  # never submitted: nothing to release
    assert calls == ["requested", "released", "requested", "released"]
