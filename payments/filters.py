import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from partnercenter.filters import PortalFilterSet

from . import sources
from .models import DeliveryProject, PaymentContract, PaymentRequest


def kind_choices():
    return [(s.kind, s.label) for s in sources.all_sources()]


class RequestFilterSet(PortalFilterSet):
    q = django_filters.CharFilter(label=_("申请编码/名称"), method="search")
    status = django_filters.ChoiceFilter(label=_("审核状态"), choices=PaymentRequest.Status.choices)
    # A plain exact filter (not a ChoiceFilter): `?kind=fh_quarter` narrows the list even before that wing's
    # source is registered, instead of being dropped as an invalid choice.
    kind = django_filters.CharFilter(label=_("付款来源"), field_name="source_kind", widget=forms.Select)

    class Meta:
        model = PaymentRequest
        fields = ["q", "status", "kind"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.form.fields["kind"].widget.choices = [("", _("全部")), *kind_choices()]

    def search(self, queryset, name, value):
        value = value.strip()
        return queryset.filter(Q(code__iexact=value) | Q(title__icontains=value)) if value else queryset


class ProjectFilterSet(PortalFilterSet):
    q = django_filters.CharFilter(label=_("项目名称/编码"), method="search")
    status = django_filters.ChoiceFilter(label=_("状态"), choices=DeliveryProject.Status.choices)

    class Meta:
        model = DeliveryProject
        fields = ["q", "status"]

    def search(self, queryset, name, value):
        value = value.strip()
        return queryset.filter(Q(code__iexact=value) | Q(name__icontains=value) | Q(customer__name__icontains=value)
                               ) if value else queryset


class ContractFilterSet(PortalFilterSet):
    number = django_filters.CharFilter(label=_("协议编号"), field_name="number", lookup_expr="iexact")
    created = django_filters.DateFromToRangeFilter(
        label=_("生成日期"), field_name="created_at__date",
        widget=django_filters.widgets.DateRangeWidget(attrs={"type": "date"}))

    class Meta:
        model = PaymentContract
        fields = ["number", "created"]


class StatementFilterSet(PortalFilterSet):
    year = django_filters.NumberFilter(label=_("付款年份"), field_name="paid_on__year",
                                       widget=forms.NumberInput(attrs={"min": 2019, "max": 2100}))
    kind = django_filters.ChoiceFilter(label=_("付款来源"), field_name="source_kind", choices=kind_choices)

    class Meta:
        model = PaymentRequest
        fields = ["year", "kind"]
