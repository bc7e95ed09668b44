"""付款申请 pages: the list (status and source-kind filters), the detail with review comments and timeline, the
partner's submit / withdraw / invoice, private invoice and statement downloads, and the operators' review queue."""
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
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
    redirect_refused,
    submit_to_service,
    vendor_only,
)
from partnercenter.tenancy import get_for_user_or_404
from partnercenter.uploads import document_response
from partnercenter.workflow.selectors import open_deadlines_for

from .. import selectors, services, sources
from ..filters import RequestFilterSet, StatementFilterSet
from ..forms import InvoiceForm, InvoiceReviewForm, PayForm, ReviewForm, SubmitForm
from ..models import PaymentRequest
from ..pdf import statement_pdf
from ..readiness import projected_payment_date


class RequestListView(ScopedListView):
    """Tab 付款申请: every payment request of the partner; `?kind=fh_quarter` narrows to one source."""

    model = PaymentRequest
    filterset_class = RequestFilterSet
    template_name = "payments/request_list.html"

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("partner")

    def get_context_data(self, **kwargs):
        kind = self.request.GET.get("kind", "")
        label = next((s.label for s in sources.all_sources() if s.kind == kind), None)
        return super().get_context_data(kind_label=label, **kwargs)


class RequestDetailView(ScopedDetailView):
    model = PaymentRequest
    template_name = "payments/request_detail.html"

    def get_context_data(self, **kwargs):
        payment = self.object
        is_payer = bool(self.request.user.partner_id)
        return super().get_context_data(
            payment=payment, is_payer=is_payer, deadlines=open_deadlines_for(payment),
            submit_form=SubmitForm(initial={"payout_method": payment.payout_method}),
            projected_on=projected_payment_date(payment.status), **kwargs)


@login_required
@require_POST
def request_start(request):
    """申请付款 from a source's panel: the source's open request (double click, second tab) or a new one."""
    kind, source_id = request.POST.get("kind", ""), request.POST.get("source_id", "")
    back = request.POST.get("next") or "payments:request-list"
    if not back.startswith("/") or back.startswith("//"):
        back = "payments:request-list"
    try:
        payment, created = services.payment_request_start(kind=kind, source_id=int(source_id), actor=request.user)
    except ValueError:
        messages.error(request, _("没有找到该付款来源。"))
        return redirect(back)
    except REFUSALS as exc:
        flash_refusal(request, exc)
        return redirect(back)
    if created:
        messages.success(request, _("付款申请 %(code)s 已创建，请选择激励发放方式并提交。") % {"code": payment.code})
    else:
        messages.info(request, _("该款项已有付款申请 %(code)s。") % {"code": payment.code})
    return redirect(payment.get_absolute_url())


@login_required
@require_POST
@object_view(PaymentRequest)
def request_submit(request, pk):
    payment = get_for_user_or_404(PaymentRequest, request.user, pk=pk)
    form = SubmitForm(request.POST or None)
    method = form.cleaned_data["payout_method"] if form.is_valid() else None
    if payment.status == PaymentRequest.Status.DRAFT and method is None:
        messages.error(request, _("请选择激励发放方式。"))
        return redirect(payment.get_absolute_url())
    return post_transition(
        request, lambda: services.payment_request_submit(request_id=payment.pk, actor=request.user,
                                                         payout_method=method),
        success_message=_("付款申请已提交，华为云将在3个工作日内完成审核。"), next_url=payment.get_absolute_url())


@login_required
@require_POST
@object_view(PaymentRequest)
def request_withdraw(request, pk):
    payment = get_for_user_or_404(PaymentRequest, request.user, pk=pk)
    return post_transition(request, lambda: services.payment_request_withdraw(request_id=payment.pk,
                                                                              actor=request.user),
                           success_message=_("付款申请已撤回，款项可重新申请付款。"),
                           next_url=payment.get_absolute_url())


@login_required
@object_view(PaymentRequest)
@redirect_refused
def request_invoice(request, pk):
    payment = get_for_user_or_404(PaymentRequest, request.user, pk=pk)
    if payment.status != PaymentRequest.Status.AWAITING_INVOICE or not request.user.partner_id:
        messages.error(request, _("当前状态为“%(status)s”，不能提交发票。") % {"status": payment.get_status_display()})
        return redirect(payment.get_absolute_url())
    form = InvoiceForm(request.POST or None, request.FILES or None,
                       initial={"invoice_tax_id": payment.payee_tax_id, "invoice_amount": payment.amount})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        done = submit_to_service(
            request, form, lambda: services.payment_request_invoice(
                request_id=payment.pk, actor=request.user, data=data, invoice_file=data["invoice_file"]),
            success_message=_("发票已提交，等待华为云审核。"), refused_url=payment.get_absolute_url())
        if done is not None:
            return redirect(payment.get_absolute_url())
    return render(request, "payments/invoice_form.html", {"payment": payment, "form": form})


