"""The home page's incentive chart: the partner's own periods only, amounts that add up to the details."""
import pytest
from django.db.models import Sum

from incentives.models import IncentiveDetail
from tests.incentives.helpers import consumption, generate, policy

pytestmark = pytest.mark.django_db


def test_home_shows_the_partners_incentive_by_period(client_alice, alice, bob, django_capture_on_commit_callbacks):
    policy()
    consumption(alice.partner, amount="1000.00")
    consumption(bob.partner, amount="7777.00")
    generate(capture=django_capture_on_commit_callbacks)
    mine = IncentiveDetail.objects.filter(partner=alice.partner).aggregate(total=Sum("amount"))["total"]
    body = client_alice.get("/").content.decode()
    assert "近12个对账期激励" in body
    assert "202610" in body
    assert f"¥{mine:,.2f}" in body  # the total of alice's details, not bob's
    assert "777.70" not in body


def test_no_chart_without_incentives(client_alice):
    assert "近12个对账期激励" not in client_alice.get("/").content.decode()
