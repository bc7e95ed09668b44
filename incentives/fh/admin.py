"""FH in the vendor's back office: certified experts (one by one or imported: 导入 with a row-level report, all
rows or none), qualifications and monthly lists read-only with their audit trail (decisions go through the review
pages so the services run), and the generation ledger."""
from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from partnercenter.partners import imports
from partnercenter.partners.admin.commerce import ImportAdminMixin
from partnercenter.workflow.admin import ReadOnlyAdmin, TransitionLogInline

from .models import (
    CertifiedExpert,
    FhGenerationRun,
    FhQualification,
    FhQuarter,
    MonthlyIncentive,
    MonthlyIncentiveLine,
    ProjectSpecialist,
)
from .services import EXPERT_COLUMNS, EXPERTS, import_experts

# The admin's 导入 page looks importers up by kind in the platform's registry.
imports.IMPORTERS.setdefault(EXPERTS, (import_experts, EXPERT_COLUMNS))


class CertifiedExpertForm(forms.ModelForm):
    class Meta:
        model = CertifiedExpert
        fields = ["partner", "person", "certificate_no", "certification", "level", "valid_from", "valid_to"]

    def clean(self):
        data = super().clean()
        partner, person = data.get("partner"), data.get("person")
        if partner and person and person.partner_id != partner.pk:
            raise ValidationError({"person": _("该人员不是此伙伴的成员。")})
        start, end = data.get("valid_from"), data.get("valid_to")
        if start and end and end < start:
            raise ValidationError({"valid_to": _("失效日期不能早于生效日期。")})
        return data


@admin.register(CertifiedExpert)
class CertifiedExpertAdmin(ImportAdminMixin, admin.ModelAdmin):
    import_kind = EXPERTS
    form = CertifiedExpertForm
    list_display = ["certificate_no", "person", "partner", "certification", "level", "valid_from", "valid_to",
                    "recorded_by"]
    list_filter = ["level"]
    search_fields = ["certificate_no__exact", "person__username", "person__full_name", "partner__name"]
    list_select_related = ["person", "partner", "recorded_by"]
    raw_id_fields = ["person"]
    date_hierarchy = "valid_to"

    def save_model(self, request, obj, form, change):
        if not change:
            obj.recorded_by = request.user
        super().save_model(request, obj, form, change)


@admin.register(FhQualification)
class FhQualificationAdmin(ReadOnlyAdmin):
    list_display = ["code", "partner", "status", "contact_name", "submitted_at", "approved_at"]
    list_filter = ["status"]
    search_fields = ["partner__name"]
    inlines = [TransitionLogInline]


@admin.register(ProjectSpecialist)
class ProjectSpecialistAdmin(ReadOnlyAdmin):
    list_display = ["person", "partner", "position", "start_month", "end_month"]
    search_fields = ["person__username", "person__full_name", "partner__name"]


class LineInline(admin.TabularInline):
    model = MonthlyIncentiveLine
    fields = ["person_name", "position", "certificate_no", "certification", "level", "amount"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(MonthlyIncentive)
class MonthlyIncentiveAdmin(ReadOnlyAdmin):
    list_display = ["code", "partner", "month", "headcount", "amount", "status", "confirm_due_on"]
    list_filter = ["status", "month"]
    search_fields = ["partner__name"]
    inlines = [LineInline, TransitionLogInline]


@admin.register(FhQuarter)
class FhQuarterAdmin(ReadOnlyAdmin):
    list_display = ["partner", "year", "quarter", "status", "requested_amount", "requested_at"]
    list_filter = ["status", "year", "quarter"]


@admin.register(FhGenerationRun)
class FhGenerationRunAdmin(ReadOnlyAdmin):
    list_display = ["month", "trigger", "status", "partners_total", "partners_done", "lists_created",
                    "lists_existing", "lists_empty", "people_added", "amount_added", "started_at", "finished_at"]
    list_filter = ["status", "trigger"]
