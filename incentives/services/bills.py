"""Transitions of a reconciliation bill: publish, confirm, 问题反馈 and its answer, pay."""
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from partnercenter.notifications.services import notify
from partnercenter.stored_text import stored
from partnercenter.workflow.services import deadline_open, locked_transition

from ..calculation import money
from ..models import BillDispute, IncentiveDetail, Reason, ReconciliationBill
from ..models.bills import ANSWER_WORKING_DAYS, CONFIRM_WORKING_DAYS
from .indicators import indicators_refresh


def bill_totals(bill: ReconciliationBill) -> dict:
    """The sums of the bill's lines (the same aggregate the pages use).

    On PostgreSQL they come from the trigger-kept period totals: every line of the partner's period is on this
    bill (a line's bill is required, and the reference trigger refuses a bill of another partner or period), so
    the partner-period totals are the bill's, without summing its lines again (60,000 lines: 70 ms → a few rows)."""
    from ..models import DetailTotal
    from ..models.totals import kept_by_triggers

    if kept_by_triggers():
        return DetailTotal.objects.filter(partner_id=bill.partner_id, period=bill.period).totals()
    return IncentiveDetail.objects.filter(bill_id=bill.pk).totals()


def bill_refresh_totals(*, bill_id: int) -> ReconciliationBill:
    """Copy the sums of the bill's lines onto the bill."""
    bill = ReconciliationBill.objects.get(pk=bill_id)
    totals = bill_totals(bill)
    values = {"consumption_amount": totals["consumption"], "incentive_amount": totals["incentive"],
              "line_count": totals["lines"]}
    ReconciliationBill.objects.filter(pk=bill_id).update(**values)
    for field, value in values.items():
        setattr(bill, field, value)
    return bill


def _main_accounts(bill):
    from partnercenter.partners.models import User

    return list(User.objects.filter(partner_id=bill.partner_id).main_accounts())


def bill_publish(*, bill_id: int, actor=None) -> ReconciliationBill:
    """预估 → 待确认: the formal bill; the partner has CONFIRM_WORKING_DAYS working days, then it confirms itself."""
    with locked_transition(ReconciliationBill, pk=bill_id, name="publish", actor=actor) as bill:
        bill.published_at = timezone.now()
        deadline_open(obj=bill, partner=bill.partner, kind="bill_confirm",
                      label=stored(gettext_noop("确认 %(period)s 期激励对账单"), {"period": bill.period_code}),
                      working_days=CONFIRM_WORKING_DAYS, owner="partner", on_expire="confirm")
        transaction.on_commit(lambda: notify(
            recipients=_main_accounts(bill),
            title=stored(gettext_noop("%(period)s 期激励对账单已发布"), {"period": bill.period_code}),
            body=stored(gettext_noop("请在 %(days)s 个工作日内确认或提交问题反馈。"), {"days": CONFIRM_WORKING_DAYS}),
            url=bill.get_absolute_url()))
    return bill


def bill_confirm(*, bill_id: int, actor) -> ReconciliationBill:
    """待确认 → 发放中: the partner agrees with the amounts (frozen on the bill from now on)."""
    with locked_transition(ReconciliationBill, pk=bill_id, name="confirm", actor=actor) as bill:
        bill.confirmed_at = timezone.now()
        bill.confirmed_by = actor if actor is not None and actor.is_authenticated else None
    return bill


def bill_dispute(*, bill_id: int, actor, comment: str, detail_id: int | None = None) -> BillDispute:
    """待确认 → 问题反馈处理中, on the whole bill or one of its lines; the vendor answers within the SLA."""
    comment = (comment or "").strip()
    if not comment:
        raise ValidationError({"comment": _("请填写问题描述。")})
    with locked_transition(ReconciliationBill, pk=bill_id, name="dispute", actor=actor, comment=comment) as bill:
        detail = None
        if detail_id is not None:
            detail = IncentiveDetail.objects.filter(bill=bill, pk=detail_id).first()
            if detail is None:
                raise ValidationError({"detail": _("该明细不属于这张对账单。")})
        dispute = BillDispute(bill=bill, detail=detail, comment=comment, raised_by=actor)
        dispute.full_clean()
        dispute.save()
        deadline_open(obj=bill, partner=bill.partner, kind="bill_dispute",
                      label=stored(gettext_noop("答复 %(period)s 期激励问题反馈"), {"period": bill.period_code}),
                      working_days=ANSWER_WORKING_DAYS, owner="vendor")
    return dispute


def bill_answer(*, dispute_id: int, actor, answer: str, adjustment: Decimal | None = None) -> BillDispute:
    """问题反馈处理中 → 待确认: the vendor's answer; an adjustment becomes its own line (never an edit)."""
    answer = (answer or "").strip()
    if not answer:
        raise ValidationError({"answer": _("请填写答复内容。")})
    dispute = BillDispute.objects.select_related("bill").get(pk=dispute_id)
    if dispute.answered_at is not None:
        raise ValidationError(_("该问题反馈已答复。"))
    with locked_transition(ReconciliationBill, pk=dispute.bill_id, name="answer", actor=actor,
                           comment=answer) as bill:
        dispute.answer = answer
        dispute.answered_by = actor
        dispute.answered_at = timezone.now()
        if adjustment:
            dispute.adjustment_amount = money(adjustment)
        dispute.full_clean()
        dispute.save()
        if adjustment:
            line = IncentiveDetail(
                partner_id=bill.partner_id, bill=bill, period=bill.period, year=bill.period.year,
                kind=IncentiveDetail.Kind.ADJUSTMENT, dispute=dispute, consumption_amount=0, eligible_base=0,
                rate=0, amount=money(adjustment), reason=Reason.DISPUTE, note=answer[:300],
                order_no=dispute.detail.order_no if dispute.detail else "",
                customer_name=dispute.detail.customer_name if dispute.detail else "",
            )
            line.full_clean()
            line.save()
        totals = bill_totals(bill)
        transaction.on_commit(lambda: indicators_refresh(partner_id=bill.partner_id, period=bill.period))
        bill.incentive_amount = totals["incentive"]
        bill.line_count = totals["lines"]
        deadline_open(obj=bill, partner=bill.partner, kind="bill_confirm",
                      label=stored(gettext_noop("确认 %(period)s 期激励对账单"), {"period": bill.period_code}),
                      working_days=CONFIRM_WORKING_DAYS, owner="partner", on_expire="confirm")
    return dispute


def bill_pay(*, bill_id: int, actor) -> ReconciliationBill:
    """发放中 → 已发放; the bill's normal lines become paid in one UPDATE (frozen lines stay frozen)."""
    with locked_transition(ReconciliationBill, pk=bill_id, name="pay", actor=actor) as bill:
        bill.paid_at = timezone.now()
        IncentiveDetail.objects.filter(bill_id=bill.pk, status=IncentiveDetail.Status.NORMAL).update(
            status=IncentiveDetail.Status.PAID)
    return bill


def detail_unfreeze(*, detail_id: int, actor, reason: str) -> IncentiveDetail:
    """冻结 → 正常 for one line, by an operator, with a written reason kept on the line's timeline (audit row).

    A frozen line is never paid; once its bill is paid it stays frozen (its money goes with a later bill)."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("请填写解冻原因。")})
    with locked_transition(IncentiveDetail, pk=detail_id, name="unfreeze", actor=actor, comment=reason[:500]) as line:
        if line.bill.status in (ReconciliationBill.Status.PAYING, ReconciliationBill.Status.PAID):
            raise ValidationError(_("对账单已进入发放，不能再解冻其中的明细。"))
        line.frozen_reason = ""
    return line
