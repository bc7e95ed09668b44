"""The wing's demo data switches on 自动续费 for some large orders so the exclusion rule visibly leaves them out."""
import datetime as dt

import pytest
from django.utils import timezone

from partnercenter.partners.models import Order
from renewals import demo, services
from renewals.models import RenewalTask
from tests.renewals.helpers import expiring_order

pytestmark = pytest.mark.django_db


def test_demo_auto_renew_sample_is_excluded_and_idempotent():
    today = timezone.localdate()
    noon = timezone.make_aware(dt.datetime.combine(today, dt.time(12)))
    orders = [expiring_order(expires=noon, paid="8000.00") for _i in range(8)]
    expiring_order(expires=noon, paid="100.00")                 # small: never a candidate
    switched = demo._auto_renew_sample(today)
    assert switched == 2
    flagged = set(Order.objects.filter(auto_renew=True).values_list("pk", flat=True))
    assert flagged <= {order.pk for order in orders}
    result = services.renewal_tasks_generate(today=today)
    assert result["excluded"]["auto_renew"] == 2 and result["created"] == 6
    assert not RenewalTask.objects.filter(order_id__in=flagged).exists()
    assert demo._auto_renew_sample(today) == 0                  # a rerun changes nothing


def test_demo_flags_one_order_when_there_are_few():
    today = timezone.localdate()
    noon = timezone.make_aware(dt.datetime.combine(today, dt.time(12)))
    expiring_order(expires=noon, paid="8000.00")
    assert demo._auto_renew_sample(today) == 1
