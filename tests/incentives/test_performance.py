"""业绩: attributed to the manager fixed on each consumption line, summed per statement, on the board by month."""
import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from incentives.models import PerformanceStatement
from tests.factories import UserFactory

from .helpers import PERIOD, consumption, generate, policy

pytestmark = pytest.mark.django_db


@pytest.fixture
def statements(partner_a, partner_b, alice, andy, django_capture_on_commit_callbacks):
    chen = UserFactory(partner=partner_a, role="customer_manager", full_name="陈晨")
    policy()
    consumption(partner_a, amount="1000.00", manager=andy, cycle=dt.date(2026, 9, 1))
    consumption(partner_a, amount="500.00", manager=andy)
    consumption(partner_a, amount="250.00", manager=chen)
    consumption(partner_a, amount="-50.00", manager=chen)
    consumption(partner_b, amount="999.00")
    generate(dt.date(2026, 9, 1), capture=django_capture_on_commit_callbacks)
    generate(capture=django_capture_on_commit_callbacks)
    return chen


def test_statement_totals_and_lines_by_manager(statements, partner_a, andy):
    statement = PerformanceStatement.objects.get(partner=partner_a, period=PERIOD)
    assert statement.total_amount == Decimal("700.00")
    by_manager = {}
    for line in statement.lines.all():
        by_manager[line.manager_name] = by_manager.get(line.manager_name, 0) + line.amount
    assert by_manager == {"李安": Decimal("500.00"), "陈晨": Decimal("200.00")}
    assert statement.number.startswith("PF202610")


def test_list_and_period_filter(statements, client_alice):
    response = client_alice.get(reverse("incentives:performance"), {"period": "202610"})
    assert [s.period for s in response.context["object_list"]] == [PERIOD]
    assert len(client_alice.get(reverse("incentives:performance")).context["object_list"]) == 2


def test_board_by_month_and_by_manager(statements, client_alice, andy):
    url = reverse("incentives:performance-board")
    months = client_alice.get(url, {"year": "2026"}).context["months"]
    assert months[8]["amount"] == Decimal("1000.00") and months[9]["amount"] == Decimal("700.00")
    assert months[8]["height"] == 100
    months = client_alice.get(url, {"year": "2026", "manager": andy.pk}).context["months"]
    assert months[9]["amount"] == Decimal("500.00")
    assert client_alice.get(url, {"year": "x", "manager": "y"}).status_code == 200


def test_customer_manager_sees_only_himself(statements, client, andy, partner_a):
    client.force_login(andy)
    months = client.get(reverse("incentives:performance-board"), {"manager": statements.pk}).context["months"]
    assert months[9]["amount"] == Decimal("500.00")
    statement = PerformanceStatement.objects.get(partner=partner_a, period=PERIOD)
    page = client.get(statement.get_absolute_url()).content.decode()
    assert "李安" in page and "陈晨" not in page


@pytest.mark.parametrize(("language", "label"), [("zh-hans", ">10月</text>"), ("en", ">Oct</text>")])
def test_board_month_labels_in_the_readers_language(statements, client_alice, language, label):
    client_alice.cookies["django_language"] = language
    page = client_alice.get(reverse("incentives:performance-board"), {"year": "2026"}).content.decode()
    assert label in page and "Month</text>" not in page
