"""Routes of 专职人员激励(FH) and 项目专员, included by incentives/urls.py into the `incentives` namespace."""
from django.urls import path
from django.utils.translation import gettext_lazy as _

from partnercenter.views import coming_soon

fh_urlpatterns = [
    path("", coming_soon, {"title": _("专职人员激励(FH)"), "section": _("权益"), "issue": "#5"}, name="fh"),
]
specialist_urlpatterns = [
    path("", coming_soon, {"title": _("项目专员"), "section": _("组织"), "issue": "#5"}, name="specialist-list"),
]
