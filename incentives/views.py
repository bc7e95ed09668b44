"""Pages of 激励管理: 激励汇总 (bills), 激励明细 (lines + receipt + exports), the vendor's generation runs."""
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
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
from partnercenter.workflow.selectors import open_deadlines_for

from . import exports, selectors, services
from .filters import BillFilterSet, DetailFilterSet, IndicatorFilterSet
from .forms import AnswerForm, DisputeForm, RunForm
from .models import BillDispute, GenerationRun, IncentiveDetail, Indicator, ReconciliationBill


class BillListView(ScopedListView):
    """激励汇总: the bills by period."""

    model = ReconciliationBill
    filterset_class = BillFilterSet
    template_name = "incentives/bill_list.html"

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("partner").order_by("-period", "pk")

    def get_context_data(self, **kwargs):
        return super().get_context_data(tab="bills", dispute_form=DisputeForm(), **kwargs)


class DetailListView(ScopedListView):
    """激励明细: filters, sort, totals of the filtered set."""

    model = IncentiveDetail
    filterset_class = DetailFilterSet
    template_name = "incentives/detail_list.html"
    paginate_by = 20

    def get_base_queryset(self):
        return super().get_base_queryset().order_by("-period", "-id")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(tab="details", **kwargs)
        context["totals"] = self.object_list.totals() if not self.is_empty else None
        context["query"] = self.request.GET.copy()
        context["query"].pop("page", None)
        return context


class DetailDetailView(ScopedDetailView):
    model = IncentiveDetail
    template_name = "incentives/detail_detail.html"
    context_object_name = "detail"

    def get_queryset(self):
        return super().get_queryset().select_related("bill", "policy", "dispute")

    def get_context_data(self, **kwargs):
        return super().get_context_data(receipt=selectors.receipt_for(self.object), **kwargs)


@login_required
def detail_export(request):
    view = DetailListView()
    view.setup(request)
    queryset = view.get_queryset()
    if request.GET.get("format") == "xlsx":
        return exports.export_xlsx(queryset)
    return exports.export_csv(queryset)


class BillDetailView(ScopedDetailView):
    model = ReconciliationBill
    template_name = "incentives/bill_detail.html"
    context_object_name = "bill"

    def get_context_data(self, **kwargs):
        bill = self.object
        return super().get_context_data(
            by_reason=selectors.bill_lines_by_reason(bill),
            disputes=bill.disputes.select_related("detail", "raised_by", "answered_by"),
            deadlines=open_deadlines_for(bill),
            dispute_form=DisputeForm(),
            answer_form=AnswerForm(),
            **kwargs,
        )


@require_POST
@login_required
@object_view(ReconciliationBill)
def bill_confirm(request, pk):
    bill = get_for_user_or_404(ReconciliationBill, request.user, pk=pk)
    if request.user.is_vendor_staff:
        raise Http404
    return post_transition(request, lambda: services.bill_confirm(bill_id=bill.pk, actor=request.user),
                           success_message=_("已确认 %(period)s 期对账单。") % {"period": bill.period_code},
                           next_url=bill.get_absolute_url())


@require_POST
@login_required
@object_view(ReconciliationBill)
def bill_dispute(request, pk):
    bill = get_for_user_or_404(ReconciliationBill, request.user, pk=pk)
    if request.user.is_vendor_staff:
        raise Http404
    form = DisputeForm(request.POST)
    if not form.is_valid():
        messages.error(request, "；".join(e for errors in form.errors.values() for e in errors))
        return redirect(bill.get_absolute_url())
    try:
        services.bill_dispute(bill_id=bill.pk, actor=request.user, comment=form.cleaned_data["comment"],
                              detail_id=form.cleaned_data.get("detail"))
    except REFUSALS as exc:
        flash_refusal(request, exc)
    else:
        messages.success(request, _("问题反馈已提交，华为云将在 3 个工作日内答复。"))
    return redirect(bill.get_absolute_url())


@require_POST
@vendor_only
@object_view(ReconciliationBill)
def bill_publish(request, pk):
    bill = get_for_user_or_404(ReconciliationBill, request.user, pk=pk)
    return post_transition(request, lambda: services.bill_publish(bill_id=bill.pk, actor=request.user),
                           success_message=_("已发布正式账单。"), next_url=bill.get_absolute_url())


@require_POST
@vendor_only
@object_view(ReconciliationBill)
def bill_pay(request, pk):
    bill = get_for_user_or_404(ReconciliationBill, request.user, pk=pk)
    return post_transition(request, lambda: services.bill_pay(bill_id=bill.pk, actor=request.user),
                           success_message=_("已标记为已发放。"), next_url=bill.get_absolute_url())


@require_POST
@vendor_only
@object_view(BillDispute)
def dispute_answer(request, pk):
    dispute = get_for_user_or_404(BillDispute, request.user, pk=pk)
    form = AnswerForm(request.POST)
    if not form.is_valid():
        messages.error(request, "；".join(e for errors in form.errors.values() for e in errors))
    else:
        try:
            services.bill_answer(dispute_id=dispute.pk, actor=request.user, answer=form.cleaned_data["answer"],
                                 adjustment=form.cleaned_data.get("adjustment"))
        except REFUSALS as exc:
            flash_refusal(request, exc)
        else:
            messages.success(request, _("已答复问题反馈。"))
    return redirect(dispute.bill.get_absolute_url())


@vendor_only
def run_list(request):
    """Operators: the generation ledger, and the form that previews or runs a period."""
    form = RunForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            run = services.generation_run_start(period=form.cleaned_data["period"], actor=request.user,
                                                dry_run=form.cleaned_data["dry_run"])
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, (_("已开始预览 %(period)s 期（不写入）。") if run.dry_run
                                       else _("已开始生成 %(period)s 期激励。")) % {"period": f"{run.period:%Y%m}"})
            return redirect("incentives:run-list")
    runs = GenerationRun.objects.select_related("started_by")
    page = Paginator(runs, 20).get_page(request.GET.get("page"))
    return render(request, "incentives/run_list.html", {"form": form, "page_obj": page})


class IndicatorListView(ScopedListView):
    """指标信息: the partner's indicators by period, name and scope."""

    model = Indicator
    filterset_class = IndicatorFilterSet
    template_name = "incentives/indicator_list.html"

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("partner").order_by("-period", "name", "scope")


class IndicatorDetailView(ScopedDetailView):
    """概要信息 + 详细数据; the rows add up exactly to the value."""

    model = Indicator
    template_name = "incentives/indicator_detail.html"
    context_object_name = "indicator"

    def get_context_data(self, **kwargs):
        lines = list(self.object.lines.all())
        return super().get_context_data(lines=lines, lines_total=sum((x.value for x in lines), 0), **kwargs)
