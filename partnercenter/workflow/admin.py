"""Admin for the audit trail and the working-day clocks: both are written only by the workflow services, so the
admin shows them and nothing else (no add, change or delete — the audit trail is append-only)."""
from django.contrib import admin
from django.contrib.contenttypes.admin import GenericTabularInline
from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from .models import Deadline, TransitionLog


class ReadOnlyAdmin(admin.ModelAdmin):
    """Rows written by services only. Superusers included: an audit row edited in the admin proves nothing."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


def subject_admin_link(obj):
    """Link a generic `subject` to its own admin page, without loading it (content_type is select_related)."""
    content_type = obj.content_type
    try:
        url = reverse(f"admin:{content_type.app_label}_{content_type.model}_change", args=[obj.object_id])
    except NoReverseMatch:
        return f"{content_type.name} #{obj.object_id}"
    return format_html('<a href="{}">{} #{}</a>', url, content_type.name, obj.object_id)


@admin.register(TransitionLog)
class TransitionLogAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "subject_link", "action_label", "from_status", "to_status", "actor_name",
                    "reason_code"]
    list_filter = ["content_type", "action", "to_status"]
    search_fields = ["actor_name", "comment", "action_label", "object_id__exact"]
    list_select_related = ["content_type"]
    date_hierarchy = "created_at"
    fields = ["subject_link", "action", "action_label", "from_status", "to_status", "actor", "actor_name",
              "reason_code", "comment", "created_at"]
    readonly_fields = ["subject_link"]

    @admin.display(description=_("对象"))
    def subject_link(self, obj):
        return subject_admin_link(obj)


class TransitionLogInline(GenericTabularInline):
    """The audit trail of one object, on that object's admin page (read-only)."""

    model = TransitionLog
    ct_field, ct_fk_field = "content_type", "object_id"
    fields = ["created_at", "action_label", "from_status", "to_status", "actor_name", "reason_code", "comment"]
    readonly_fields = fields
    ordering = ["created_at", "pk"]
    extra = 0
    verbose_name_plural = _("审核记录")

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Deadline)
class DeadlineAdmin(ReadOnlyAdmin):
    list_display = ["label_display", "partner", "kind", "owner", "status", "starts_on", "working_days", "due_on",
                    "provisional", "is_overdue", "closed_at"]
    list_filter = ["status", "owner", "kind", "provisional"]
    search_fields = ["label", "partner__name"]
    list_select_related = ["partner", "content_type"]
    date_hierarchy = "due_on"
    readonly_fields = ["subject_link"]

    @admin.display(description=_("事项"), ordering="label")
    def label_display(self, obj):
        return obj.label_shown

    @admin.display(description=_("对象"))
    def subject_link(self, obj):
        return subject_admin_link(obj)

    @admin.display(description=_("已逾期"), boolean=True)
    def is_overdue(self, obj):
        return obj.is_overdue
