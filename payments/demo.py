"""Demo data of the payments wing (after incentives' demo).

Every partner's older confirmed incentive bills are paid through payment requests (a bill is only ever paid
that way). For alice's and bob's partners: payment requests from their two newest confirmed bills in several
statuses (已付款, 待开票, 发票审核中, 退回修改, 待提交申请), a delivery-support project whose subsidy is being
requested, another in 项目跟踪, and for alice a 华为云付款协议 with its PDF.

Idempotent: paid bills are not paid again; a partner that already has an open payment request or a delivery
project is left alone."""
import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from incentives.models import ReconciliationBill
from partnercenter.partners.models import ConsumptionLine, Customer, Opportunity, User
from partnercenter.workflow.machine import TransitionNotAllowed

from . import services
from .models import DeliveryProject, PaymentContract, PaymentRequest
from .services.contracts import months_back

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
SKIPPED = (ValidationError, TransitionNotAllowed)
# Per partner: the two confirmed bills' requests, then the delivery project's subsidy request.
PLANS = {"alice": ("paid", "awaiting_invoice", "processing"), "bob": ("invoice_review", "returned", "draft")}


def build(stdout=None) -> None:
    operator = User.objects.filter(username="operator").first()
    if operator is None:
        return
    settled = _settle_old_bills(operator)
    made = 0
    for username in ("alice", "bob"):
        main = User.objects.filter(username=username).select_related("partner").first()
        if operator is None or main is None or main.partner is None:
            return
        partner = main.partner
        if PaymentRequest.objects.filter(partner=partner).exclude(status=PaymentRequest.Status.PAID).exists() or \
                DeliveryProject.objects.filter(partner=partner).exists():
            return
        try:
            plans = PLANS[username]
            _bill_requests(main, operator, plans[:2])
            _projects(main, operator, plans[2])
        except SKIPPED as exc:  # e.g. a partner whose business information is not certified
            if stdout is not None:
                stdout.write(f"  payments: {username} skipped ({exc})\n")
        if username == "alice" and not PaymentContract.objects.filter(partner=partner).exists():
            _contract(main)
        made += 1
    if stdout is not None:
        stdout.write(f"  payments: {settled} older bills paid, "
                     f"{PaymentRequest.objects.count()} 付款申请, {DeliveryProject.objects.count()} "
                     f"交付项目, {PaymentContract.objects.count()} 付款协议 (+{made} partners)\n")


def _invoice(main, request):
    request.refresh_from_db()
    info = main.partner.business_info
    services.payment_request_invoice(
        request_id=request.pk, actor=main, invoice_file=SimpleUploadedFile("invoice.pdf", PDF, "application/pdf"),
        data={"invoice_no": f"{request.pk:08d}", "invoice_date": timezone.localdate(), "invoice_tax_id": info.tax_id,
              "invoice_amount": request.amount})


def _settle_old_bills(operator) -> int:
    """Each partner's confirmed bills but the newest two: requested, approved, invoiced and paid."""
    paid = 0
    paying = ReconciliationBill.objects.filter(status=ReconciliationBill.Status.PAYING).order_by("partner_id", "period")
    by_partner: dict[int, list] = {}
    for bill in paying:
        by_partner.setdefault(bill.partner_id, []).append(bill)
    for partner_id, bills in by_partner.items():
        main = User.objects.filter(partner_id=partner_id).main_accounts().select_related("partner").first()
        if main is None:
            continue
        for bill in bills[:-2]:
            try:
                _walk(main, operator, "incentive_bill", bill.pk, "paid")
                paid += 1
            except SKIPPED:  # e.g. business information not certified: the bill waits, as it would
                break
    return paid


def _bill_requests(main, operator, plans):
    bills = list(ReconciliationBill.objects.filter(partner=main.partner, status=ReconciliationBill.Status.PAYING)
                 .order_by("period"))
    for bill, plan in zip(bills, plans, strict=False):
        _walk(main, operator, "incentive_bill", bill.pk, plan)


def _walk(main, operator, kind, source_id, plan):
    """One payment request for the source, walked through the services up to `plan`."""
    request, _created = services.payment_request_start(kind=kind, source_id=source_id, actor=main)
    if plan == "draft":
        return
    services.payment_request_submit(request_id=request.pk, actor=main,
                                    payout_method="cloud_account" if plan == "returned" else "bank")
    if plan == "returned":
        services.payment_request_return(request_id=request.pk, actor=operator,
                                        comment="返华为云账户需先绑定华为云账号，请改为银行转账或补充账号信息后重新提交。")
        return
    if plan == "processing":
        return
    services.payment_request_approve(request_id=request.pk, actor=operator, comment="金额核对无误。")
    if plan == "awaiting_invoice":
        return
    _invoice(main, request)
    if plan == "invoice_review":
        return
    services.payment_request_invoice_approve(request_id=request.pk, actor=operator)
    services.payment_request_pay(request_id=request.pk, actor=operator,
                                 reference=f"HWPAY{timezone.localdate():%Y%m%d}{request.pk:04d}")


def _opportunity(partner, customer, n, status):
    code = f"DEMO-DP-{partner.pk}-{n}"
    opp, _created = Opportunity.objects.get_or_create(code=code, defaults={
        "partner": partner, "customer": customer, "name": f"{customer.name} 上云交付", "status": status,
        "core_tags": ["migration"], "expected_amount": Decimal("300000.00"),
        "delivery_starts_on": timezone.localdate() - dt.timedelta(days=90)})
    return opp


def _projects(main, operator, plan):
    customers = list(Customer.objects.filter(partner=main.partner).order_by("pk")[:2])
    if len(customers) < 2:
        return
    opp = _opportunity(main.partner, customers[0], 1, Opportunity.Status.DELIVERED)
    project = services.project_report(actor=main, data={
        "opportunity": opp, "name": "核心业务系统上云迁移", "scope": "ERP、CRM 迁移至华为云，含数据库迁移与性能调优。",
        "staff_count": 5, "workload_days": 120, "requested_subsidy": Decimal("30000.00")})
    services.project_review_report(project_id=project.pk, actor=operator, approve=True, comment="报备信息完整。")
    services.project_update_progress(project_id=project.pk, actor=main, note="完成数据库迁移与割接演练。")
    services.project_request_acceptance(project_id=project.pk, actor=main, note="系统已上线，客户已签署验收单。")
    services.project_accept(project_id=project.pk, actor=operator, approved_subsidy=Decimal("28000.00"),
                            comment="按实际工作量核定。")
    services.project_evaluate(project_id=project.pk, actor=operator, rating=4, evaluation="交付规范，文档齐全。")
    _walk(main, operator, "delivery_project", project.pk, plan)
    second = _opportunity(main.partner, customers[1], 2, Opportunity.Status.IN_PROGRESS)
    tracking = services.project_report(actor=main, data={
        "opportunity": second, "name": "大数据平台建设", "scope": "基于华为云 MRS 搭建数据湖。", "staff_count": 3,
        "workload_days": 60, "requested_subsidy": Decimal("15000.00")})
    services.project_review_report(project_id=tracking.pk, actor=operator, approve=True)


def _contract(main):
    if not main.partner.is_real_name_verified:
        return
    today = timezone.localdate()
    end = months_back(today.replace(day=1), 1)
    start = months_back(end, 2)
    if not ConsumptionLine.objects.filter(partner=main.partner, bill_cycle__gte=start, bill_cycle__lte=end).exists():
        return
    contract = services.contract_create(actor=main, period_start=start, period_end=end,
                                        committed_payment_date=today - dt.timedelta(days=10))
    services.contract_render(contract_id=contract.pk)  # the demo has no worker running
