"""机会点激励申请 through its services: the whole graph, every transition allowed and refused, bad input, roles."""
import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from incentives.opportunities import services
from incentives.opportunities.models import ApplicationVersion, OpportunityApplication
from incentives.opportunities.payable import SOURCE
from partnercenter.partners.models import User
from partnercenter.workflow.machine import TransitionNotAllowed
from partnercenter.workflow.models import Deadline, TransitionLog
from tests.factories import UserFactory

from .helpers import confirmed, draft, opportunity, pdf, published, submitted

pytestmark = pytest.mark.django_db
S = OpportunityApplication.Status


def test_graph_is_declared_once():
    assert OpportunityApplication.workflow.graph() == {
        S.DRAFT: {S.IN_REVIEW},
        S.RETURNED: {S.IN_REVIEW},
        S.IN_REVIEW: {S.DRAFT, S.PUBLICITY, S.RETURNED, S.REJECTED},
        S.PUBLICITY: {S.PAYABLE, S.DISPUTED},
        S.DISPUTED: {S.PUBLICITY},
        S.PAYABLE: {S.PAYING},
        S.PAYING: {S.COMPLETED, S.PAYABLE},
    }


def test_whole_path_with_rework_dispute_and_payout(alice, operator):
    application = submitted(alice)
    assert application.status == S.IN_REVIEW and application.code.startswith("OI")
    deadline = Deadline.objects.for_subject(application).open().get()
    assert deadline.owner == "vendor" and deadline.working_days == 3
    services.application_return(application_id=application.pk, actor=operator,
                                reason_codes=["amount_mismatch", "materials_unstamped"],
                                field_comments={"basis_amount": "请按合同金额填写"}, comment="请修改")
    application.refresh_from_db()
    assert application.status == S.RETURNED
    version = application.versions.get()
    assert version.decision == "returned" and version.field_comments["basis_amount"] == "请按合同金额填写"
    assert version.field_comments["materials"] == "材料未盖章或印章不清晰"
    old_letter = application.materials.get()
    services.application_save(application_id=application.pk, actor=alice, basis_amount="180000.00",
                              description=application.description, letters=[pdf("新申请函.pdf")],
                              remove_material_ids=[old_letter.pk])
    services.application_submit(application_id=application.pk, actor=alice)
    second = application.versions.get(number=2)
    diff = services.version_diff(second)
    assert {"field": "basis_amount", "before": "200000.00", "after": "180000.00"} in diff
    assert {"field": "materials", "before": "盖章申请函.pdf", "after": "新申请函.pdf"} in diff
    services.application_approve(application_id=application.pk, actor=operator, incentive_amount="9000.00")
    services.application_dispute(application_id=application.pk, actor=alice, comment="激励比例应为6%")
    application.refresh_from_db()
    assert application.status == S.DISPUTED
    assert Deadline.objects.for_subject(application).open().get().kind == "opportunity_incentive_dispute"
    services.application_answer(application_id=application.pk, actor=operator, answer="已按6%调整",
                                incentive_amount="10800.00")
    application = services.application_confirm(application_id=application.pk, actor=alice)
    assert application.status == S.PAYABLE and application.payable_amount == Decimal("10800.00")
    assert SOURCE.payable(application).amount == Decimal("10800.00") and SOURCE.blockers(application) == []
    SOURCE.on_requested(application, None, alice)
    SOURCE.on_requested(application, None, alice)  # a resubmitted payment request: no second transition
    application.refresh_from_db()
    assert application.status == S.PAYING
    SOURCE.on_released(application, None, alice)
    application.refresh_from_db()
    assert application.status == S.PAYABLE
    SOURCE.on_requested(application, None, alice)
    SOURCE.on_paid(application, None, operator)
    application.refresh_from_db()
    assert application.status == S.COMPLETED
    assert SOURCE.blockers(application) == ["该机会点激励已完成付款"]
    actions = list(TransitionLog.objects.filter(object_id=application.pk, content_type__model="opportunityapplication")
                   .values_list("action", flat=True))
    assert actions == ["create", "submit", "return", "submit", "approve", "dispute", "answer", "confirm",
                       "request_payment", "release", "request_payment", "pay"]


