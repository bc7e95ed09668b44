"""Every write of an MDF 核销 (claim): draft with expense lines, receipts, submit (partner), approve / return for
rework / reject (operators, working-day SLA), and the payment-request callbacks (vouchers/payable.py).

Rules (spec A.15 "核销 materials"): the expense lines add up exactly to the claimed amount, the claim never exceeds
the application's approved amount, every receipt's category is one of the declared expense categories and every
category has a receipt. The approved amount is frozen at approval; payment pays exactly that."""
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from partnercenter.notifications.services import notify
from partnercenter.stored_text import stored
from partnercenter.uploads import validate_document
from partnercenter.workflow.services import deadline_open, locked_transition, log_transition

from .models import ExpenseCategory, MdfApplication, MdfBudget, MdfClaim, MdfClaimExpense, MdfReceipt
from .rules import CENT

REVIEW_WORKING_DAYS = 5
REWORK_WORKING_DAYS = 10


def _require_vendor(actor):
    if actor is None or not actor.can_review():
        raise PermissionDenied(_("只有运营人员可以执行此操作。"))


def _require_partner(actor):
    if actor is None or not actor.partner_id:
        raise PermissionDenied(_("只有伙伴账号可以执行此操作。"))


def _clean_lines(amount: Decimal, lines, ceiling: Decimal) -> list[dict]:
    """Lines as [{category, amount, description}], checked: known category once each, amounts > 0 with two
    decimals, total == amount; the claim amount within the approved application amount."""
    errors, seen, cleaned = [], set(), []
    for line in lines:
        category, value = line.get("category"), line.get("amount")
        if category not in ExpenseCategory.values:
            errors.append(_("请选择费用类别。"))
            continue
        if category in seen:
            label = ExpenseCategory(category).label
            errors.append(_("费用类别“%(category)s”重复，请合并为一项。") % {"category": label})
            continue
        seen.add(category)
        value = Decimal(value) if value is not None else Decimal("0")
        if value <= 0 or value != value.quantize(CENT):
            errors.append(_("费用金额须大于0，且最多两位小数。"))
            continue
        cleaned.append({"category": category, "amount": value, "description": (line.get("description") or "")[:200]})
    if not cleaned and not errors:
        errors.append(_("请至少填写一项费用明细。"))
    if errors:
        raise ValidationError({"expenses": errors})
    field_errors = {}
    if amount <= 0 or amount != amount.quantize(CENT):
        field_errors["amount"] = _("核销金额须大于0，且最多两位小数。")
    elif amount > ceiling:
        field_errors["amount"] = _("核销金额 %(amount)s 元不能超过使用申请审核通过的金额 %(ceiling)s 元。") % {
            "amount": amount, "ceiling": ceiling}
    total = sum((line["amount"] for line in cleaned), start=Decimal("0"))
    if not field_errors and total != amount:
        field_errors["expenses"] = _("费用明细合计 %(total)s 元须等于核销金额 %(amount)s 元。") % {
            "total": total, "amount": amount}
    if field_errors:
        raise ValidationError(field_errors)
    return cleaned


def _write_lines(claim: MdfClaim, lines: list[dict]) -> None:
    """Update lines by category so an operator's note on a line stays next to it until the claim is resubmitted."""
    existing = {line.category: line for line in claim.expenses.all()}
    for line in lines:
        row = existing.pop(line["category"], None) or MdfClaimExpense(claim=claim, category=line["category"])
        row.amount, row.description = line["amount"], line["description"]
        row.full_clean()
        row.save()
    MdfClaimExpense.objects.filter(pk__in=[row.pk for row in existing.values()]).delete()


