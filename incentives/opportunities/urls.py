"""Routes of 机会点激励申请, included by incentives/urls.py into the `incentives` namespace."""
from django.urls import path

from . import views

urlpatterns = [
    path("", views.opportunity_list, name="opportunity-list"),
    path("export.csv", views.opportunity_export, name="opportunity-export"),
    path("apply/<int:pk>/", views.opportunity_apply, name="opportunity-apply"),
    path("applications/<int:pk>/", views.ApplicationDetailView.as_view(), name="opportunity-detail"),
    path("applications/<int:pk>/edit/", views.application_edit, name="opportunity-edit"),
    path("applications/<int:pk>/submit/", views.application_submit, name="opportunity-submit"),
    path("applications/<int:pk>/confirm/", views.application_confirm, name="opportunity-confirm"),
    path("applications/<int:pk>/dispute/", views.application_dispute, name="opportunity-dispute"),
    # After the pages above: the tenancy walk visits URLs in this order, and withdrawing changes the status.
    path("applications/<int:pk>/withdraw/", views.application_withdraw, name="opportunity-withdraw"),
    path("materials/<int:pk>/", views.material_download, name="opportunity-material"),
    path("review/", views.review_list, name="opportunity-review-list"),
    path("review/<int:pk>/", views.application_review, name="opportunity-review"),
    path("review/<int:pk>/answer/", views.application_answer, name="opportunity-answer"),
]
