from django.urls import path

from . import review_views, views

urlpatterns = [
    path("signup/", views.signup_view, name="signup"),
    path("signup/done/", views.signup_done, name="signup-done"),
    path("signup/verify/", views.signup_verify, name="signup-verify"),
    path("path/", views.development_path, name="path"),
    path("path/join/", views.path_join, name="path-join"),
    path("certifications/apply/", views.certification_apply, name="certification-apply"),
    path("certifications/<int:pk>/", views.CertificationDetailView.as_view(), name="certification-detail"),
    path("certifications/<int:pk>/withdraw/", views.certification_withdraw, name="certification-withdraw"),
    path("certifications/<int:pk>/resubmit/", views.certification_resubmit, name="certification-resubmit"),
    path("certifications/<int:pk>/certificate.pdf", views.certification_pdf, name="certification-pdf"),
    path("certifications/<int:pk>/review/", review_views.certification_review, name="certification-review"),
    path("plans/", views.plan_list, name="plan-list"),
    path("cases/", views.case_list, name="case-list"),
    path("documents/<int:pk>/", views.DocumentDetailView.as_view(), name="document-detail"),
    path("documents/<int:pk>/file/", views.document_file, name="document-file"),
    path("documents/<int:pk>/withdraw/", views.document_withdraw, name="document-withdraw"),
    path("documents/<int:pk>/resubmit/", views.document_resubmit, name="document-resubmit"),
    path("documents/<int:pk>/review/", review_views.document_review, name="document-review"),
]
