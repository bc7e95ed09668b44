"""The FH flow through the services: qualification, specialists and their monthly lists, monthly generation
(idempotent, with a run ledger), confirmation with materials, 初审, expiry across holidays."""
import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import TestCase

from incentives.fh import services
from incentives.fh.models import (
    CertifiedExpert,
    FhGenerationRun,
    FhGenerationRunPartner,
    FhQualification,
    MonthlyIncentive,
    MonthlyIncentiveLine,
    SpecialistRoster,
)
from incentives.fh.tasks import confirm_reminders, monthly_generation
from partnercenter.notifications.models import Notification
from partnercenter.partners.models import Partner
from partnercenter.workflow.machine import TransitionNotAllowed
from partnercenter.workflow.models import Deadline, TransitionLog
from partnercenter.workflow.tasks import sla_sweep
from tests.fh.helpers import (
    QUALIFICATION,
    confirmed,
    expert,
    generate,
    make_eligible,
    member,
    monthly,
    on_day,
    pdf,
    qualify,
    staffed,
    upload_all,
)

pytestmark = pytest.mark.django_db


# 资格申请 ---------------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("path", "stage", "missing"), [
    ("", "", ["未加入数字化转型咨询与系统集成伙伴(SI)发展路径", "尚未达到能力差异化认证阶段"]),
    (Partner.Path.SERVICE, Partner.Stage.CAPABILITY, ["未加入数字化转型咨询与系统集成伙伴(SI)发展路径"]),
    (Partner.Path.DTCSI, Partner.Stage.ROLE_CERTIFIED, ["尚未达到能力差异化认证阶段"]),
])
def test_only_dtcsi_partners_at_capability_stage_may_apply(alice, path, stage, missing):
    Partner.objects.filter(pk=alice.partner_id).update(path=path, stage=stage)
    alice.partner.refresh_from_db()
    with pytest.raises(TransitionNotAllowed) as refused:
        services.qualification_submit(actor=alice, data=QUALIFICATION)
    for text in missing:
        assert text in str(refused.value)
    assert not FhQualification.objects.exists()


def test_qualification_review_reject_resubmit_approve(alice, andy, operator):
    make_eligible(alice.partner)
    with pytest.raises(PermissionDenied):
        services.qualification_submit(actor=andy, data=QUALIFICATION)
    with pytest.raises(ValidationError):
        services.qualification_submit(actor=alice, data={**QUALIFICATION, "agreement": False})
    qualification = services.qualification_submit(actor=alice, data=QUALIFICATION)
    assert qualification.status == FhQualification.Status.IN_REVIEW
    assert Deadline.objects.for_subject(qualification).open().get().owner == "vendor"
    with pytest.raises(TransitionNotAllowed):
        services.qualification_submit(actor=alice, data=QUALIFICATION)
    with pytest.raises(ValidationError):
        services.qualification_reject(qualification_id=qualification.pk, actor=operator, comment=" ")
    services.qualification_reject(qualification_id=qualification.pk, actor=operator, comment="请补充团队说明")
    with pytest.raises(PermissionDenied):
        services.qualification_approve(qualification_id=qualification.pk, actor=alice)
    services.qualification_resubmit(qualification_id=qualification.pk, actor=alice,
                                    data={**QUALIFICATION, "statement": "补充：十名专职售前"})
    qualification = services.qualification_approve(qualification_id=qualification.pk, actor=operator)
    assert qualification.status == FhQualification.Status.APPROVED and qualification.approved_at
    actions = list(TransitionLog.objects.filter(object_id=qualification.pk,
                                                content_type__model="fhqualification").values_list("action", flat=True))
    assert actions == ["submit", "reject", "resubmit", "approve"]


# 项目专员 ---------------------------------------------------------------------------------------------------

def test_specialists_need_the_qualification_and_bound_members(alice, bob, operator):
    person = member(alice.partner, "张专员")
    make_eligible(alice.partner)
    with pytest.raises(ValidationError, match="资格申请审核通过后"):
        services.specialist_add(actor=alice, person_id=person.pk, position="售前")
    qualify(alice, operator)
    with pytest.raises(ValidationError):
        services.specialist_add(actor=alice, person_id=bob.pk, position="售前")  # not our member
    services.specialist_add(actor=alice, person_id=person.pk, position="政务云售前")
    with pytest.raises(ValidationError, match="已是项目专员"):
        services.specialist_add(actor=alice, person_id=person.pk, position="再次")


def test_every_change_resets_the_month_list_review(alice, operator):
    first, second = staffed(alice, operator)
    roster = SpecialistRoster.objects.get(partner=alice.partner)
    assert [e.person_name for e in roster.entries.all()] == sorted([first.full_name, second.full_name])
    assert not roster.is_reviewed
    services.roster_review(actor=alice, roster_id=roster.pk)
    roster.refresh_from_db()
    assert roster.is_reviewed
    specialist = first.fh_specialist_terms.get()
    services.specialist_change(actor=alice, specialist_id=specialist.pk, position="金融云售前")
    roster.refresh_from_db()
    assert not roster.is_reviewed
    assert roster.entries.get(person=first).position == "金融云售前"
    services.roster_review(actor=alice, roster_id=roster.pk)
    services.specialist_end(actor=alice, specialist_id=specialist.pk)  # started this month: withdrawn
    roster.refresh_from_db()
    assert not roster.is_reviewed and list(roster.entries.values_list("person_id", flat=True)) == [second.pk]


