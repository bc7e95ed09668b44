import datetime as dt

import django_filters
from django.utils.translation import gettext_lazy as _

from partnercenter.filters import PortalFilterSet
from partnercenter.partners.models import BillingMode, Customer

from .models import GenerationRun, IncentiveDetail, Indicator, PerformanceStatement, ReconciliationBill


def bill_periods(user):
    """The periods the user's own bills exist for (a scoped dropdown: never another partner's periods)."""
    return (ReconciliationBill.objects.for_user(user).order_by("-period")
            .values_list("period", flat=True).distinct())


def parse_period(value: str) -> dt.date | None:
    try:
        return dt.datetime.strptime(value, "%Y%m").date()
    except (TypeError, ValueError):
        return None


class PeriodFilterMixin:
    def _setup_period(self, periods=None):
        """The 对账期次 dropdown: `periods` (newest first), by default those the user's bills exist for."""
        choices = [(f"{p:%Y%m}", f"{p:%Y%m}") for p in (bill_periods(self.user) if periods is None else periods)]
        self.filters["period"].extra["choices"] = choices
        self.form.fields["period"].choices = choices  # django-filter's field puts “全部” first itself

    def filter_period(self, queryset, name, value):
        period = parse_period(value)
        return queryset.filter(period=period) if period else queryset


class DetailFilterSet(PeriodFilterMixin, PortalFilterSet):
    year = django_filters.NumberFilter(label=_("年份"), min_value=2000, max_value=2100)
    period = django_filters.ChoiceFilter(label=_("对账期次"), method="filter_period", choices=[])
    order_no = django_filters.CharFilter(label=_("订单号"), lookup_expr="exact")
    customer_name = django_filters.CharFilter(label=_("客户名称"), lookup_expr="icontains")
    customer_account_name = django_filters.CharFilter(label=_("客户账号名"), lookup_expr="icontains")
    manager_name = django_filters.CharFilter(label=_("客户经理姓名"), lookup_expr="icontains")
    product_type = django_filters.CharFilter(label=_("产品类型"), lookup_expr="icontains")
    partner_name = django_filters.CharFilter(label=_("伙伴名称"), field_name="partner__name", lookup_expr="icontains")
    association_type = django_filters.ChoiceFilter(label=_("关联类型"), choices=Customer.Association.choices)
    billing_mode = django_filters.ChoiceFilter(label=_("计费模式"), choices=BillingMode.choices)
    status = django_filters.ChoiceFilter(label=_("状态"), choices=IncentiveDetail.Status.choices)
    sort = django_filters.OrderingFilter(
        label=_("排序"),
        fields=(("id", "id"), ("amount", "amount"), ("consumption_amount", "consumption_amount"),
                ("period", "period")),
        choices=[("-id", _("最新生成")), ("id", _("最早生成")), ("-amount", _("激励金额从高到低")),
                 ("amount", _("激励金额从低到高")), ("-consumption_amount", _("消费金额从高到低")),
                 ("consumption_amount", _("消费金额从低到高")), ("-period", _("对账期次从新到旧")),
                 ("period", _("对账期次从旧到新"))],
    )

    class Meta:
        model = IncentiveDetail
        fields = ["year", "period", "order_no", "customer_name", "customer_account_name", "manager_name",
                  "product_type", "association_type", "billing_mode", "status"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from .selectors import detail_periods, period_summary

        if not getattr(self.user, "is_vendor_staff", False):  # partners see their own lines only
            del self.form.fields["partner_name"]  # the form class (cached, shared) keeps it for vendor staff
            del self.filters["partner_name"]

        # One read of the partner's summary gives both the dropdown and, later, the page's totals
        # (selectors.summary_totals). The dropdown offers the periods that have lines.
        self.summary = period_summary(self.user)
        self._setup_period(detail_periods(self.user, summary=self.summary))


class BillFilterSet(PeriodFilterMixin, PortalFilterSet):
    period = django_filters.ChoiceFilter(label=_("对账期次"), method="filter_period", choices=[])
    status = django_filters.ChoiceFilter(label=_("状态"), choices=ReconciliationBill.Status.choices)

    class Meta:
        model = ReconciliationBill
        fields = ["period", "status"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._setup_period()


class RunFilterSet(PortalFilterSet):
    status = django_filters.ChoiceFilter(label=_("状态"), choices=GenerationRun.Status.choices)

    class Meta:
        model = GenerationRun
        fields = ["status"]


class IndicatorFilterSet(PeriodFilterMixin, PortalFilterSet):
    period = django_filters.ChoiceFilter(label=_("对账期次"), method="filter_period", choices=[])
    name = django_filters.ChoiceFilter(label=_("指标名称"), choices=Indicator.Name.choices)
    scope = django_filters.ChoiceFilter(label=_("适用范围"), choices=Indicator.Scope.choices)

    class Meta:
        model = Indicator
        fields = ["period", "name", "scope"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._setup_period()


class PerformanceFilterSet(PeriodFilterMixin, PortalFilterSet):
    period = django_filters.ChoiceFilter(label=_("对账期次"), method="filter_period", choices=[])

    class Meta:
        model = PerformanceStatement
        fields = ["period"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._setup_period()