def test_reject_is_final(alice, operator):
    application = submitted(alice)
    services.application_reject(application_id=application.pk, actor=operator, reason_code="not_eligible",
                                comment="非PCE项目")
    for call in (lambda: services.application_submit(application_id=application.pk, actor=alice),
                 lambda: services.application_withdraw(application_id=application.pk, actor=alice),
                 lambda: services.application_approve(application_id=application.pk, actor=operator,
                                                      incentive_amount="1.00")):
        with pytest.raises(TransitionNotAllowed, match="审核不通过"):
            call()
    with pytest.raises(ValidationError, match="不能修改"):
        services.application_save(application_id=application.pk, actor=alice, basis_amount="1.00",
                                  description="x")
    with pytest.raises(ValidationError, match="重复申请|不能申请激励"):
        draft(alice, application.opportunity)


REFUSED = [
    # (state builder, transition call name)
    ("draft", "withdraw"), ("draft", "approve"), ("draft", "confirm"), ("draft", "dispute"),
    ("in_review", "submit"), ("in_review", "confirm"), ("in_review", "answer"),
    ("publicity", "submit"), ("publicity", "approve"), ("publicity", "withdraw"), ("publicity", "answer"),
    ("payable", "confirm"), ("payable", "dispute"), ("payable", "approve"),
]


def _state(name, alice, operator):
    if name == "draft":
        return draft(alice)
    if name == "in_review":
        return submitted(alice)
    if name == "publicity":
        return published(alice, operator)
    return confirmed(alice, operator)


def _call(name, application, alice, operator):
    pk = application.pk
    return {
        "submit": lambda: services.application_submit(application_id=pk, actor=alice),
        "withdraw": lambda: services.application_withdraw(application_id=pk, actor=alice),
        "approve": lambda: services.application_approve(application_id=pk, actor=operator, incentive_amount="5.00"),
        "confirm": lambda: services.application_confirm(application_id=pk, actor=alice),
        "dispute": lambda: services.application_dispute(application_id=pk, actor=alice, comment="不对"),
        "answer": lambda: services.application_answer(application_id=pk, actor=operator, answer="好"),
    }[name]


@pytest.mark.parametrize(("state", "action"), REFUSED)
def test_refused_transitions_change_nothing(state, action, alice, operator):
    application = _state(state, alice, operator)
    before = TransitionLog.objects.count()
    with pytest.raises(TransitionNotAllowed, match="当前状态为"):
        _call(action, application, alice, operator)()
    refreshed = OpportunityApplication.objects.get(pk=application.pk)
    assert refreshed.status == application.status and TransitionLog.objects.count() == before


def test_approving_a_just_withdrawn_application_is_refused(alice, operator):
    application = submitted(alice)
    services.application_withdraw(application_id=application.pk, actor=alice)
    with pytest.raises(TransitionNotAllowed, match="当前状态为“草稿”"):
        services.application_approve(application_id=application.pk, actor=operator, incentive_amount="100.00")
    application.refresh_from_db()
    assert application.status == S.DRAFT and application.incentive_amount is None
    assert application.versions.get().decision == "withdrawn"


def test_only_the_main_account_applies(alice, andy, operator):
    opp = opportunity(alice.partner)
    with pytest.raises(PermissionDenied, match="主账号"):
        services.application_create(opportunity_id=opp.pk, actor=andy, basis_amount="1.00", description="x",
                                    letters=[pdf()])
    application = submitted(alice, opp)
    with pytest.raises(PermissionDenied):
        services.application_withdraw(application_id=application.pk, actor=andy)
    with pytest.raises(PermissionDenied):
        services.application_approve(application_id=application.pk, actor=alice, incentive_amount="1.00")


def test_someone_elses_application_is_not_found(alice, bob, operator):
    application = published(alice, operator)
    for call in (lambda: services.application_confirm(application_id=application.pk, actor=bob),
                 lambda: services.application_dispute(application_id=application.pk, actor=bob, comment="x")):
        with pytest.raises(OpportunityApplication.DoesNotExist):
            call()
    assert not OpportunityApplication.objects.for_user(bob).exists()
    assert OpportunityApplication.objects.for_user(operator).count() == 1
    with pytest.raises(ValidationError, match="不能申请激励"):
        draft(bob, application.opportunity)