def claim_create(*, application_id: int, actor, amount, summary: str, lines) -> MdfClaim:
    """Start the 核销 of an approved application whose activity has ended (one claim per application)."""
    _require_partner(actor)
    amount = Decimal(amount)
    with transaction.atomic():
        application = MdfApplication.objects.for_user(actor).select_for_update().get(pk=application_id)
        if application.status != MdfApplication.Status.APPROVED:
            raise ValidationError(_("只有审核通过的使用申请可以核销（当前状态：%(status)s）。") % {
                "status": application.get_status_display()})
        if application.end_date > timezone.localdate():
            raise ValidationError(_("活动结束（%(end)s）后才能申请核销。") % {"end": application.end_date})
        if MdfClaim.objects.filter(application=application).exists():
            raise ValidationError(_("该使用申请已有核销申请。"))
        cleaned = _clean_lines(amount, lines, application.amount)
        claim = MdfClaim(partner_id=application.partner_id, application=application, amount=amount,
                         summary=summary, created_by=actor)
        claim.full_clean()
        claim.save()
        _write_lines(claim, cleaned)
        log_transition(obj=claim, action="create", action_label=_("创建核销草稿"), from_status=None,
                       to_status=claim.status, actor=actor)
    return claim


def _mine_locked(actor, claim_id) -> MdfClaim:
    claim = MdfClaim.objects.for_user(actor).select_for_update().select_related("application").get(pk=claim_id)
    if not claim.is_editable:
        raise ValidationError(_("当前状态为“%(status)s”，不能修改。") % {"status": claim.get_status_display()})
    return claim


def claim_save(*, claim_id: int, actor, amount, summary: str, lines) -> MdfClaim:
    """Edit a claim in 核销草稿 / 核销退回修改 (the status stays until it is submitted)."""
    _require_partner(actor)
    amount = Decimal(amount)
    with transaction.atomic():
        claim = _mine_locked(actor, claim_id)
        cleaned = _clean_lines(amount, lines, claim.application.amount)
        claim.amount, claim.summary = amount, summary
        claim.full_clean()
        claim.save(update_fields=["amount", "summary"])
        _write_lines(claim, cleaned)
    return claim


def claim_receipts_add(*, claim_id: int, actor, category: str, files) -> list[MdfReceipt]:
    """Upload receipts proving one expense category (PDF/JPG/PNG, checked by type, size and content)."""
    _require_partner(actor)
    files = [f for f in files if f]
    if not files:
        raise ValidationError({"files": _("请选择要上传的凭证文件。")})
    if category not in ExpenseCategory.values:
        raise ValidationError({"category": _("请选择费用类别。")})
    for upload in files:
        try:
            validate_document(upload)
        except ValidationError as exc:
            raise ValidationError({"files": [f"{upload.name}：{m}" for m in exc.messages]}) from exc
    with transaction.atomic():
        claim = _mine_locked(actor, claim_id)
        receipts = [MdfReceipt.objects.create(claim=claim, category=category, file=upload, name=upload.name[:200])
                    for upload in files]
    return receipts


def claim_receipt_delete(*, receipt_id: int, actor) -> None:
    _require_partner(actor)
    with transaction.atomic():
        receipt = MdfReceipt.objects.for_user(actor).get(pk=receipt_id)
        _mine_locked(actor, receipt.claim_id)
        receipt.file.delete(save=False)
        receipt.delete()


def claim_submit(*, claim_id: int, actor) -> MdfClaim:
    """核销草稿 / 核销退回修改 → 核销申请审核中; every claim rule is the transition's guard (on the locked row)."""
    _require_partner(actor)
    with locked_transition(MdfClaim, pk=claim_id, name="submit", actor=actor,
                           queryset=MdfClaim.objects.for_user(actor)) as claim:
        claim.submitted_at = timezone.now()
        claim.review_comment = ""
        claim.expenses.update(review_note="")
        deadline_open(obj=claim, partner=claim.partner, kind="mdf_claim_review",
                      label=stored(gettext_noop("MDF核销审核：%(name)s"), {"name": claim.application.activity_name}),
                      working_days=REVIEW_WORKING_DAYS, owner="vendor")
    return claim


