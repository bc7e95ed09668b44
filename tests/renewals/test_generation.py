"""大单续订任务 generation: each inclusion/exclusion rule at its boundary, idempotence, refresh and auto-close."""
import datetime as dt
from decimal import Decimal
from types import SimpleNamespace

import pytest

from partnercenter.partners.models import Order, Product
from partnercenter.workflow.selectors import timeline_for
from renewals import rules, services
from renewals.models import RenewalTask
from tests.factories import ProductFactory, UserFactory
from tests.renewals.helpers import TODAY, at, expiring_order, generate, managed_customer, renew

pytestmark = pytest.mark.django_db


def test_paid_amount_boundary():
    below = expiring_order(paid="4999.99")
    exact = expiring_order(paid="5000.00")
    result = generate()
    assert result["created"] == 1
    assert result["excluded"] == {"small_order": 1}
    assert list(RenewalTask.objects.values_list("order_id", flat=True)) == [exact.pk]
    assert not RenewalTask.objects.filter(order=below).exists()


def test_renewal_rate_boundary():
    almost = expiring_order(paid="5000.00")
    renew(almost, "2999.50")          # 59.99 %
    reached = expiring_order(paid="5000.00")
    renew(reached, "3000.00")         # 60.00 %
    result = generate()
    task = RenewalTask.objects.get()
    assert task.order_id == almost.pk
    assert task.renewal_rate == Decimal("59.99")
    assert task.is_renewed
    assert result["excluded"] == {"already_renewed": 1}


def test_rate_just_under_threshold_never_rounds_up():
    order = expiring_order(paid="5000.00")
    renew(order, "2999.99")           # 59.9998 %: shown as 59.99, still a task
    generate()
    assert RenewalTask.objects.get(order=order).renewal_rate == Decimal("59.99")


def test_only_renewal_orders_that_are_paid_count():
    order = expiring_order(paid="5000.00")
    renew(order, "4000.00", status=Order.Status.CANCELLED)
    generate()
    assert RenewalTask.objects.get(order=order).renewed_amount == Decimal("0.00")


@pytest.mark.parametrize(("expires", "included"), [
    (at(2026, 10, 31, 23, 59, 59), False),
    (at(2026, 11, 1, 0, 0, 0), True),
    (at(2026, 11, 30, 23, 59, 59), True),   # the last day of the month is in
    (at(2026, 12, 1, 0, 0, 0), False),
])
def test_current_natural_month_boundaries(expires, included):
    order = expiring_order(expires=expires)
    generate()
    assert RenewalTask.objects.filter(order=order).exists() is included


@pytest.mark.parametrize(("kwargs", "rule"), [
    ({"billing_mode": Order.BillingMode.ONE_TIME}, "one_time"),
    ({"billing_mode": Order.BillingMode.ON_DEMAND}, "on_demand"),
    ({"status": Order.Status.UNSUBSCRIBED}, "unsubscribed"),
    ({"status": Order.Status.PENDING_PAYMENT}, "not_paid"),
    ({"status": Order.Status.CANCELLED}, "not_paid"),
    ({"auto_renew": True}, "auto_renew"),
])
def test_named_exclusions(kwargs, rule):
    expiring_order(**kwargs)
    result = generate()
    assert result["created"] == 0
    assert result["excluded"] == {rule: 1}


def test_auto_renew_rule_reads_the_order_flag():
    order = SimpleNamespace(billing_mode="periodic", status="completed", paid_amount=Decimal("9000"),
                            renewed_amount=Decimal("0"), auto_renew=True)
    assert rules.exclusion_for(order).code == "auto_renew"
    order.auto_renew = False
    assert rules.exclusion_for(order) is None


def test_list_page_names_every_exclusion_with_this_months_count(client_alice, alice):
    from django.urls import reverse
    from django.utils import timezone

    day = timezone.localdate()
    noon = timezone.make_aware(dt.datetime.combine(day, dt.time(12)))
    expiring_order(partner=alice.partner, expires=noon, auto_renew=True)
    expiring_order(partner=alice.partner, expires=noon, auto_renew=True)
    expiring_order(partner=alice.partner, expires=noon, paid="4999.99")
    expiring_order(expires=noon, auto_renew=True)            # another partner's: not counted for alice
    services.renewal_tasks_generate(today=day)
    html = client_alice.get(reverse("renewals:task-list")).content.decode()
    for rule, _match in rules.EXCLUSIONS:
        assert str(rule.label) in html and str(rule.description) in html
    assert '<li data-rule="auto_renew">' in html
    auto = html.split('<li data-rule="auto_renew">')[1].split("</li>")[0]
    small = html.split('<li data-rule="small_order">')[1].split("</li>")[0]
    one_time = html.split('<li data-rule="one_time">')[1].split("</li>")[0]
    assert "本月排除 2 个订单" in auto and "本月排除 1 个订单" in small and "本月排除 0 个订单" in one_time


