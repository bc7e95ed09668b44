"""华为云付款协议: generated at once from the partner's consumption (no approval), then rendered to PDF by a
Celery task. Only real-name-authenticated partners may apply (spec A.16)."""
import datetime as dt
import hashlib
import hmac
import logging
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from partnercenter.partners.models import ConsumptionLine, Partner

from ..models import PaymentContract
from .numbering import next_code

CENT = Decimal("0.01")
MAX_MONTHS = 12
logger = logging.getLogger(__name__)


def months_back(day: dt.date, months: int) -> dt.date:
    """The same day `months` months earlier (clamped to the month's last day)."""
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    month += 1
    for candidate in (day.day, 30, 29, 28):
        try:
            return dt.date(year, month, candidate)
        except ValueError:
            continue
    raise ValueError(day)


def _month_count(start: dt.date, end: dt.date) -> int:
    return (end.year - start.year) * 12 + end.month - start.month + 1


def verification_code_for(*, number, partner_name, credit_code, period_start, period_end, committed, amount) -> str:
    """HMAC of the frozen content: a changed amount, name or period no longer verifies; nobody without the
    server's key can make a code that does."""
    canonical = "|".join([number, partner_name, credit_code, f"{period_start:%Y%m}", f"{period_end:%Y%m}",
                          committed.isoformat(), f"{amount:.2f}"])
    digest = hmac.new(settings.SECRET_KEY.encode(), canonical.encode(), hashlib.sha256).hexdigest().upper()
    return digest[:32]


def format_code(code: str) -> str:
    return "-".join(code[i:i + 4] for i in range(0, len(code), 4))


def normalise_code(text: str) -> str:
    return "".join(ch for ch in (text or "").upper() if ch.isalnum())


def consumption_summary(*, partner_id: int, period_start: dt.date, period_end: dt.date) -> dict:
    """Sum of the partner's consumption lines in the period, and per (cycle, customer) rows that add up to it."""
    lines = ConsumptionLine.objects.filter(partner_id=partner_id, bill_cycle__gte=period_start,
                                           bill_cycle__lte=period_end)
    rows = (lines.order_by().values("bill_cycle", "customer__name")
            .annotate(total=Sum("amount"), lines=Count("pk")).order_by("bill_cycle", "customer__name"))
    breakdown = [{"cycle": f"{row['bill_cycle']:%Y%m}", "customer": row["customer__name"],
                  "lines": row["lines"], "amount": str(Decimal(row["total"]).quantize(CENT, ROUND_HALF_UP))}
                 for row in rows]
    total = sum((Decimal(row["amount"]) for row in breakdown), Decimal("0.00"))
    return {"amount": total, "line_count": sum(row["lines"] for row in breakdown), "breakdown": breakdown}


