"""MDF 核销 pages: start a claim from an approved application, edit it (amount, summary, expense lines), upload
receipts (private), submit, the claim detail with its payment panel, and the operators' review queue."""
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.forms.utils import ErrorList
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from partnercenter.pages import (
    REFUSALS,
    ScopedDetailView,
    ScopedListView,
    apply_service_errors,
    flash_refusal,
    object_view,
    post_transition,
    vendor_only,
)
from partnercenter.tenancy import get_for_user_or_404
from partnercenter.uploads import document_response
from partnercenter.workflow.models import Deadline

from . import claim_services as services
from .claim_forms import ClaimForm, ClaimReviewForm, ReceiptForm, expense_formset, formset_lines
from .filters import ClaimFilter
from .models import MdfApplication, MdfClaim, MdfReceipt


class ClaimListView(ScopedListView):
    model = MdfClaim
    filterset_class = ClaimFilter
    template_name = "vouchers/claim_list.html"

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("partner", "application")


def _save_claim(request, form, formset, call):
    """Both forms valid → the service; its errors land on the claim form (expense errors above the lines)."""
    if not (form.is_valid() and formset.is_valid()):
        return None
    data = form.cleaned_data
    try:
        return call(amount=data["amount"], summary=data["summary"], lines=formset_lines(formset))
    except ValidationError as exc:
        if hasattr(exc, "error_dict") and "expenses" in exc.error_dict:
            errors = [m for error in exc.error_dict.pop("expenses") for m in error.messages]
            formset._non_form_errors = ErrorList([*formset.non_form_errors(), *errors])
            if not exc.error_dict:
                return None
        apply_service_errors(form, exc)
        return None


@login_required
@object_view(MdfApplication)
def claim_create(request, pk):
    application = get_for_user_or_404(MdfApplication, request.user, pk=pk)
    if not request.user.partner_id or not application.can_claim():
        messages.error(request, _("只有活动已结束、审核通过且尚未核销的使用申请可以申请核销。"))
        return redirect(application.get_absolute_url())
    form = ClaimForm(request.POST or None, initial={"amount": application.amount})
    formset = expense_formset(request.POST or None)
    if request.method == "POST":
        try:
            claim = _save_claim(request, form, formset, lambda **kw: services.claim_create(
                application_id=application.pk, actor=request.user, **kw))
        except REFUSALS as exc:
            flash_refusal(request, exc)
            return redirect(application.get_absolute_url())
        if claim is not None:
            messages.success(request, _("核销申请已保存，请上传费用凭证后提交。"))
            return redirect(claim.get_absolute_url())
    return render(request, "vouchers/claim_form.html", {"form": form, "formset": formset,
                                                         "application": application})


@login_required
@object_view(MdfClaim)
def claim_edit(request, pk):
    claim = get_for_user_or_404(MdfClaim, request.user, pk=pk)
    if not claim.is_editable or not request.user.partner_id:
        messages.error(request, _("当前状态为“%(status)s”，不能修改。") % {"status": claim.get_status_display()})
        return redirect(claim.get_absolute_url())
    form = ClaimForm(request.POST or None, instance=claim)
    formset = expense_formset(request.POST or None, claim=claim)
    if request.method == "POST":
        try:
            saved = _save_claim(request, form, formset, lambda **kw: services.claim_save(
                claim_id=claim.pk, actor=request.user, **kw))
        except REFUSALS as exc:
            flash_refusal(request, exc)
            return redirect(claim.get_absolute_url())
        if saved is not None:
            messages.success(request, _("核销申请已保存。"))
            return redirect(claim.get_absolute_url())
    return render(request, "vouchers/claim_form.html", {"form": form, "formset": formset, "claim": claim,
                                                         "application": claim.application,
                                                         "lines": claim.expenses.all()})