def test_every_exclusion_rule_has_a_distinct_code_and_text():
    codes = [rule.code for rule, _match in rules.EXCLUSIONS]
    assert len(codes) == len(set(codes))
    assert all(str(rule.label) and str(rule.description) for rule, _match in rules.EXCLUSIONS)


def test_task_fields(alice, andy):
    customer = managed_customer(partner=alice.partner, manager=andy, main=alice)
    product = ProductFactory(incentive_policy=Product.IncentivePolicy.SPECIFIC)
    order = expiring_order(customer=customer, product=product, paid="8000.00", expires=at(2026, 11, 18))
    generate()
    task = RenewalTask.objects.get(order=order)
    assert task.partner == alice.partner
    assert task.manager == andy
    assert task.deadline == dt.date(2026, 11, 30)
    assert task.expires_on == dt.date(2026, 11, 18)
    assert task.incentive_at_stake == Decimal("800.00")
    assert task.status == RenewalTask.Status.PENDING
    assert [e.action for e in timeline_for(task)] == ["create"]


@pytest.mark.parametrize("policy", [Product.IncentivePolicy.NO_PERFORMANCE_NO_REBATE,
                                    Product.IncentivePolicy.PERFORMANCE_NO_REBATE])
def test_no_rebate_policies_put_no_incentive_at_stake(policy):
    order = expiring_order(product=ProductFactory(incentive_policy=policy), paid="9000.00")
    generate()
    assert RenewalTask.objects.get(order=order).incentive_at_stake == Decimal("0.00")


def test_generation_is_idempotent_and_rerun_updates_rates():
    order = expiring_order(paid="10000.00")
    first = generate()
    assert first["created"] == 1
    renew(order, "2000.00")
    second = generate()
    assert second["created"] == 0
    assert second["updated"] == 1
    assert RenewalTask.objects.count() == 1
    assert RenewalTask.objects.get().renewal_rate == Decimal("20.00")


def test_refresh_auto_closes_when_renewals_reach_sixty_percent():
    order = expiring_order(paid="10000.00")
    generate()
    renew(order, "3500.00")
    renew(order, "2500.00")
    result = services.renewal_tasks_refresh(today=TODAY)
    task = RenewalTask.objects.get()
    assert result == {"updated": 0, "closed": 1}
    assert task.status == RenewalTask.Status.COMPLETED
    assert task.outcome == RenewalTask.Outcome.RENEWED
    assert task.renewal_rate == Decimal("60.00")
    assert timeline_for(task)[-1].action == "auto_complete"
    assert services.renewal_tasks_refresh(today=TODAY) == {"updated": 0, "closed": 0}


def test_refresh_follows_the_customer_to_its_new_manager(alice, andy):
    from partnercenter.partners import services as partner_services
    from partnercenter.partners.models import User

    customer = managed_customer(partner=alice.partner, manager=andy, main=alice)
    expiring_order(customer=customer)
    generate()
    chen = UserFactory(partner=alice.partner, role=User.Role.CUSTOMER_MANAGER)
    partner_services.customer_assign(customer_id=customer.pk, manager=chen, actor=alice, on=dt.date(2026, 11, 5))
    services.renewal_tasks_refresh(today=TODAY)
    assert RenewalTask.objects.get().manager == chen


def test_month_helpers():
    assert rules.month_bounds(dt.date(2028, 2, 10)) == (dt.date(2028, 2, 1), dt.date(2028, 2, 29))
    assert rules.add_months(dt.date(2026, 8, 31), 6) == dt.date(2027, 2, 28)
    from partnercenter.workdays.services import is_working_day

    first = rules.first_working_day(dt.date(2026, 10, 15))  # after the National Day holiday
    assert first > dt.date(2026, 10, 1) and is_working_day(first)
    assert not any(is_working_day(dt.date(2026, 10, d)) for d in range(1, first.day))


def test_a_customer_manager_counts_only_own_customers_exclusions(client, alice, andy):
    from django.urls import reverse
    from django.utils import timezone

    day = timezone.localdate()
    noon = timezone.make_aware(dt.datetime.combine(day, dt.time(12)))
    mine = managed_customer(partner=alice.partner, manager=andy, main=alice)
    expiring_order(customer=mine, expires=noon, auto_renew=True)
    expiring_order(partner=alice.partner, expires=noon, auto_renew=True)     # unassigned customer
    client.force_login(andy)
    html = client.get(reverse("renewals:task-list")).content.decode()
    assert "本月排除 1 个订单" in html.split('<li data-rule="auto_renew">')[1].split("</li>")[0]
    client.force_login(alice)
    html = client.get(reverse("renewals:task-list")).content.decode()
    assert "本月排除 2 个订单" in html.split('<li data-rule="auto_renew">')[1].split("</li>")[0]
