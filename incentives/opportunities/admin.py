from django.contrib import admin

from .models import ApplicationVersion, Dispute, Material, OpportunityApplication


class ReadOnlyAdmin(admin.ModelAdmin):
    """Applications change only through incentives.opportunities.services (workflow, audit, deadlines)."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class VersionInline(admin.TabularInline):
    model = ApplicationVersion
    fields = ["number", "submitted_at", "decision", "reason_codes", "field_comments", "comment", "decided_at"]
    readonly_fields = fields
    extra = 0
    can_delete = False


class MaterialInline(admin.TabularInline):
    model = Material
    fields = ["kind", "name", "uploaded_at", "removed_at"]
    readonly_fields = fields
    extra = 0
    can_delete = False


@admin.register(OpportunityApplication)
class OpportunityApplicationAdmin(ReadOnlyAdmin):
    list_display = ["code", "partner", "opportunity", "basis_amount", "incentive_amount", "payable_amount",
                    "status", "revision", "submitted_at"]
    list_filter = ["status"]
    search_fields = ["code", "opportunity__code", "opportunity__name", "partner__name"]
    inlines = [VersionInline, MaterialInline]


@admin.register(Dispute)
class DisputeAdmin(ReadOnlyAdmin):
    list_display = ["application", "amount_before", "amount_after", "raised_at", "answered_at"]
