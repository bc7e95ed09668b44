"""URL names of this wing; they serve the coming-soon page until the wing's issue lands."""
from django.urls import path
from django.utils.translation import gettext_lazy as _

from partnercenter.views import coming_soon

app_name = "renewals"

urlpatterns = [
    path("tasks/", coming_soon, {"title": _("营销任务"), "section": _("销售 / 拓新"), "issue": "#8"},
         name="task-list"),
]
