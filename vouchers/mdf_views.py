"""MDF pages: dashboard + 申请记录, the application form, its detail with submit / withdraw / delete, private
attachments, and the operators' budget and review pages."""
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from partnercenter.pages import (
    REFUSALS,
    ScopedDetailView,
    ScopedListView,
    object_view,
    post_transition,
    redirect_refused,
    submit_to_service,
    vendor_only,
)
from partnercenter.tenancy import get_for_user_or_404
from partnercenter.uploads import document_response
from partnercenter.workflow.models import Deadline

from . import mdf_services as services
from .filters import ApplicationFilter
from .mdf_forms import ApplicationForm, BudgetForm, ReviewForm
from .models import MdfApplication, MdfAttachment, MdfBudget


class ApplicationListView(ScopedListView):
    model = MdfApplication
    filterset_class = ApplicationFilter
    template_name = "vouchers/mdf_list.html"

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("partner")

    def get_context_data(self, **kwargs):
        year = timezone.localdate().year
        budgets = MdfBudget.objects.for_user(self.request.user).filter(year=year).select_related("partner")
        budgets = budgets.with_totals()
        dashboards = [(budget, budget.totals()) for budget in budgets[:20]]
        return super().get_context_data(year=year, dashboards=dashboards, **kwargs)


def _save(request, form, application_id=None):
    data = form.cleaned_data
    return submit_to_service(
        request, form,
        lambda: services.mdf_application_save(actor=request.user, data=data, files=data["attachments"],
                                              application_id=application_id),
        success_message=_("使用申请已保存。"), refused_url="vouchers:mdf-list")


@login_required
@redirect_refused
def mdf_create(request):
    if not request.user.partner_id:
        messages.error(request, _("只有伙伴账号可以申请MDF。"))
        return redirect("vouchers:mdf-list")
    form = ApplicationForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        application = _save(request, form)
        if application is not None:
            return redirect(application.get_absolute_url())
    return render(request, "vouchers/mdf_form.html", {"form": form})


@login_required
@object_view(MdfApplication)
@redirect_refused
def mdf_edit(request, pk):
    application = get_for_user_or_404(MdfApplication, request.user, pk=pk)
    if not application.is_editable or not request.user.partner_id:
        messages.error(request, _("当前状态为“%(status)s”，不能修改。") % {"status": application.get_status_display()})
        return redirect(application.get_absolute_url())
    form = ApplicationForm(request.POST or None, request.FILES or None, instance=application)
    if request.method == "POST" and form.is_valid():
        if _save(request, form, application_id=application.pk) is not None:
            return redirect(application.get_absolute_url())
    return render(request, "vouchers/mdf_form.html", {"form": form, "application": application})


class ApplicationDetailView(ScopedDetailView):
    model = MdfApplication
    template_name = "vouchers/mdf_detail.html"

    def get_context_data(self, **kwargs):
        application = self.object
        is_partner = bool(self.request.user.partner_id)
        deadline = Deadline.objects.for_subject(application).open().first()
        return super().get_context_data(attachments=application.attachments.all(), is_partner=is_partner,
                                        deadline=deadline, **kwargs)


@login_required
@require_POST
@object_view(MdfApplication)
def mdf_submit(request, pk):
    application = get_for_user_or_404(MdfApplication, request.user, pk=pk)
    return post_transition(request, lambda: services.mdf_submit(application_id=application.pk, actor=request.user),
                           success_message=_("MDF使用申请提交成功!"), next_url=application.get_absolute_url())


@login_required
@require_POST
@object_view(MdfApplication)
def mdf_withdraw(request, pk):
    application = get_for_user_or_404(MdfApplication, request.user, pk=pk)
    return post_transition(request, lambda: services.mdf_withdraw(application_id=application.pk, actor=request.user),
                           success_message=_("使用申请已撤销，您可以修改后重新提交或删除。"),
                           next_url=application.get_absolute_url())


@login_required
@require_POST
@object_view(MdfApplication)
def mdf_delete(request, pk):
    application = get_for_user_or_404(MdfApplication, request.user, pk=pk)
    try:
        services.mdf_delete(application_id=application.pk, actor=request.user)
    except REFUSALS as exc:
        messages.error(request, "；".join(getattr(exc, "messages", [str(exc)])))
        return redirect(application.get_absolute_url())
    messages.success(request, _("使用申请已删除。"))
    return redirect("vouchers:mdf-list")


@login_required
@object_view(MdfAttachment)
def mdf_attachment(request, pk):
    attachment = get_for_user_or_404(MdfAttachment, request.user, pk=pk)
    return document_response(attachment.file, download_name=attachment.name)


@login_required
@vendor_only
def mdf_review_list(request):
    applications = (MdfApplication.objects.awaiting_review().select_related("partner", "budget")
                    .order_by("submitted_at"))
    q = request.GET.get("q", "").strip()
    if q:
        applications = applications.filter(Q(activity_name__icontains=q) | Q(partner__name__icontains=q))
    return render(request, "vouchers/mdf_review_list.html", {"applications": applications[:100], "q": q})


@login_required
@vendor_only
@object_view(MdfApplication)
def mdf_review(request, pk):
    application = get_for_user_or_404(MdfApplication, request.user, pk=pk)
    form = ReviewForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        decision, comment = form.cleaned_data["decision"], form.cleaned_data["comment"]
        call = services.mdf_approve if decision == "approve" else services.mdf_reject
        try:
            call(application_id=application.pk, actor=request.user, comment=comment)
        except ValidationError as exc:
            for message in exc.messages:
                form.add_error("comment" if decision == "reject" else None, message)
        except REFUSALS as exc:
            messages.error(request, str(exc))
            return redirect("vouchers:mdf-review-list")
        else:
            messages.success(request, _("审核结果已提交。"))
            return redirect("vouchers:mdf-review-list")
    return render(request, "vouchers/mdf_review.html", {
        "application": application, "form": form, "totals": application.budget.totals(),
        "attachments": application.attachments.all(),
        "deadline": Deadline.objects.for_subject(application).open().first()})


@login_required
@vendor_only
@redirect_refused
def mdf_budget(request):
    form = BudgetForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        budget = submit_to_service(request, form,
                                   lambda: services.mdf_budget_set(actor=request.user, **form.cleaned_data),
                                   success_message=_("MDF预算已保存。"), refused_url=request.path)
        if budget is not None:
            return redirect("vouchers:mdf-list")
    budgets = MdfBudget.objects.select_related("partner")[:50]
    return render(request, "vouchers/mdf_budget.html", {"form": form, "budgets": budgets})
