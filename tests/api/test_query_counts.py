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
