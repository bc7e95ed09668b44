"""Operator decisions on 商业计划/案例 and certification applications (vendor staff only; others get 404)."""
from django.contrib.auth.decorators import login_required

from partnercenter.pages import object_view, vendor_only

from ..models import CertificationApplication, PartnerDocument
from ..review_views import review
from . import services


@login_required
@vendor_only
@object_view(PartnerDocument)
def document_review(request, pk):
    return review(request, PartnerDocument, pk, services.document_approve, services.document_reject,
                  "onboarding/document_review.html")


@login_required
@vendor_only
@object_view(CertificationApplication)
def certification_review(request, pk):
    return review(request, CertificationApplication, pk, services.certification_approve,
                  services.certification_reject, "onboarding/certification_review.html")
