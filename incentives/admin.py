from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .models import GenerationRun, IncentiveDetail, IncentivePolicy, ReconciliationBill


@admin.register(IncentivePolicy)
class IncentivePolicyAdmin(admin.ModelAdmin):
    """Operators add a new version ("保存为新的") instead of editing a version lines were computed with."""

    list_display = ["name", "version", "service_type", "product", "billing_mode", "association_type",
                    "customer_kind", "policy_code", "rate", "effective_from", "effective_to"]
    list_filter = ["policy_code", "billing_mode", "association_type"]
    search_fields = ["name"]
    save_as = True

    def get_readonly_fields(self, request, obj=None):
        if obj is not None and IncentiveDetail.objects.filter(policy=obj).exists():
            # Used by generated lines: only the end date may still change (to close the version).
            return [f.name for f in obj._meta.fields if f.name not in ("effective_to",)]
        return []


@admin.register(ReconciliationBill)
class ReconciliationBillAdmin(admin.ModelAdmin):
    list_display = ["partner", "period", "status", "incentive_amount", "line_count"]
    list_filter = ["status", "period"]
    readonly_fields = [f.name for f in ReconciliationBill._meta.fields]

    def has_add_permission(self, request):
        return False


@admin.register(GenerationRun)
class GenerationRunAdmin(admin.ModelAdmin):
    list_display = ["period", "dry_run", "status", "trigger", "started_by", "started_at", "duration_ms",
                    "lines_added", "adjustments_added", "amount_added"]
    list_filter = ["status", "dry_run"]
    readonly_fields = [f.name for f in GenerationRun._meta.fields]

    def has_add_permission(self, request):
        return False


@admin.register(IncentiveDetail)
class IncentiveDetailAdmin(admin.ModelAdmin):
    list_display = ["period", "order_no", "customer_name", "amount", "status", "reason"]
    list_filter = ["status", "period"]
    raw_id_fields = ["partner", "bill", "consumption", "dispute", "customer", "manager", "policy", "run"]
    verbose_name = _("激励明细")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
