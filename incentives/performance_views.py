"""业绩管理: 业绩汇总 (statements by period with their lines) and 业绩看板 (the year by month, per manager)."""
import datetime as dt

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone

from partnercenter.pages import ScopedDetailView, ScopedListView
from partnercenter.partners.models import User

from . import selectors
from .filters import PerformanceFilterSet
from .models import PerformanceStatement


class PerformanceListView(ScopedListView):
    model = PerformanceStatement
    filterset_class = PerformanceFilterSet
    template_name = "incentives/performance_list.html"

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("bill", "partner").order_by("-period", "pk")


class PerformanceDetailView(ScopedDetailView):
    model = PerformanceStatement
    template_name = "incentives/performance_detail.html"
    context_object_name = "statement"

    def get_context_data(self, **kwargs):
        lines = self.object.lines.all()
        if self.request.user.is_customer_manager:
            lines = lines.filter(manager=self.request.user)  # a manager sees his own performance only
        return super().get_context_data(lines=lines, **kwargs)


@login_required
def performance_board(request):
    """业绩看板: a main account (主管) sees everyone or picks a manager; a customer manager sees himself."""
    user = request.user
    managers = (User.objects.for_user(user).filter(role__in=[User.Role.CUSTOMER_MANAGER, User.Role.MAIN])
                .exclude(partner__isnull=True).order_by("full_name"))
    if user.is_customer_manager:
        managers = managers.filter(pk=user.pk)
    manager = None
    manager_id = request.GET.get("manager", "")
    if manager_id.isdigit():
        manager = managers.filter(pk=int(manager_id)).first()
    if user.is_customer_manager:
        manager = user
    try:
        year = int(request.GET.get("year", ""))
    except ValueError:
        year = timezone.localdate().year
    year = min(max(year, 2000), 2100)
    months = selectors.performance_by_month(user=user, year=year, manager=manager)
    return render(request, "incentives/performance_board.html", {
        "months": months, "year": year, "manager": manager, "managers": managers,
        "years": range(timezone.localdate().year, timezone.localdate().year - 4, -1),
        "total": sum(m["amount"] for m in months), "today": dt.date.today(),
    })
