"""Partner-facing pages of the platform: organisation, members, customers (客户分配), orders, and the two
certifications. Views are thin: scope, validate with a form, call a service, redirect with a message."""
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from partnercenter.exports import csv_response
from partnercenter.pages import (
    REFUSALS,
    ScopedDetailView,
    ScopedListView,
    flash_refusal,
    object_view,
    post_transition,
    redirect_refused,
    submit_to_service,
)
from partnercenter.tenancy import get_for_user_or_404
from partnercenter.uploads import document_response
from partnercenter.workflow.selectors import open_deadlines_for

from . import selectors, services
from .filters import CustomerFilterSet
from .forms import BusinessInfoForm, CustomerAssignForm, MemberCreateForm, MemberUpdateForm, RealNameForm
from .models import (
    BusinessInfoApplication,
    CertifiedBusinessInfo,
    Customer,
    CustomerAssignment,
    Order,
    Partner,
    RealNameApplication,
    User,
)


def _partner_or_404(request) -> Partner:
    """Pages about "my organisation" need a partner user; vendor staff use the review pages instead."""
    if not request.user.partner_id:
        from django.http import Http404

        raise Http404
    return request.user.partner


# 组织 ----------------------------------------------------------------------------------------------------


@login_required
def profile(request):
    partner = _partner_or_404(request)
    return render(request, "partners/profile.html", {
        "partner": partner,
        "resellers": Partner.objects.resellers_of(partner).order_by("name"),
        "business_info_status": selectors.business_info_status(partner=partner),
        "settlement_blockers": selectors.settlement_blockers(partner=partner),
    })


@login_required
def member_list(request):
    partner = _partner_or_404(request)
    members = User.objects.for_user(request.user).filter(partner=partner).order_by("role", "username")
    page = Paginator(members, 20).get_page(request.GET.get("page"))
    return render(request, "partners/member_list.html", {"page_obj": page, "partner": partner})


@redirect_refused
@login_required
def member_create(request):
    partner = _partner_or_404(request)
    if not request.user.is_main_account:
        messages.error(request, _("只有伙伴主账号可以管理组织成员。"))
        return redirect("partners:member-list")
    form = MemberCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid() and submit_to_service(
        request, form, lambda: services.member_create(partner=partner, actor=request.user, **form.cleaned_data),
        success_message=_("已添加成员%(name)s，设置密码的链接已发送到 %(email)s。") % {
            "name": form.cleaned_data["full_name"], "email": form.cleaned_data["email"]},
        refused_url="partners:member-list",
    ):
        return redirect("partners:member-list")
    return render(request, "partners/member_form.html", {"form": form, "partner": partner})


@redirect_refused
@login_required
@object_view(User)
def member_edit(request, pk):
    member = get_for_user_or_404(User, request.user, pk=pk)
    if not request.user.is_main_account or member.role == User.Role.MAIN:
        messages.error(request, _("只有伙伴主账号可以修改其他成员的角色和状态。"))
        return redirect("partners:member-list")
    form = MemberUpdateForm(request.POST or None, initial={"role": member.role, "is_active": member.is_active})
    if request.method == "POST" and form.is_valid() and submit_to_service(
        request, form, lambda: services.member_update(member_id=member.pk, actor=request.user, **form.cleaned_data),
        success_message=_("已更新成员%(name)s。") % {"name": member.display_name}, refused_url="partners:member-list",
    ):
        return redirect("partners:member-list")
    return render(request, "partners/member_form.html", {"form": form, "member": member,
                                                          "partner": member.partner})


# 客户分配 ------------------------------------------------------------------------------------------------


class CustomerListView(ScopedListView):
    model = Customer
    filterset_class = CustomerFilterSet
    template_name = "partners/customer_list.html"

    def get_base_queryset(self):
        current = CustomerAssignment.objects.current().select_related("manager")
        return (super().get_base_queryset()
                .prefetch_related(Prefetch("assignments", queryset=current, to_attr="current_assignments"))
                .order_by("name", "pk"))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if self.request.user.is_main_account:
            form = CustomerAssignForm(partner=self.request.user.partner)
            # Evaluated once: every row's "assign" dialog reuses the same options.
            context["manager_choices"] = list(form.fields["manager"].choices)
            context["assign_form"] = form
        return context


