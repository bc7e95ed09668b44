"""URL names of this wing (销售 > 拓新 > 营销任务)."""
from django.urls import path

from . import views

app_name = "renewals"

urlpatterns = [
    path("tasks/", views.task_list, name="task-list"),
    path("tasks/<int:pk>/", views.RenewalTaskDetailView.as_view(), name="task-detail"),
    path("tasks/<int:pk>/process/", views.task_process, name="task-process"),
    path("tasks/<int:pk>/handler/", views.task_handler, name="task-handler"),
    path("tasks/columns/", views.columns_save, name="task-columns"),
    path("tasks/exports/", views.export_list, name="export-list"),
    path("tasks/exports/<int:pk>/download/", views.export_download, name="export-download"),
    path("sales-tasks/", views.sales_task_list, name="sales-task-list"),
    path("sales-tasks/new/", views.sales_task_create, name="sales-task-create"),
    path("sales-tasks/<int:pk>/", views.SalesTaskDetailView.as_view(), name="sales-task-detail"),
    path("sales-tasks/<int:pk>/process/", views.sales_task_process, name="sales-task-process"),
    path("sales-tasks/<int:pk>/handler/", views.sales_task_handler, name="sales-task-handler"),
]
