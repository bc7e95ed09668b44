"""URL names of this wing. 机会点激励 (incentives.opportunities) and FH (incentives.fh) are sub-apps whose routes
are included here, in the same `incentives` namespace; 申请记录 is the payments wing's view of incentive payouts."""
from django.urls import include, path

from payments import incentive_tab

from . import performance_views, views
from .fh import urls as fh_urls

app_name = "incentives"

urlpatterns = [
    path("opportunities/", include("incentives.opportunities.urls")),
    path("management/", views.BillListView.as_view(), name="management"),
    path("management/details/", views.DetailListView.as_view(), name="detail-list"),
    path("management/details/export/", views.detail_export, name="detail-export"),
    path("management/details/<int:pk>/", views.DetailDetailView.as_view(), name="detail-detail"),
    path("management/details/<int:pk>/unfreeze/", views.detail_unfreeze, name="detail-unfreeze"),
    path("management/disputes/", views.dispute_queue, name="dispute-queue"),
    path("management/applications/", incentive_tab.application_list, name="application-list"),
    path("management/bills/<int:pk>/", views.BillDetailView.as_view(), name="bill-detail"),
    path("management/bills/<int:pk>/confirm/", views.bill_confirm, name="bill-confirm"),
    path("management/bills/<int:pk>/dispute/", views.bill_dispute, name="bill-dispute"),
    path("management/bills/<int:pk>/publish/", views.bill_publish, name="bill-publish"),
    path("management/disputes/<int:pk>/answer/", views.dispute_answer, name="dispute-answer"),
    path("management/runs/", views.run_list, name="run-list"),
    path("indicators/", views.IndicatorListView.as_view(), name="indicator-list"),
    path("indicators/<int:pk>/", views.IndicatorDetailView.as_view(), name="indicator-detail"),
    path("performance/", performance_views.PerformanceListView.as_view(), name="performance"),
    path("performance/<int:pk>/", performance_views.PerformanceDetailView.as_view(), name="performance-detail"),
    path("performance/board/", performance_views.performance_board, name="performance-board"),
    path("fh/", include(fh_urls.fh_urlpatterns)),
    path("specialists/", include(fh_urls.specialist_urlpatterns)),
]
