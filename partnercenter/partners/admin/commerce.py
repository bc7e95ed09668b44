"""Admin for customers and their management periods, the catalogue, orders and consumption (with imports)."""
from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, F, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce, NullIf
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from partnercenter.workflow.admin import ReadOnlyAdmin

from .. import imports
from ..models import (
    ConsumptionLine,
    Customer,
    CustomerAssignment,
    Opportunity,
    Order,
    Product,
    ServiceType,
)


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


@admin.register(Opportunity)
class OpportunityAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "partner", "customer", "status", "expected_amount", "delivery_starts_on",
                    "delivery_ends_on"]
    list_filter = ["status"]
    search_fields = ["code__exact", "name", "partner__name", "customer__name"]
    list_select_related = ["partner", "customer"]
    autocomplete_fields = ["partner", "customer", "manager"]
    date_hierarchy = "delivery_ends_on"


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
