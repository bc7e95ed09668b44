"""客户分配: management periods decide who owns consumption in each month."""
import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from partnercenter.partners import selectors, services
from partnercenter.partners.models import User
from tests.factories import CustomerFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_periods_are_kept_and_attribution_follows_them(alice, andy):
    zhou = UserFactory(partner=alice.partner, role=User.Role.CUSTOMER_MANAGER)
    customer = CustomerFactory(partner=alice.partner)
    services.customer_assign(customer_id=customer.pk, manager=andy, actor=alice, on=dt.date(2026, 1, 1))
    services.customer_assign(customer_id=customer.pk, manager=zhou, actor=alice, on=dt.date(2026, 7, 1))
    periods = list(customer.assignments.order_by("starts_on").values_list("manager", "starts_on", "ends_on"))
    assert periods == [(andy.pk, dt.date(2026, 1, 1), dt.date(2026, 7, 1)), (zhou.pk, dt.date(2026, 7, 1), None)]
    assert selectors.manager_on(customer=customer, day=dt.date(2026, 6, 30)) == andy
    assert selectors.manager_on(customer=customer, day=dt.date(2026, 7, 1)) == zhou
    assert selectors.manager_on(customer=customer, day=dt.date(2025, 12, 31)) is None


def test_only_the_main_account_assigns_and_only_own_managers(alice, andy, bob):
    customer = CustomerFactory(partner=alice.partner)
    with pytest.raises(PermissionDenied):
        services.customer_assign(customer_id=customer.pk, manager=andy, actor=andy)
    with pytest.raises(PermissionDenied):
        services.customer_assign(customer_id=customer.pk, manager=andy, actor=bob)
    with pytest.raises(ValidationError):
        services.customer_assign(customer_id=customer.pk, manager=bob, actor=alice)


def test_backdating_before_current_period_is_refused(alice, andy):
    zhou = UserFactory(partner=alice.partner, role=User.Role.CUSTOMER_MANAGER)
    customer = CustomerFactory(partner=alice.partner)
    services.customer_assign(customer_id=customer.pk, manager=andy, actor=alice, on=dt.date(2026, 5, 1))
    with pytest.raises(ValidationError, match="不能早于"):
        services.customer_assign(customer_id=customer.pk, manager=zhou, actor=alice, on=dt.date(2026, 4, 1))


def test_vendor_groups_exist_with_their_permissions():
    from django.contrib.auth.models import Group

    from partnercenter.partners.models import ECOSYSTEM_MANAGER_GROUP, OPERATOR_GROUP

    operator = Group.objects.get(name=OPERATOR_GROUP)
    assert operator.permissions.filter(codename="change_realnameapplication").exists()
    assert operator.permissions.filter(codename="add_order").exists()
    eco = Group.objects.get(name=ECOSYSTEM_MANAGER_GROUP)
    assert not eco.permissions.exclude(codename__startswith="view_").exists()


def test_unassigned_customers_are_a_todo_for_the_main_account_only(alice, andy):
    from partnercenter.todo import todo_items_for

    CustomerFactory(partner=alice.partner)
    assigned = CustomerFactory(partner=alice.partner)
    services.customer_assign(customer_id=assigned.pk, manager=andy, actor=alice)
    titles = [item.title for item in todo_items_for(alice)]
    assert "1 位客户尚未分配客户经理" in titles
    assert not [t for t in (item.title for item in todo_items_for(andy)) if "尚未分配" in t]
