from django.urls import include, path

from . import views

app_name = "partners"

urlpatterns = [
    path("profile/", views.profile, name="profile"),
    path("", include("partnercenter.partners.onboarding.urls")),
    path("members/", views.member_list, name="member-list"),
    path("members/new/", views.member_create, name="member-create"),
    path("members/<int:pk>/edit/", views.member_edit, name="member-edit"),
    path("customers/", views.CustomerListView.as_view(), name="customer-list"),
    path("customers/export/", views.customer_export, name="customer-export"),
    path("customers/<int:pk>/", views.CustomerDetailView.as_view(), name="customer-detail"),
    path("customers/<int:pk>/assign/", views.customer_assign, name="customer-assign"),
    path("orders/<int:pk>/", views.OrderDetailView.as_view(), name="order-detail"),
    path("realname/", views.realname, name="realname"),
    path("realname/<int:pk>/", views.RealNameDetailView.as_view(), name="realname-detail"),
    path("realname/<int:pk>/licence/", views.realname_licence, name="realname-licence"),
    path("realname/<int:pk>/resubmit/", views.realname_resubmit, name="realname-resubmit"),
    path("realname/<int:pk>/withdraw/", views.realname_withdraw, name="realname-withdraw"),
    path("business-info/", views.businessinfo, name="businessinfo"),
    path("business-info/apply/", views.businessinfo_apply, name="businessinfo-apply"),
    path("business-info/<int:pk>/", views.BusinessInfoDetailView.as_view(), name="businessinfo-detail"),
    path("business-info/<int:pk>/resubmit/", views.businessinfo_resubmit, name="businessinfo-resubmit"),
    path("business-info/<int:pk>/withdraw/", views.businessinfo_withdraw, name="businessinfo-withdraw"),
]
