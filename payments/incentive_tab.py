"""激励管理 > 申请记录 tab: the partner's payment requests for incentive sources (bills, opportunity incentives,
FH quarters)."""
from .filters import RequestFilterSet
from .models import PaymentRequest
from .selectors import INCENTIVE_KINDS
from .views.requests import RequestListView


class IncentiveApplicationListView(RequestListView):
    template_name = "payments/incentive_applications.html"

    def get_base_queryset(self):
        return super().get_base_queryset().of_kinds(INCENTIVE_KINDS)


application_list = IncentiveApplicationListView.as_view()

__all__ = ["PaymentRequest", "RequestFilterSet", "application_list"]
