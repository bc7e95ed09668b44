"""Every write of 机会点激励申请: draft (partner main account), materials, submit / withdraw, the 3-working-day
initial review (approve and publish / return with reason codes and field comments / reject finally), 核对激励
(confirm → payable amount frozen, or dispute → operator answers within its own SLA) and the payment-request
callbacks (payable.py). All transitions go through locked_transition (row lock, guard on the locked row, audit)."""
from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from partnercenter.notifications.services import notify
from partnercenter.partners.models import Opportunity, User
from partnercenter.stored_text import stored
from partnercenter.uploads import validate_document
from partnercenter.workflow.services import deadline_open, locked_transition, log_transition

from .models import (
    FIELD_OF_REASON,
    ApplicationVersion,
    Dispute,
    Material,
    OpportunityApplication,
    RejectReason,
    ReturnReason,
)

REVIEW_WORKING_DAYS = 3  # spec A.14: "该申请将在3个工作日内完成激励初审"
REWORK_WORKING_DAYS = 10
CONFIRM_WORKING_DAYS = 5
ANSWER_WORKING_DAYS = 3
MAX_AMOUNT = Decimal("100000000.00")  # 1亿元: anything above is a typo, not an opportunity
CENT = Decimal("0.01")
REVIEW_FIELDS = ("basis_amount", "description", "materials")


def _require_main(actor):
    if actor is None or not getattr(actor, "is_main_account", False):
        raise PermissionDenied(_("只有解决方案提供商主账号可以申请和处理机会点激励，请切换到主账号后再操作。"))


def _require_vendor(actor):
    if actor is None or not actor.can_review():
        raise PermissionDenied(_("只有运营人员可以执行此操作。"))


def clean_amount(value, *, field: str, label: str) -> Decimal:
    try:
        amount = Decimal(str(value))
    except (InvalidOperation, TypeError, ValueError):
        raise ValidationError({field: _("%(label)s须为数字。") % {"label": label}}) from None
    if not amount.is_finite() or amount <= 0:
        raise ValidationError({field: _("%(label)s须大于0。") % {"label": label}})
    if amount != amount.quantize(CENT):
        raise ValidationError({field: _("%(label)s最多两位小数。") % {"label": label}})
    if amount > MAX_AMOUNT:
        raise ValidationError({field: _("%(label)s不能超过 %(max)s 元，请核对。") % {
            "label": label, "max": MAX_AMOUNT}})
    return amount


def _check_files(files) -> None:
    for upload in files:
        try:
            validate_document(upload)
        except ValidationError as exc:
            raise ValidationError({"materials": [f"{upload.name}：{m}" for m in exc.messages]}) from exc


def _add_materials(application, *, letters=(), proofs=()) -> None:
    for kind, uploads in ((Material.Kind.STAMPED_LETTER, letters), (Material.Kind.PROOF, proofs)):
        for upload in uploads:
            Material.objects.create(application=application, kind=kind, file=upload, name=upload.name[:200])


def application_create(*, opportunity_id: int, actor, basis_amount, description: str, letters=(),
                       proofs=()) -> OpportunityApplication:
    """A draft for an opportunity in 待申请激励 (core tag, delivery ended before today); one per opportunity."""
    _require_main(actor)
    amount = clean_amount(basis_amount, field="basis_amount", label=_("激励金额依据"))
    description = (description or "").strip()
    if not description:
        raise ValidationError({"description": _("请填写申请说明。")})
    _check_files([*letters, *proofs])
    today = timezone.localdate()
    try:
        with transaction.atomic():
            opportunity = (Opportunity.objects.for_user(actor).incentive_applicable(today).select_for_update()
                           .filter(pk=opportunity_id).first())
            if opportunity is None:
                raise ValidationError(_("该机会点当前不能申请激励：须具备核心标签且已交付完成，"
                                        "并从交付结束后一天起申请。"))
            if OpportunityApplication.objects.filter(opportunity=opportunity).exists():
                raise ValidationError(_("该机会点已申请过激励，不能重复申请。"))
            application = OpportunityApplication(partner_id=opportunity.partner_id, opportunity=opportunity,
                                                 basis_amount=amount, description=description, created_by=actor)
            application.full_clean(exclude=["code"], validate_constraints=False)
            application.save()
            application.code = f"OI{today:%Y%m%d}{application.pk:06d}"
            application.save(update_fields=["code"])
            _add_materials(application, letters=letters, proofs=proofs)
            log_transition(obj=application, action="create", action_label=_("创建激励申请"), from_status=None,
                           to_status=application.status, actor=actor)
    except IntegrityError as exc:  # the unique constraint caught a concurrent second application
        raise ValidationError(_("该机会点已申请过激励，不能重复申请。")) from exc
    return application