# Monthly generation -------------------------------------------------------------------------------------------

def test_generation_lists_certified_active_specialists_with_amounts_by_level(alice, operator):
    senior, uncertified = staffed(alice, operator)
    other = member(alice.partner, "王过期")
    expert(other, CertifiedExpert.Level.ASSOCIATE, valid_from=dt.date(2020, 1, 1), valid_to=dt.date(2020, 12, 31))
    services.specialist_add(actor=alice, person_id=other.pk, position="过期")
    run = generate()
    incentive = MonthlyIncentive.objects.get(partner=alice.partner)
    assert [(line.person_name, line.amount) for line in incentive.lines.all()] == [("张专家", Decimal("8000.00"))]
    assert (incentive.headcount, incentive.amount, incentive.status) == (1, Decimal("8000.00"), "pending")
    assert (run.status, run.partners_total, run.lists_created, run.people_added, run.amount_added) == (
        "succeeded", 1, 1, 1, Decimal("8000.00"))
    assert SpecialistRoster.objects.get(partner=alice.partner, month=incentive.month).frozen_at is not None
    assert Notification.objects.filter(recipient=alice, title__contains="FH激励名单已生成").exists()


def test_generation_is_idempotent_with_a_run_ledger(alice, bob, operator):
    staffed(alice, operator)
    staffed(bob, operator, people=(("赵专家", CertifiedExpert.Level.ASSOCIATE),))
    first = generate()
    second = generate()
    assert MonthlyIncentive.objects.count() == 2 and MonthlyIncentiveLine.objects.count() == 2
    assert (first.lists_created, first.lists_existing) == (2, 0)
    assert (second.lists_created, second.lists_existing, second.people_added, second.amount_added) == (
        0, 2, 0, Decimal("0.00"))
    # a redelivered partner task of the first run adds nothing and does not count twice
    services.generation_partner(run_id=first.pk, partner_id=alice.partner_id)
    first.refresh_from_db()
    assert first.partners_done == 2 and FhGenerationRunPartner.objects.filter(run=first).count() == 2
    assert Deadline.objects.filter(kind="fh_confirm").count() == 2


def test_beat_task_runs_only_on_the_first_working_day(alice, operator):
    staffed(alice, operator)
    # 2026-10-01..07 are National Day holidays: October's first working day is Thursday 10-08.
    assert monthly_generation("2026-10-01") is None
    with on_day(dt.date(2026, 10, 8)), TestCase.captureOnCommitCallbacks(execute=True):
        run_id = monthly_generation("2026-10-08")
    assert FhGenerationRun.objects.get(pk=run_id).month == dt.date(2026, 9, 1)


def test_generation_skips_partners_without_certified_specialists(alice, operator):
    staffed(alice, operator, people=(("李专家", None),))
    run = generate()
    assert run.lists_empty == 1 and not MonthlyIncentive.objects.exists()


# 激励确认, 初审 and expiry -------------------------------------------------------------------------------------

def test_confirm_needs_materials_for_every_person_then_initial_review(alice, andy, operator):
    staffed(alice, operator, people=(("张专家", "senior"), ("钱专家", "associate")))
    generate()
    incentive = MonthlyIncentive.objects.get()
    line = incentive.lines.first()
    with pytest.raises(PermissionDenied):  # the organisation's main account confirms, not a customer manager
        services.material_upload(actor=andy, line_id=line.pk, upload=pdf())
    services.material_upload(actor=alice, line_id=line.pk, upload=pdf())
    with pytest.raises(TransitionNotAllowed, match="尚未上传证明材料"):
        services.incentive_confirm(actor=alice, incentive_id=incentive.pk)
    with pytest.raises(ValidationError):
        services.material_upload(actor=alice, line_id=line.pk, upload=pdf("fake.exe"))
    upload_all(alice, incentive)
    incentive = services.incentive_confirm(actor=alice, incentive_id=incentive.pk)
    assert incentive.status == "in_review"
    assert Deadline.objects.for_subject(incentive).open().get().kind == "fh_initial_review"
    with pytest.raises(TransitionNotAllowed):
        services.material_upload(actor=alice, line_id=line.pk, upload=pdf())
    services.incentive_reject(actor=operator, incentive_id=incentive.pk, comment="张专家的证明缺少盖章")
    incentive.refresh_from_db()
    assert incentive.status == "rejected" and incentive.confirm_due_on
    services.material_upload(actor=alice, line_id=line.pk, upload=pdf("盖章版.pdf"))  # re-upload after the change
    assert line.materials.count() == 3 and line.latest_material.name == "盖章版.pdf"
    services.incentive_confirm(actor=alice, incentive_id=incentive.pk)
    services.incentive_approve(actor=operator, incentive_id=incentive.pk)
    incentive.refresh_from_db()
    assert incentive.status == "approved"


