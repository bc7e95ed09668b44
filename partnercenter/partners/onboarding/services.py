"""发展路径 join, 商业计划/案例 uploads and 角色认证/能力差异化认证 applications, with operator decisions.

Documents and certifications share `ReviewedApplication.workflow` (withdraw/resubmit by the partner,
approve/reject by an operator), the audit log and the 3-working-day review clock.
"""
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from partnercenter.stored_text import stored
from partnercenter.workflow.machine import TransitionNotAllowed
from partnercenter.workflow.services import locked_transition, log_transition

from ..models import CertificationApplication, Partner, PartnerDocument, ReviewStatus, User
from ..services.certification import open_review_clock, require_reviewer, tell_operators, tell_partner
from . import requirements


def _require_main(actor: User, partner: Partner):
    if actor.partner_id != partner.pk or not actor.can_manage_partner_info():
        raise PermissionDenied(_("只有伙伴主账号可以办理发展路径与认证。"))


def path_join(*, partner: Partner, actor: User, path: str) -> Partner:
    """Join one of the four development paths (stage 已加入路径). A certified partner cannot switch paths."""
    _require_main(actor, partner)
    if path not in requirements.STAGE_RULES:
        raise ValidationError({"path": _("请选择有效的发展路径。")})
    with transaction.atomic():
        partner = Partner.objects.select_for_update().get(pk=partner.pk)
        if partner.stage in (Partner.Stage.ROLE_CERTIFIED, Partner.Stage.CAPABILITY):
            raise TransitionNotAllowed(_("已通过角色认证的伙伴不能更换发展路径。"))
        if CertificationApplication.objects.filter(partner=partner, status=ReviewStatus.PENDING).exists():
            raise TransitionNotAllowed(_("有审核中的认证申请，暂不能更换发展路径。"))
        partner.path = path
        partner.stage = Partner.Stage.JOINED
        partner.joined_on = partner.joined_on or timezone.localdate()
        partner.full_clean()
        partner.save(update_fields=["path", "stage", "joined_on"])
    return partner


# 商业计划 / 案例 -------------------------------------------------------------------------------------------

DOCUMENT_FIELDS = ("title", "customer_name", "summary", "file")


def document_submit(*, partner: Partner, actor: User, kind: str, data: dict) -> PartnerDocument:
    _require_main(actor, partner)
    with transaction.atomic():
        document = PartnerDocument(partner=partner, kind=kind, submitted_by=actor, submitted_at=timezone.now(),
                                   status=ReviewStatus.PENDING)
        for field in DOCUMENT_FIELDS:
            if field in data:
                setattr(document, field, data[field])
        if kind == PartnerDocument.Kind.CASE and not (document.customer_name or "").strip():
            raise ValidationError({"customer_name": _("案例需填写客户名称。")})
        document.full_clean()
        document.save()
        log_transition(obj=document, action="submit", action_label=_("提交审核"), from_status="",
                       to_status=ReviewStatus.PENDING, actor=actor)
        open_review_clock(document, stored(gettext_noop("%(kind)s审核：%(title)s"), {
            "kind": document.get_kind_display, "title": document.title}))
        tell_operators(document, stored(gettext_noop("新的%(kind)s待审核：%(title)s"), {
            "kind": document.get_kind_display, "title": document.title}))
    return document


def document_withdraw(*, document_id: int, actor: User) -> PartnerDocument:
    document = PartnerDocument.objects.select_related("partner").get(pk=document_id)
    _require_main(actor, document.partner)
    with locked_transition(PartnerDocument, pk=document_id, name="withdraw", actor=actor) as document:
        pass
    return document


