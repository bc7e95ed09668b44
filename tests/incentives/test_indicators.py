"""指标信息: computed by the generation run, detail rows add up exactly, filters, tenancy."""
import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from incentives.models import Indicator
from incentives.services import bill_answer, bill_dispute, bill_publish
from partnercenter.partners.models import Customer

from .helpers import PERIOD, consumption, generate, policy

pytestmark = pytest.mark.django_db
URL = reverse("incentives:indicator-list")


@pytest.fixture
def computed(partner_a, partner_b, django_capture_on_commit_callbacks):
    policy()
    consumption(partner_a, amount="100.01", association_type=Customer.Association.RESALE)
    consumption(partner_a, amount="200.02", association_type=Customer.Association.REFERRAL)
    consumption(partner_a, amount="33.33", association_type=Customer.Association.RESALE)
    consumption(partner_b, amount="999.99", cycle=dt.date(2026, 9, 1))
    generate(dt.date(2026, 9, 1), capture=django_capture_on_commit_callbacks)
    generate(capture=django_capture_on_commit_callbacks)


def test_values_and_detail_rows_add_up(computed, partner_a):
    all_incentive = Indicator.objects.get(partner=partner_a, period=PERIOD, name="incentive", scope="all")
    assert all_incentive.value == Decimal("10.00") + Decimal("20.00") + Decimal("3.33")
    assert sum(line.value for line in all_incentive.lines.all()) == all_incentive.value
    resale = Indicator.objects.get(partner=partner_a, period=PERIOD, name="consumption", scope="2")
    assert resale.value == Decimal("133.34")
    for indicator in Indicator.objects.all():
        assert sum(line.value for line in indicator.lines.all()) == indicator.value


def test_rerun_keeps_the_same_indicators(computed, partner_a, django_capture_on_commit_callbacks):
    before = sorted(Indicator.objects.values_list("partner_id", "name", "scope", "value"))
    generate(capture=django_capture_on_commit_callbacks)
    assert sorted(Indicator.objects.values_list("partner_id", "name", "scope", "value")) == before


def test_answered_dispute_moves_the_indicator(computed, partner_a, alice, operator, django_capture_on_commit_callbacks):
    from incentives.models import ReconciliationBill

    bill = ReconciliationBill.objects.get(partner=partner_a, period=PERIOD)
    bill_publish(bill_id=bill.pk)
    dispute = bill_dispute(bill_id=bill.pk, actor=alice, comment="少算了")
    with django_capture_on_commit_callbacks(execute=True):
        bill_answer(dispute_id=dispute.pk, actor=operator, answer="补 1 元", adjustment=Decimal("1.00"))
    assert Indicator.objects.get(partner=partner_a, period=PERIOD, name="incentive", scope="all").value == \
        Decimal("34.33")


# 202609 is not one of A's periods: a form error, nothing filtered (never B's rows either).
@pytest.mark.parametrize(("query", "count"), [({}, 9), ({"period": "202610"}, 9), ({"period": "202609"}, 9),
                                              ({"name": "incentive"}, 3), ({"scope": "1"}, 3),
                                              ({"name": "eligible", "scope": "2"}, 1), ({"scope": "bad"}, 9)])
def test_list_filters_and_is_scoped(computed, client_alice, query, count):
    response = client_alice.get(URL, query)
    assert response.status_code == 200
    assert len(response.context["object_list"]) == count
    assert "202609" not in dict(response.context["filter"].form.fields["period"].choices)


def test_detail_page_sums_to_the_value(computed, partner_a, client_alice):
    indicator = Indicator.objects.get(partner=partner_a, period=PERIOD, name="incentive", scope="all")
    page = client_alice.get(indicator.get_absolute_url()).content.decode()
    assert page.count("¥33.33") >= 2  # the value and the sum of the rows


@pytest.mark.parametrize(("language", "shown"), [("zh-hans", "自然月"), ("en", "Calendar month")])
def test_the_statistics_period_is_shown_in_the_readers_language(computed, partner_a, client_alice, language, shown):
    indicator = Indicator.objects.get(partner=partner_a, period=PERIOD, name="incentive", scope="all")
    assert indicator.statistics_period == Indicator.StatisticsPeriod.MONTH
    client_alice.cookies["django_language"] = language
    assert f"<td>{shown}</td>" in client_alice.get(URL).content.decode()
    assert f"<dd>{shown}</dd>" in client_alice.get(indicator.get_absolute_url()).content.decode()
