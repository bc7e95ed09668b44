"""Payments test helpers: state built through the services (opportunity → project → paid request, contracts)."""
import datetime as dt
import itertools
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from partnercenter.partners.models import Opportunity
from payments import services
from payments.models import DeliveryProject, PaymentRequest
from tests.factories import CustomerFactory

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
TAX_ID = "91110108MA01ABCD3X"  # tests.builders.business_data's tax id
_codes = itertools.count(1)


def invoice_pdf(name="发票.pdf", content=PDF):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def opportunity(partner, *, customer=None, status=Opportunity.Status.IN_PROGRESS, **kwargs):
    customer = customer or CustomerFactory(partner=partner)
    return Opportunity.objects.create(partner=partner, customer=customer, code=f"OPP{next(_codes):08d}",
                                      name=kwargs.pop("name", "上云迁移项目"), status=status, **kwargs)


def project_data(opp, **overrides):
    data = {"opportunity": opp, "name": "ERP上云交付", "scope": "迁移ERP系统至华为云", "staff_count": 3,
            "workload_days": 40, "requested_subsidy": Decimal("20000.00")}
    data.update(overrides)
    return data


def accepted_project(main, operator, *, customer=None, subsidy="15000.00", **overrides) -> DeliveryProject:
    opp = opportunity(main.partner, customer=customer)
    project = services.project_report(actor=main, data=project_data(opp, **overrides))
    services.project_review_report(project_id=project.pk, actor=operator, approve=True)
    services.project_request_acceptance(project_id=project.pk, actor=main, note="已上线，客户签署验收单")
    return services.project_accept(project_id=project.pk, actor=operator, approved_subsidy=Decimal(subsidy))


def invoice_data(request: PaymentRequest, **overrides):
    data = {"invoice_no": "12345678", "invoice_date": timezone.localdate(), "invoice_tax_id": TAX_ID,
            "invoice_amount": request.amount}
    data.update(overrides)
    return data


def request_to(status: str, project, main, operator, *, method="bank") -> PaymentRequest:
    """A payment request for `project` walked through the services up to `status`."""
    S = PaymentRequest.Status
    request, _ = services.payment_request_start(kind="delivery_project", source_id=project.pk, actor=main)
    if status == S.DRAFT:
        return request
    services.payment_request_submit(request_id=request.pk, actor=main, payout_method=method)
    pk = request.pk
    steps = {
        S.RETURNED: [lambda: services.payment_request_return(request_id=pk, actor=operator, comment="开户行有误")],
        S.REJECTED: [lambda: services.payment_request_reject(request_id=pk, actor=operator, comment="重复申请")],
        S.WITHDRAWN: [lambda: services.payment_request_return(request_id=request.pk, actor=operator, comment="改"),
                      lambda: services.payment_request_withdraw(request_id=request.pk, actor=main)],
    }
    flow = [
        (S.AWAITING_INVOICE, lambda: services.payment_request_approve(request_id=request.pk, actor=operator)),
        (S.INVOICE_REVIEW, lambda: services.payment_request_invoice(
            request_id=request.pk, actor=main, data=invoice_data(request.__class__.objects.get(pk=request.pk)),
            invoice_file=invoice_pdf())),
        (S.AWAITING_PAYMENT, lambda: services.payment_request_invoice_approve(request_id=request.pk, actor=operator)),
        (S.PAID, lambda: services.payment_request_pay(request_id=pk, actor=operator, reference="HW001")),
    ]
    if status in steps:
        for step in steps[status]:
            step()
    elif status != S.PROCESSING:
        for target, step in flow:
            step()
            if target == status:
                break
    request.refresh_from_db()
    assert request.status == status
    return request


def contract_for(main, *, start=dt.date(2026, 10, 1), end=dt.date(2026, 10, 1), committed=None, render=True):
    contract = services.contract_create(actor=main, period_start=start, period_end=end,
                                        committed_payment_date=committed or timezone.localdate())
    if render:
        services.contract_render(contract_id=contract.pk)
        contract.refresh_from_db()
    return contract
