"""专职人员激励(FH) pages: 资格申请 (with its detail and review), 激励确认 (lists, detail with materials, confirm,
初审), 付款申请 (quarters with the payment pre-flight), the partner's certified experts and the generation ledger."""
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from partnercenter.pages import (
    REFUSALS,
    ScopedDetailView,
    ScopedListView,
    flash_refusal,
    object_view,
    post_transition,
    redirect_refused,
    submit_to_service,
    vendor_only,
)
from partnercenter.tenancy import get_for_user_or_404
from partnercenter.uploads import document_response
from partnercenter.workflow.models import Deadline

from . import services
from .filters import ExpertFilter, IncentiveFilter, QualificationFilter, QuarterFilter
from .forms import MaterialForm, QualificationForm, ReviewForm
from .models import (
    CertifiedExpert,
    FhGenerationRun,
    FhQualification,
    FhQuarter,
    IncentiveMaterial,
    MonthlyIncentive,
    MonthlyIncentiveLine,
)
from .selectors import qualification_requirements, quarter_can_request, quarter_preflight, quarter_total


def payment_requests_url() -> str:
    """The payments wing's list of FH payment requests; until that wing has the page, FH's own quarter list."""
    try:
        return reverse("payments:request-list") + "?kind=fh_quarter"
    except NoReverseMatch:
        return ""


def _tabs(tab):
    return {"tab": tab, "payment_requests_url": payment_requests_url()}


# 资格申请 ---------------------------------------------------------------------------------------------------

@login_required
@redirect_refused
def fh_home(request):
    """Partners: the qualification (apply, or its status with 查看详情). Operators: every partner's application."""
    user = request.user
    if not user.partner_id:
        base = FhQualification.objects.for_user(user).select_related("partner")
        filterset = QualificationFilter(request.GET or None, queryset=base, request=request)
        return render(request, "fh/home_vendor.html", {
            "filter": filterset, "qualifications": filterset.qs[:200], "is_empty": not base.exists(),
            **_tabs("qualification")})
    qualification = FhQualification.objects.for_user(user).first()
    checks = qualification_requirements(user.partner)
    eligible = all(check.ok for check in checks)
    form = QualificationForm(request.POST or None)
    if request.method == "POST" and qualification is None and form.is_valid():
        data = {**form.cleaned_data}
        created = submit_to_service(request, form, lambda: services.qualification_submit(actor=user, data=data),
                                    success_message=_("FH资格申请提交成功，审核结果会通过站内信和邮件通知您。"),
                                    refused_url=reverse("incentives:fh"))
        if created is not None:
            return redirect("incentives:fh")
    return render(request, "fh/home.html", {
        "qualification": qualification, "checks": checks, "eligible": eligible, "form": form,
        "can_apply": eligible and user.is_main_account, **_tabs("qualification")})


class QualificationDetailView(ScopedDetailView):
    model = FhQualification
    template_name = "fh/qualification_detail.html"

    def get_context_data(self, **kwargs):
        qualification = self.object
        experts = CertifiedExpert.objects.filter(partner_id=qualification.partner_id).select_related("person")
        return super().get_context_data(
            deadline=Deadline.objects.for_subject(qualification).open().first(), experts=experts[:50],
            is_partner=self.request.user.is_main_account, **_tabs("qualification"), **kwargs)


@login_required
@object_view(FhQualification)
@redirect_refused
def qualification_resubmit(request, pk):
    qualification = get_for_user_or_404(FhQualification, request.user, pk=pk)
    if qualification.status != FhQualification.Status.REJECTED or not request.user.is_main_account:
        messages.error(request, _("当前状态为“%(status)s”，不能重新提交。") % {
            "status": qualification.get_status_display()})
        return redirect(qualification.get_absolute_url())
    form = QualificationForm(request.POST or None, instance=qualification)
    if request.method == "POST" and form.is_valid():
        data = {**form.cleaned_data}
        done = submit_to_service(
            request, form,
            lambda: services.qualification_resubmit(qualification_id=qualification.pk, actor=request.user, data=data),
            success_message=_("FH资格申请已重新提交。"), refused_url=qualification.get_absolute_url())
        if done is not None:
            return redirect(qualification.get_absolute_url())
    return render(request, "fh/qualification_form.html", {"form": form, "qualification": qualification,
                                                          **_tabs("qualification")})


def _review(request, obj, *, approve, reject, template, back, extra=None):
    form = ReviewForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        decision, comment = form.cleaned_data["decision"], form.cleaned_data["comment"]
        try:
            if decision == "approve":
                approve(comment)
            else:
                reject(comment)
        except ValidationError as exc:
            for message in exc.messages:
                form.add_error("comment" if decision == "reject" else None, message)
        except REFUSALS as exc:
            flash_refusal(request, exc)
            return redirect(back)
        else:
            messages.success(request, _("审核结果已提交。"))
            return redirect(back)
    return render(request, template, {"object": obj, "form": form,
                                      "deadline": Deadline.objects.for_subject(obj).open().first(), **(extra or {})})


@login_required
@vendor_only
@object_view(FhQualification)
def qualification_review(request, pk):
    qualification = get_for_user_or_404(FhQualification, request.user, pk=pk)
    return _review(
        request, qualification,
        approve=lambda c: services.qualification_approve(qualification_id=pk, actor=request.user, comment=c),
        reject=lambda c: services.qualification_reject(qualification_id=pk, actor=request.user, comment=c),
        template="fh/qualification_review.html", back=reverse("incentives:fh-review-list"),
        extra={"checks": qualification_requirements(qualification.partner)})


