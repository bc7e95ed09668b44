"""提货券 pages: tabs 提货券额度 / 已发放提货券 / 操作记录, quota detail with usage report and CSV, issue,
voucher detail with redemption, bulk recall with a confirmation step, and the operator's grant page."""
import csv

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from partnercenter.pages import (
    REFUSALS,
    ScopedDetailView,
    ScopedListView,
    flash_refusal,
    object_view,
    redirect_refused,
    submit_to_service,
    vendor_only,
)
from partnercenter.tenancy import get_for_user_or_404

from . import selectors, services
from .filters import MovementFilter, QuotaFilter, VoucherFilter
from .forms import IssueForm, QuotaGrantForm, RedeemForm
from .models import QuotaMovement, Voucher, VoucherQuota


class QuotaListView(ScopedListView):
    model = VoucherQuota
    filterset_class = QuotaFilter
    template_name = "vouchers/quota_list.html"
    tab = "quotas"

    def get_context_data(self, **kwargs):
        return super().get_context_data(tab=self.tab, **kwargs)


class VoucherListView(QuotaListView):
    model = Voucher
    filterset_class = VoucherFilter
    template_name = "vouchers/voucher_list.html"
    tab = "vouchers"

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("customer", "quota")


class MovementListView(QuotaListView):
    model = QuotaMovement
    filterset_class = MovementFilter
    template_name = "vouchers/movement_list.html"
    tab = "movements"

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("quota", "voucher__customer")


class QuotaDetailView(ScopedDetailView):
    model = VoucherQuota
    template_name = "vouchers/quota_detail.html"

    def get_context_data(self, **kwargs):
        quota = self.object
        return super().get_context_data(
            summary=selectors.quota_summary(quota), usages=selectors.quota_usage_rows(quota)[:50],
            service_types=quota.service_types.all(), products=quota.products.all(),
            can_issue=bool(self.request.user.partner_id), **kwargs)


def _cell(text: str) -> str:
    """Spreadsheets run cells that start with = + - @ as formulas; quote them."""
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text


@login_required
@object_view(VoucherQuota)
def quota_usage_export(request, pk):
    quota = get_for_user_or_404(VoucherQuota, request.user, pk=pk)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="voucher-usage-{quota.pk}.csv"'
    response.write("\ufeff")
    writer = csv.writer(response)
    writer.writerow([_("提货券编号"), _("客户"), _("订单号"), _("产品"), _("抵扣金额"), _("抵扣后余额"), _("使用时间")])
    for usage in selectors.quota_usage_rows(quota):
        writer.writerow([usage.voucher.code, _cell(usage.voucher.customer.name), usage.order.order_no,
                         _cell(usage.order.product.name), usage.amount, usage.balance_after,
                         timezone.localtime(usage.used_at).strftime("%Y-%m-%d %H:%M")])
    return response


@login_required
@object_view(VoucherQuota)
@redirect_refused
def voucher_issue(request, pk):
    quota = get_for_user_or_404(VoucherQuota, request.user, pk=pk)
    form = IssueForm(request.POST or None, quota=quota, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        issued = submit_to_service(
            request, form,
            lambda: services.vouchers_issue(quota_id=quota.pk, actor=request.user, **data),
            success_message=_("提货券发放成功！"), refused_url=quota.get_absolute_url())
        if issued is not None:
            return redirect("vouchers:voucher-list")
    return render(request, "vouchers/issue_form.html", {"quota": quota, "form": form})


class VoucherDetailView(ScopedDetailView):
    model = Voucher
    template_name = "vouchers/voucher_detail.html"

    def get_queryset(self):
        return super().get_queryset().select_related("customer", "quota", "issued_by")

    def get_context_data(self, **kwargs):
        voucher = self.object
        can_act = bool(self.request.user.partner_id)
        return super().get_context_data(
            usages=voucher.usages.select_related("order__product"),
            service_types=voucher.service_types.all(), products=voucher.products.all(),
            redeem_form=RedeemForm(voucher=voucher, user=self.request.user)
            if can_act and voucher.status == Voucher.Status.AVAILABLE else None,
            show_memo=can_act, **kwargs)


@login_required
@require_POST
@object_view(Voucher)
def voucher_redeem(request, pk):
    voucher = get_for_user_or_404(Voucher, request.user, pk=pk)
    form = RedeemForm(request.POST, voucher=voucher, user=request.user)
    if not form.is_valid():
        for errors in form.errors.values():
            messages.error(request, "；".join(errors))
        return redirect(voucher.get_absolute_url())
    order, amount = form.cleaned_data["order"], form.cleaned_data["amount"]
    try:
        services.voucher_redeem(voucher_id=voucher.pk, order_id=order.pk, amount=amount, actor=request.user)
    except REFUSALS as exc:
        messages.error(request, _("不能使用该提货券。") + "；".join(getattr(exc, "messages", [str(exc)])))
    else:
        messages.success(request, _("已使用提货券抵扣订单 %(order)s 金额 %(amount)s 元。") % {
            "order": order.order_no, "amount": amount})
    return redirect(voucher.get_absolute_url())


@login_required
@require_POST
def voucher_recall(request):
    """Step 1 (confirm=absent): list the chosen 可使用 vouchers and ask; step 2 (confirm=1): recall them."""
    ids = [pk for pk in request.POST.getlist("vouchers") if pk.isdigit()]
    chosen = Voucher.objects.for_user(request.user).filter(pk__in=ids).select_related("customer")
    if not chosen:
        messages.error(request, _("请选择要回收的提货券。"))
        return redirect("vouchers:voucher-list")
    if request.POST.get("confirm") != "1":
        recallable = [v for v in chosen if v.status == Voucher.Status.AVAILABLE]
        skipped = [v for v in chosen if v.status != Voucher.Status.AVAILABLE]
        return render(request, "vouchers/recall_confirm.html", {
            "vouchers": recallable, "skipped": skipped, "total": sum(v.balance for v in recallable)})
    try:
        count, amount = services.vouchers_recall(voucher_ids=[v.pk for v in chosen], actor=request.user)
    except (ValidationError, *REFUSALS) as exc:
        flash_refusal(request, exc)
    else:
        messages.success(request, _("已回收 %(count)s 张提货券，共 %(amount)s 元返还至额度。") % {
            "count": count, "amount": amount})
    return redirect("vouchers:voucher-list")


@login_required
@vendor_only
@redirect_refused
def quota_grant(request):
    form = QuotaGrantForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        quota = submit_to_service(request, form, lambda: services.quota_grant(actor=request.user, **form.cleaned_data),
                                  success_message=_("提货券额度已授予。"), refused_url=request.path)
        if quota is not None:
            return redirect("vouchers:quota-list")
    return render(request, "vouchers/quota_grant.html", {"form": form})



