"""Every write of a payment request: start (one per source), submit with the frozen amount and payee, review,
invoice, invoice review, payment. Each transition locks the source row first, then the request row (always in
that order, so two transitions never deadlock), and calls the source back inside the same transaction."""
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from partnercenter.notifications.services import notify
from partnercenter.partners.models import CertifiedBusinessInfo, User
from partnercenter.stored_text import stored
from partnercenter.uploads import validate_document
from partnercenter.workflow.services import deadline_open, locked_transition, log_transition

from .. import sources
from ..models import PaymentRequest, PayoutMethod
from ..readiness import STEP_WORKING_DAYS, readiness_for
from .numbering import next_code

CENT = Decimal("0.01")


def _require_payer(actor):
    if actor is None or not actor.partner_id or actor.role not in (User.Role.MAIN, User.Role.FINANCE):
        raise PermissionDenied(_("只有伙伴主账号或财务人员可以申请付款。"))


def _require_vendor(actor):
    if actor is None or not actor.can_review():
        raise PermissionDenied(_("只有运营人员可以执行此操作。"))


def _source_for(kind: str):
    try:
        return sources.get(kind)
    except KeyError as exc:
        raise ValidationError(_("未知的付款来源。")) from exc


def _locked_source(request: PaymentRequest):
    source = _source_for(request.source_kind)
    return source, source.model._default_manager.select_for_update().get(pk=request.source_id)


def payment_request_start(*, kind: str, source_id: int, actor) -> tuple[PaymentRequest, bool]:
    """申请付款 on a source: its open request if there is one (a double click or a second tab), else a new request
    in 待提交申请. Returns (request, created)."""
    _require_payer(actor)
    source = _source_for(kind)
    with transaction.atomic():
        obj = source.model._default_manager.for_user(actor).select_for_update().filter(pk=source_id).first()
        if obj is None:
            raise ValidationError(_("没有找到该付款来源。"))
        existing = PaymentRequest.objects.open().for_source(kind, obj.pk).first()
        if existing is not None:
            return existing, False
        readiness = readiness_for(obj)
        if readiness.blockers:
            raise ValidationError([b.message for b in readiness.blockers])
        payable = source.payable(obj)
        request = PaymentRequest(
            partner_id=obj.partner_id, code=next_code("PR", timezone.localdate().year), source_kind=kind,
            source_id=obj.pk, title=str(payable.title)[:200], amount=payable.amount, created_by=actor,
            currency=_currency(obj.partner_id))
        try:
            with transaction.atomic():
                request.save()
        except IntegrityError:
            # The source lock makes this unreachable for well-behaved sources; the constraint is the backstop.
            return PaymentRequest.objects.open().for_source(kind, obj.pk).get(), False
        log_transition(obj=request, action="create", action_label=_("创建付款申请"), from_status=None,
                       to_status=request.status, actor=actor)
    return request, True


def _currency(partner_id) -> str:
    info = CertifiedBusinessInfo.objects.filter(partner_id=partner_id).first()
    return info.settlement_currency if info is not None else "CNY"


def _freeze(request: PaymentRequest, source, obj):
    payable = source.payable(obj)
    info = CertifiedBusinessInfo.objects.get(partner_id=request.partner_id)
    request.amount = payable.amount
    request.title = str(payable.title)[:200]
    request.currency = info.settlement_currency
    request.payee_name = info.bank_account_name
    request.payee_bank = f"{info.bank_name} {info.bank_branch}".strip()
    request.payee_account_no = info.bank_account_no
    request.payee_tax_id = info.tax_id
    request.taxpayer_type = info.taxpayer_type
    request.submitted_at = timezone.now()
    request.review_comment = ""


