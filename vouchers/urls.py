"""URL names of this wing."""
from django.urls import path

from . import claim_views, mdf_views, views

app_name = "vouchers"

urlpatterns = [
    path("", views.QuotaListView.as_view(), name="quota-list"),
    path("grant/", views.quota_grant, name="quota-grant"),
    path("quotas/<int:pk>/", views.QuotaDetailView.as_view(), name="quota-detail"),
    path("quotas/<int:pk>/usage.csv", views.quota_usage_export, name="quota-usage-export"),
    path("quotas/<int:pk>/issue/", views.voucher_issue, name="voucher-issue"),
    path("issued/", views.VoucherListView.as_view(), name="voucher-list"),
    path("issued/recall/", views.voucher_recall, name="voucher-recall"),
    path("issued/<int:pk>/", views.VoucherDetailView.as_view(), name="voucher-detail"),
    path("issued/<int:pk>/redeem/", views.voucher_redeem, name="voucher-redeem"),
    path("records/", views.MovementListView.as_view(), name="movement-list"),
    path("mdf/", mdf_views.ApplicationListView.as_view(), name="mdf-list"),
    path("mdf/new/", mdf_views.mdf_create, name="mdf-create"),
    path("mdf/<int:pk>/", mdf_views.ApplicationDetailView.as_view(), name="mdf-detail"),
    # Before mdf-edit/-withdraw/-delete: the tenancy walk visits URLs in this order, and those may remove the row.
    path("mdf/<int:pk>/claim/", claim_views.claim_create, name="claim-create"),
    path("mdf/<int:pk>/edit/", mdf_views.mdf_edit, name="mdf-edit"),
    path("mdf/<int:pk>/submit/", mdf_views.mdf_submit, name="mdf-submit"),
    path("mdf/<int:pk>/withdraw/", mdf_views.mdf_withdraw, name="mdf-withdraw"),
    path("mdf/<int:pk>/delete/", mdf_views.mdf_delete, name="mdf-delete"),
    path("mdf/attachments/<int:pk>/", mdf_views.mdf_attachment, name="mdf-attachment"),
    path("mdf/review/", mdf_views.mdf_review_list, name="mdf-review-list"),
    path("mdf/review/<int:pk>/", mdf_views.mdf_review, name="mdf-review"),
    path("mdf/budgets/", mdf_views.mdf_budget, name="mdf-budget"),
    path("mdf/claims/", claim_views.ClaimListView.as_view(), name="claim-list"),
    path("mdf/claims/<int:pk>/", claim_views.ClaimDetailView.as_view(), name="claim-detail"),
    path("mdf/claims/<int:pk>/edit/", claim_views.claim_edit, name="claim-edit"),
    path("mdf/claims/<int:pk>/submit/", claim_views.claim_submit, name="claim-submit"),
    path("mdf/claims/<int:pk>/receipts/", claim_views.claim_receipt_upload, name="claim-receipt-upload"),
    path("mdf/receipts/<int:pk>/", claim_views.claim_receipt, name="claim-receipt"),
    path("mdf/receipts/<int:pk>/delete/", claim_views.claim_receipt_delete, name="claim-receipt-delete"),
    path("mdf/claims/review/", claim_views.claim_review_list, name="claim-review-list"),
    path("mdf/claims/review/<int:pk>/", claim_views.claim_review, name="claim-review"),
]