def claim_approve(*, claim_id: int, actor, comment: str = "") -> MdfClaim:
    """核销申请审核中 → 核销审核通过: the approved amount is frozen; the claim becomes payable."""
    _require_vendor(actor)
    with transaction.atomic():
        budget_id = MdfClaim.objects.values_list("application__budget_id", flat=True).get(pk=claim_id)
        MdfBudget.objects.select_for_update().get(pk=budget_id)  # same lock order as application approvals
        with locked_transition(MdfClaim, pk=claim_id, name="approve", actor=actor, comment=comment) as claim:
            problems = claim.submit_problems()  # the rules again: the application may have changed since
            if problems:
                raise ValidationError(problems)
            claim.approved_amount = claim.amount
            claim.approved_at = timezone.now()
            claim.review_comment = comment
    _tell(claim, gettext_noop("MDF核销“%(name)s”已审核通过，可以申请付款。"), level="success")
    return claim


def claim_return(*, claim_id: int, actor, comment: str = "", line_notes: dict | None = None) -> MdfClaim:
    """核销申请审核中 → 核销退回修改, with a reason overall and/or per expense line (shown where the partner
    fixes it)."""
    _require_vendor(actor)
    comment = (comment or "").strip()
    notes = {int(pk): (note or "").strip()[:300] for pk, note in (line_notes or {}).items() if (note or "").strip()}
    if not comment and not notes:
        raise ValidationError({"comment": _("请填写退回修改的原因（整体意见或针对费用明细的意见）。")})
    with locked_transition(MdfClaim, pk=claim_id, name="return", actor=actor, comment=comment) as claim:
        claim.review_comment = comment
        for line in claim.expenses.all():
            line.review_note = notes.get(line.pk, "")
            line.save(update_fields=["review_note"])
        deadline_open(obj=claim, partner=claim.partner, kind="mdf_claim_rework",
                      label=stored(gettext_noop("修改MDF核销：%(name)s"), {"name": claim.application.activity_name}),
                      working_days=REWORK_WORKING_DAYS, owner="partner")
    _tell(claim, gettext_noop("MDF核销“%(name)s”被退回修改，请根据审核意见修改后重新提交。"), level="warning")
    return claim


def claim_reject(*, claim_id: int, actor, comment: str) -> MdfClaim:
    """核销申请审核中 → 核销审核不通过 (final)."""
    _require_vendor(actor)
    comment = (comment or "").strip()
    if not comment:
        raise ValidationError({"comment": _("请填写核销审核不通过的原因。")})
    with locked_transition(MdfClaim, pk=claim_id, name="reject", actor=actor, comment=comment) as claim:
        claim.review_comment = comment
    _tell(claim, gettext_noop("MDF核销“%(name)s”审核不通过。"), level="danger")
    return claim


# Payment-request callbacks (payments.sources): called inside the payment request's transaction.

def claim_on_requested(*, claim_id: int, actor=None, payment=None) -> MdfClaim:
    """核销审核通过 → 付款中. A payment request resubmitted after 退回修改 calls this again: already 付款中 is fine."""
    claim = MdfClaim.objects.select_for_update().get(pk=claim_id)
    if claim.status == MdfClaim.Status.PAYING:
        return claim
    with locked_transition(MdfClaim, pk=claim_id, name="request_payment", actor=actor,
                           comment=str(getattr(payment, "code", "") or "")) as claim:
        pass
    return claim


def claim_on_paid(*, claim_id: int, actor=None, payment=None) -> MdfClaim:
    with locked_transition(MdfClaim, pk=claim_id, name="pay", actor=actor,
                           comment=str(getattr(payment, "code", "") or "")) as claim:
        pass
    return claim


def claim_on_released(*, claim_id: int, actor=None, payment=None) -> MdfClaim:
    with locked_transition(MdfClaim, pk=claim_id, name="release", actor=actor,
                           comment=str(getattr(payment, "code", "") or "")) as claim:
        pass
    return claim


def _tell(claim, template, level="info"):
    """`template` is a msgid (gettext_noop): the title is stored for display in the reader's language."""
    if claim.created_by_id:
        notify(recipients=[claim.created_by], title=stored(template, {"name": claim.application.activity_name}),
               url=claim.get_absolute_url(), level=level)
