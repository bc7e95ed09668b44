"""URL names of this wing; they serve the coming-soon page until the wing's issue lands."""
from django.urls import path
from django.utils.translation import gettext_lazy as _

from partnercenter.views import coming_soon

app_name = "vouchers"

urlpatterns = [
    path("", coming_soon, {"title": _("提货券管理"), "section": _("销售 / 客户业务"), "issue": "#7"},
         name="quota-list"),
    path("mdf/", coming_soon, {"title": _("MDF"), "section": _("销售 / 营销"), "issue": "#7"},
         name="mdf-list"),
]
