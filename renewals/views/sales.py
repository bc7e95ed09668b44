"""The 销售拓展任务 tab: list with the documented query fields, detail with 处理, operator creation."""
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from partnercenter.pages import (
    REFUSALS,
    ScopedDetailView,
    ScopedListView,
    apply_service_errors,
    flash_refusal,
    object_view,
    redirect_refused,
    submit_to_service,
    vendor_only,
)
from partnercenter.tenancy import get_for_user_or_404

from .. import expansion
from ..filters import SalesTaskFilterSet
from ..forms import SalesFollowUpForm, SalesTaskCreateForm
from ..models import SalesTask
from .common import assign_handler, handling_context


class SalesTaskListView(ScopedListView):
    model = SalesTask
    filterset_class = SalesTaskFilterSet
    template_name = "renewals/sales_task_list.html"

    def get_base_queryset(self):
        return (super().get_base_queryset().select_related("customer", "manager", "partner__distributor")
                .order_by("deadline", "pk"))

    def get_context_data(self, **kwargs):
        user = self.request.user
        return super().get_context_data(
            tab="sales", sales_rules=expansion.SALES_RULES,
            can_create=user.is_authenticated and user.is_vendor_staff and user.can_review(),
            read_only_partner=user.partner if user.partner_id and user.partner.partner_type == "reseller" else None,
            **kwargs)


sales_task_list = SalesTaskListView.as_view()


class SalesTaskDetailView(ScopedDetailView):
    model = SalesTask
    template_name = "renewals/sales_task_detail.html"

    def get_queryset(self):
        return super().get_queryset().select_related("customer__partner", "manager", "partner__distributor",
                                                     "created_by")

    def get_context_data(self, **kwargs):
        task = self.object
        context = handling_context(self.request, task, follow_up_form_class=SalesFollowUpForm,
                                   follow_ups=task.follow_ups.order_by("-created_at", "-pk"),
                                   process_url=reverse("renewals:sales-task-process", args=[task.pk]),
                                   form=kwargs.pop("form", None))
        return super().get_context_data(**context, **kwargs)


@require_POST
@login_required
@object_view(SalesTask)
def sales_task_handler(request, pk):
    """指定处理人 (a distributor's main account, on a reseller's task)."""
    return assign_handler(request, SalesTask, pk)


@require_POST
@login_required
@object_view(SalesTask)
def sales_task_process(request, pk):
    task = get_for_user_or_404(SalesTask, request.user, pk=pk)
    form = SalesFollowUpForm(request.POST)
    if form.is_valid():
        try:
            expansion.sales_follow_up_record(task_id=task.pk, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            apply_service_errors(form, exc)
        except REFUSALS as exc:
            flash_refusal(request, exc)
            return redirect(task.get_absolute_url())
        else:
            messages.success(request, _("已记录处理。"))
            return redirect(task.get_absolute_url())
    view = SalesTaskDetailView()
    view.setup(request, pk=pk)
    view.object = view.get_object()
    context = view.get_context_data(object=view.object, form=form)
    context["form_has_errors"] = True
    return render(request, view.template_name, context, status=400)


@vendor_only
@redirect_refused
def sales_task_create(request):
    """Operators add a task for a partner's customer (rules create the rest)."""
    form = SalesTaskCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        data.pop("customer_id")
        task = submit_to_service(
            request, form, lambda: expansion.sales_task_create(actor=request.user, customer=form.customer, **data),
            success_message=_("销售拓展任务已创建。"), refused_url="renewals:sales-task-list")
        if task:
            return redirect(task.get_absolute_url())
    return render(request, "renewals/sales_task_form.html", {"form": form, "tab": "sales"},
                  status=400 if form.errors else 200)
