"""销售 > 拓新 > 营销任务: the 大单续订任务 queue, task detail with 处理, column choice and background export.
Views are thin: scope → filter → paginate → render; writes go through services."""
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
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
)
from partnercenter.tenancy import get_for_user_or_404
from partnercenter.uploads import document_response

from .. import columns, exports, rules, selectors, services
from ..filters import RenewalTaskFilterSet
from ..forms import ExportForm, FollowUpForm
from ..models import RenewalExport, RenewalTask
from .common import assign_handler, handling_context


class RenewalTaskListView(ScopedListView):
    model = RenewalTask
    filterset_class = RenewalTaskFilterSet
    template_name = "renewals/task_list.html"

    def get_base_queryset(self):
        return (super().get_base_queryset()
                .select_related("customer", "order", "product", "manager", "partner__distributor")
                .order_by("expires_on", "pk"))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        scoped = RenewalTask.objects.for_user(self.request.user)
        today = timezone.localdate()
        chosen = columns.columns_for(self.request.user)
        excluded = selectors.exclusion_counts(self.request.user, today=today)
        context.update(
            tab="renewal",
            columns=chosen,
            column_choices=[(key, label, key in chosen) for key, label in columns.COLUMNS],
            counts={"pending": scoped.filter(status=RenewalTask.Status.PENDING).count(),
                    "in_progress": scoped.filter(status=RenewalTask.Status.IN_PROGRESS).count(),
                    "overdue": scoped.overdue(today).count()},
            exclusions=[(rule, excluded.get(rule.code, 0)) for rule, _match in rules.EXCLUSIONS],
            excluded_total=sum(excluded.values()),
            inclusions=rules.INCLUSION,
            export_form=kwargs.get("export_form") or ExportForm(),
            read_only_partner=(self.request.user.partner
                               if self.request.user.partner_id
                               and self.request.user.partner.partner_type == "reseller" else None),
        )
        return context


task_list = RenewalTaskListView.as_view()


class RenewalTaskDetailView(ScopedDetailView):
    model = RenewalTask
    template_name = "renewals/task_detail.html"

    def get_queryset(self):
        return super().get_queryset().select_related("customer__partner", "order", "product__service_type", "manager",
                                                     "partner__distributor")

    def get_context_data(self, **kwargs):
        task = self.object
        context = handling_context(self.request, task, follow_up_form_class=FollowUpForm,
                                   follow_ups=selectors.follow_ups_of(task),
                                   process_url=reverse("renewals:task-process", args=[task.pk]),
                                   form=kwargs.pop("form", None))
        return super().get_context_data(**context, **kwargs)


@require_POST
@login_required
@object_view(RenewalTask)
def task_handler(request, pk):
    """指定处理人 (a distributor's main account, on a reseller's task)."""
    return assign_handler(request, RenewalTask, pk)


@require_POST
@login_required
@object_view(RenewalTask)
def task_process(request, pk):
    """处理: record a follow-up (and optionally close the task). Errors re-open the dialog with the form."""
    task = get_for_user_or_404(RenewalTask, request.user, pk=pk)
    form = FollowUpForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.follow_up_record(task_id=task.pk, actor=request.user, contact_method=data["contact_method"],
                                      result=data["result"], note=data["note"],
                                      next_follow_up_on=data["next_follow_up_on"], close_as=data["close_as"])
        except ValidationError as exc:
            apply_service_errors(form, exc)
        except REFUSALS as exc:
            flash_refusal(request, exc)
            return redirect(task.get_absolute_url())
        else:
            messages.success(request, _("已记录处理。"))
            return redirect(request.POST.get("next") or task.get_absolute_url())
    view = RenewalTaskDetailView()
    view.setup(request, pk=pk)
    view.object = view.get_object()
    context = view.get_context_data(object=view.object, form=form)
    context["form_has_errors"] = True
    return render(request, view.template_name, context, status=400)


@require_POST
@login_required
def columns_save(request):
    try:
        services.column_preference_save(user=request.user, table=columns.TABLE,
                                        columns=request.POST.getlist("columns"), allowed=columns.KEYS)
    except ValidationError as exc:
        flash_refusal(request, exc)
    else:
        messages.success(request, _("已保存列表显示列。"))
    return redirect(_safe_next(request, "renewals:task-list"))


def _safe_next(request, fallback: str) -> str:
    from django.utils.http import url_has_allowed_host_and_scheme

    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return reverse(fallback)


@login_required
def export_list(request):
    """导出记录: the user's own exports, newest first; a form to start another."""
    form = ExportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            exports.renewal_export_create(user=request.user, **form.cleaned_data)
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, _("导出任务创建成功，文件生成后可在导出记录中下载。"))
            return redirect("renewals:export-list")
    items = RenewalExport.objects.for_user(request.user)[:50]
    return render(request, "renewals/export_list.html", {"exports": items, "export_form": form},
                  status=400 if form.errors else 200)


@login_required
@object_view(RenewalExport)
def export_download(request, pk):
    export = get_for_user_or_404(RenewalExport, request.user, pk=pk)
    if export.status != RenewalExport.Status.READY or not export.file:
        messages.error(request, _("导出文件尚未生成，请稍后刷新。"))
        return redirect("renewals:export-list")
    name = f"renewal-tasks-{export.expires_from:%Y%m%d}-{export.expires_to:%Y%m%d}.csv"
    return document_response(export.file, download_name=name)
