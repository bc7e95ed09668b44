import django_filters
from django.utils.translation import gettext_lazy as _

from partnercenter.filters import PortalFilterSet

from .models import Customer, User


class CustomerFilterSet(PortalFilterSet):
    q = django_filters.CharFilter(label=_("客户名称/账号名/账号ID"), method="filter_search")
    association_type = django_filters.ChoiceFilter(label=_("关联类型"), choices=Customer.Association.choices)
    manager = django_filters.ModelChoiceFilter(label=_("客户经理"), queryset=User.objects.none(),
                                               method="filter_manager")
    assignment = django_filters.ChoiceFilter(label=_("分配状态"), method="filter_assignment",
                                             choices=[("assigned", _("已分配")), ("unassigned", _("未分配"))])
    level = django_filters.ChoiceFilter(label=_("客户等级"), choices=Customer.Level.choices)

    class Meta:
        model = Customer
        fields = ["q", "association_type", "manager", "assignment", "level"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Scoped dropdown: only the user's own organisation's people (never another partner's names).
        self.filters["manager"].queryset = User.objects.for_user(self.user).filter(
            role__in=[User.Role.CUSTOMER_MANAGER, User.Role.MAIN]
        ).order_by("full_name")
        self.form.fields["manager"].queryset = self.filters["manager"].queryset
        self.form.fields["manager"].label_from_instance = lambda user: user.display_name

    def filter_search(self, queryset, name, value):
        return queryset.search(value)

    def filter_manager(self, queryset, name, value):
        return queryset.managed_by(value)

    def filter_assignment(self, queryset, name, value):
        if value == "unassigned":
            return queryset.unassigned()
        return queryset.assigned()
