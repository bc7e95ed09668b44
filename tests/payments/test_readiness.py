"""The payment pre-flight: each blocker with what to do, and the projected date once nothing blocks; the incentive
bill as a source (payable once confirmed, 已发放 when its request is paid)."""
import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from incentives.models import IncentiveDetail, ReconciliationBill
from incentives.services import bill_confirm, bill_publish
from partnercenter.partners import services as partner_services
from partnercenter.partners.models import CertifiedBusinessInfo
from partnercenter.workdays.services import add_working_days
from payments import services
from payments.models import PaymentRequest
from payments.readiness import readiness_for
from tests.builders import business_data, certify_business_info, verify_real_name
from tests.incentives.helpers import PERIOD, consumption, policy

from .helpers import accepted_project, invoice_data, invoice_pdf, opportunity, project_data

pytestmark = pytest.mark.django_db


def messages_of(obj):
    return [b.message for b in readiness_for(obj).blockers]


def test_ready_source_has_a_projected_date_in_working_days(ready_partner, alice, operator):
    project = accepted_project(alice, operator)
    readiness = readiness_for(project)
    assert readiness.ready and readiness.can_request
    from django.utils import timezone

    assert readiness.projected_on == add_working_days(timezone.localdate(), 3 + 5 + 3 + 2)


def test_missing_realname_and_business_info_block_with_what_to_do(partner_a, alice, operator):
    project = accepted_project(alice, operator)
    blockers = readiness_for(project).blockers
    assert [b.message for b in blockers] == ["未完成实名认证", "未完成商业信息认证"]
    assert blockers[0].action == "前往实名认证" and blockers[0].url == "/partner/realname/"
    assert blockers[1].action == "前往商业信息认证"
    with pytest.raises(ValidationError):
        services.payment_request_start(kind="delivery_project", source_id=project.pk, actor=alice)


def test_pending_business_info_change_blocks(ready_partner, alice, operator):
    project = accepted_project(alice, operator)
    partner_services.businessinfo_submit(partner=ready_partner, actor=alice, data=business_data(ready_partner))
    assert messages_of(project) == ["商业信息变更审核中，认证完成前无法结算"]


def test_bank_account_name_must_be_the_realname_name(ready_partner, alice, operator):
    project = accepted_project(alice, operator)
    assert messages_of(project) == []
    # The 实名认证 name changes after the business information was certified (e.g. the company was renamed).
    type(ready_partner).objects.filter(pk=ready_partner.pk).update(certified_name="新名称科技有限公司")
    project.partner.refresh_from_db()
    blockers = readiness_for(project).blockers
    assert [b.message for b in blockers] == ["银行开户名与实名认证名称不一致"]
    assert blockers[0].action == "修改商业信息中的银行开户名"
    # Even where the platform's check has no certified name to compare with, the payment pre-flight does.
    type(ready_partner).objects.filter(pk=ready_partner.pk).update(certified_name="")
    project.partner.refresh_from_db()
    assert "银行开户名与实名认证名称不一致" in messages_of(project)


def test_source_blockers_and_non_positive_amount(ready_partner, alice, operator):
    opp = opportunity(ready_partner)
    project = services.project_report(actor=alice, data=project_data(opp))
    assert messages_of(project) == ["项目尚未验收通过（当前状态：报备审核中），验收通过后才能申请补贴付款"]
    policy()
    consumption(ready_partner, amount="-100.00")  # only a refund: the bill's incentive is negative
    bill = _generated_bill(ready_partner)
    assert messages_of(bill) == ["对账单尚未确认（当前状态：预估），请先确认账单"]
    bill_publish(bill_id=bill.pk)
    bill.refresh_from_db()
    assert messages_of(bill) == ["对账单尚未确认（当前状态：待确认），请先确认账单"]
    bill_confirm(bill_id=bill.pk, actor=alice)
    bill.refresh_from_db()
    assert messages_of(bill) == ["付款金额须大于0（当前 -10.00 元）"]


def _generated_bill(partner):
    from incentives.models import GenerationRun
    from incentives.services.generation import generation_partner

    run = GenerationRun.objects.create(period=PERIOD, partners_total=1)
    generation_partner(run_id=run.pk, partner_id=partner.pk)
    return ReconciliationBill.objects.get(partner=partner, period=PERIOD)


def test_a_confirmed_bill_is_paid_through_its_request(ready_partner, alice, operator):
    policy()
    consumption(ready_partner, amount="1000.00")
    consumption(ready_partner, amount="500.00")
    bill = _generated_bill(ready_partner)
    frozen = bill.details.order_by("pk").last()
    IncentiveDetail.objects.filter(pk=frozen.pk).update(status=IncentiveDetail.Status.FROZEN,
                                                        frozen_reason="授信未回款")
    bill_publish(bill_id=bill.pk)
    bill_confirm(bill_id=bill.pk, actor=alice)
    request, _ = services.payment_request_start(kind="incentive_bill", source_id=bill.pk, actor=alice)
    assert request.amount == Decimal("100.00")  # the frozen line (50.00) is not paid
    services.payment_request_submit(request_id=request.pk, actor=alice, payout_method="bank")
    services.payment_request_approve(request_id=request.pk, actor=operator)
    request.refresh_from_db()
    services.payment_request_invoice(request_id=request.pk, actor=alice, data=invoice_data(request),
                                     invoice_file=invoice_pdf())
    services.payment_request_invoice_approve(request_id=request.pk, actor=operator)
    bill.refresh_from_db()
    assert bill.status == ReconciliationBill.Status.PAYING
    services.payment_request_pay(request_id=request.pk, actor=operator, reference="HW-BILL-1",
                                 paid_on=dt.date(2026, 11, 27))
    bill.refresh_from_db()
    assert bill.status == ReconciliationBill.Status.PAID and bill.paid_at is not None
    assert set(bill.details.values_list("status", flat=True)) == {"paid", "frozen"}
    assert messages_of(bill) == ["该期激励已发放"]
    assert PaymentRequest.objects.get(pk=request.pk).status == PaymentRequest.Status.PAID


def test_business_info_certified_later_unblocks(partner_a, alice, operator):
    verify_real_name(partner_a, alice, operator)
    project = accepted_project(alice, operator)
    assert messages_of(project) == ["未完成商业信息认证"]
    certify_business_info(partner_a, alice, operator)
    assert CertifiedBusinessInfo.objects.filter(partner=partner_a).exists()
    assert messages_of(project) == []
