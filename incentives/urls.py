"""URL names of this wing; they serve the coming-soon page until the wing's issue lands."""
from django.urls import path
from django.utils.translation import gettext_lazy as _

from partnercenter.views import coming_soon

app_name = "incentives"

urlpatterns = [
    path("opportunities/", coming_soon, {"title": _("机会点激励申请"), "section": _("销售 / 拓新 / 机会点管理"), "issue": "#4"},
         name="opportunity-list"),
    path("management/", coming_soon, {"title": _("激励管理"), "section": _("销售 / 激励"), "issue": "#3"},
         name="management"),
    path("indicators/", coming_soon, {"title": _("指标信息"), "section": _("销售 / 激励"), "issue": "#3"},
         name="indicator-list"),
    path("performance/", coming_soon, {"title": _("业绩管理"), "section": _("销售 / 激励"), "issue": "#3"},
         name="performance"),
    path("fh/", coming_soon, {"title": _("专职人员激励(FH)"), "section": _("权益"), "issue": "#5"},
         name="fh"),
    path("specialists/", coming_soon, {"title": _("项目专员"), "section": _("组织"), "issue": "#5"},
         name="specialist-list"),
]
