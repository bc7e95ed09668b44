"""Admin for 实名认证 / 商业信息认证 applications: read-only, decided by actions that call the review services."""
from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.core.exceptions import PermissionDenied, ValidationError
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from partnercenter.workflow.admin import ReadOnlyAdmin, TransitionLogInline
from partnercenter.workflow.machine import TransitionNotAllowed

from .. import services
from ..models import (
    BusinessInfoApplication,
    CertifiedBusinessInfo,
    RealNameApplication,
    RejectReason,
    ReviewStatus,
)


class RejectForm(forms.Form):
    reason_code = forms.ChoiceField(label=gettext_lazy("不通过原因"), choices=RejectReason.choices)
    opinion = forms.CharField(label=gettext_lazy("审核意见"), max_length=2000, widget=forms.Textarea(attrs={"rows": 4}),
                              help_text=gettext_lazy("伙伴将在修改页面看到此意见"))


class ApplicationAdmin(admin.ModelAdmin):
    """Shared by both applications: view-only pages, decisions only through the review services."""

    approve_service = reject_service = None  # set per subclass (staticmethod)
    actions = ["approve_selected", "reject_selected"]
    list_filter = ["status", "submitted_at"]
    list_select_related = ["partner", "submitted_by", "reviewed_by"]
    date_hierarchy = "submitted_at"
    inlines = [TransitionLogInline]

    def has_add_permission(self, request):
        return False  # partners submit through the portal

    def has_delete_permission(self, request, obj=None):
        return False  # the audit trail refers to it

    def has_change_permission(self, request, obj=None):
        # Without an object this is the permission the actions require; for one application the page is
        # view-only, so a decision cannot be made by editing `status` and skipping the service.
        return obj is None and super().has_change_permission(request)

    @admin.display(description=gettext_lazy("审核页面"))
    def review_link(self, obj):
        return format_html('<a href="{}">{}</a>', obj.get_review_url(), _("去审核") if obj.is_pending else _("查看"))

    def _decide(self, request, queryset, service, **kwargs):
        decided = 0
        for application in queryset.order_by("pk"):  # one transaction each: every outcome is reported alone
            try:
                service(application_id=application.pk, actor=request.user, **kwargs)
            except ValidationError as exc:
                self.message_user(request, f"{application}：{'；'.join(exc.messages)}", messages.ERROR)
            except (TransitionNotAllowed, PermissionDenied) as exc:
                self.message_user(request, f"{application}：{exc}", messages.ERROR)
            else:
                decided += 1
        return decided

    @admin.action(description=gettext_lazy("审核通过"), permissions=["change"])
    def approve_selected(self, request, queryset):
        decided = self._decide(request, queryset, self.approve_service, comment="")
        if decided:
            self.message_user(request, ngettext("已审核通过%(count)d个申请。", "已审核通过%(count)d个申请。", decided)
                              % {"count": decided}, messages.SUCCESS)

    @admin.action(description=gettext_lazy("审核不通过"), permissions=["change"])
    def reject_selected(self, request, queryset):
        """Asks for the reason and opinion first (an intermediate page), then rejects each application."""
        form = RejectForm(request.POST if "apply" in request.POST else None)
        if form.is_valid():
            decided = self._decide(request, queryset, self.reject_service, opinion=form.cleaned_data["opinion"],
                                   reason_code=form.cleaned_data["reason_code"])
            if decided:
                self.message_user(request, ngettext("已审核不通过%(count)d个申请，伙伴将看到审核意见。",
                                                    "已审核不通过%(count)d个申请，伙伴将看到审核意见。", decided)
                                  % {"count": decided}, messages.SUCCESS)
            return None  # back to the changelist
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": _("审核不通过"),
            "applications": queryset.order_by("pk"),
            "pending": ReviewStatus.PENDING,
            "form": form,
            "action": "reject_selected",
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "admin/partners/reject_applications.html", context)


@admin.register(RealNameApplication)
class RealNameApplicationAdmin(ApplicationAdmin):
    approve_service = staticmethod(services.realname_approve)
    reject_service = staticmethod(services.realname_reject)
    list_display = ["corp_name", "partner", "status", "revision", "submitted_by", "submitted_at", "reviewed_by",
                    "reviewed_at", "review_link"]
    list_filter = ["status", "certificate_type", "submitted_at"]
    search_fields = ["corp_name", "credit_code__exact", "partner__name"]
    readonly_fields = ["licence_link", "review_link"]
    fieldsets = [
        (None, {"fields": ["partner", "status", "revision", "review_link"]}),
        (gettext_lazy("企业信息"), {"fields": ["certificate_type", "corp_name", "credit_code", "legal_person",
                                           "reg_address", "licence_link"]}),
        (gettext_lazy("提交与审核"), {"fields": ["submitted_by", "submitted_at", "reviewed_by", "reviewed_at",
                                             "opinion"]}),
    ]

    @admin.display(description=gettext_lazy("证件扫描件"))
    def licence_link(self, obj):
        # Private file: served only by the permission-checked portal view, never from MEDIA_URL.
        return format_html('<a href="{}">{}</a>', reverse("partners:realname-licence", args=[obj.pk]), _("下载"))


@admin.register(BusinessInfoApplication)
class BusinessInfoApplicationAdmin(ApplicationAdmin):
    approve_service = staticmethod(services.businessinfo_approve)
    reject_service = staticmethod(services.businessinfo_reject)
    list_display = ["company_name", "partner", "kind", "status", "revision", "submitted_by", "submitted_at",
                    "reviewed_by", "reviewed_at", "review_link"]
    list_filter = ["status", "kind", "taxpayer_type", "submitted_at"]
    search_fields = ["company_name", "tax_id__exact", "partner__name", "bank_account_name"]
    readonly_fields = ["review_link"]
    fieldsets = [
        (None, {"fields": ["partner", "kind", "status", "revision", "review_link"]}),
        (gettext_lazy("商业信息"), {"fields": list(BusinessInfoApplication.COPIED_FIELDS)}),
        (gettext_lazy("提交与审核"), {"fields": ["submitted_by", "submitted_at", "reviewed_by", "reviewed_at",
                                             "opinion"]}),
    ]


@admin.register(CertifiedBusinessInfo)
class CertifiedBusinessInfoAdmin(ReadOnlyAdmin):
    """Frozen from the approved application; changed only by approving a new 信息变更 application."""

    list_display = ["company_name", "partner", "taxpayer_type", "settlement_currency", "masked_account",
                    "certified_at", "application"]
    list_filter = ["taxpayer_type", "settlement_currency"]
    search_fields = ["company_name", "tax_id__exact", "partner__name"]
    list_select_related = ["partner", "application"]

    @admin.display(description=gettext_lazy("银行账号"))
    def masked_account(self, obj):
        return obj.masked_account_no
