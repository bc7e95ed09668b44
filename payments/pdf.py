"""PDF documents of the payments wing (WeasyPrint, Noto CJK fonts embedded): the 华为云付款协议 contract and the
payment statement of a paid request."""
from django.template.loader import render_to_string
from django.utils import timezone

from .services.contracts import format_code

CONTRACT_TEMPLATE = "payments/pdf/contract.html"
STATEMENT_TEMPLATE = "payments/pdf/statement.html"


def _render_pdf(html: str) -> tuple[bytes, int]:
    from weasyprint import HTML

    document = HTML(string=html).render()
    return document.write_pdf(), len(document.pages)


def contract_pdf(contract) -> tuple[bytes, int]:
    html = render_to_string(CONTRACT_TEMPLATE, {
        "contract": contract, "code": format_code(contract.verification_code), "rows": contract.breakdown,
    })
    return _render_pdf(html)


def statement_pdf(request) -> bytes:
    html = render_to_string(STATEMENT_TEMPLATE, {"payment": request, "today": timezone.localdate()})
    return _render_pdf(html)[0]
