"""资格申请: submit (DTC&SI + 能力差异化 only), operator review, resubmit after a rejection."""
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from partnercenter.stored_text import stored
from partnercenter.workflow.machine import TransitionNotAllowed
from partnercenter.workflow.services import deadline_open, locked_transition, log_transition

from ..models import FhQualification
from ..selectors import qualification_unmet
from .common import FH_REVIEW_WORKING_DAYS, require_main_account, require_vendor, tell_operators, tell_partner

FIELDS = ("contact_name", "contact_phone", "statement")


def _check_eligible(partner) -> None:
    unmet = qualification_unmet(partner)
    if unmet:
        raise TransitionNotAllowed(_("暂不满足FH资格申请条件：%(items)s") % {
            "items": "；".join(f"{check.blocker}（{check.todo}）" for check in unmet)})


def _review_clock(qualification) -> None:
    deadline_open(obj=qualification, partner=qualification.partner, kind="fh_qualification_review",
                  label=stored(gettext_noop("FH资格申请审核：%(partner)s"), {"partner": qualification.partner.name}),
                  working_days=FH_REVIEW_WORKING_DAYS, owner="vendor")


def qualification_submit(*, actor, data) -> FhQualification:
    require_main_account(actor)
    partner = actor.partner
    _check_eligible(partner)
    if not data.get("agreement"):
        raise ValidationError({"agreement": _("请阅读并签署《华为云售前专职人员激励(FH)协议》。")})
    with transaction.atomic():
        if FhQualification.objects.select_for_update().filter(partner=partner).exists():
            raise TransitionNotAllowed(_("已提交过FH资格申请，请在详情页查看审核进度。"))
        qualification = FhQualification(partner=partner, submitted_by=actor, agreement_accepted_at=timezone.now(),
                                        **{field: data[field] for field in FIELDS})
        qualification.full_clean()
        qualification.save()
        log_transition(obj=qualification, action="submit", action_label=_("提交资格申请"), from_status=None,
                       to_status=qualification.status, actor=actor)
        _review_clock(qualification)
        tell_operators(title=stored(gettext_noop("新的FH资格申请待审核：%(partner)s"), {"partner": partner.name}),
                       url=qualification.get_absolute_url())
    return qualification


def qualification_resubmit(*, qualification_id, actor, data) -> FhQualification:
    require_main_account(actor)
    _check_eligible(actor.partner)
    with transaction.atomic():
        with locked_transition(FhQualification, pk=qualification_id, name="resubmit", actor=actor,
                               queryset=FhQualification.objects.for_user(actor)) as qualification:
            for field in FIELDS:
                setattr(qualification, field, data[field])
            qualification.submitted_at = timezone.now()
            qualification.submitted_by = actor
            qualification.review_comment = ""
        _review_clock(qualification)
    return qualification


def qualification_approve(*, qualification_id, actor, comment="") -> FhQualification:
    require_vendor(actor)
    with locked_transition(FhQualification, pk=qualification_id, name="approve", actor=actor,
                           comment=comment) as qualification:
        qualification.review_comment = comment
        qualification.approved_at = timezone.now()
    tell_partner(qualification.partner_id, title=stored(gettext_noop("FH资格申请审核通过，FH协议已生效")),
                 url=qualification.get_absolute_url(), level="success")
    return qualification


def qualification_reject(*, qualification_id, actor, comment) -> FhQualification:
    require_vendor(actor)
    if not (comment or "").strip():
        raise ValidationError({"comment": _("请填写审核不通过的原因。")})
    with locked_transition(FhQualification, pk=qualification_id, name="reject", actor=actor,
                           comment=comment) as qualification:
        qualification.review_comment = comment
    tell_partner(qualification.partner_id,
                 title=stored(gettext_noop("FH资格申请审核不通过，请根据审核意见修改后重新提交")),
                 body=comment, url=qualification.get_absolute_url(), level="danger")
    return qualification
