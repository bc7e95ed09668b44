"""Routes of 机会点激励申请, included by incentives/urls.py into the `incentives` namespace."""
from django.urls import path

from . import views

urlpatterns = [
    path("", views.opportunity_list, name="opportunity-list"),
]
