"""Admin for in-app notifications: look up what someone was told and when (sent only through `notify()`)."""
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .models import Notification


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["title_shown", "recipient", "level", "created_at", "is_read", "emailed_at"]
    fields = ["recipient", "level", "title_shown", "body_shown", "url", "created_at", "read_at", "emailed_at"]
    readonly_fields = ["title_shown", "body_shown", "created_at"]
    list_filter = ["level", ("read_at", admin.EmptyFieldListFilter), ("emailed_at", admin.EmptyFieldListFilter)]
    search_fields = ["title", "body", "recipient__username", "recipient__full_name", "recipient__email"]
    list_select_related = ["recipient"]
    raw_id_fields = ["recipient"]
    date_hierarchy = "created_at"

    def has_add_permission(self, request):
        return False  # a notification is sent by notify(), which also queues the e-mail

    def has_change_permission(self, request, obj=None):
        return False

    @admin.display(description=_("标题"), ordering="title")
    def title_shown(self, obj):
        return obj.title_shown  # stored as msgid + parameters: shown in the reader's language

    @admin.display(description=_("内容"))
    def body_shown(self, obj):
        return obj.body_shown

    @admin.display(description=_("已读"), boolean=True, ordering="read_at")
    def is_read(self, obj):
        return obj.is_read
