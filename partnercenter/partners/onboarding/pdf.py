"""The certification certificate as a PDF (WeasyPrint, Noto CJK fonts)."""
from django.template.loader import render_to_string
from django.utils import timezone


def certificate_pdf(application) -> bytes:
    from weasyprint import HTML

    html = render_to_string("onboarding/pdf/certificate.html", {
        "application": application, "partner": application.partner, "today": timezone.localdate(),
    })
    return HTML(string=html).write_pdf()
