from django.contrib import admin

from .models import MdfClaim, QuotaMovement, Voucher, VoucherQuota, VoucherUsage


class ReadOnlyAdmin(admin.ModelAdmin):
    """Balances change only through vouchers.services (quotas are granted on the operator page)."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(VoucherQuota)
class VoucherQuotaAdmin(ReadOnlyAdmin):
    list_display = ["name", "partner", "amount", "balance", "valid_from", "valid_to"]
    search_fields = ["name", "partner__name"]


@admin.register(Voucher)
class VoucherAdmin(ReadOnlyAdmin):
    list_display = ["code", "partner", "customer", "face_value", "balance", "status", "valid_to"]
    list_filter = ["status"]
    search_fields = ["code", "customer__name"]


@admin.register(QuotaMovement)
class QuotaMovementAdmin(ReadOnlyAdmin):
    list_display = ["quota", "kind", "amount", "balance_after", "actor_name", "created_at"]


@admin.register(VoucherUsage)
class VoucherUsageAdmin(ReadOnlyAdmin):
    list_display = ["voucher", "order", "amount", "balance_after", "used_at"]


@admin.register(MdfClaim)
class MdfClaimAdmin(ReadOnlyAdmin):
    """Claims change only through vouchers.claim_services (review page, payment-request callbacks)."""

    list_display = ["application", "partner", "amount", "approved_amount", "status", "submitted_at"]
    list_filter = ["status"]
    search_fields = ["application__activity_name", "partner__name"]