def contract_create(*, actor, period_start: dt.date, period_end: dt.date, committed_payment_date: dt.date
                    ) -> PaymentContract:
    if actor is None or not actor.partner_id:
        raise PermissionDenied(_("只有伙伴账号可以申请华为云付款协议。"))
    partner = Partner.objects.get(pk=actor.partner_id)
    if not partner.is_real_name_verified:
        raise PermissionDenied(_("只有完成实名认证的伙伴可以申请华为云付款协议，请先完成实名认证。"))
    today = timezone.localdate()
    this_month = today.replace(day=1)
    period_start, period_end = period_start.replace(day=1), period_end.replace(day=1)
    errors = {}
    if period_end < period_start:
        errors["period_end"] = _("结束账期不能早于起始账期。")
    elif period_end >= this_month:
        errors["period_end"] = _("只能选择已结束的账期（%(month)s 之前）。") % {"month": f"{this_month:%Y-%m}"}
    elif _month_count(period_start, period_end) > MAX_MONTHS:
        errors["period_end"] = _("消费期间最长 %(n)s 个月。") % {"n": MAX_MONTHS}
    earliest = months_back(today, 12)
    if committed_payment_date < earliest:
        errors["committed_payment_date"] = _("承诺付款时间可以是过去的日期，但须在最近12个月内（不早于 %(day)s）。") % {
            "day": earliest.isoformat()}
    elif committed_payment_date > today + dt.timedelta(days=90):
        errors["committed_payment_date"] = _("承诺付款时间不能晚于 %(day)s。") % {
            "day": (today + dt.timedelta(days=90)).isoformat()}
    elif committed_payment_date < period_start:
        errors["committed_payment_date"] = _(
            "承诺付款时间不能早于消费期间的开始（%(day)s），协议须与实际付款一致。") % {"day": period_start.isoformat()}
    if errors:
        raise ValidationError(errors)
    summary = consumption_summary(partner_id=partner.pk, period_start=period_start, period_end=period_end)
    if summary["amount"] <= 0:
        raise ValidationError({"period_start": _(
            "所选期间没有实际消费（消费合计 %(amount)s 元），不能生成付款协议。") % {"amount": summary["amount"]}})
    with transaction.atomic():
        number = next_code("HWFK", today.year, width=5)
        name = partner.certified_name or partner.name
        contract = PaymentContract(
            partner=partner, number=number, period_start=period_start, period_end=period_end,
            committed_payment_date=committed_payment_date, partner_name=name,
            partner_credit_code=partner.credit_code, amount=summary["amount"], line_count=summary["line_count"],
            breakdown=summary["breakdown"], created_by=actor,
            verification_code=verification_code_for(
                number=number, partner_name=name, credit_code=partner.credit_code, period_start=period_start,
                period_end=period_end, committed=committed_payment_date, amount=summary["amount"]))
        contract.full_clean()
        contract.save()
        transaction.on_commit(lambda: _enqueue_render(contract.pk))
    return contract


def _enqueue_render(contract_id: int):
    from ..tasks import render_contract_pdf

    render_contract_pdf.delay(contract_id)


def contract_verify(*, number: str, code: str) -> PaymentContract | None:
    """The contract if `number` exists and `code` is its verification code (recomputed from the frozen content)."""
    contract = PaymentContract.objects.filter(number=(number or "").strip().upper()).first()
    if contract is None:
        return None
    expected = verification_code_for(
        number=contract.number, partner_name=contract.partner_name, credit_code=contract.partner_credit_code,
        period_start=contract.period_start, period_end=contract.period_end,
        committed=contract.committed_payment_date, amount=contract.amount)
    if not hmac.compare_digest(expected, contract.verification_code):
        return None  # the stored content was altered after generation
    if not hmac.compare_digest(normalise_code(code), expected):
        return None
    return contract


def contract_render(*, contract_id: int) -> PaymentContract | None:
    """Render and store the PDF (the Celery task's body). Idempotent: a ready contract is left alone."""
    from django.core.files.base import ContentFile

    from ..pdf import contract_pdf

    with transaction.atomic():
        contract = PaymentContract.objects.select_for_update().filter(pk=contract_id).first()
        if contract is None or contract.pdf_status == PaymentContract.PdfStatus.READY:
            return contract
        PaymentContract.objects.filter(pk=contract_id).update(pdf_status=PaymentContract.PdfStatus.RENDERING)
    try:
        data, pages = contract_pdf(contract)
    except Exception as exc:  # recorded on the contract; the beat job retries it
        logger.exception("contract %s: PDF rendering failed", contract_id)
        PaymentContract.objects.filter(pk=contract_id).update(pdf_status=PaymentContract.PdfStatus.FAILED,
                                                              pdf_error=str(exc)[:300])
        return PaymentContract.objects.get(pk=contract_id)
    with transaction.atomic():
        contract = PaymentContract.objects.select_for_update().get(pk=contract_id)
        if contract.pdf_status != PaymentContract.PdfStatus.READY:
            contract.pdf_file.save(f"{contract.number}.pdf", ContentFile(data), save=False)
            contract.pdf_pages = pages
            contract.pdf_status = PaymentContract.PdfStatus.READY
            contract.pdf_error = ""
            contract.save(update_fields=["pdf_file", "pdf_pages", "pdf_status", "pdf_error"])
    return contract
