"""交付能力提升支持 pages: project list, 项目报备, detail (tracking, acceptance, evaluation, the subsidy's payment
panel), and the operators' review page."""
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
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
    redirect_refused,
    submit_to_service,
    vendor_only,
)
from partnercenter.tenancy import get_for_user_or_404
from partnercenter.workflow.selectors import open_deadlines_for

from .. import services
from ..filters import ProjectFilterSet
from ..forms import AcceptForm, EvaluateForm, NoteForm, ProjectReportForm, ProjectReviewForm
from ..models import DeliveryProject


class ProjectListView(ScopedListView):
    model = DeliveryProject
    filterset_class = ProjectFilterSet
    template_name = "payments/project_list.html"

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("partner", "customer", "opportunity")


@login_required
@redirect_refused
def project_create(request):
    if not request.user.partner_id:
        messages.error(request, _("只有伙伴账号可以报备项目。"))
        return redirect("payments:delivery-project-list")
    form = ProjectReportForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        project = submit_to_service(
            request, form, lambda: services.project_report(actor=request.user, data=form.cleaned_data),
            success_message=_("项目报备已提交，华为云将在3个工作日内审核。"),
            refused_url="payments:delivery-project-list")
        if project is not None:
            return redirect(project.get_absolute_url())
    return render(request, "payments/project_form.html", {"form": form})


class ProjectDetailView(ScopedDetailView):
    model = DeliveryProject
    template_name = "payments/project_detail.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(project=self.object, deadlines=open_deadlines_for(self.object),
                                        note_form=NoteForm(), **kwargs)


def _note_action(request, pk, call, success):
    project = get_for_user_or_404(DeliveryProject, request.user, pk=pk)
    form = NoteForm(request.POST or None)
    if not form.is_valid():
        messages.error(request, _("请填写说明。"))
        return redirect(project.get_absolute_url())
    try:
        call(project_id=project.pk, actor=request.user, note=form.cleaned_data["note"])
    except REFUSALS as exc:
        flash_refusal(request, exc)
    else:
        messages.success(request, success)
    return redirect(project.get_absolute_url())


@login_required
@require_POST
@object_view(DeliveryProject)
def project_progress(request, pk):
    return _note_action(request, pk, services.project_update_progress, _("项目进展已更新。"))


@login_required
@require_POST
@object_view(DeliveryProject)
def project_acceptance(request, pk):
    return _note_action(request, pk, services.project_request_acceptance, _("已申请项目验收，等待华为云验收。"))


@login_required
@vendor_only
@object_view(DeliveryProject)
def project_review(request, pk):
    project = get_for_user_or_404(DeliveryProject, request.user, pk=pk)
    Status = DeliveryProject.Status
    form_class = {Status.REPORTED: ProjectReviewForm, Status.ACCEPTING: AcceptForm,
                  Status.ACCEPTED: EvaluateForm}.get(project.status)
    initial = {"approved_subsidy": project.requested_subsidy} if form_class is AcceptForm else None
    form = form_class(request.POST or None, initial=initial) if form_class else None
    if request.method == "POST" and form is not None and form.is_valid():
        data = form.cleaned_data
        try:
            if project.status == Status.REPORTED:
                services.project_review_report(project_id=project.pk, actor=request.user,
                                               approve=data["decision"] == "approve", comment=data["comment"])
            elif project.status == Status.ACCEPTING and data["decision"] == "accept":
                services.project_accept(project_id=project.pk, actor=request.user,
                                        approved_subsidy=data["approved_subsidy"], comment=data["comment"])
            elif project.status == Status.ACCEPTING:
                services.project_return_acceptance(project_id=project.pk, actor=request.user,
                                                   comment=data["comment"])
            else:
                services.project_evaluate(project_id=project.pk, actor=request.user, rating=data["rating"],
                                          evaluation=data["evaluation"])
        except ValidationError as exc:
            apply_service_errors(form, exc)
        except REFUSALS as exc:
            flash_refusal(request, exc)
            return redirect(request.path)
        else:
            messages.success(request, _("项目 %(code)s 已处理。") % {"code": project.code})
            return redirect(project.get_absolute_url())
    return render(request, "payments/project_review.html", {
        "project": project, "form": form, "deadlines": open_deadlines_for(project)})


@login_required
@vendor_only
def project_review_list(request):
    from ..selectors import with_open_deadline

    projects = with_open_deadline(DeliveryProject.objects.awaiting_vendor().select_related("partner", "customer"))
    return render(request, "payments/project_review_list.html",
                  {"projects": projects.order_by("due_on", "created_at")[:200]})
