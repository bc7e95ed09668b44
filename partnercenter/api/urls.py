"""BSS-compatible API paths at the root (/v2/...) and the access-key pages under /partner/access-keys/."""
from django.urls import include, path

from . import openapi, views
from .bss import coupons, customers, subscriptions

app_name = "api"

portal = [
    path("", views.AccessKeyListView.as_view(), name="accesskey-list"),
    path("new/", views.accesskey_create, name="accesskey-create"),
    path("<int:pk>/disable/", views.accesskey_disable, name="accesskey-disable"),
    path("<int:pk>/enable/", views.accesskey_enable, name="accesskey-enable"),
    path("<int:pk>/delete/", views.accesskey_delete, name="accesskey-delete"),
]

urlpatterns = [
    path("partner/access-keys/", include(portal)),
    path("v2/openapi.json", openapi.openapi_document, name="openapi"),
    path("v2/partners/sub-customers/query", customers.list_sub_customers, name="bss-list-sub-customers"),
    path("v2/products/incentive-discount-policies", customers.list_incentive_discount_policies,
         name="bss-list-incentive-discount-policies"),
    path("v2/orders/suscriptions/resources/query", subscriptions.list_pay_per_use_customer_resources,
         name="bss-list-customer-resources"),
    path("v2/bills/ratings/period-resources/renew-rate", subscriptions.list_renew_rate_on_period,
         name="bss-renew-rate"),
    path("v2/partners/coupon-quotas/query", coupons.list_quota_coupons, name="bss-list-quota-coupons"),
    path("v2/promotions/benefits/partner-coupons", coupons.partner_coupons, name="bss-partner-coupons"),
    path("v2/promotions/benefits/partner-coupons/reclaim", coupons.reclaim_partner_coupons,
         name="bss-reclaim-partner-coupons"),
    path("v2/promotions/benefits/partner-coupons/records/query", coupons.list_partner_coupons_record,
         name="bss-list-partner-coupons-record"),
]