@login_required
@object_view(PaymentRequest)
def request_invoice_file(request, pk):
    payment = get_for_user_or_404(PaymentRequest, request.user, pk=pk)
    if not payment.invoice_file:
        raise Http404(_("该付款申请还没有发票文件。"))
    suffix = payment.invoice_file.name.rsplit(".", 1)[-1]
    return document_response(payment.invoice_file, download_name=f"invoice-{payment.code}.{suffix}")


@login_required
@object_view(PaymentRequest)
def request_statement(request, pk):
    payment = get_for_user_or_404(PaymentRequest, request.user, pk=pk)
    if payment.status != PaymentRequest.Status.PAID:
        messages.error(request, _("付款完成后才能下载付款凭证。"))
        return redirect(payment.get_absolute_url())
    response = HttpResponse(statement_pdf(payment), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="statement-{payment.code}.pdf"'
    response["Cache-Control"] = "private, no-store"
    return response


class StatementListView(ScopedListView):
    """伙伴账单: paid payment requests with their statements, and the paid totals per year."""

    model = PaymentRequest
    filterset_class = StatementFilterSet
    template_name = "payments/statement_list.html"

    def get_base_queryset(self):
        return (super().get_base_queryset().filter(status=PaymentRequest.Status.PAID).select_related("partner")
                .order_by("-paid_on", "-pk"))

    def get_context_data(self, **kwargs):
        totals = selectors.paid_totals(PaymentRequest.objects.for_user(self.request.user))
        return super().get_context_data(totals=totals, **kwargs)


REVIEW_STATES = {
    "processing": PaymentRequest.Status.PROCESSING,
    "invoice_review": PaymentRequest.Status.INVOICE_REVIEW,
    "awaiting_payment": PaymentRequest.Status.AWAITING_PAYMENT,
}


@login_required
@vendor_only
def review_list(request):
    """The operators' queue: requests waiting for a review, an invoice check or the payment, overdue first."""
    tab = request.GET.get("tab", "processing")
    if tab not in REVIEW_STATES:
        tab = "processing"
    queryset = PaymentRequest.objects.for_user(request.user).filter(status=REVIEW_STATES[tab])
    queryset = selectors.with_open_deadline(queryset.select_related("partner")).order_by("due_on", "submitted_at")
    counts = {key: PaymentRequest.objects.filter(status=status).count() for key, status in REVIEW_STATES.items()}
    labels = dict(PaymentRequest.Status.choices)
    return render(request, "payments/review_list.html", {
        "tab": tab, "payments": queryset[:200], "today": timezone.localdate(),
        "tabs": [(key, labels[status], counts[key]) for key, status in REVIEW_STATES.items()]})


@login_required
@vendor_only
@object_view(PaymentRequest)
def review(request, pk):
    payment = get_for_user_or_404(PaymentRequest, request.user, pk=pk)
    Status = PaymentRequest.Status
    form_class = {Status.PROCESSING: ReviewForm, Status.INVOICE_REVIEW: InvoiceReviewForm,
                  Status.AWAITING_PAYMENT: PayForm}.get(payment.status)
    initial = {"paid_on": timezone.localdate()} if form_class is PayForm else None
    form = form_class(request.POST or None, initial=initial) if form_class else None
    if request.method == "POST" and form is not None and form.is_valid():
        data = form.cleaned_data
        call = _review_call(payment, data, request.user)
        try:
            call()
        except ValidationError as exc:
            apply_service_errors(form, exc)
        except REFUSALS as exc:
            flash_refusal(request, exc)
            return redirect(payment.get_review_url())
        else:
            messages.success(request, _("已处理付款申请 %(code)s。") % {"code": payment.code})
            return redirect("payments:request-review-list")
    source = payment.source
    return render(request, "payments/review.html", {
        "payment": payment, "form": form, "deadlines": open_deadlines_for(payment), "source": source})


def _review_call(payment, data, actor):
    Status = PaymentRequest.Status
    comment = data.get("comment", "")
    if payment.status == Status.PROCESSING:
        call = {"approve": services.payment_request_approve, "return": services.payment_request_return,
                "reject": services.payment_request_reject}[data["decision"]]
        return lambda: call(request_id=payment.pk, actor=actor, comment=comment)
    if payment.status == Status.INVOICE_REVIEW:
        call = {"approve": services.payment_request_invoice_approve,
                "return": services.payment_request_invoice_return}[data["decision"]]
        return lambda: call(request_id=payment.pk, actor=actor, comment=comment)
    return lambda: services.payment_request_pay(request_id=payment.pk, actor=actor, reference=data["reference"],
                                                paid_on=data["paid_on"])
