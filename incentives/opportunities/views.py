"""销售 > 机会点管理 > 机会点激励申请: the process bar and the two tabs (待申请激励 / 已申请激励, with filters and a CSV
export), apply / edit / resubmit (partner main account), the detail page with 核对激励, private materials, and the
operators' review queue, review page (with the diff of submitted versions) and dispute answer page."""
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from partnercenter.pages import (
    REFUSALS,
    ScopedDetailView,
    apply_service_errors,
    flash_refusal,
    object_view,
    post_transition,
    redirect_refused,
    submit_to_service,
    vendor_only,
)
from partnercenter.partners.models import Opportunity
from partnercenter.tenancy import get_for_user_or_404
from partnercenter.uploads import document_response
from partnercenter.workflow.machine import TransitionNotAllowed

from . import selectors, services
from .exports import export_csv
from .filters import ApplicationFilter
from .forms import AnswerForm, ApplicationForm, DisputeForm, ReviewForm
from .models import Material, OpportunityApplication

S = OpportunityApplication.Status


def _main_only_message():
    # The services' own wording (services._require_main), shown before the partner tries.
    return _("只有解决方案提供商主账号可以申请和处理机会点激励，请切换到主账号后再操作。")


# 机会点激励申请 (list, filters, export) ------------------------------------------------------------------------

def _applied(request):
    applications = OpportunityApplication.objects.for_user(request.user).select_related(
        "partner", "opportunity__customer")
    return applications, ApplicationFilter(request.GET or None, queryset=applications, request=request)


@login_required
def opportunity_list(request):
    tab = "applied" if request.GET.get("tab") == "applied" else "pending"
    applications, filterset = _applied(request)
    counts = selectors.process_counts(applications)
    if tab == "pending":
        rows = (Opportunity.objects.for_user(request.user).incentive_applicable(timezone.localdate())
                .filter(incentive_applications__isnull=True).select_related("customer", "partner")
                .order_by("-delivery_ends_on", "-pk"))
        filterset = None
    else:
        rows = filterset.qs
    page = Paginator(rows, 20).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "opportunities/opportunity_list.html", {
        "tab": tab, "page_obj": page, "rows": page.object_list, "filter": filterset, "counts": counts,
        "query": query.urlencode(), "can_apply": request.user.is_main_account,
        "is_vendor": request.user.is_vendor_staff})


@login_required
def opportunity_export(request):
    """The 已申请激励 rows the list shows with the same filters, as CSV."""
    _applications, filterset = _applied(request)
    return export_csv(filterset.qs, with_partner=request.user.is_vendor_staff)


# Apply / edit / resubmit -------------------------------------------------------------------------------------

def _intent(request) -> str:
    return "draft" if request.POST.get("intent") == "draft" else "submit"


def _and_submit(call, actor, submit: bool):
    """Save (create or edit) and, when asked, submit in one transaction: a refused submit changes nothing and its
    reason lands on the form."""
    try:
        with transaction.atomic():
            application = call()
            if submit:
                application = services.application_submit(application_id=application.pk, actor=actor)
    except TransitionNotAllowed as exc:
        raise ValidationError(str(exc)) from exc
    return application


def apply_blockers(user, opportunity) -> list[str]:
    blockers = []
    if not user.is_main_account:
        blockers.append(_main_only_message())
    today = timezone.localdate()
    if not Opportunity.objects.for_user(user).filter(pk=opportunity.pk).incentive_applicable(today).exists():
        blockers.append(_("该机会点当前不能申请激励：须具备核心标签且已交付完成，并从交付结束后一天起申请。"))
    return blockers


@login_required
@object_view(Opportunity)
@redirect_refused
def opportunity_apply(request, pk):
    opportunity = get_for_user_or_404(Opportunity.objects.select_related("customer"), request.user, pk=pk)
    existing = OpportunityApplication.objects.for_user(request.user).filter(opportunity=opportunity).first()
    if existing is not None:
        messages.error(request, _("该机会点已申请过激励，不能重复申请。"))
        return redirect(existing.get_absolute_url())
    blockers = apply_blockers(request.user, opportunity)
    intent = _intent(request)
    form = ApplicationForm(request.POST or None, request.FILES or None, intent=intent)
    if request.method == "POST" and not blockers and form.is_valid():
        kwargs = form.service_kwargs()
        application = submit_to_service(
            request, form,
            lambda: _and_submit(lambda: services.application_create(opportunity_id=opportunity.pk,
                                                                    actor=request.user, **kwargs),
                                request.user, submit=intent == "submit"),
            success_message=_("激励申请提交成功，华为云运营将在3个工作日内完成激励初审。") if intent == "submit"
            else _("激励申请草稿已保存。"),
            refused_url=reverse("incentives:opportunity-list"))
        if application is not None:
            return redirect(application.get_absolute_url())
    return render(request, "opportunities/application_form.html", {
        "form": form, "opportunity": opportunity, "blockers": blockers, "fields": _fields(form)})


