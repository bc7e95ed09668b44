"""组织 > 项目专员: the specialists of the organisation and the month's list (tab 项目专员), and the bound members
who may be made specialists (tab 邀请列表: pick a member → 项目专员申请)."""
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from partnercenter.pages import (
    REFUSALS,
    ScopedDetailView,
    flash_refusal,
    object_view,
    redirect_refused,
    submit_to_service,
)
from partnercenter.partners.models import User
from partnercenter.tenancy import get_for_user_or_404

from . import services
from .forms import SpecialistApplyForm, SpecialistChangeForm
from .models import FhQualification, ProjectSpecialist, SpecialistRoster
from .services.common import this_month


@login_required
def specialist_list(request):
    user = request.user
    tab = "invite" if request.GET.get("tab") == "invite" else "specialists"
    month = this_month()
    specialists = (ProjectSpecialist.objects.for_user(user).filter(end_month__isnull=True)
                   .select_related("person", "partner").order_by("person__full_name"))
    ended = (ProjectSpecialist.objects.for_user(user).filter(end_month__isnull=False)
             .select_related("person", "partner").order_by("-end_month")[:50])
    rosters = SpecialistRoster.objects.for_user(user).select_related("partner").order_by("-month")[:24]
    current = next((r for r in rosters if r.month == month and r.partner_id == user.partner_id), None)
    qualification = FhQualification.objects.for_user(user).first() if user.partner_id else None
    candidates = []
    if user.partner_id:
        taken = set(specialists.values_list("person_id", flat=True))
        candidates = [m for m in User.objects.for_user(user).filter(partner_id=user.partner_id, is_active=True)
                      .exclude(role=User.Role.READ_ONLY).order_by("full_name", "username") if m.pk not in taken]
    return render(request, "fh/specialist_list.html", {
        "tab": tab, "month": month, "specialists": specialists, "ended": ended, "rosters": rosters,
        "current": current, "qualification": qualification, "candidates": candidates,
        "qualified": qualification is not None and qualification.status == FhQualification.Status.APPROVED})


@login_required
@require_POST
@redirect_refused
def specialist_apply(request):
    """项目专员申请 for one bound member picked on the 邀请列表 tab."""
    form = SpecialistApplyForm(request.POST)
    back = reverse("incentives:specialist-list") + "?tab=invite"
    if not form.is_valid():
        messages.error(request, _("请选择成员并填写负责方向。"))
        return redirect(back)
    done = submit_to_service(
        request, form, lambda: services.specialist_add(actor=request.user, person_id=form.cleaned_data["person"],
                                                       position=form.cleaned_data["position"]),
        success_message=_("项目专员申请成功，已加入本月项目专员名单。"), refused_url=back)
    if done is None:
        messages.error(request, "；".join(str(e) for errors in form.errors.values() for e in errors))
        return redirect(back)
    return redirect("incentives:specialist-list")


@login_required
@object_view(ProjectSpecialist)
@redirect_refused
def specialist_change(request, pk):
    specialist = get_for_user_or_404(ProjectSpecialist.objects.select_related("person"), request.user, pk=pk)
    form = SpecialistChangeForm(request.POST or None, initial={"position": specialist.position})
    if request.method == "POST" and form.is_valid():
        done = submit_to_service(
            request, form, lambda: services.specialist_change(actor=request.user, specialist_id=specialist.pk,
                                                              position=form.cleaned_data["position"]),
            success_message=_("项目专员信息已变更，请核对本月名单。"),
            refused_url=reverse("incentives:specialist-list"))
        if done is not None:
            return redirect("incentives:specialist-list")
    return render(request, "fh/specialist_form.html", {"form": form, "specialist": specialist})


@login_required
@require_POST
@object_view(ProjectSpecialist)
def specialist_end(request, pk):
    specialist = get_for_user_or_404(ProjectSpecialist, request.user, pk=pk)
    try:
        services.specialist_end(actor=request.user, specialist_id=specialist.pk)
    except REFUSALS as exc:
        flash_refusal(request, exc)
    else:
        messages.success(request, _("已结束该项目专员，本月名单已更新。"))
    return redirect("incentives:specialist-list")


class RosterDetailView(ScopedDetailView):
    model = SpecialistRoster
    template_name = "fh/roster_detail.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(entries=self.object.entries.select_related("person"),
                                        is_partner=self.request.user.is_main_account, **kwargs)


@login_required
@require_POST
@object_view(SpecialistRoster)
def roster_review(request, pk):
    roster = get_for_user_or_404(SpecialistRoster, request.user, pk=pk)
    try:
        services.roster_review(actor=request.user, roster_id=roster.pk)
    except REFUSALS as exc:
        flash_refusal(request, exc)
    else:
        messages.success(request, _("已确认 %(month)s 项目专员名单。") % {"month": f"{roster.month:%Y-%m}"})
    return redirect(roster.get_absolute_url())