@login_required
def customer_export(request):
    """The customer list's 导出: the same scoped, filtered rows as the page, as CSV."""
    view = CustomerListView()
    view.setup(request)
    customers = view.get_queryset()
    header = [_("客户名称"), _("客户账号名"), _("客户账号ID"), _("关联类型"), _("关联时间"), _("客户等级"),
              _("实名认证状态"), _("客户经理")]

    def row(customer):
        managers = "、".join(a.manager.display_name for a in customer.current_assignments)
        return [customer.name, customer.account_name, customer.customer_id, customer.get_association_type_display(),
                customer.associated_on.isoformat(), customer.level, customer.get_real_name_status_display(), managers]

    return csv_response(filename="customers", header=header, rows=customers.iterator(chunk_size=500), row=row)


class CustomerDetailView(ScopedDetailView):
    model = Customer
    template_name = "partners/customer_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        customer = self.object
        context.update(
            assignments=customer.assignments.select_related("manager", "assigned_by").order_by("-starts_on", "-pk"),
            orders=customer.orders.select_related("product")[:20],
            consumption=selectors.monthly_consumption(customer=customer),
        )
        if self.request.user.is_main_account:
            context["assign_form"] = CustomerAssignForm(partner=customer.partner)
        return context


@require_POST
@login_required
@object_view(Customer)
def customer_assign(request, pk):
    customer = get_for_user_or_404(Customer, request.user, pk=pk)
    form = CustomerAssignForm(request.POST, partner=customer.partner)
    if form.is_valid():
        try:
            services.customer_assign(customer_id=customer.pk, manager=form.cleaned_data["manager"],
                                     actor=request.user)
        except REFUSALS as exc:
            flash_refusal(request, exc)
        else:
            messages.success(request, _("已将客户“%(customer)s”分配给%(manager)s。") % {
                "customer": customer.name, "manager": form.cleaned_data["manager"].display_name})
    else:
        messages.error(request, "；".join(e for errors in form.errors.values() for e in errors))
    return redirect(request.POST.get("next") or customer.get_absolute_url())


class OrderDetailView(ScopedDetailView):
    model = Order
    template_name = "partners/order_detail.html"

    def get_queryset(self):
        return super().get_queryset().select_related("customer", "product__service_type", "renews")


# 实名认证 ------------------------------------------------------------------------------------------------


@redirect_refused
@login_required
def realname(request):
    partner = _partner_or_404(request)
    latest = selectors.latest_realname_application(partner=partner)
    can_submit = (request.user.can_manage_partner_info()
                  and partner.real_name_status in (Partner.RealName.NOT_VERIFIED,)
                  and (latest is None or latest.status == "withdrawn"))
    form = None
    if can_submit:
        initial = {}
        if latest is not None:
            initial = {f: getattr(latest, f) for f in ("certificate_type", "corp_name", "credit_code",
                                                        "legal_person", "reg_address")}
        form = RealNameForm(request.POST or None, request.FILES or None, initial=initial)
        if request.method == "POST" and form.is_valid():
            application = submit_to_service(
                request, form,
                lambda: services.realname_submit(partner=partner, actor=request.user, data=form.cleaned_data),
                success_message=_("实名认证申请已提交，将在3个工作日内完成审核。"), refused_url="partners:realname")
            if application:
                return redirect(application.get_absolute_url())
    return render(request, "partners/realname.html", {
        "partner": partner, "latest": latest, "form": form,
        "deadlines": open_deadlines_for(latest) if latest else [],
    })


class RealNameDetailView(ScopedDetailView):
    model = RealNameApplication
    template_name = "partners/realname_detail.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(deadlines=open_deadlines_for(self.object), **kwargs)


@login_required
@object_view(RealNameApplication)
def realname_licence(request, pk):
    application = get_for_user_or_404(RealNameApplication, request.user, pk=pk)
    suffix = application.licence.name.rsplit(".", 1)[-1]
    return document_response(application.licence, download_name=f"licence-{application.pk}.{suffix}")


