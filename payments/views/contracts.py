"""合同商务 > 合同管理 > 线上合同: the partner's 华为云付款协议 list, 合同申请, the render progress then download,
and the verification page."""
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from partnercenter.pages import ScopedDetailView, ScopedListView, object_view, redirect_refused, submit_to_service
from partnercenter.partners.models import Partner
from partnercenter.tenancy import get_for_user_or_404
from partnercenter.uploads import document_response

from .. import services
from ..filters import ContractFilterSet
from ..forms import ContractForm, VerifyForm
from ..models import PaymentContract
from ..services.contracts import format_code


def _partner(user):
    return Partner.objects.filter(pk=user.partner_id).first() if user.partner_id else None


class ContractListView(ScopedListView):
    model = PaymentContract
    filterset_class = ContractFilterSet
    template_name = "payments/contract_list.html"

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("partner")

    def get_context_data(self, **kwargs):
        return super().get_context_data(partner=_partner(self.request.user), **kwargs)


@login_required
@redirect_refused
def contract_create(request):
    partner = _partner(request.user)
    if partner is None:
        messages.error(request, _("只有伙伴账号可以申请华为云付款协议。"))
        return redirect("payments:contract-list")
    if not partner.is_real_name_verified:
        return render(request, "payments/contract_form.html", {"form": None, "partner": partner}, status=403)
    form = ContractForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        contract = submit_to_service(
            request, form, lambda: services.contract_create(actor=request.user, **form.cleaned_data),
            success_message=_("付款协议已生成，正在生成PDF。"), refused_url="payments:contract-list")
        if contract is not None:
            return redirect(contract.get_absolute_url())
    return render(request, "payments/contract_form.html", {"form": form, "partner": partner})


class ContractDetailView(ScopedDetailView):
    model = PaymentContract
    template_name = "payments/contract_detail.html"

    def get_context_data(self, **kwargs):
        contract = self.object
        pending = contract.pdf_status in (PaymentContract.PdfStatus.QUEUED, PaymentContract.PdfStatus.RENDERING)
        progress = {"queued": 10, "rendering": 60, "ready": 100, "failed": 100}[contract.pdf_status]
        return super().get_context_data(contract=contract, pending=pending, progress=progress,
                                        code=format_code(contract.verification_code), **kwargs)


@login_required
@object_view(PaymentContract)
def contract_download(request, pk):
    contract = get_for_user_or_404(PaymentContract, request.user, pk=pk)
    if contract.pdf_status != PaymentContract.PdfStatus.READY or not contract.pdf_file:
        raise Http404(_("协议PDF尚未生成完成。"))
    response = document_response(contract.pdf_file, download_name=f"{contract.number}.pdf")
    return response


@login_required
def contract_verify(request):
    form = VerifyForm(request.GET or None)
    result = None
    if request.GET and form.is_valid():
        result = services.contract_verify(number=form.cleaned_data["number"], code=form.cleaned_data["code"])
        if result is None:
            form.add_error(None, _("校验失败：协议编号与校验码不匹配，该协议不是本平台生成的，或内容已被篡改。"))
    return render(request, "payments/contract_verify.html", {"form": form, "result": result})
