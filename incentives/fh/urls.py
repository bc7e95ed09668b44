"""Routes of 专职人员激励(FH) and 项目专员, included by incentives/urls.py into the `incentives` namespace."""
from django.urls import path

from . import specialist_views, views

fh_urlpatterns = [
    path("", views.fh_home, name="fh"),
    path("qualifications/<int:pk>/", views.QualificationDetailView.as_view(), name="fh-qualification-detail"),
    path("qualifications/<int:pk>/resubmit/", views.qualification_resubmit, name="fh-qualification-resubmit"),
    path("qualifications/<int:pk>/review/", views.qualification_review, name="fh-qualification-review"),
    path("review/", views.review_list, name="fh-review-list"),
    path("incentives/", views.IncentiveListView.as_view(), name="fh-incentive-list"),
    path("incentives/<int:pk>/", views.IncentiveDetailView.as_view(), name="fh-incentive-detail"),
    path("incentives/<int:pk>/confirm/", views.incentive_confirm, name="fh-incentive-confirm"),
    path("incentives/<int:pk>/review/", views.incentive_review, name="fh-incentive-review"),
    path("lines/<int:pk>/materials/", views.material_upload, name="fh-material-upload"),
    path("materials/<int:pk>/", views.material_download, name="fh-material-download"),
    path("quarters/", views.QuarterListView.as_view(), name="fh-quarter-list"),
    path("quarters/<int:pk>/", views.QuarterDetailView.as_view(), name="fh-quarter-detail"),
    path("experts/", views.ExpertListView.as_view(), name="fh-expert-list"),
    path("runs/", views.run_list, name="fh-run-list"),
]
specialist_urlpatterns = [
    path("", specialist_views.specialist_list, name="specialist-list"),
    path("apply/", specialist_views.specialist_apply, name="specialist-apply"),
    path("<int:pk>/change/", specialist_views.specialist_change, name="specialist-change"),
    path("<int:pk>/end/", specialist_views.specialist_end, name="specialist-end"),
    path("rosters/<int:pk>/", specialist_views.RosterDetailView.as_view(), name="specialist-roster"),
    path("rosters/<int:pk>/review/", specialist_views.roster_review, name="specialist-roster-review"),
]
