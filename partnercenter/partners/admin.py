"""Admin for partners, people, customers, orders, consumption and the certification applications.

The admin is the vendor's back office, not a second way around the services:
* certification applications are read-only here; "审核通过" / "审核不通过" are admin actions calling the review
  services (the same ones the portal review page calls), so the audit trail and notifications happen;
* customer assignments (management periods) are read-only: `services.customer_assign` keeps periods consistent;
* orders and consumption come in through the "导入" pages (`partners.imports`), all rows or none. Reference data
  (partners, customers, products, single orders) may still be corrected in place, which is what the admin is for.
"""
from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.auth import forms as auth_forms
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, F, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce, NullIf
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from partnercenter.workflow.admin import ReadOnlyAdmin, TransitionLogInline
from partnercenter.workflow.machine import TransitionNotAllowed

from . import imports, services
from .models import (
    BusinessInfoApplication,
    CertifiedBusinessInfo,
    ConsumptionLine,
    Customer,
    CustomerAssignment,
    Order,
    Partner,
    Product,
    RealNameApplication,
    RejectReason,
    ReviewStatus,
    ServiceType,
    User,
)

# 伙伴与人员 ----------------------------------------------------------------------------------------------


class PartnerAdminForm(forms.ModelForm):
    # No Meta: PartnerAdmin's fieldsets decide the fields (ModelAdmin.get_form builds the Meta).
    def clean(self):
        data = super().clean()
        # Mirrors partners_partner_reseller_has_distributor with a message an operator can act on.
        is_reseller = data.get("partner_type") == Partner.Type.RESELLER
        if is_reseller and not data.get("distributor"):
            self.add_error("distributor", _("云经销商必须选择所属总经销商。"))
        if not is_reseller and data.get("distributor"):
            self.add_error("distributor", _("只有云经销商才有总经销商。"))
        return data


@admin.register(Partner)
class PartnerAdmin(admin.ModelAdmin):
    form = PartnerAdminForm
    list_display = ["name", "partner_type", "distributor", "level", "path", "stage", "real_name_status",
                    "joined_on"]
    list_filter = ["partner_type", "level", "path", "stage", "real_name_status"]
    search_fields = ["name", "certified_name", "credit_code", "domain_id"]
    list_select_related = ["distributor"]
    autocomplete_fields = ["distributor"]
    # The certified identity is set only by the 实名认证 review (services.realname_approve).
    readonly_fields = ["real_name_status", "certified_name", "credit_code", "created_at"]
    fieldsets = [
        (None, {"fields": ["name", "partner_type", "distributor", "domain_id", "joined_on"]}),
        (gettext_lazy("发展路径与等级"), {"fields": ["path", "stage", "level"]}),
        (gettext_lazy("实名认证"), {"fields": ["real_name_status", "certified_name", "credit_code", "created_at"]}),
    ]


def _check_partner_role(form):
    """Partner users have a role and never reach the admin; vendor staff have neither partner nor role."""
    data = form.cleaned_data
    partner, role = data.get("partner"), data.get("role")
    if partner and not role:
        form.add_error("role", _("伙伴用户必须选择组织角色。"))
    if role and not partner:
        form.add_error("partner", _("设置组织角色时请选择所属伙伴；华为云员工不属于任何伙伴。"))
    if partner and (data.get("is_staff") or data.get("is_superuser")):
        # The admin is not partner-scoped: a partner user with staff status would see every partner's data.
        form.add_error("is_staff", _("伙伴用户不能登录管理后台。"))


class UserChangeForm(auth_forms.UserChangeForm):
    class Meta(auth_forms.UserChangeForm.Meta):
        model = User

    def clean(self):
        data = super().clean()
        _check_partner_role(self)
        return data


