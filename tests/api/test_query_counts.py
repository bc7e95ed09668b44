"""API query counts do not grow with the number of customers or orders."""
import pytest

from tests.factories import CustomerFactory, OrderFactory

from .helpers import call

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("n", [1, 25])
def test_sub_customers_constant_queries(client, alice, alice_key, n, django_assert_max_num_queries):
    key, secret = alice_key
    CustomerFactory.create_batch(n, partner=alice.partner)
    with django_assert_max_num_queries(6):
        response = call(client, key.access_key, secret, "POST", "/v2/partners/sub-customers/query",
                        data={"limit": 100})
    assert response.json()["count"] == n


@pytest.mark.parametrize("n", [1, 25])
def test_resources_constant_queries(client, alice, alice_key, n, django_assert_max_num_queries):
    key, secret = alice_key
    customer = CustomerFactory(partner=alice.partner)
    OrderFactory.create_batch(n, customer=customer)
    with django_assert_max_num_queries(5):
        response = call(client, key.access_key, secret, "POST", "/v2/orders/suscriptions/resources/query",
                        data={"customer_id": customer.customer_id, "limit": 100})
    assert response.json()["total_count"] == n


# (method, path, queries): access key 1 + last_used_at 1, count 1, page 1 (records join voucher and customer),
# prefetches of the limits (service types + products) for quotas and coupons.
COUPON_READS = [("POST", "/v2/partners/coupon-quotas/query", 6),
                ("GET", "/v2/promotions/benefits/partner-coupons", 6),
                ("GET", "/v2/promotions/benefits/partner-coupons/records/query", 4)]


@pytest.mark.parametrize("n", [1, 25])
@pytest.mark.parametrize(("method", "path", "expected"), COUPON_READS)
def test_coupon_reads_constant_queries(client, alice, alice_key, operator, ecs, n, method, path, expected):
    """Auth (3) + scoping + count + page + prefetches: the same number for 1 and 25 rows of each kind."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from vouchers.services import vouchers_issue

    from .conftest import grant_quota

    key, secret = alice_key
    for _ in range(n):
        quota = grant_quota(alice.partner, operator, service_types=[ecs.service_type], products=[ecs])
        vouchers_issue(quota_id=quota.pk, actor=alice, customers=[CustomerFactory(partner=alice.partner)],
                       face_value="10.00", valid_from=quota.valid_from, valid_to=quota.valid_to,
                       service_types=[ecs.service_type], products=[ecs])
    with CaptureQueriesContext(connection) as queries:
        response = call(client, key.access_key, secret, method, path,
                        data={"limit": 100} if method == "POST" else None,
                        query={"limit": 100} if method == "GET" else None)
    assert response.status_code == 200 and response.json()["total_count"] == n
    assert len(queries) == expected, [q["sql"] for q in queries.captured_queries]


@pytest.mark.parametrize("n", [0, 1, 12])
def test_renew_rate_constant_in_discounts(client, customers, yearly_order, n):
    """续费询价: access key + last_used_at + the customer's orders + discounts = 4, and one prefetch of the
    discounts' service types when there are any — the same for 1 and 12 discounts."""
    import datetime as dt
    from decimal import Decimal

    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from partnercenter.api.models import CustomerDiscount
    from partnercenter.api.services import access_key_create

    key, secret = access_key_create(customer=customers["a1"])
    today = timezone.localdate()
    for i in range(n):
        CustomerDiscount.objects.create(customer=customers["a1"], partner=customers["a1"].partner,
                                        discount_type=605 + i % 3, name=f"折扣{i}", rate=Decimal("0.900"),
                                        valid_from=today - dt.timedelta(days=1), valid_to=today)
    with CaptureQueriesContext(connection) as queries:
        response = call(client, key.access_key, secret, "POST", "/v2/bills/ratings/period-resources/renew-rate",
                        data={"resource_ids": ["ecs-main-0001"], "period_type": 2, "period_num": 1})
    assert len(response.json()["optional_discount_rating_results"]) == n
    assert len(queries) == (5 if n else 4), [q["sql"][:60] for q in queries.captured_queries]