def _fields(form, notes=None) -> list:
    """(bound field, reviewer's note) pairs in form order; the materials note stands next to the stamped letter."""
    fields = notes.fields if notes else {}
    where = {"basis_amount": "basis_amount", "description": "description", "letters": "materials"}
    return [(bound, fields.get(where.get(bound.name, ""), "")) for bound in form.visible_fields()]


@login_required
@object_view(OpportunityApplication)
@redirect_refused
def application_edit(request, pk):
    application = get_for_user_or_404(OpportunityApplication.objects.select_related("opportunity__customer"),
                                      request.user, pk=pk)
    if not request.user.is_main_account:
        messages.error(request, _main_only_message())
        return redirect(application.get_absolute_url())
    if not application.is_editable:
        messages.error(request, _("当前状态为“%(status)s”，不能修改。") % {"status": application.get_status_display()})
        return redirect(application.get_absolute_url())
    intent = _intent(request)
    form = ApplicationForm(request.POST or None, request.FILES or None, application=application, intent=intent)
    if request.method == "POST" and form.is_valid():
        kwargs = form.service_kwargs()
        resubmit = application.status == S.RETURNED
        saved = submit_to_service(
            request, form,
            lambda: _and_submit(lambda: services.application_save(application_id=application.pk,
                                                                  actor=request.user, **kwargs),
                                request.user, submit=intent == "submit"),
            success_message=(_("激励申请已重新提交，华为云运营将在3个工作日内完成激励初审。") if resubmit
                             else _("激励申请提交成功，华为云运营将在3个工作日内完成激励初审。"))
            if intent == "submit" else _("激励申请已保存。"),
            refused_url=application.get_absolute_url())
        if saved is not None:
            return redirect(application.get_absolute_url())
    notes = selectors.return_notes(application)
    return render(request, "opportunities/application_form.html", {
        "form": form, "application": application, "opportunity": application.opportunity, "notes": notes,
        "fields": _fields(form, notes)})


# Detail, materials, partner transitions -------------------------------------------------------------------------

class ApplicationDetailView(ScopedDetailView):
    model = OpportunityApplication
    template_name = "opportunities/application_detail.html"

    def get_queryset(self):
        return super().get_queryset().select_related("partner", "opportunity__customer", "created_by")

    def get_context_data(self, **kwargs):
        application = self.object
        user = self.request.user
        is_main = user.is_main_account
        return super().get_context_data(
            is_main=is_main, is_partner_user=bool(user.partner_id), can_review=user.can_review(),
            materials=application.materials.filter(removed_at__isnull=True),
            versions=selectors.versions_with_diffs(application), disputes=application.disputes.all(),
            notes=selectors.return_notes(application), deadline=selectors.open_deadline(application),
            submit_blocker=application.workflow.check(application, "submit") if is_main else None,
            dispute_form=DisputeForm() if is_main and application.status == S.PUBLICITY else None,
            show_payment=application.status in OpportunityApplication.FROZEN, **kwargs)


@login_required
@object_view(Material)
def material_download(request, pk):
    """The owner partner's people and vendor staff only (anyone else: 404); never served inline."""
    material = get_for_user_or_404(Material, request.user, pk=pk)
    return document_response(material.file, download_name=material.name)


@login_required
@require_POST
@object_view(OpportunityApplication)
def application_submit(request, pk):
    application = get_for_user_or_404(OpportunityApplication, request.user, pk=pk)
    return post_transition(
        request, lambda: services.application_submit(application_id=application.pk, actor=request.user),
        success_message=_("激励申请提交成功，华为云运营将在3个工作日内完成激励初审。"),
        next_url=application.get_absolute_url())


@login_required
@require_POST
@object_view(OpportunityApplication)
def application_confirm(request, pk):
    application = get_for_user_or_404(OpportunityApplication, request.user, pk=pk)
    return post_transition(
        request, lambda: services.application_confirm(application_id=application.pk, actor=request.user),
        success_message=_("激励已确认，待申付金额已冻结。"), next_url=application.get_absolute_url())


