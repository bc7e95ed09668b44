"""Pages of 激励管理: 激励汇总 (bills), 激励明细 (lines + receipt + exports), the vendor's generation runs."""
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import BooleanField
from django.db.models.expressions import RawSQL
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

from . import detail_rows, exports, selectors, services
from .filters import BillFilterSet, DetailFilterSet, IndicatorFilterSet, parse_period
from .forms import AnswerForm, DisputeForm, RunForm, UnfreezeForm
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


DEFAULT_ORDER = ["-period", "-id"]
COUNT_CAP = 10_000  # counts stop here ("10,000+"): an exact count of a huge set costs more than the page


def parse_cursor(value):
    """`202610.12345` → (period, id); anything else → None (a hand-edited cursor shows the first page)."""
    head, _dot, tail = (value or "").partition(".")
    period = parse_period(head)
    if period is None or not tail.isdigit() or len(tail) > 18:
        return None
    return period, int(tail)


def cursor_of(detail) -> str:
    return f"{detail.period:%Y%m}.{detail.pk}"


def beyond_cursor(queryset, period, pk, *, pinned_period, older: bool):
    """The rows after (older=True) or before the cursor row in (period, id) order, as conditions the list's
    index can seek to: `id < cursor` when the filter pins the cursor's period (the list index is partner,
    period, id, status), else the row comparison `(period, id) < (cursor)`. The equivalent
    `period < p OR (period = p AND id < n)` only filters an index scan: page 1,000 read 20,000 index entries."""
    if pinned_period == period:
        return queryset.filter(pk__lt=pk) if older else queryset.filter(pk__gt=pk)
    table = queryset.model._meta.db_table
    operator = "<" if older else ">"
    # Column and table names come from the model; both values are bound parameters.
    condition = RawSQL(f'("{table}"."period", "{table}"."id") {operator} (%s, %s)', (period, pk),  # noqa: S611  # nosec B611
                       output_field=BooleanField())
    return queryset.filter(condition)


class KeysetPage(list):
    """One page read by keyset (`WHERE (period, id) < cursor ORDER BY period DESC, id DESC LIMIT n`): page
    1,000 costs what page 1 costs. Links carry the cursor of the last (next) or first (previous) row."""

    def __init__(self, rows, *, has_next, has_previous, count, capped):
        super().__init__(rows)
        self.has_next_page, self.has_previous_page = has_next, has_previous
        self.count, self.count_capped = count, capped
        self.next_cursor = cursor_of(rows[-1]) if rows and has_next else ""
        self.previous_cursor = cursor_of(rows[0]) if rows and has_previous else ""


class CappedPaginator(Paginator):
    """Page numbers for the other sort orders, over a count that stops at COUNT_CAP."""

    @property
    def count(self):
        if not hasattr(self, "_capped_count"):
            self._capped_count = self.object_list.order_by()[:COUNT_CAP + 1].count()
        return self._capped_count