class UserCreationForm(auth_forms.AdminUserCreationForm):
    class Meta(auth_forms.AdminUserCreationForm.Meta):
        model = User

    def clean(self):
        data = super().clean()
        _check_partner_role(self)
        return data


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    form = UserChangeForm
    add_form = UserCreationForm
    list_display = ["username", "full_name", "partner", "role", "email", "is_staff", "is_active", "last_login"]
    list_filter = ["is_staff", "is_superuser", "is_active", "role", "groups"]
    search_fields = ["username", "full_name", "email", "phone", "partner__name"]
    list_select_related = ["partner"]
    autocomplete_fields = ["partner"]
    fieldsets = [
        (None, {"fields": ["username", "password"]}),
        (gettext_lazy("个人信息"), {"fields": ["full_name", "email", "phone"]}),
        (gettext_lazy("所属伙伴"), {"fields": ["partner", "role"],
                                 "description": gettext_lazy("华为云员工不选择伙伴和角色。")}),
        (gettext_lazy("权限"), {"fields": ["is_active", "is_staff", "is_superuser", "groups", "user_permissions"]}),
        (gettext_lazy("重要日期"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [
        (None, {"classes": ["wide"], "fields": ["username", "usable_password", "password1", "password2"]}),
        (gettext_lazy("个人信息"), {"fields": ["full_name", "email", "phone"]}),
        (gettext_lazy("所属伙伴"), {"fields": ["partner", "role"]}),
    ]
    readonly_fields = ["last_login", "date_joined"]


# 客户与产品 ----------------------------------------------------------------------------------------------


class CustomerAssignmentInline(admin.TabularInline):
    model = CustomerAssignment
    fk_name = "customer"
    fields = ["manager", "starts_on", "ends_on", "assigned_by", "created_at"]
    readonly_fields = fields
    extra = 0

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Customer)
class CustomerAdmin(admin.ModelAdmin):
    list_display = ["name", "customer_id", "account_name", "partner", "current_manager", "association_type",
                    "level", "real_name_status", "customer_kind", "associated_on"]
    list_filter = ["association_type", "level", "real_name_status", "customer_kind"]
    search_fields = ["name", "customer_id__exact", "account_name", "partner__name"]
    list_select_related = ["partner"]
    autocomplete_fields = ["partner"]
    date_hierarchy = "associated_on"
    inlines = [CustomerAssignmentInline]

    def get_queryset(self, request):
        current = CustomerAssignment.objects.filter(customer=OuterRef("pk"), ends_on__isnull=True).annotate(
            manager_name=Coalesce(NullIf(F("manager__full_name"), Value("")), F("manager__username"))
        )
        return super().get_queryset(request).annotate(current_manager_name=Subquery(current.values("manager_name")[:1]))

    @admin.display(description=gettext_lazy("当前客户经理"), ordering="current_manager_name")
    def current_manager(self, obj):
        return obj.current_manager_name or "-"


@admin.register(CustomerAssignment)
class CustomerAssignmentAdmin(ReadOnlyAdmin):
    """Management periods change only through 客户分配 (services.customer_assign), which closes the old period."""

    list_display = ["customer", "manager", "starts_on", "ends_on", "assigned_by", "created_at"]
    list_filter = [("ends_on", admin.EmptyFieldListFilter)]
    search_fields = ["customer__name", "customer__customer_id__exact", "manager__username", "manager__full_name"]
    list_select_related = ["customer", "manager", "assigned_by"]
    date_hierarchy = "starts_on"


@admin.register(ServiceType)
class ServiceTypeAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "product_count"]
    search_fields = ["code", "name"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(product_total=Count("products"))

    @admin.display(description=gettext_lazy("产品数"), ordering="product_total")
    def product_count(self, obj):
        return obj.product_total


@admin.register(Product)
class ProductAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "service_type", "incentive_policy", "allow_discount"]
    list_filter = ["incentive_policy", "allow_discount", "service_type"]
    search_fields = ["code", "name"]
    list_select_related = ["service_type"]
    autocomplete_fields = ["service_type"]


# 订单与消费：导入 ------------------------------------------------------------------------------------------


class ImportUploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("导入文件"),
        help_text=gettext_lazy("支持 .csv（UTF-8 或 GB18030 编码）和 .xlsx；第一行为列名，从第二行起每行一条记录。"),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if imports.reading.file_suffix(upload.name) not in imports.SUPPORTED_SUFFIXES:
            raise ValidationError(_("仅支持 .csv 和 .xlsx 文件。"))
        if upload.size > imports.IMPORT_MAX_BYTES:
            raise ValidationError(_("文件不能超过 %(mb)d MB，请拆分后分批导入。")
                                  % {"mb": imports.IMPORT_MAX_BYTES // (1024 * 1024)})
        return upload


class ImportAdminMixin:
    """Adds an "导入" button to the changelist and the upload → validation report page behind it."""

    change_list_template = "admin/partners/change_list_import.html"
    import_kind: str = ""

    def get_urls(self):
        name = f"{self.opts.app_label}_{self.opts.model_name}"
        return [
            path("import/", self.admin_site.admin_view(self.import_view), name=f"{name}_import"),
            path("import/template.csv", self.admin_site.admin_view(self.import_template_view),
                 name=f"{name}_import_template"),
            *super().get_urls(),
        ]

    def has_import_permission(self, request) -> bool:
        # An import both creates and updates rows.
        return self.has_add_permission(request) and self.has_change_permission(request)

    def changelist_view(self, request, extra_context=None):
        extra_context = {**(extra_context or {}), "has_import_permission": self.has_import_permission(request)}
        return super().changelist_view(request, extra_context)

    def import_view(self, request):
        if not self.has_import_permission(request):
            raise PermissionDenied
        importer, columns = imports.IMPORTERS[self.import_kind]
        form = ImportUploadForm(request.POST or None, request.FILES or None)
        report = None
        if request.method == "POST" and form.is_valid():
            upload = form.cleaned_data["file"]
            report = importer(upload, filename=upload.name, actor=request.user)
            if report.ok:  # a failed report is the page itself
                self.message_user(request, report.summary, messages.SUCCESS)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": _("导入%(name)s") % {"name": self.opts.verbose_name},
            "form": form,
            "report": report,
            "columns": columns,
        }
        return TemplateResponse(request, "admin/partners/import.html", context)

    def import_template_view(self, request):
        if not self.has_import_permission(request):
            raise PermissionDenied
        _importer, columns = imports.IMPORTERS[self.import_kind]
        # UTF-8 with BOM: Excel opens it with the Chinese headers intact.
        response = HttpResponse(("\ufeff" + imports.template_csv(columns)).encode(), content_type="text/csv")
        response["Content-Disposition"] = f'attachment; filename="{self.opts.model_name}-import-template.csv"'
        return response


@admin.register(Order)
class OrderAdmin(ImportAdminMixin, admin.ModelAdmin):
    import_kind = imports.ORDERS
    list_display = ["order_no", "customer", "partner", "product", "billing_mode", "order_type", "paid_amount",
                    "currency", "status", "ordered_at", "expires_at"]
    list_filter = ["status", "billing_mode", "order_type"]
    search_fields = ["order_no__exact", "customer__name", "customer__customer_id__exact", "partner__name",
                     "product__code__exact"]
    list_select_related = ["customer", "partner", "product"]
    raw_id_fields = ["customer", "renews"]
    autocomplete_fields = ["product"]
    readonly_fields = ["partner"]
    date_hierarchy = "ordered_at"

    def save_model(self, request, obj, form, change):
        obj.partner_id = obj.customer.partner_id  # an order belongs to its customer's partner, never another
        super().save_model(request, obj, form, change)


@admin.register(ConsumptionLine)
class ConsumptionLineAdmin(ImportAdminMixin, admin.ModelAdmin):
    import_kind = imports.CONSUMPTION
    list_display = ["source_ref", "cycle", "customer", "partner", "product", "billing_mode", "amount", "manager",
                    "order"]
    list_filter = ["billing_mode"]
    search_fields = ["source_ref__exact", "customer__name", "customer__customer_id__exact", "order__order_no__exact",
                     "partner__name"]
    list_select_related = ["customer", "partner", "product", "manager", "order"]
    raw_id_fields = ["customer", "order", "manager"]
    autocomplete_fields = ["product"]
    readonly_fields = ["partner"]
    date_hierarchy = "bill_cycle"

    @admin.display(description=gettext_lazy("账期"), ordering="bill_cycle")
    def cycle(self, obj):
        return f"{obj.bill_cycle:%Y%m}"

    def save_model(self, request, obj, form, change):
        obj.partner_id = obj.customer.partner_id
        super().save_model(request, obj, form, change)


# 认证申请：只读，审核通过动作调用审核服务 ------------------------------------------------------------------


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