@pytest.mark.parametrize(("amount", "message"), [
    ("-5", "须大于0"), ("0", "须大于0"), ("1.234", "最多两位小数"), ("100000000.01", "不能超过"),
    ("abc", "须为数字"), ("NaN", "须大于0"), ("Infinity", "须大于0"),
])
def test_bad_amounts_are_refused(alice, amount, message):
    opp = opportunity(alice.partner)
    with pytest.raises(ValidationError, match=message):
        services.application_create(opportunity_id=opp.pk, actor=alice, basis_amount=amount, description="x",
                                    letters=[pdf()])
    assert not OpportunityApplication.objects.exists()


def test_wrong_files_are_refused(alice, settings):
    opp = opportunity(alice.partner)
    fake = SimpleUploadedFile("申请函.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")
    with pytest.raises(ValidationError, match="文件内容与扩展名不符"):
        services.application_create(opportunity_id=opp.pk, actor=alice, basis_amount="1.00", description="x",
                                    letters=[fake])
    exe = SimpleUploadedFile("申请函.exe", b"MZ", content_type="application/octet-stream")
    with pytest.raises(ValidationError, match="仅支持"):
        services.application_create(opportunity_id=opp.pk, actor=alice, basis_amount="1.00", description="x",
                                    letters=[exe])
    settings.UPLOAD_MAX_BYTES = 10
    with pytest.raises(ValidationError, match="文件大小不能超过"):
        services.application_create(opportunity_id=opp.pk, actor=alice, basis_amount="1.00", description="x",
                                    letters=[pdf()])
    assert not OpportunityApplication.objects.exists()


def test_submit_needs_a_stamped_letter(alice):
    opp = opportunity(alice.partner)
    application = services.application_create(opportunity_id=opp.pk, actor=alice, basis_amount="10.00",
                                              description="x", proofs=[pdf("合同.pdf")])
    with pytest.raises(TransitionNotAllowed, match="公章"):
        services.application_submit(application_id=application.pk, actor=alice)
    assert not ApplicationVersion.objects.exists()


def test_only_opportunities_whose_delivery_ended_before_today(alice):
    today = timezone.localdate()
    ends_today = opportunity(alice.partner, ends_on=today)
    no_tag = opportunity(alice.partner, core_tags=())
    ended = opportunity(alice.partner, ends_on=today - dt.timedelta(days=1))
    assert list(type(ended).objects.for_user(alice).incentive_applicable(today)) == [ended]
    for opp in (ends_today, no_tag):
        with pytest.raises(ValidationError, match="不能申请激励"):
            draft(alice, opp)


def test_approval_amount_must_fit_the_basis(alice, operator):
    application = submitted(alice, amount="1000.00")
    with pytest.raises(ValidationError, match="不能超过激励金额依据"):
        services.application_approve(application_id=application.pk, actor=operator, incentive_amount="1000.01")
    application.refresh_from_db()
    assert application.status == S.IN_REVIEW


def test_return_needs_a_reason(alice, operator):
    application = submitted(alice)
    with pytest.raises(ValidationError, match="退回原因"):
        services.application_return(application_id=application.pk, actor=operator, reason_codes=[])
    with pytest.raises(ValidationError, match="未知"):
        services.application_return(application_id=application.pk, actor=operator, reason_codes=["nope"])
    application.refresh_from_db()
    assert application.status == S.IN_REVIEW


def test_reviewers_are_told_and_partner_notified(alice, operator, django_capture_on_commit_callbacks):
    UserFactory(partner=alice.partner, role=User.Role.FINANCE)
    application = submitted(alice)
    with django_capture_on_commit_callbacks(execute=True):
        services.application_approve(application_id=application.pk, actor=operator, incentive_amount="10.00")
    assert alice.notifications.filter(title__contains=application.code).exists()