def _mine_locked(actor, application_id) -> OpportunityApplication:
    application = OpportunityApplication.objects.for_user(actor).select_for_update().get(pk=application_id)
    if not application.is_editable:
        raise ValidationError(_("当前状态为“%(status)s”，不能修改。") % {"status": application.get_status_display()})
    return application


def application_save(*, application_id: int, actor, basis_amount, description: str, letters=(), proofs=(),
                     remove_material_ids=()) -> OpportunityApplication:
    """Edit a draft or a returned application (its status stays until it is submitted)."""
    _require_main(actor)
    amount = clean_amount(basis_amount, field="basis_amount", label=_("激励金额依据"))
    description = (description or "").strip()
    if not description:
        raise ValidationError({"description": _("请填写申请说明。")})
    _check_files([*letters, *proofs])
    with transaction.atomic():
        application = _mine_locked(actor, application_id)
        application.basis_amount, application.description = amount, description
        application.full_clean()
        application.save(update_fields=["basis_amount", "description"])
        if remove_material_ids:
            application.materials.filter(pk__in=list(remove_material_ids), removed_at__isnull=True).update(
                removed_at=timezone.now())
        _add_materials(application, letters=letters, proofs=proofs)
    return application


def _snapshot(application) -> dict:
    return {
        "basis_amount": str(application.basis_amount),
        "description": application.description,
        "materials": [{"id": m.pk, "kind": m.kind, "name": m.name}
                      for m in application.materials.filter(removed_at__isnull=True)],
    }


def version_diff(version: ApplicationVersion) -> list[dict]:
    """What changed against the previous submitted version: [{field, before, after}] (materials as names)."""
    previous = (ApplicationVersion.objects.filter(application_id=version.application_id, number__lt=version.number)
                .order_by("-number").first())
    if previous is None:
        return []
    changes = []
    old, new = previous.snapshot, version.snapshot
    for field in ("basis_amount", "description"):
        if old.get(field) != new.get(field):
            changes.append({"field": field, "before": old.get(field, ""), "after": new.get(field, "")})
    old_ids = {m["id"]: m["name"] for m in old.get("materials", [])}
    new_ids = {m["id"]: m["name"] for m in new.get("materials", [])}
    removed = [name for pk, name in old_ids.items() if pk not in new_ids]
    added = [name for pk, name in new_ids.items() if pk not in old_ids]
    if removed or added:
        changes.append({"field": "materials", "before": "、".join(removed), "after": "、".join(added)})
    return changes


def application_submit(*, application_id: int, actor) -> OpportunityApplication:
    """草稿 / 退回修改 → 激励审核中: a new version is kept; the vendor has 3 working days (SLA sweep reminds and
    escalates)."""
    _require_main(actor)
    with locked_transition(OpportunityApplication, pk=application_id, name="submit", actor=actor,
                           queryset=OpportunityApplication.objects.for_user(actor)) as application:
        application.revision += 1
        application.submitted_at = timezone.now()
        application.review_comment = ""
        ApplicationVersion.objects.create(application=application, number=application.revision,
                                          snapshot=_snapshot(application), submitted_by=actor)
        deadline_open(obj=application, partner=application.partner, kind="opportunity_incentive_review",
                      label=stored(gettext_noop("机会点激励初审：%(code)s"), {"code": application.code}),
                      working_days=REVIEW_WORKING_DAYS, owner="vendor")
    return application


def application_withdraw(*, application_id: int, actor) -> OpportunityApplication:
    """激励审核中 → 草稿 (the partner recalls it to change something before the review)."""
    _require_main(actor)
    with locked_transition(OpportunityApplication, pk=application_id, name="withdraw", actor=actor,
                           queryset=OpportunityApplication.objects.for_user(actor)) as application:
        _decide(application, "withdrawn", actor)
    return application