def payment_request_submit(*, request_id: int, actor, payout_method: str | None = None) -> PaymentRequest:
    """待提交申请 → 申请处理中 (or 退回修改 → 申请处理中): freeze amount, payee and payout method."""
    _require_payer(actor)
    mine = PaymentRequest.objects.for_user(actor)
    with transaction.atomic():
        request = mine.get(pk=request_id)
        name = "resubmit" if request.status == PaymentRequest.Status.RETURNED else "submit"
        source, obj = _locked_source(request)
        with locked_transition(PaymentRequest, pk=request_id, name=name, actor=actor, queryset=mine) as request:
            if name == "submit":
                if payout_method not in PayoutMethod.values:
                    raise ValidationError({"payout_method": _("请选择激励发放方式。")})
                request.payout_method = payout_method
            _freeze(request, source, obj)
            if name == "submit":
                # A returned request never released its source (it is still 申付中), so a resubmission does not
                # request it again.
                source.on_requested(obj, request, actor)
            deadline_open(obj=request, partner=request.partner, kind="payment_review",
                          label=stored(gettext_noop("付款申请审核：%(code)s"), {"code": request.code}),
                          working_days=STEP_WORKING_DAYS["review"], owner="vendor")
    return request


def payment_request_withdraw(*, request_id: int, actor) -> PaymentRequest:
    _require_payer(actor)
    mine = PaymentRequest.objects.for_user(actor)
    with transaction.atomic():
        source, obj = _locked_source(mine.get(pk=request_id))
        with locked_transition(PaymentRequest, pk=request_id, name="withdraw", actor=actor,
                               queryset=mine) as request:
            if request.submitted_at is not None:
                source.on_released(obj, request, actor)
    return request


def _comment_required(comment):
    comment = (comment or "").strip()
    if not comment:
        raise ValidationError({"comment": _("请填写审核意见，伙伴将据此修改。")})
    return comment


def payment_request_approve(*, request_id: int, actor, comment: str = "") -> PaymentRequest:
    """申请处理中 → 待开票: the partner invoices the frozen amount."""
    _require_vendor(actor)
    with locked_transition(PaymentRequest, pk=request_id, name="approve", actor=actor, comment=comment) as request:
        request.review_comment = comment
        deadline_open(obj=request, partner=request.partner, kind="payment_invoice",
                      label=stored(gettext_noop("为付款申请 %(code)s 开票"), {"code": request.code}),
                      working_days=STEP_WORKING_DAYS["invoice"] * 2, owner="partner")
    _tell(request, gettext_noop("付款申请 %(code)s 审核通过，请开票并上传发票。"))
    return request


def payment_request_return(*, request_id: int, actor, comment: str) -> PaymentRequest:
    """申请处理中 → 退回修改: fixable; the partner resubmits."""
    _require_vendor(actor)
    comment = _comment_required(comment)
    with locked_transition(PaymentRequest, pk=request_id, name="return", actor=actor, comment=comment) as request:
        request.review_comment = comment
    _tell(request, gettext_noop("付款申请 %(code)s 被退回修改，请根据审核意见修改后重新提交。"), level="warning")
    return request


def payment_request_reject(*, request_id: int, actor, comment: str) -> PaymentRequest:
    """申请处理中 → 审核不通过: final; the source becomes payable again."""
    _require_vendor(actor)
    comment = _comment_required(comment)
    with transaction.atomic():
        source, obj = _locked_source(PaymentRequest.objects.get(pk=request_id))
        with locked_transition(PaymentRequest, pk=request_id, name="reject", actor=actor,
                               comment=comment) as request:
            request.review_comment = comment
            source.on_released(obj, request, actor)
    _tell(request, gettext_noop("付款申请 %(code)s 审核不通过。"), level="danger")
    return request