def document_resubmit(*, document_id: int, actor: User, data: dict) -> PartnerDocument:
    """Send a rejected (or withdrawn) 商业计划/案例 back to review as its next version.

    The reviewer's opinion stays in the timeline; the edited fields (and a new file, when one is uploaded)
    replace the current ones, the revision counts up and a fresh 3-working-day review clock starts.
    """
    document = PartnerDocument.objects.select_related("partner").get(pk=document_id)
    _require_main(actor, document.partner)
    if document.kind == PartnerDocument.Kind.CASE and "customer_name" in data \
            and not (data["customer_name"] or "").strip():
        raise ValidationError({"customer_name": _("案例需填写客户名称。")})
    with locked_transition(PartnerDocument, pk=document_id, name="resubmit", actor=actor,
                           comment=_("第%(revision)s版") % {"revision": document.revision + 1}) as document:
        for field in DOCUMENT_FIELDS:
            if field in data and (field != "file" or data[field]):
                setattr(document, field, data[field])
        document.revision += 1
        document.submitted_by, document.submitted_at = actor, timezone.now()
        document.reviewed_by = document.reviewed_at = None
        open_review_clock(document, stored(gettext_noop("%(kind)s审核：%(title)s"), {
            "kind": document.get_kind_display, "title": document.title}))
        tell_operators(document, stored(gettext_noop("%(kind)s已重新提交：%(title)s"), {
            "kind": document.get_kind_display, "title": document.title}))
    return document


def document_approve(*, application_id: int, actor: User, comment: str = "") -> PartnerDocument:
    require_reviewer(actor)
    with locked_transition(PartnerDocument, pk=application_id, name="approve", actor=actor,
                           comment=comment) as document:
        document.reviewed_by, document.reviewed_at, document.opinion = actor, timezone.now(), comment
        tell_partner(document, stored(gettext_noop("%(kind)s已审核通过"), {"kind": document.get_kind_display}),
                     level="success")
    return document


def document_reject(*, application_id: int, actor: User, opinion: str, reason_code: str = "") -> PartnerDocument:
    require_reviewer(actor)
    if not (opinion or "").strip():
        raise ValidationError({"opinion": _("请填写审核不通过的原因。")})
    with locked_transition(PartnerDocument, pk=application_id, name="reject", actor=actor, comment=opinion,
                           reason_code=reason_code) as document:
        document.reviewed_by, document.reviewed_at, document.opinion = actor, timezone.now(), opinion.strip()
        tell_partner(document, stored(gettext_noop("%(kind)s未通过审核，请修改后重新上传"),
                                      {"kind": document.get_kind_display}),
                      body=opinion, level="danger")
    return document


# 角色认证 / 能力差异化认证 -------------------------------------------------------------------------------

def certification_apply(*, partner: Partner, actor: User, kind: str, statement: str = "") -> CertificationApplication:
    """Apply when every requirement of the target stage is met; otherwise say exactly which are not."""
    _require_main(actor, partner)
    with transaction.atomic():
        partner = Partner.objects.select_for_update().get(pk=partner.pk)
        if kind not in requirements.STAGE_BEFORE:
            raise ValidationError(_("请选择有效的认证类型。"))
        if not partner.path:
            raise TransitionNotAllowed(_("请先加入一条发展路径。"))
        if partner.stage != requirements.STAGE_BEFORE[kind]:
            raise TransitionNotAllowed(_("当前阶段（%(stage)s）不能申请%(kind)s。") % {
                "stage": partner.get_stage_display(), "kind": CertificationApplication.Kind(kind).label})
        if CertificationApplication.objects.filter(partner=partner, status=ReviewStatus.PENDING).exists():
            raise TransitionNotAllowed(_("已有审核中的认证申请，请等待审核结果。"))
        stage = Partner.Stage.ROLE_CERTIFIED if kind == "role" else Partner.Stage.CAPABILITY
        missing = requirements.unmet(partner, stage)
        if missing:
            raise TransitionNotAllowed(_("尚未满足以下要求：%(list)s") % {
                "list": "、".join(str(s.label) for s in missing)})
        application = CertificationApplication(partner=partner, kind=kind, path=partner.path, statement=statement,
                                               submitted_by=actor, submitted_at=timezone.now())
        application.full_clean()
        application.save()
        log_transition(obj=application, action="submit", action_label=_("提交申请"), from_status="",
                       to_status=ReviewStatus.PENDING, actor=actor)
        open_review_clock(application, stored(gettext_noop("%(kind)s审核：%(name)s"), {
            "kind": application.get_kind_display, "name": partner.name}))
        tell_operators(application, stored(gettext_noop("新的%(kind)s申请待审核：%(name)s"), {
            "kind": application.get_kind_display, "name": partner.name}))
    return application