@login_required
@vendor_only
def review_list(request):
    return render(request, "fh/review_list.html", {
        "qualifications": FhQualification.objects.awaiting_review().select_related("partner")[:100],
        "incentives": MonthlyIncentive.objects.awaiting_review().select_related("partner").order_by("confirmed_at")[
            :100],
        **_tabs("review")})


# 激励确认 ---------------------------------------------------------------------------------------------------

class IncentiveListView(ScopedListView):
    model = MonthlyIncentive
    filterset_class = IncentiveFilter
    template_name = "fh/incentive_list.html"

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("partner")

    def get_context_data(self, **kwargs):
        return super().get_context_data(**_tabs("incentives"), **kwargs)


class IncentiveDetailView(ScopedDetailView):
    model = MonthlyIncentive
    template_name = "fh/incentive_detail.html"

    def get_queryset(self):
        return super().get_queryset().select_related("partner")

    def get_context_data(self, **kwargs):
        incentive = self.object
        lines = list(incentive.lines.prefetch_related("materials"))
        is_partner = self.request.user.is_main_account
        return super().get_context_data(
            lines=lines, is_partner=is_partner, material_form=MaterialForm(),
            can_upload=is_partner and incentive.status in services.monthly.UPLOADABLE,
            deadline=Deadline.objects.for_subject(incentive).open().first(),
            confirm_blocker=incentive.workflow.check(incentive, "confirm"), **_tabs("incentives"), **kwargs)


@login_required
@require_POST
@object_view(MonthlyIncentive)
def incentive_confirm(request, pk):
    incentive = get_for_user_or_404(MonthlyIncentive, request.user, pk=pk)
    return post_transition(request, lambda: services.incentive_confirm(actor=request.user, incentive_id=incentive.pk),
                           success_message=_("激励已确认，华为云运营将在3个工作日内完成初审。"),
                           next_url=incentive.get_absolute_url())


@login_required
@require_POST
@object_view(MonthlyIncentiveLine)
def material_upload(request, pk):
    line = get_for_user_or_404(MonthlyIncentiveLine.objects.select_related("incentive"), request.user, pk=pk)
    form = MaterialForm(request.POST, request.FILES)
    back = line.incentive.get_absolute_url()
    if not form.is_valid():
        for errors in form.errors.values():
            messages.error(request, "；".join(errors))
        return redirect(back)
    try:
        services.material_upload(actor=request.user, line_id=line.pk, upload=form.cleaned_data["file"],
                                 note=form.cleaned_data["note"])
    except REFUSALS as exc:
        flash_refusal(request, exc)
    else:
        messages.success(request, _("已上传 %(name)s 的证明材料。") % {"name": line.person_name})
    return redirect(back)


@login_required
@object_view(IncentiveMaterial)
def material_download(request, pk):
    material = get_for_user_or_404(IncentiveMaterial, request.user, pk=pk)
    return document_response(material.file, download_name=material.name)


@login_required
@vendor_only
@object_view(MonthlyIncentive)
def incentive_review(request, pk):
    incentive = get_for_user_or_404(MonthlyIncentive, request.user, pk=pk)
    return _review(
        request, incentive,
        approve=lambda c: services.incentive_approve(incentive_id=pk, actor=request.user, comment=c),
        reject=lambda c: services.incentive_reject(incentive_id=pk, actor=request.user, comment=c),
        template="fh/incentive_review.html", back=reverse("incentives:fh-review-list"),
        extra={"lines": incentive.lines.prefetch_related("materials")})


# 付款申请 ---------------------------------------------------------------------------------------------------

class QuarterListView(ScopedListView):
    model = FhQuarter
    filterset_class = QuarterFilter
    template_name = "fh/quarter_list.html"

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("partner")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**_tabs("payments"), **kwargs)
        context["rows"] = [(quarter, quarter_total(quarter)) for quarter in context["object_list"]]
        return context


class QuarterDetailView(ScopedDetailView):
    model = FhQuarter
    template_name = "fh/quarter_detail.html"

    def get_context_data(self, **kwargs):
        quarter = self.object
        return super().get_context_data(
            quarter=quarter, total=quarter_total(quarter), preflight=quarter_preflight(quarter),
            can_request=quarter_can_request(quarter), months=quarter.monthly().order_by("month"),
            **_tabs("payments"), **kwargs)


# 认证专家 and the ledger ---------------------------------------------------------------------------------------

class ExpertListView(ScopedListView):
    model = CertifiedExpert
    filterset_class = ExpertFilter
    template_name = "fh/expert_list.html"

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("person", "partner")

    def get_context_data(self, **kwargs):
        from django.utils import timezone

        return super().get_context_data(today=timezone.localdate(), **_tabs("experts"), **kwargs)


@login_required
@vendor_only
def run_list(request):
    if request.method == "POST":
        from django.utils import timezone

        from .services.common import previous_month

        run = services.generation_run_start(month=previous_month(timezone.localdate()), actor=request.user)
        messages.success(request, _("已开始生成 %(month)s 的FH激励名单。") % {"month": f"{run.month:%Y-%m}"})
        return redirect("incentives:fh-run-list")
    return render(request, "fh/run_list.html", {"runs": FhGenerationRun.objects.all()[:50], **_tabs("runs")})
