import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from partnercenter.filters import PortalFilterSet

from .models import MdfApplication, MdfClaim, QuotaMovement, Voucher, VoucherQuota


class QuotaFilter(PortalFilterSet):
    q = django_filters.CharFilter(label=_("额度名称"), field_name="name", lookup_expr="icontains")

    class Meta:
        model = VoucherQuota
        fields = []


class VoucherFilter(PortalFilterSet):
    q = django_filters.CharFilter(label=_("编号/客户"), method="search")
    status = django_filters.ChoiceFilter(label=_("状态"), choices=Voucher.Status.choices)

    class Meta:
        model = Voucher
        fields = []

    def search(self, queryset, name, value):
        return queryset.filter(Q(code__icontains=value) | Q(customer__name__icontains=value))


class MovementFilter(PortalFilterSet):
    kind = django_filters.ChoiceFilter(label=_("操作类型"), choices=QuotaMovement.Kind.choices)

    class Meta:
        model = QuotaMovement
        fields = []


class ApplicationFilter(PortalFilterSet):
    q = django_filters.CharFilter(label=_("活动名称"), field_name="activity_name", lookup_expr="icontains")
    status = django_filters.ChoiceFilter(label=_("状态"), choices=MdfApplication.Status.choices)

    class Meta:
        model = MdfApplication
        fields = []


class ClaimFilter(PortalFilterSet):
    q = django_filters.CharFilter(label=_("活动名称"), field_name="application__activity_name", lookup_expr="icontains")
    status = django_filters.ChoiceFilter(label=_("状态"), choices=MdfClaim.Status.choices)

    class Meta:
        model = MdfClaim
        fields = []
