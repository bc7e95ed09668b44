"""URL names of this wing; they serve the coming-soon page until the wing's issue lands."""
from django.urls import path
from django.utils.translation import gettext_lazy as _

from partnercenter.views import coming_soon

app_name = "payments"

urlpatterns = [
    path("contracts/", coming_soon, {"title": _("合同商务"), "section": _("销售 / 账务"), "issue": "#6"},
         name="contract-list"),
    path("bills/", coming_soon, {"title": _("伙伴账单"), "section": _("销售 / 账务"), "issue": "#6"},
         name="bill-list"),
    path("delivery-projects/", coming_soon, {"title": _("交付能力提升支持"), "section": _("交付"), "issue": "#6"},
         name="delivery-project-list"),
]
