import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from partnercenter.filters import PortalFilterSet

from .models import OpportunityApplication


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


class ApplicationFilter(PortalFilterSet):
    """已申请激励: status, submitted date range (Beijing days), customer, code (激励编码 or 机会点编码)."""

    status = django_filters.ChoiceFilter(label=_("状态"), choices=OpportunityApplication.Status.choices)
    submitted_from = django_filters.DateFilter(label=_("提交时间从"), field_name="submitted_at",
                                               lookup_expr="date__gte", widget=DateInput)
    submitted_to = django_filters.DateFilter(label=_("提交时间至"), field_name="submitted_at",
                                             lookup_expr="date__lte", widget=DateInput)
    customer = django_filters.CharFilter(label=_("客户名称"), field_name="opportunity__customer__name",
                                         lookup_expr="icontains")
    code = django_filters.CharFilter(label=_("激励编码/机会点编码"), method="by_code")

    class Meta:
        model = OpportunityApplication
        fields = []

    def by_code(self, queryset, name, value):
        value = value.strip()
        return queryset.filter(Q(code__icontains=value) | Q(opportunity__code__icontains=value)) if value else queryset

    def filter_queryset(self, queryset):
        data = self.form.cleaned_data
        start, end = data.get("submitted_from"), data.get("submitted_to")
        if start and end and end < start:
            self.form.add_error("submitted_to", _("结束日期不能早于开始日期。"))
            return queryset.none()
        return super().filter_queryset(queryset)
