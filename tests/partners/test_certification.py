"""实名认证 and 商业信息认证 through the services: state, audit trail, deadlines, notifications, guards."""
import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from partnercenter.notifications.models import Notification
from partnercenter.partners import selectors, services
from partnercenter.partners.models import CertifiedBusinessInfo, Partner, ReviewStatus
from partnercenter.workflow.machine import TransitionNotAllowed
from partnercenter.workflow.models import Deadline, TransitionLog
from partnercenter.workflow.selectors import timeline_for
from tests.builders import business_data, certify_business_info, realname_data, verify_real_name

pytestmark = pytest.mark.django_db


def test_realname_submit_sets_under_review_opens_clock_and_tells_operators(alice, operator):
    application = services.realname_submit(partner=alice.partner, actor=alice, data=realname_data(alice.partner))
    alice.partner.refresh_from_db()
    assert alice.partner.real_name_status == Partner.RealName.UNDER_REVIEW
    deadline = Deadline.objects.for_subject(application).get()
    assert (deadline.owner, deadline.working_days, deadline.status) == ("vendor", 3, "open")
    assert Notification.objects.filter(recipient=operator, url=application.get_review_url()).exists()
    [entry] = timeline_for(application)
    assert (entry.action, entry.from_status, entry.to_status, entry.actor_name) == ("submit", "", "pending", "王丽")


def test_reject_then_resubmit_then_approve_keeps_every_step(alice, operator):
    application = services.realname_submit(partner=alice.partner, actor=alice, data=realname_data(alice.partner))
    services.realname_reject(application_id=application.pk, actor=operator, opinion="营业执照不清晰",
                             reason_code="document_unclear")
    alice.partner.refresh_from_db()
    assert alice.partner.real_name_status == Partner.RealName.REJECTED
    assert Notification.objects.filter(recipient=alice, body="营业执照不清晰").exists()

    services.realname_resubmit(application_id=application.pk, actor=alice,
                               data=realname_data(alice.partner, legal_person="李四"))
    services.realname_approve(application_id=application.pk, actor=operator, comment="材料齐全")

    application.refresh_from_db()
    alice.partner.refresh_from_db()
    assert application.revision == 2 and application.legal_person == "李四"
    assert alice.partner.real_name_status == Partner.RealName.VERIFIED
    assert alice.partner.certified_name == alice.partner.name
    steps = [(e.action, e.from_status, e.to_status, e.reason_code) for e in timeline_for(application)]
    assert steps == [
        ("submit", "", "pending", ""),
        ("reject", "pending", "rejected", "document_unclear"),
        ("resubmit", "rejected", "pending", ""),
        ("approve", "pending", "approved", ""),
    ]
    assert [e.reason_label for e in timeline_for(application)][1] == "证件材料不清晰或不完整"  # shown, not the code
    # Each review clock closed when its state was left; exactly one per submission.
    assert list(Deadline.objects.for_subject(application).values_list("status", flat=True)) == ["met", "met"]


def test_reject_needs_an_opinion(alice, operator):
    application = services.realname_submit(partner=alice.partner, actor=alice, data=realname_data(alice.partner))
    with pytest.raises(ValidationError):
        services.realname_reject(application_id=application.pk, actor=operator, opinion="  ")
    application.refresh_from_db()
    assert application.status == ReviewStatus.PENDING


def test_partner_users_cannot_review_and_managers_cannot_submit(alice, andy, bob):
    with pytest.raises(PermissionDenied):
        services.realname_submit(partner=alice.partner, actor=andy, data=realname_data(alice.partner))
    with pytest.raises(PermissionDenied):
        services.realname_submit(partner=alice.partner, actor=bob, data=realname_data(alice.partner))
    application = services.realname_submit(partner=alice.partner, actor=alice, data=realname_data(alice.partner))
    with pytest.raises(PermissionDenied):
        services.realname_approve(application_id=application.pk, actor=alice)


def test_second_submission_while_pending_is_refused(alice):
    services.realname_submit(partner=alice.partner, actor=alice, data=realname_data(alice.partner))
    with pytest.raises(TransitionNotAllowed, match="审核中"):
        services.realname_submit(partner=alice.partner, actor=alice, data=realname_data(alice.partner))


def test_deciding_twice_gets_a_clear_message(alice, operator):
    application = services.realname_submit(partner=alice.partner, actor=alice, data=realname_data(alice.partner))
    services.realname_approve(application_id=application.pk, actor=operator)
    with pytest.raises(TransitionNotAllowed, match="审核通过"):
        services.realname_reject(application_id=application.pk, actor=operator, opinion="迟到的意见")
    assert TransitionLog.objects.filter(action="reject").count() == 0


def test_business_info_needs_real_name_first(alice):
    with pytest.raises(ValidationError, match="实名认证"):
        services.businessinfo_submit(partner=alice.partner, actor=alice, data=business_data(alice.partner))


def test_bank_account_name_must_match_certified_name(alice, operator):
    verify_real_name(alice.partner, alice, operator)
    with pytest.raises(ValidationError) as raised:
        services.businessinfo_submit(partner=alice.partner, actor=alice,
                                     data=business_data(alice.partner, bank_account_name="别人的公司"))
    assert "bank_account_name" in raised.value.error_dict


def test_approval_freezes_certified_info_and_a_pending_change_blocks_settlement(alice, operator):
    verify_real_name(alice.partner, alice, operator)
    assert "未完成商业信息认证" in selectors.settlement_blockers(partner=alice.partner)
    certify_business_info(alice.partner, alice, operator)
    assert selectors.settlement_blockers(partner=alice.partner) == []
    assert selectors.business_info_status(partner=alice.partner)[0] == "certified"

    change = services.businessinfo_submit(partner=alice.partner, actor=alice,
                                          data=business_data(alice.partner, bank_account_no="6222000011112222"))
    assert change.kind == "change"
    assert selectors.business_info_status(partner=alice.partner)[0] == "change_pending"
    assert selectors.settlement_blockers(partner=alice.partner) == ["商业信息变更审核中，认证完成前无法结算"]
    # The certified values stay in force until the change is approved.
    assert CertifiedBusinessInfo.objects.get(partner=alice.partner).bank_account_no == "6222020200112233445"

    services.businessinfo_reject(application_id=change.pk, actor=operator, opinion="账号无法核实")
    assert selectors.business_info_status(partner=alice.partner)[0] == "change_rejected"
    assert selectors.settlement_blockers(partner=alice.partner) == []
    assert CertifiedBusinessInfo.objects.get(partner=alice.partner).bank_account_no == "6222020200112233445"


def test_withdraw_then_resubmit(alice, operator):
    verify_real_name(alice.partner, alice, operator)
    application = services.businessinfo_submit(partner=alice.partner, actor=alice, data=business_data(alice.partner))
    services.businessinfo_withdraw(application_id=application.pk, actor=alice)
    application.refresh_from_db()
    assert application.status == ReviewStatus.WITHDRAWN
    assert Deadline.objects.for_subject(application).get().status == "met"
    services.businessinfo_resubmit(application_id=application.pk, actor=alice, data=business_data(alice.partner))
    application.refresh_from_db()
    assert application.status == ReviewStatus.PENDING
    assert Deadline.objects.for_subject(application).open().count() == 1
