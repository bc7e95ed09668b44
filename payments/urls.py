"""URL names of this wing."""
from django.urls import path

from .views import contracts, projects, requests

app_name = "payments"

urlpatterns = [
    path("requests/", requests.RequestListView.as_view(), name="request-list"),
    path("requests/start/", requests.request_start, name="request-start"),
    path("requests/<int:pk>/", requests.RequestDetailView.as_view(), name="request-detail"),
    path("requests/<int:pk>/submit/", requests.request_submit, name="request-submit"),
    path("requests/<int:pk>/withdraw/", requests.request_withdraw, name="request-withdraw"),
    path("requests/<int:pk>/invoice/", requests.request_invoice, name="request-invoice"),
    path("requests/<int:pk>/invoice/file/", requests.request_invoice_file, name="request-invoice-file"),
    path("requests/<int:pk>/statement.pdf", requests.request_statement, name="request-statement"),
    path("review/", requests.review_list, name="request-review-list"),
    path("review/<int:pk>/", requests.review, name="request-review"),
    path("bills/", requests.StatementListView.as_view(), name="bill-list"),
    path("delivery-projects/", projects.ProjectListView.as_view(), name="delivery-project-list"),
    path("delivery-projects/new/", projects.project_create, name="delivery-project-create"),
    path("delivery-projects/<int:pk>/", projects.ProjectDetailView.as_view(), name="delivery-project-detail"),
    path("delivery-projects/<int:pk>/progress/", projects.project_progress, name="delivery-project-progress"),
    path("delivery-projects/<int:pk>/acceptance/", projects.project_acceptance,
         name="delivery-project-acceptance"),
    path("delivery-projects/review/", projects.project_review_list, name="delivery-project-review-list"),
    path("delivery-projects/<int:pk>/review/", projects.project_review, name="delivery-project-review"),
    path("contracts/", contracts.ContractListView.as_view(), name="contract-list"),
    path("contracts/new/", contracts.contract_create, name="contract-create"),
    path("contracts/verify/", contracts.contract_verify, name="contract-verify"),
    path("contracts/<int:pk>/", contracts.ContractDetailView.as_view(), name="contract-detail"),
    path("contracts/<int:pk>/download/", contracts.contract_download, name="contract-download"),
]
