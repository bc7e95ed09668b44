import django_filters
from django import forms
from django.http import QueryDict
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from partnercenter.filters import PortalFilterSet

from .models import RenewalTask, SalesTask, Strategy, SubStrategy

YES_NO = [("yes", _("是")), ("no", _("否"))]
ALL = "all"


class RenewalTaskFilterSet(PortalFilterSet):
    """任务状态 defaults to 待处理 (the documented default view); 全部 shows every status."""

    q = django_filters.CharFilter(label=_("任务ID/名称/客户/订单号"), method="filter_search")
    status = django_filters.ChoiceFilter(label=_("任务状态"), method="filter_status", empty_label=None,
                                         choices=[*RenewalTask.Status.choices, (ALL, _("全部"))])
    renewed = django_filters.ChoiceFilter(label=_("是否续订"), choices=YES_NO, method="filter_renewed")
    overdue = django_filters.ChoiceFilter(label=_("是否逾期"), choices=YES_NO, method="filter_overdue")
    expires_from = django_filters.DateFilter(label=_("订单失效时间从"), field_name="expires_on", lookup_expr="gte",
                                             widget=forms.DateInput(attrs={"type": "date"}))
    expires_to = django_filters.DateFilter(label=_("至"), field_name="expires_on", lookup_expr="lte",
                                           widget=forms.DateInput(attrs={"type": "date"}))

    class Meta:
        model = RenewalTask
        fields = ["q", "status", "renewed", "overdue", "expires_from", "expires_to"]

    def __init__(self, data=None, *args, **kwargs):
        data = data.copy() if data is not None else QueryDict(mutable=True)
        if not data.get("status"):
            data["status"] = RenewalTask.Status.PENDING
        super().__init__(data, *args, **kwargs)

    def filter_search(self, queryset, name, value):
        return queryset.search(value)

    def filter_status(self, queryset, name, value):
        return queryset if value == ALL else queryset.filter(status=value)

    def filter_renewed(self, queryset, name, value):
        return queryset.renewed() if value == "yes" else queryset.not_renewed()

    def filter_overdue(self, queryset, name, value):
        today = timezone.localdate()
        return queryset.overdue(today) if value == "yes" else queryset.not_overdue(today)


class SalesTaskFilterSet(PortalFilterSet):
    q = django_filters.CharFilter(label=_("任务名称/客户名称"), method="filter_search")
    manager_name = django_filters.CharFilter(label=_("客户经理姓名"), field_name="manager__full_name",
                                             lookup_expr="icontains")
    strategy = django_filters.ChoiceFilter(label=_("一级策略"), choices=Strategy.choices)
    sub_strategy = django_filters.ChoiceFilter(label=_("二级策略"), choices=SubStrategy.choices)
    overdue = django_filters.ChoiceFilter(label=_("逾期状态"), method="filter_overdue",
                                          choices=[("yes", _("已逾期")), ("no", _("未逾期"))])
    status = django_filters.ChoiceFilter(label=_("任务状态"), choices=SalesTask.Status.choices)
    created_from = django_filters.DateFilter(label=_("任务创建时间从"), field_name="created_at",
                                             lookup_expr="date__gte", widget=forms.DateInput(attrs={"type": "date"}))
    created_to = django_filters.DateFilter(label=_("至"), field_name="created_at", lookup_expr="date__lte",
                                           widget=forms.DateInput(attrs={"type": "date"}))
    deadline_from = django_filters.DateFilter(label=_("任务截止时间从"), field_name="deadline", lookup_expr="gte",
                                              widget=forms.DateInput(attrs={"type": "date"}))
    deadline_to = django_filters.DateFilter(label=_("至"), field_name="deadline", lookup_expr="lte",
                                            widget=forms.DateInput(attrs={"type": "date"}))

    class Meta:
        model = SalesTask
        fields = ["q", "manager_name", "strategy", "sub_strategy", "overdue", "status", "created_from",
                  "created_to", "deadline_from", "deadline_to"]

    def filter_search(self, queryset, name, value):
        return queryset.search(value)

    def filter_overdue(self, queryset, name, value):
        today = timezone.localdate()
        return queryset.overdue(today) if value == "yes" else queryset.not_overdue(today)
