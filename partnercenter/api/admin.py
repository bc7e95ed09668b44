from django.contrib import admin

from .models import AccessKey, CustomerDiscount


@admin.register(AccessKey)
class AccessKeyAdmin(admin.ModelAdmin):
    list_display = ["access_key", "partner", "user", "customer", "status", "created_at", "last_used_at"]
    list_filter = ["status"]
    search_fields = ["access_key", "user__username", "customer__customer_id"]
    readonly_fields = ["access_key", "partner", "user", "customer", "created_at", "last_used_at"]
    exclude = ["secret_encrypted"]

    def has_add_permission(self, request):
        return False  # keys are created in the portal or with `manage.py create_access_key` (SK shown once)


@admin.register(CustomerDiscount)
class CustomerDiscountAdmin(admin.ModelAdmin):
    list_display = ["customer", "partner", "discount_type", "name", "rate", "valid_from", "valid_to"]
    list_filter = ["discount_type"]
    search_fields = ["customer__name", "customer__customer_id", "name"]
    autocomplete_fields = ["customer"]
    filter_horizontal = ["service_types"]