def _decide(application, decision, actor, *, reason_codes=(), field_comments=None, comment=""):
    version = application.versions.order_by("-number").first()
    if version is not None and not version.decision:
        version.decision, version.reason_codes = decision, list(reason_codes)
        version.field_comments, version.comment = field_comments or {}, comment
        version.decided_by = actor if actor is not None and actor.can_review() else None
        version.decided_at = timezone.now()
        version.save()


def application_approve(*, application_id: int, actor, incentive_amount, comment: str = "") -> OpportunityApplication:
    """激励审核中 → 激励公示待确认: approved and the incentive amount published for the partner to check."""
    _require_vendor(actor)
    amount = clean_amount(incentive_amount, field="incentive_amount", label=_("激励金额"))
    with locked_transition(OpportunityApplication, pk=application_id, name="approve", actor=actor,
                           comment=comment) as application:
        if amount > application.basis_amount:
            raise ValidationError({"incentive_amount": _("激励金额不能超过激励金额依据 %(basis)s 元。") % {
                "basis": application.basis_amount}})
        application.incentive_amount = amount
        application.published_at = timezone.now()
        application.review_comment = comment
        _decide(application, "approved", actor, comment=comment)
        deadline_open(obj=application, partner=application.partner, kind="opportunity_incentive_confirm",
                      label=stored(gettext_noop("核对机会点激励：%(code)s"), {"code": application.code}),
                      working_days=CONFIRM_WORKING_DAYS, owner="partner")
        _tell_on_commit(application, gettext_noop("机会点激励 %(code)s 已审核通过，激励金额已公示，请核对激励。"),
                        "success")
    return application


def application_return(*, application_id: int, actor, reason_codes, field_comments: dict | None = None,
                       comment: str = "") -> OpportunityApplication:
    """激励审核中 → 退回修改 with structured reasons and a comment per field, shown where the partner edits."""
    _require_vendor(actor)
    codes = [c for c in (reason_codes or []) if c]
    if not codes:
        raise ValidationError({"reason_codes": _("请至少选择一个退回原因。")})
    unknown = [c for c in codes if c not in ReturnReason.values]
    if unknown:
        raise ValidationError({"reason_codes": _("未知的退回原因：%(codes)s") % {"codes": "、".join(unknown)}})
    notes = {f: (t or "").strip()[:500] for f, t in (field_comments or {}).items()
             if f in REVIEW_FIELDS and (t or "").strip()}
    comment = (comment or "").strip()
    for code in codes:
        field = FIELD_OF_REASON[ReturnReason(code)]
        if field and field not in notes:
            notes[field] = str(ReturnReason(code).label)
        if code == ReturnReason.OTHER and not comment and not notes:
            raise ValidationError({"comment": _("选择“其他”时请填写审核意见。")})
    with locked_transition(OpportunityApplication, pk=application_id, name="return", actor=actor, comment=comment,
                           reason_code=",".join(codes)[:40]) as application:
        application.review_comment = comment
        _decide(application, "returned", actor, reason_codes=codes, field_comments=notes, comment=comment)
        deadline_open(obj=application, partner=application.partner, kind="opportunity_incentive_rework",
                      label=stored(gettext_noop("修改机会点激励申请：%(code)s"), {"code": application.code}),
                      working_days=REWORK_WORKING_DAYS, owner="partner")
        _tell_on_commit(application, gettext_noop("机会点激励 %(code)s 被退回修改，请根据审核意见修改后重新提交。"),
                        "warning")
    return application


def application_reject(*, application_id: int, actor, reason_code: str, comment: str) -> OpportunityApplication:
    """激励审核中 → 审核不通过 (final: the opportunity cannot be applied for again)."""
    _require_vendor(actor)
    comment = (comment or "").strip()
    if reason_code not in RejectReason.values:
        raise ValidationError({"reason_code": _("请选择审核不通过的原因。")})
    if not comment:
        raise ValidationError({"comment": _("请填写审核不通过的原因。")})
    with locked_transition(OpportunityApplication, pk=application_id, name="reject", actor=actor, comment=comment,
                           reason_code=reason_code) as application:
        application.review_comment = comment
        _decide(application, "rejected", actor, reason_codes=[reason_code], comment=comment)
        _tell_on_commit(application, gettext_noop("机会点激励 %(code)s 审核不通过。"), "danger")
    return application