def certification_withdraw(*, application_id: int, actor: User) -> CertificationApplication:
    application = CertificationApplication.objects.select_related("partner").get(pk=application_id)
    _require_main(actor, application.partner)
    with locked_transition(CertificationApplication, pk=application_id, name="withdraw", actor=actor) as app:
        pass
    return app


def certification_resubmit(*, application_id: int, actor: User, statement: str = "") -> CertificationApplication:
    """Send a rejected (or withdrawn) certification back to review with a new statement.

    The stage's requirements are checked again on the locked rows, exactly as for a first application; the
    revision counts up and a fresh 3-working-day review clock starts.
    """
    application = CertificationApplication.objects.select_related("partner").get(pk=application_id)
    _require_main(actor, application.partner)
    # Lock order application → partner, the same as certification_approve.
    with locked_transition(CertificationApplication, pk=application_id, name="resubmit", actor=actor,
                           comment=_("第%(revision)s次提交") % {"revision": application.revision + 1}) as application:
        partner = Partner.objects.select_for_update().get(pk=application.partner_id)
        if partner.path != application.path or partner.stage != requirements.STAGE_BEFORE[application.kind]:
            raise TransitionNotAllowed(_("伙伴的发展路径或阶段已变化，本申请不能再提交，请在“发展路径”重新申请。"))
        if CertificationApplication.objects.filter(partner=partner, status=ReviewStatus.PENDING).exists():
            raise TransitionNotAllowed(_("已有审核中的认证申请，请等待审核结果。"))
        missing = requirements.unmet(partner, application.target_stage)
        if missing:
            raise TransitionNotAllowed(_("尚未满足以下要求：%(list)s") % {
                "list": "、".join(str(s.label) for s in missing)})
        application.statement = statement
        application.revision += 1
        application.submitted_by, application.submitted_at = actor, timezone.now()
        application.reviewed_by = application.reviewed_at = None
        open_review_clock(application, stored(gettext_noop("%(kind)s审核：%(name)s"), {
            "kind": application.get_kind_display, "name": partner.name}))
        tell_operators(application, stored(gettext_noop("%(kind)s申请已重新提交：%(name)s"), {
            "kind": application.get_kind_display, "name": partner.name}))
    return application


def _certificate_no(application) -> str:
    return f"HWCP-{application.submitted_at:%Y}-{application.kind[:3].upper()}-{application.pk:06d}"


def certification_approve(*, application_id: int, actor: User, comment: str = "") -> CertificationApplication:
    """Approve: the partner's stage and level change and a certificate number is issued."""
    require_reviewer(actor)
    with locked_transition(CertificationApplication, pk=application_id, name="approve", actor=actor,
                           comment=comment) as application:
        partner = Partner.objects.select_for_update().get(pk=application.partner_id)
        if partner.path != application.path or partner.stage != requirements.STAGE_BEFORE[application.kind]:
            raise TransitionNotAllowed(_("伙伴的发展路径或阶段已变化，本申请不能再通过。"))
        application.reviewed_by, application.reviewed_at, application.opinion = actor, timezone.now(), comment
        application.level_granted = requirements.LEVEL_ON_APPROVAL[application.kind]
        application.certificate_no = _certificate_no(application)
        partner.stage = application.target_stage
        levels = list(Partner.Level.values)
        if levels.index(application.level_granted) > levels.index(partner.level):
            partner.level = application.level_granted
        partner.save(update_fields=["stage", "level"])
        tell_partner(application, stored(gettext_noop("%(kind)s已通过，可下载认证证书"),
                                         {"kind": application.get_kind_display}),
                      level="success")
    return application


def certification_reject(*, application_id: int, actor: User, opinion: str,
                         reason_code: str = "") -> CertificationApplication:
    require_reviewer(actor)
    if not (opinion or "").strip():
        raise ValidationError({"opinion": _("请填写审核不通过的原因。")})
    with locked_transition(CertificationApplication, pk=application_id, name="reject", actor=actor,
                           comment=opinion, reason_code=reason_code) as application:
        application.reviewed_by, application.reviewed_at = actor, timezone.now()
        application.opinion = opinion.strip()
        tell_partner(application, stored(gettext_noop("%(kind)s未通过"), {"kind": application.get_kind_display}),
                      body=opinion, level="danger")
    return application