@redirect_refused
@login_required
@object_view(RealNameApplication)
def realname_resubmit(request, pk):
    application = get_for_user_or_404(RealNameApplication, request.user, pk=pk)
    if not request.user.can_manage_partner_info() or not RealNameApplication.workflow.can(application, "resubmit"):
        messages.error(request, _("当前申请不能修改后重新提交。"))
        return redirect(application.get_absolute_url())
    form = RealNameForm(request.POST or None, request.FILES or None, instance=application)
    if request.method == "POST" and form.is_valid() and submit_to_service(
        request, form,
        lambda: services.realname_resubmit(application_id=application.pk, actor=request.user, data=form.cleaned_data),
        success_message=_("已重新提交，将在3个工作日内完成审核。"), refused_url=application.get_absolute_url(),
    ):
        return redirect(application.get_absolute_url())
    return render(request, "partners/realname_form.html", {"form": form, "application": application})


@require_POST
@login_required
@object_view(RealNameApplication)
def realname_withdraw(request, pk):
    application = get_for_user_or_404(RealNameApplication, request.user, pk=pk)
    return post_transition(
        request, lambda: services.realname_withdraw(application_id=application.pk, actor=request.user),
        success_message=_("申请已撤回，可修改后重新提交。"), next_url=application.get_absolute_url())


# 商业信息认证 --------------------------------------------------------------------------------------------


@login_required
def businessinfo(request):
    partner = _partner_or_404(request)
    applications = BusinessInfoApplication.objects.for_user(request.user).filter(partner=partner).latest_first()
    return render(request, "partners/businessinfo.html", {
        "partner": partner,
        "certified": CertifiedBusinessInfo.objects.filter(partner=partner).first(),
        "status": selectors.business_info_status(partner=partner),
        "pending": applications.filter(status="pending").first(),
        "latest": applications.first(),
        "page_obj": Paginator(applications, 10).get_page(request.GET.get("page")),
        "blockers": selectors.settlement_blockers(partner=partner),
    })


@redirect_refused
@login_required
def businessinfo_apply(request):
    partner = _partner_or_404(request)
    if not request.user.can_manage_partner_info():
        messages.error(request, _("只有伙伴主账号可以提交商业信息认证。"))
        return redirect("partners:businessinfo")
    certified = CertifiedBusinessInfo.objects.filter(partner=partner).first()
    initial = {f: getattr(certified, f) for f in BusinessInfoApplication.COPIED_FIELDS} if certified else {}
    form = BusinessInfoForm(request.POST or None, partner=partner, initial=initial)
    if request.method == "POST" and form.is_valid():
        application = submit_to_service(
            request, form,
            lambda: services.businessinfo_submit(partner=partner, actor=request.user, data=form.cleaned_data),
            success_message=_("商业信息认证申请已提交，将在3个工作日内完成审核。"), refused_url="partners:businessinfo")
        if application:
            return redirect(application.get_absolute_url())
    return render(request, "partners/businessinfo_form.html", {
        "form": form, "certified": certified, "partner": partner,
    })


class BusinessInfoDetailView(ScopedDetailView):
    model = BusinessInfoApplication
    template_name = "partners/businessinfo_detail.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(deadlines=open_deadlines_for(self.object), **kwargs)


@redirect_refused
@login_required
@object_view(BusinessInfoApplication)
def businessinfo_resubmit(request, pk):
    application = get_for_user_or_404(BusinessInfoApplication, request.user, pk=pk)
    if (not request.user.can_manage_partner_info()
            or not BusinessInfoApplication.workflow.can(application, "resubmit")):
        messages.error(request, _("当前申请不能修改后重新提交。"))
        return redirect(application.get_absolute_url())
    form = BusinessInfoForm(request.POST or None, partner=application.partner, instance=application)
    if request.method == "POST" and form.is_valid() and submit_to_service(
        request, form,
        lambda: services.businessinfo_resubmit(application_id=application.pk, actor=request.user,
                                               data=form.cleaned_data),
        success_message=_("已重新提交，将在3个工作日内完成审核。"), refused_url=application.get_absolute_url(),
    ):
        return redirect(application.get_absolute_url())
    return render(request, "partners/businessinfo_form.html", {
        "form": form, "application": application, "partner": application.partner,
    })


@require_POST
@login_required
@object_view(BusinessInfoApplication)
def businessinfo_withdraw(request, pk):
    application = get_for_user_or_404(BusinessInfoApplication, request.user, pk=pk)
    return post_transition(
        request, lambda: services.businessinfo_withdraw(application_id=application.pk, actor=request.user),
        success_message=_("申请已撤回。"), next_url=application.get_absolute_url())