def application_confirm(*, application_id: int, actor) -> OpportunityApplication:
    """激励公示待确认 → 激励待申付: the payable amount is frozen now (payments pays exactly this)."""
    _require_main(actor)
    with locked_transition(OpportunityApplication, pk=application_id, name="confirm", actor=actor,
                           queryset=OpportunityApplication.objects.for_user(actor)) as application:
        application.payable_amount = application.incentive_amount
        application.confirmed_at = timezone.now()
    return application


def application_dispute(*, application_id: int, actor, comment: str) -> Dispute:
    """激励公示待确认 → 核对争议中; the operator answers within ANSWER_WORKING_DAYS working days."""
    _require_main(actor)
    comment = (comment or "").strip()
    if not comment:
        raise ValidationError({"comment": _("请填写异议说明。")})
    with locked_transition(OpportunityApplication, pk=application_id, name="dispute", actor=actor, comment=comment,
                           queryset=OpportunityApplication.objects.for_user(actor)) as application:
        dispute = Dispute.objects.create(application=application, comment=comment[:2000], raised_by=actor,
                                         amount_before=application.incentive_amount)
        deadline_open(obj=application, partner=application.partner, kind="opportunity_incentive_dispute",
                      label=stored(gettext_noop("答复机会点激励异议：%(code)s"), {"code": application.code}),
                      working_days=ANSWER_WORKING_DAYS, owner="vendor")
    return dispute


def application_answer(*, application_id: int, actor, answer: str, incentive_amount=None) -> OpportunityApplication:
    """核对争议中 → 激励公示待确认, optionally with a corrected amount; the partner checks again."""
    _require_vendor(actor)
    answer = (answer or "").strip()
    if not answer:
        raise ValidationError({"answer": _("请填写答复内容。")})
    amount = None
    if incentive_amount not in (None, ""):
        amount = clean_amount(incentive_amount, field="incentive_amount", label=_("激励金额"))
    with locked_transition(OpportunityApplication, pk=application_id, name="answer", actor=actor,
                           comment=answer) as application:
        if amount is not None and amount > application.basis_amount:
            raise ValidationError({"incentive_amount": _("激励金额不能超过激励金额依据 %(basis)s 元。") % {
                "basis": application.basis_amount}})
        dispute = application.disputes.filter(answered_at__isnull=True).order_by("-pk").first()
        if amount is not None:
            application.incentive_amount = amount
            application.published_at = timezone.now()
        if dispute is not None:
            dispute.answer, dispute.answered_by, dispute.answered_at = answer, actor, timezone.now()
            dispute.amount_after = application.incentive_amount
            dispute.save()
        deadline_open(obj=application, partner=application.partner, kind="opportunity_incentive_confirm",
                      label=stored(gettext_noop("核对机会点激励：%(code)s"), {"code": application.code}),
                      working_days=CONFIRM_WORKING_DAYS, owner="partner")
        _tell_on_commit(application, gettext_noop("机会点激励 %(code)s 的异议已答复，请重新核对激励。"), "info")
    return application


# Payment-request callbacks (payments.sources): called inside the payment request's transaction.

def application_on_requested(*, application_id: int, actor=None, payment=None) -> OpportunityApplication:
    """激励待申付 → 激励申付中. Already 申付中 (a resubmitted payment request) is fine."""
    current = OpportunityApplication.objects.select_for_update().get(pk=application_id)
    if current.status == OpportunityApplication.Status.PAYING:
        return current
    with locked_transition(OpportunityApplication, pk=application_id, name="request_payment", actor=actor,
                           comment=str(getattr(payment, "code", "") or "")) as application:
        pass
    return application


def application_on_paid(*, application_id: int, actor=None, payment=None) -> OpportunityApplication:
    with locked_transition(OpportunityApplication, pk=application_id, name="pay", actor=actor,
                           comment=str(getattr(payment, "code", "") or "")) as application:
        pass
    return application


def application_on_released(*, application_id: int, actor=None, payment=None) -> OpportunityApplication:
    with locked_transition(OpportunityApplication, pk=application_id, name="release", actor=actor,
                           comment=str(getattr(payment, "code", "") or "")) as application:
        pass
    return application


def _tell_on_commit(application, template, level):
    """`template` is a msgid (gettext_noop): the title is stored for display in each reader's language."""
    recipients = list(User.objects.filter(partner_id=application.partner_id).main_accounts())
    title = stored(template, {"code": application.code})
    url = application.get_absolute_url()
    transaction.on_commit(lambda: notify(recipients=recipients, title=title, url=url, level=level))