class ClaimDetailView(ScopedDetailView):
    model = MdfClaim
    template_name = "vouchers/claim_detail.html"

    def get_queryset(self):
        return super().get_queryset().select_related("application", "partner")

    def get_context_data(self, **kwargs):
        claim = self.object
        is_partner = bool(self.request.user.partner_id)
        return super().get_context_data(
            is_partner=is_partner, expenses=claim.expenses.all(), receipts=claim.receipts.all(),
            problems=claim.submit_problems() if is_partner and claim.is_editable else [],
            receipt_form=ReceiptForm() if is_partner and claim.is_editable else None,
            deadline=Deadline.objects.for_subject(claim).open().first(), **kwargs)


@login_required
@require_POST
@object_view(MdfClaim)
def claim_submit(request, pk):
    claim = get_for_user_or_404(MdfClaim, request.user, pk=pk)
    return post_transition(request, lambda: services.claim_submit(claim_id=claim.pk, actor=request.user),
                           success_message=_("MDF核销申请提交成功!"), next_url=claim.get_absolute_url())


@login_required
@require_POST
@object_view(MdfClaim)
def claim_receipt_upload(request, pk):
    claim = get_for_user_or_404(MdfClaim, request.user, pk=pk)
    form = ReceiptForm(request.POST, request.FILES)
    if not form.is_valid():
        for errors in form.errors.values():
            messages.error(request, "；".join(errors))
        return redirect(claim.get_absolute_url())
    try:
        receipts = services.claim_receipts_add(claim_id=claim.pk, actor=request.user,
                                               category=form.cleaned_data["category"], files=form.cleaned_data["files"])
    except REFUSALS as exc:
        flash_refusal(request, exc)
    else:
        messages.success(request, _("已上传 %(count)s 个凭证。") % {"count": len(receipts)})
    return redirect(claim.get_absolute_url())


@login_required
@object_view(MdfReceipt)
def claim_receipt(request, pk):
    receipt = get_for_user_or_404(MdfReceipt, request.user, pk=pk)
    return document_response(receipt.file, download_name=receipt.name)


@login_required
@require_POST
@object_view(MdfReceipt)
def claim_receipt_delete(request, pk):
    receipt = get_for_user_or_404(MdfReceipt, request.user, pk=pk)
    claim_url = receipt.claim.get_absolute_url()
    return post_transition(request, lambda: services.claim_receipt_delete(receipt_id=receipt.pk, actor=request.user),
                           success_message=_("凭证已删除。"), next_url=claim_url)


@login_required
@vendor_only
def claim_review_list(request):
    claims = MdfClaim.objects.awaiting_review().select_related("partner", "application").order_by("submitted_at")
    q = request.GET.get("q", "").strip()
    if q:
        claims = claims.filter(Q(application__activity_name__icontains=q) | Q(partner__name__icontains=q))
    return render(request, "vouchers/claim_review_list.html", {"claims": claims[:100], "q": q})


@login_required
@vendor_only
@object_view(MdfClaim)
def claim_review(request, pk):
    claim = get_for_user_or_404(MdfClaim, request.user, pk=pk)
    form = ClaimReviewForm(request.POST or None, claim=claim)
    if request.method == "POST" and form.is_valid():
        decision, comment = form.cleaned_data["decision"], form.cleaned_data["comment"]
        calls = {
            "approve": lambda: services.claim_approve(claim_id=claim.pk, actor=request.user, comment=comment),
            "return": lambda: services.claim_return(claim_id=claim.pk, actor=request.user, comment=comment,
                                                    line_notes=form.line_notes()),
            "reject": lambda: services.claim_reject(claim_id=claim.pk, actor=request.user, comment=comment),
        }
        try:
            calls[decision]()
        except ValidationError as exc:
            apply_service_errors(form, exc)
        except REFUSALS as exc:
            flash_refusal(request, exc)
            return redirect("vouchers:claim-review-list")
        else:
            messages.success(request, _("审核结果已提交。"))
            return redirect("vouchers:claim-review-list")
    return render(request, "vouchers/claim_review.html", {
        "claim": claim, "form": form, "expenses": claim.expenses.all(), "receipts": claim.receipts.all(),
        "problems": claim.submit_problems() if claim.status == MdfClaim.Status.IN_REVIEW else [],
        "deadline": Deadline.objects.for_subject(claim).open().first()})