class DetailListView(ScopedListView):
    """激励明细: filters, whitelisted clickable sort, keyset pages, a bounded count, totals of the filtered set."""

    model = IncentiveDetail
    filterset_class = DetailFilterSet
    template_name = "incentives/detail_list.html"
    paginate_by = 20

    def get_base_queryset(self):
        return super().get_base_queryset().order_by(*DEFAULT_ORDER)

    def get_queryset(self):
        self.base = self.get_base_queryset()
        self.is_empty = False  # asked only when the page comes back empty (one query less on every other page)
        self.filterset = self.filterset_class(self.request.GET or None, queryset=self.base, request=self.request)
        queryset = self.filterset.qs
        ordering = [str(o) for o in queryset.query.order_by] or DEFAULT_ORDER
        self.keyset = ordering == DEFAULT_ORDER
        self.sort = "" if self.keyset else ordering[0]
        if not any(o.lstrip("-") == "id" for o in ordering):
            queryset = queryset.order_by(*ordering, "-id")  # a stable order: ties broken by id
        return queryset

    def paginate_queryset(self, queryset, page_size):
        # the exports read the same queryset whole
        queryset = queryset.reading(detail_rows.COLUMNS, with_partner=self.request.user.is_vendor_staff)
        if not self.keyset:
            paginator = CappedPaginator(queryset, page_size, allow_empty_first_page=True)
            page = paginator.get_page(self.request.GET.get(self.page_kwarg))
            return paginator, page, page.object_list, page.has_other_pages()
        after, before = parse_cursor(self.request.GET.get("after")), parse_cursor(self.request.GET.get("before"))
        pinned = parse_period(getattr(self.filterset.form, "cleaned_data", {}).get("period") or "")
        # Totals first when the summary table has them: no line matches → no need to look for lines (a status
        # that a period has none of would otherwise walk the period's whole index).
        summary = selectors.summary_totals(self.filterset, user=self.request.user)
        if summary is not None and not summary["lines"]:
            rows, has_next, has_previous = [], False, False
        elif before:
            rows = list(beyond_cursor(queryset, *before, pinned_period=pinned, older=False)
                        .order_by("period", "id")[:page_size + 1])
            has_previous, has_next = len(rows) > page_size, True
            rows = rows[:page_size][::-1]
        else:
            if after:
                queryset = beyond_cursor(queryset, *after, pinned_period=pinned, older=True)
            rows = list(queryset[:page_size + 1])
            has_next, has_previous = len(rows) > page_size, bool(after)
            rows = rows[:page_size]
        # The totals aggregate counts the filtered set anyway: the count rides along with it (one query less).
        if not (rows or has_previous):
            self.totals = None
        else:
            self.totals = summary if summary is not None else selectors.detail_totals(self.filterset,
                                                                                       user=self.request.user)
        count = self.totals["lines"] if self.totals else 0
        page = KeysetPage(rows, has_next=has_next, has_previous=has_previous, count=count, capped=False)
        return None, page, page, has_next or has_previous

    def get_context_data(self, **kwargs):
        context = super().get_context_data(tab="details", **kwargs)
        if not context["object_list"]:
            context["is_empty"] = self.is_empty = not self.base.exists()
        if not self.keyset:
            self.totals = (selectors.detail_totals(self.filterset, user=self.request.user)
                           if context["object_list"] else None)
        context["totals"] = self.totals if context["object_list"] else None
        context["query"] = self.request.GET.copy()
        for key in ("page", "after", "before"):
            context["query"].pop(key, None)
        context["keyset"], context["sort"], context["count_cap"] = self.keyset, self.sort, COUNT_CAP
        context["rows_html"] = detail_rows.rows_html(context["object_list"], details_label=_("详情"),
                                                     with_partner=self.request.user.is_vendor_staff)
        if not self.keyset:
            context["count_capped"] = context["paginator"].count > COUNT_CAP
        return context


class DetailDetailView(ScopedDetailView):
    model = IncentiveDetail
    template_name = "incentives/detail_detail.html"
    context_object_name = "detail"

    def get_queryset(self):
        return super().get_queryset().select_related("bill", "policy", "dispute", "partner")

    def get_context_data(self, **kwargs):
        return super().get_context_data(receipt=selectors.receipt_for(self.object), unfreeze_form=UnfreezeForm(),
                                        **kwargs)


@login_required
def detail_export(request):
    view = DetailListView()
    view.setup(request)
    queryset = view.get_queryset()
    with_partner = request.user.is_vendor_staff
    if request.GET.get("format") == "xlsx":
        return exports.export_xlsx(queryset, with_partner=with_partner)
    return exports.export_csv(queryset, with_partner=with_partner)


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


@require_POST
@vendor_only
@object_view(IncentiveDetail)
def detail_unfreeze(request, pk):
    """Operators: 冻结 → 正常 for one line, with a reason (kept on the line's timeline)."""
    detail = get_for_user_or_404(IncentiveDetail, request.user, pk=pk)
    form = UnfreezeForm(request.POST)
    if not form.is_valid():
        messages.error(request, "；".join(e for errors in form.errors.values() for e in errors))
        return redirect(detail.get_absolute_url())
    return post_transition(request, lambda: services.detail_unfreeze(detail_id=detail.pk, actor=request.user,
                                                                     reason=form.cleaned_data["reason"]),
                           success_message=_("已解冻该明细。"), next_url=detail.get_absolute_url())


@vendor_only
def dispute_queue(request):
    """Operators: unanswered 问题反馈 of every partner, overdue first, with the working days left to answer."""
    from django.contrib.contenttypes.models import ContentType
    from django.db.models import F, OuterRef, Subquery
    from django.utils import timezone

    from partnercenter.workdays.services import working_days_between
    from partnercenter.workflow.models import Deadline

    due = (Deadline.objects.filter(content_type=ContentType.objects.get_for_model(ReconciliationBill),
                                   object_id=OuterRef("bill_id"), kind="bill_dispute", status=Deadline.Status.OPEN)
           .order_by("due_on").values("due_on")[:1])
    disputes = (BillDispute.objects.for_user(request.user).unanswered()
                .select_related("bill__partner", "detail", "raised_by").annotate(due_on=Subquery(due))
                .order_by(F("due_on").asc(nulls_last=True), "raised_at", "pk"))
    page = Paginator(disputes, 20).get_page(request.GET.get("page"))
    today = timezone.localdate()
    for dispute in page:
        dispute.days_left = working_days_between(today, dispute.due_on) if dispute.due_on else None
        dispute.overdue = dispute.due_on is not None and dispute.due_on < today
        dispute.days_overdue = -dispute.days_left if dispute.overdue else 0
    return render(request, "incentives/dispute_queue.html", {"page_obj": page})


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