def payment_request_invoice(*, request_id: int, actor, data: dict, invoice_file) -> PaymentRequest:
    """待开票 → 发票审核中: invoice details checked against the frozen request (amount to the fen, seller tax id)."""
    _require_payer(actor)
    mine = PaymentRequest.objects.for_user(actor)
    if invoice_file is None:
        raise ValidationError({"invoice_file": _("请上传发票文件。")})
    try:
        validate_document(invoice_file)
    except ValidationError as exc:
        raise ValidationError({"invoice_file": exc.messages}) from exc
    with locked_transition(PaymentRequest, pk=request_id, name="invoice", actor=actor, queryset=mine) as request:
        amount = Decimal(data["invoice_amount"])
        errors = {}
        if amount != request.amount:
            errors["invoice_amount"] = _("发票金额 %(invoice)s 元须与申请金额 %(amount)s 元一致。") % {
                "invoice": amount.quantize(CENT), "amount": request.amount}
        tax_id = (data["invoice_tax_id"] or "").strip().upper()
        if request.payee_tax_id and tax_id != request.payee_tax_id:
            errors["invoice_tax_id"] = _("销售方纳税人识别号须与商业信息认证的纳税人识别号 %(tax)s 一致。") % {
                "tax": request.payee_tax_id}
        if data["invoice_date"] > timezone.localdate():
            errors["invoice_date"] = _("开票日期不能晚于今天。")
        if errors:
            raise ValidationError(errors)
        request.invoice_no = data["invoice_no"].strip()
        request.invoice_date = data["invoice_date"]
        request.invoice_tax_id = tax_id
        request.invoice_amount = amount
        request.invoice_file = invoice_file
        request.review_comment = ""
        deadline_open(obj=request, partner=request.partner, kind="payment_invoice_review",
                      label=stored(gettext_noop("发票审核：%(code)s"), {"code": request.code}),
                      working_days=STEP_WORKING_DAYS["invoice_review"], owner="vendor")
    return request


def payment_request_invoice_approve(*, request_id: int, actor, comment: str = "") -> PaymentRequest:
    _require_vendor(actor)
    with locked_transition(PaymentRequest, pk=request_id, name="invoice_approve", actor=actor,
                           comment=comment) as request:
        request.review_comment = ""
        # "申付审核通过后，在2个工作日内，财经会按照您选择的激励发放方式发起付款" (spec A.12)
        deadline_open(obj=request, partner=request.partner, kind="payment_pay",
                      label=stored(gettext_noop("付款：%(code)s"), {"code": request.code}),
                      working_days=STEP_WORKING_DAYS["payment"], owner="vendor")
    _tell(request, gettext_noop("付款申请 %(code)s 发票审核通过，待华为付款。"))
    return request


def payment_request_invoice_return(*, request_id: int, actor, comment: str) -> PaymentRequest:
    _require_vendor(actor)
    comment = _comment_required(comment)
    with locked_transition(PaymentRequest, pk=request_id, name="invoice_return", actor=actor,
                           comment=comment) as request:
        request.review_comment = comment
        deadline_open(obj=request, partner=request.partner, kind="payment_invoice",
                      label=stored(gettext_noop("为付款申请 %(code)s 重新开票"), {"code": request.code}),
                      working_days=STEP_WORKING_DAYS["invoice"] * 2, owner="partner")
    _tell(request, gettext_noop("付款申请 %(code)s 的发票审核未通过，请根据审核意见修改后重新提交。"), level="warning")
    return request


def payment_request_pay(*, request_id: int, actor, reference: str, paid_on=None) -> PaymentRequest:
    """待华为付款 → 已付款; the source is done (its on_paid runs in the same transaction)."""
    _require_vendor(actor)
    reference = (reference or "").strip()
    if not reference:
        raise ValidationError({"reference": _("请填写付款流水号。")})
    paid_on = paid_on or timezone.localdate()
    if paid_on > timezone.localdate():
        raise ValidationError({"paid_on": _("付款日期不能晚于今天。")})
    with transaction.atomic():
        source, obj = _locked_source(PaymentRequest.objects.get(pk=request_id))
        with locked_transition(PaymentRequest, pk=request_id, name="pay", actor=actor,
                               comment=reference) as request:
            request.payment_reference = reference[:64]
            request.paid_on = paid_on
            source.on_paid(obj, request, actor)
    _tell(request, gettext_noop("付款申请 %(code)s 已付款。"), level="success")
    return request


def _tell(request: PaymentRequest, template: str, level: str = "info"):
    """`template` is a msgid (gettext_noop): the title is stored for display in each reader's language."""
    people = list(User.objects.filter(partner_id=request.partner_id).main_accounts())
    if request.created_by_id and request.created_by not in people:
        people.append(request.created_by)
    transaction.on_commit(lambda: notify(recipients=people, title=stored(template, {"code": request.code}),
                                         url=request.get_absolute_url(), level=level))