@login_required
@require_POST
@object_view(OpportunityApplication)
def application_dispute(request, pk):
    application = get_for_user_or_404(OpportunityApplication, request.user, pk=pk)
    form = DisputeForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            messages.error(request, "；".join(errors))
        return redirect(application.get_absolute_url())
    return post_transition(
        request, lambda: services.application_dispute(application_id=application.pk, actor=request.user,
                                                      comment=form.cleaned_data["comment"]),
        success_message=_("异议已提交，华为云运营将在3个工作日内答复。"), next_url=application.get_absolute_url())


@login_required
@require_POST
@object_view(OpportunityApplication)
def application_withdraw(request, pk):
    application = get_for_user_or_404(OpportunityApplication, request.user, pk=pk)
    return post_transition(
        request, lambda: services.application_withdraw(application_id=application.pk, actor=request.user),
        success_message=_("激励申请已撤回，您可以修改后重新提交。"), next_url=application.get_absolute_url())


# Operators ------------------------------------------------------------------------------------------------------

@login_required
@vendor_only
def review_list(request):
    tab = "disputes" if request.GET.get("tab") == "disputes" else "review"
    q = request.GET.get("q", "").strip()[:100]
    rows = selectors.review_queue(request.user, tab=tab, q=q)
    page = Paginator(rows, 50).get_page(request.GET.get("page"))
    return render(request, "opportunities/review_list.html", {
        "tab": tab, "q": q, "page_obj": page, "rows": page.object_list,
        "counts": selectors.queue_counts(request.user)})


@login_required
@vendor_only
@object_view(OpportunityApplication)
def application_review(request, pk):
    application = get_for_user_or_404(OpportunityApplication.objects.select_related("partner", "opportunity__customer"),
                                      request.user, pk=pk)
    form = ReviewForm(request.POST or None, initial={"incentive_amount": ""})
    if request.method == "POST" and form.is_valid():
        data, actor = form.cleaned_data, request.user
        calls = {
            "approve": lambda: services.application_approve(application_id=pk, actor=actor,
                                                            incentive_amount=data["incentive_amount"],
                                                            comment=data["comment"]),
            "return": lambda: services.application_return(application_id=pk, actor=actor,
                                                          reason_codes=data["reason_codes"],
                                                          field_comments=form.field_comments(),
                                                          comment=data["comment"]),
            "reject": lambda: services.application_reject(application_id=pk, actor=actor,
                                                          reason_code=data["reason_code"], comment=data["comment"]),
        }
        done = {"approve": _("已审核通过，激励金额已公示，等待伙伴核对激励。"),
                "return": _("已退回修改，伙伴将在修改页看到退回原因。"),
                "reject": _("已审核不通过。")}
        try:
            calls[data["decision"]]()
        except ValidationError as exc:
            apply_service_errors(form, exc)
        except REFUSALS as exc:
            flash_refusal(request, exc)
            return redirect("incentives:opportunity-review-list")
        else:
            messages.success(request, done[data["decision"]])
            return redirect("incentives:opportunity-review-list")
    return render(request, "opportunities/application_review.html", {
        "object": application, "form": form, "versions": selectors.versions_with_diffs(application),
        "materials": application.materials.filter(removed_at__isnull=True),
        "deadline": selectors.open_deadline(application)})


@login_required
@vendor_only
@object_view(OpportunityApplication)
def application_answer(request, pk):
    application = get_for_user_or_404(OpportunityApplication.objects.select_related("partner", "opportunity__customer"),
                                      request.user, pk=pk)
    form = AnswerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.application_answer(application_id=pk, actor=request.user, answer=data["answer"],
                                        incentive_amount=data["incentive_amount"])
        except ValidationError as exc:
            apply_service_errors(form, exc)
        except REFUSALS as exc:
            flash_refusal(request, exc)
            return redirect(reverse("incentives:opportunity-review-list") + "?tab=disputes")
        else:
            messages.success(request, _("异议已答复，伙伴将重新核对激励。"))
            return redirect(reverse("incentives:opportunity-review-list") + "?tab=disputes")
    return render(request, "opportunities/application_answer.html", {
        "object": application, "form": form, "disputes": application.disputes.select_related("raised_by"),
        "materials": application.materials.filter(removed_at__isnull=True),
        "deadline": selectors.open_deadline(application)})
