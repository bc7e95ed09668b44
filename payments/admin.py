from django.contrib import admin

from .models import CodeCounter, DeliveryProject, PaymentContract, PaymentRequest


@admin.register(PaymentRequest)
class PaymentRequestAdmin(admin.ModelAdmin):
    """Read-only: requests change only through their services (the review pages)."""

    list_display = ["code", "partner", "source_kind", "source_id", "amount", "payout_method", "status",
                    "submitted_at", "paid_on"]
    list_filter = ["status", "source_kind", "payout_method"]
    search_fields = ["code", "title", "partner__name", "invoice_no", "payment_reference"]
    list_select_related = ["partner"]
    exclude = ["invoice_file"]

    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(DeliveryProject)
class DeliveryProjectAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "partner", "customer", "period", "requested_subsidy", "approved_subsidy",
                    "status"]
    list_filter = ["status", "period"]
    search_fields = ["code", "name", "partner__name", "customer__name"]
    list_select_related = ["partner", "customer"]

    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False


@admin.register(PaymentContract)
class PaymentContractAdmin(admin.ModelAdmin):
    list_display = ["number", "partner", "period_start", "period_end", "amount", "committed_payment_date",
                    "pdf_status", "created_at"]
    list_filter = ["pdf_status"]
    search_fields = ["number", "partner__name", "verification_code"]
    exclude = ["pdf_file"]

    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False


@admin.register(CodeCounter)
class CodeCounterAdmin(admin.ModelAdmin):
    list_display = ["key", "value"]

    def has_change_permission(self, request, obj=None):
        return False
