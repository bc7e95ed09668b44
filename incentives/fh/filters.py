import django_filters
from django.utils.translation import gettext_lazy as _

from partnercenter.filters import PortalFilterSet

from .models import CertifiedExpert, FhQualification, FhQuarter, MonthlyIncentive


class IncentiveFilter(PortalFilterSet):
    status = django_filters.ChoiceFilter(label=_("状态"), choices=MonthlyIncentive.Status.choices)
    year = django_filters.NumberFilter(label=_("年度"), field_name="month__year")
    partner = django_filters.CharFilter(label=_("伙伴名称"), field_name="partner__name", lookup_expr="icontains")

    class Meta:
        model = MonthlyIncentive
        fields = []


class QuarterFilter(PortalFilterSet):
    year = django_filters.NumberFilter(label=_("年度"))
    status = django_filters.ChoiceFilter(label=_("状态"), choices=FhQuarter.Status.choices)

    class Meta:
        model = FhQuarter
        fields = []


class QualificationFilter(PortalFilterSet):
    status = django_filters.ChoiceFilter(label=_("状态"), choices=FhQualification.Status.choices)
    partner = django_filters.CharFilter(label=_("伙伴名称"), field_name="partner__name", lookup_expr="icontains")

    class Meta:
        model = FhQualification
        fields = []


class ExpertFilter(PortalFilterSet):
    level = django_filters.ChoiceFilter(label=_("认证级别"), choices=CertifiedExpert.Level.choices)
    q = django_filters.CharFilter(label=_("姓名/证书编号"), method="search")

    class Meta:
        model = CertifiedExpert
        fields = []

    def search(self, queryset, name, value):
        from django.db.models import Q

        return queryset.filter(Q(person__full_name__icontains=value) | Q(certificate_no__icontains=value))
