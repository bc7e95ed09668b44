"""Operator review pages: one queue with working-day countdowns (overdue first) and a decision page per
application. Partner users get 404 here, like for any page that does not exist for them."""
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db.models import OuterRef, Subquery
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from partnercenter.pages import REFUSALS, apply_service_errors, flash_refusal, object_view, vendor_only
from partnercenter.workflow.models import Deadline
from partnercenter.workflow.selectors import open_deadlines_for

from . import selectors, services
from .forms import ReviewDecisionForm
from .models import BusinessInfoApplication, CertificationApplication, PartnerDocument, RealNameApplication

QUEUES = {
    "realname": (RealNameApplication, gettext_lazy("实名认证")),
    "business-info": (BusinessInfoApplication, gettext_lazy("商业信息认证")),
    "documents": (PartnerDocument, gettext_lazy("商业计划与案例")),
    "certification": (CertificationApplication, gettext_lazy("角色与能力认证")),
}


def _with_review_deadline(queryset):
    deadlines = Deadline.objects.filter(
        content_type=ContentType.objects.get_for_model(queryset.model), object_id=OuterRef("pk"), status="open",
    ).order_by("due_on")
    return queryset.annotate(
        due_on=Subquery(deadlines.values("due_on")[:1]),
        due_provisional=Subquery(deadlines.values("provisional")[:1]),
    )


@login_required
@vendor_only
def queue(request):
    tab = request.GET.get("tab", "realname")
    if tab not in QUEUES:
        tab = "realname"
    model, _label = QUEUES[tab]
    status = request.GET.get("status", "pending")
    applications = model.objects.for_user(request.user).select_related("partner", "submitted_by")
    if status in dict(model._meta.get_field("status").flatchoices):
        applications = applications.filter(status=status)
    # Overdue first: the earliest due day leads; items without a clock (decided ones) follow, newest first.
    applications = _with_review_deadline(applications).order_by("due_on", "-submitted_at")
    counts = {key: m.objects.pending_review().count() for key, (m, _l) in QUEUES.items()}
    return render(request, "review/queue.html", {
        "tab": tab,
        "tabs": [(key, label, counts[key]) for key, (_m, label) in QUEUES.items()],
        "status": status,
        "status_choices": model._meta.get_field("status").flatchoices,
        "applications": applications[:200],
    })


def review(request, model, pk, approve, reject, template):
    """The operator's decision page for any `ReviewedApplication`: approve/reject through the given services
    (also used by partners.onboarding.review_views for 商业计划/案例 and certifications)."""
    application = get_object_or_404(model.objects.for_user(request.user).select_related("partner"), pk=pk)
    form = ReviewDecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if data["decision"] == "approve":
                approve(application_id=application.pk, actor=request.user, comment=data["opinion"])
                messages.success(request, _("已审核通过。"))
            else:
                reject(application_id=application.pk, actor=request.user, opinion=data["opinion"],
                       reason_code=data["reason_code"])
                messages.success(request, _("已审核不通过，伙伴将看到审核意见。"))
        except ValidationError as exc:
            apply_service_errors(form, exc)
        except REFUSALS as exc:
            flash_refusal(request, exc)
            return redirect(request.path)
        else:
            return redirect(f"{request.path}")
    return render(request, template, {
        "application": application,
        "form": form,
        "deadlines": open_deadlines_for(application),
        "partner": application.partner,
        "business_info_status": selectors.business_info_status(partner=application.partner),
    })


@login_required
@vendor_only
@object_view(RealNameApplication)
def realname_review(request, pk):
    return review(request, RealNameApplication, pk, services.realname_approve, services.realname_reject,
                  "review/realname_review.html")


@login_required
@vendor_only
@object_view(BusinessInfoApplication)
def businessinfo_review(request, pk):
    return review(request, BusinessInfoApplication, pk, services.businessinfo_approve,
                  services.businessinfo_reject, "review/businessinfo_review.html")
