"""URL names of this wing. Routes of issues #4 and #5 still serve the coming-soon page."""
from django.urls import path
from django.utils.translation import gettext_lazy as _

from partnercenter.views import coming_soon

from . import performance_views, views

app_name = "incentives"

urlpatterns = [
    path("opportunities/", coming_soon,
         {"title": _("机会点激励申请"), "section": _("销售 / 拓新 / 机会点管理"), "issue": "#4"},
         name="opportunity-list"),
    path("management/", views.BillListView.as_view(), name="management"),
    path("management/details/", views.DetailListView.as_view(), name="detail-list"),
    path("management/details/export/", views.detail_export, name="detail-export"),
    path("management/details/<int:pk>/", views.DetailDetailView.as_view(), name="detail-detail"),
    path("management/applications/", coming_soon,
         {"title": _("申请记录"), "section": _("销售 / 激励 / 激励管理"), "issue": "#4"}, name="application-list"),
    path("management/bills/<int:pk>/", views.BillDetailView.as_view(), name="bill-detail"),
    path("management/bills/<int:pk>/confirm/", views.bill_confirm, name="bill-confirm"),
    path("management/bills/<int:pk>/dispute/", views.bill_dispute, name="bill-dispute"),
    path("management/bills/<int:pk>/publish/", views.bill_publish, name="bill-publish"),
    path("management/bills/<int:pk>/pay/", views.bill_pay, name="bill-pay"),
    path("management/disputes/<int:pk>/answer/", views.dispute_answer, name="dispute-answer"),
    path("management/runs/", views.run_list, name="run-list"),
    path("indicators/", views.IndicatorListView.as_view(), name="indicator-list"),
    path("indicators/<int:pk>/", views.IndicatorDetailView.as_view(), name="indicator-detail"),
    path("performance/", performance_views.PerformanceListView.as_view(), name="performance"),
    path("performance/<int:pk>/", performance_views.PerformanceDetailView.as_view(), name="performance-detail"),
    path("performance/board/", performance_views.performance_board, name="performance-board"),
    path("fh/", coming_soon, {"title": _("专职人员激励(FH)"), "section": _("权益"), "issue": "#5"},
         name="fh"),
    path("specialists/", coming_soon, {"title": _("项目专员"), "section": _("组织"), "issue": "#5"},
         name="specialist-list"),
]
