from django.contrib import admin

from .models import AccessKey


@admin.register(AccessKey)
class AccessKeyAdmin(admin.ModelAdmin):
    list_display = ["access_key", "partner", "user", "customer", "status", "created_at", "last_used_at"]
    list_filter = ["status"]
    search_fields = ["access_key", "user__username", "customer__customer_id"]
    readonly_fields = ["access_key", "partner", "user", "customer", "created_at", "last_used_at"]
    exclude = ["secret_encrypted"]

    def has_add_permission(self, request):
        return False  # keys are created in the portal or with `manage.py create_access_key` (SK shown once)
