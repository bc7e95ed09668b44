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


def test_chart_spans_the_year_boundary_in_one_query(alice, bob, django_capture_on_commit_callbacks,
                                                    django_assert_num_queries):
    """Periods of last year and this year in one query (from the trigger-kept totals on PostgreSQL), each bar the
    sum of that period's lines to the fen, other partners' lines not counted."""
    import datetime as dt

    from incentives.selectors import monthly_incentive

    policy()
    december = dt.date(2025, 12, 1)
    consumption(alice.partner, amount="1234.56", cycle=december)
    consumption(alice.partner, amount="1000.00")
    consumption(bob.partner, amount="7777.00")
    generate(dt.date(2026, 1, 1), capture=django_capture_on_commit_callbacks)
    generate(capture=django_capture_on_commit_callbacks)
    lines = IncentiveDetail.objects.filter(partner=alice.partner)
    expected = list(lines.order_by("period").values("period").annotate(incentive=Sum("amount")))
    assert len(expected) == 2
    with django_assert_num_queries(1):
        rows = monthly_incentive(user=alice, since=dt.date(2025, 1, 1))
    assert rows == expected