@pytest.mark.parametrize(("generated", "due", "five_before", "one_before"), [
    # Spring Festival 2026: 02-15..02-23 off, 02-14 and 02-28 (Saturdays) are working days.
    (dt.date(2026, 2, 2), dt.date(2026, 3, 20), dt.date(2026, 3, 13), dt.date(2026, 3, 19)),
    # National Day 2026: 10-01..10-07 off, 09-25 Mid-Autumn, 09-20 (Sunday) and 10-10 (Saturday) are working days.
    (dt.date(2026, 9, 1), dt.date(2026, 10, 19), dt.date(2026, 10, 12), dt.date(2026, 10, 16)),
])
def test_thirty_working_day_confirmation_expires_across_holidays(alice, operator, generated, due, five_before,
                                                                 one_before):
    last_month = (generated - dt.timedelta(days=3)).replace(day=1)
    with on_day(last_month + dt.timedelta(days=4)):
        staffed(alice, operator)
    generate(month=last_month, day=generated)  # the first working day lists last month
    incentive = MonthlyIncentive.objects.get()
    assert incentive.confirm_due_on == due
    counts = confirm_reminders((five_before - dt.timedelta(days=1)).isoformat())
    assert counts["reminded_5"] == 0
    assert confirm_reminders(five_before.isoformat())["reminded_5"] == 1
    assert confirm_reminders(five_before.isoformat())["reminded_5"] == 0  # once
    assert confirm_reminders((one_before - dt.timedelta(days=1)).isoformat())["reminded_1"] == 0
    assert confirm_reminders(one_before.isoformat())["reminded_1"] == 1
    assert confirm_reminders(due.isoformat()) == {"expired": 0, "notified": 0, "reminded_5": 0, "reminded_1": 0}
    incentive.refresh_from_db()
    assert incentive.status == "pending" and incentive.reminded_5_at and incentive.reminded_1_at
    titles = [note.title_shown for note in Notification.objects.filter(recipient=alice, title__contains="待确认")
              .order_by("pk")]  # stored as msgid + parameters: read as shown
    assert len(titles) == 2 and "剩余 5 个工作日" in titles[0] and "剩余 1 个工作日" in titles[1]
    day_after = due + dt.timedelta(days=1)
    while day_after.weekday() >= 5:
        day_after += dt.timedelta(days=1)
    counts = confirm_reminders(day_after.isoformat())
    incentive.refresh_from_db()
    assert counts["expired"] == 1 and counts["notified"] == 1 and incentive.status == "expired"
    assert Notification.objects.filter(recipient=alice, title__contains="FH激励已过期").count() == 1
    with pytest.raises(TransitionNotAllowed):
        confirmed(alice, incentive)


def test_the_sla_sweep_expires_too_and_the_notice_follows(alice, operator):
    with on_day(dt.date(2026, 1, 5)):
        staffed(alice, operator)
    generate(month=dt.date(2026, 1, 1), day=dt.date(2026, 2, 2))
    with on_day(dt.date(2026, 3, 23)):
        assert sla_sweep()["expired"] == 1
    incentive = MonthlyIncentive.objects.get()
    assert incentive.status == "expired" and incentive.expiry_notified_at is None
    assert confirm_reminders("2026-03-23")["notified"] == 1
    assert confirm_reminders("2026-03-24")["notified"] == 0


def test_month_of_a_quarter_already_requested_cannot_be_confirmed(alice, operator):
    staffed(alice, operator)
    generate()
    incentive = MonthlyIncentive.objects.get()
    from tests.fh.helpers import quarter_of
    quarter = quarter_of(incentive)
    quarter.status = "requested"
    quarter.save()
    upload_all(alice, incentive)
    with pytest.raises(TransitionNotAllowed, match="本季度已申请付款"):
        services.incentive_confirm(actor=alice, incentive_id=incentive.pk)


def test_dedicated_staff_requirement_counts_valid_certified_experts(alice, operator):
    from partnercenter.partners.onboarding import requirements

    make_eligible(alice.partner)
    before = requirements.count_dedicated_staff(alice.partner)
    assert before == 1  # no expert recorded yet: the members (alice) still count
    a, b, c = (member(alice.partner, name) for name in ("甲", "乙", "丙"))
    expert(a)
    expert(a, CertifiedExpert.Level.SENIOR)  # two certificates, one person
    expert(b, valid_from=dt.date(2020, 1, 1), valid_to=dt.date(2020, 12, 31))  # expired
    expert(c, valid_from=dt.date(2099, 1, 1), valid_to=dt.date(2099, 12, 31))  # not yet valid
    assert requirements.count_dedicated_staff(alice.partner, today=dt.date(2026, 6, 1)) == 1
    assert monthly  # noqa: B018 - helper imported for other tests
