"""Vendor review pages (operators): the queue and the decision pages."""
from django.urls import path

from . import review_views as views

app_name = "review"

urlpatterns = [
    path("", views.queue, name="queue"),
    path("realname/<int:pk>/", views.realname_review, name="realname-review"),
    path("business-info/<int:pk>/", views.businessinfo_review, name="businessinfo-review"),
]
