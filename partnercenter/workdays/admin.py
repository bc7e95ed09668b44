"""Admin for the working-day calendar: how an operator enters next year's State Council schedule.

The admin saves rows itself (its forms and inline formsets do the validation), so instead of routing
each row through a service we call `calendar_changed()` once after everything of a save or delete
is written; that is what makes the edit visible to every process.
"""
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from . import services
from .models import CalendarDay, CalendarYear

HOW_TO_ENTER_A_YEAR = _(
    "录入新一年的放假安排：1. 国务院办公厅发布通知后（通常在上一年11–12月），新增该年份，状态保持“暂定”；"
    "2. 在列表中勾选该年份，执行“从节假日库导入规则日期”预填法定节假日；"
    "3. 对照通知逐日修改：放假的工作日（含调休休息日）选“法定节假日”，需要上班的周六/周日选“调休上班”，"
    "删除通知中没有的日期；4. 核对无误后将状态改为“正式”并填写来源（通知文号）。"
    "只有正式年份的日期参与计算，暂定年份按规则推算，涉及它的期限显示“（暂定）”。"
)


class CalendarDayInline(admin.TabularInline):
    model = CalendarDay
    fields = ["date", "kind", "name"]
    ordering = ["date"]
    extra = 3


class _InvalidatesCalendar:
    """Mixin: every admin write to the calendar ends with `calendar_changed()`."""

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)  # after the inline rows, not just the parent
        services.calendar_changed()

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        services.calendar_changed()

    def delete_queryset(self, request, queryset):
        super().delete_queryset(request, queryset)
        services.calendar_changed()


@admin.register(CalendarYear)
class CalendarYearAdmin(_InvalidatesCalendar, admin.ModelAdmin):
    list_display = ["year", "status", "holiday_count", "workday_count", "source", "updated_at"]
    list_filter = ["status"]
    search_fields = ["year", "source", "note"]
    readonly_fields = ["updated_at"]
    fieldsets = [(None, {"fields": ["year", "status", "source", "note", "updated_at"],
                         "description": HOW_TO_ENTER_A_YEAR})]
    inlines = [CalendarDayInline]
    actions = ["import_rule_dates"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(
            holiday_total=Count("days", filter=Q(days__kind=CalendarDay.Kind.HOLIDAY)),
            workday_total=Count("days", filter=Q(days__kind=CalendarDay.Kind.WORKDAY)),
        )

    def get_readonly_fields(self, request, obj=None):
        # The year is the primary key: changing it would move every date to the wrong year.
        return [*self.readonly_fields, "year"] if obj else self.readonly_fields

    @admin.display(description=_("放假日"), ordering="holiday_total")
    def holiday_count(self, obj):
        return obj.holiday_total

    @admin.display(description=_("调休上班日"), ordering="workday_total")
    def workday_count(self, obj):
        return obj.workday_total

    @admin.action(description=_("从节假日库导入规则日期"), permissions=["change"])
    def import_rule_dates(self, request, queryset):
        for calendar_year in queryset.order_by("year"):
            try:
                created = services.calendar_year_import_rule_dates(year=calendar_year.year)
            except ValidationError as error:
                self.message_user(request, " ".join(error.messages), messages.WARNING)
                continue
            self.message_user(
                request,
                ngettext(
                    "%(year)s 年：已导入 %(count)d 个规则日期，请对照通知核对后再标记为正式。",
                    "%(year)s 年：已导入 %(count)d 个规则日期，请对照通知核对后再标记为正式。",
                    created,
                ) % {"year": calendar_year.year, "count": created},
                messages.SUCCESS,
            )


@admin.register(CalendarDay)
class CalendarDayAdmin(_InvalidatesCalendar, admin.ModelAdmin):
    list_display = ["date", "kind", "name", "year"]
    list_filter = ["kind", "year__status", "year"]
    search_fields = ["name"]
    date_hierarchy = "date"
    ordering = ["-date"]
