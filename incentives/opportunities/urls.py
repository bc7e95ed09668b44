"""Routes of 机会点激励申请, included by incentives/urls.py into the `incentives` namespace."""
from django.urls import path
from django.utils.translation import gettext_lazy as _

from partnercenter.views import coming_soon

urlpatterns = [
    path("", coming_soon, {"title": _("机会点激励申请"), "section": _("销售 / 拓新 / 机会点管理"), "issue": "#4"},
         name="opportunity-list"),
]
