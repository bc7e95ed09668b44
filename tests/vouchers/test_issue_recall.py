import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from tests.factories import CustomerFactory, ProductFactory, ServiceTypeFactory
from tests.vouchers.helpers import grant, issue, order_for, today
from vouchers import services
from vouchers.models import QuotaMovement, Voucher
from vouchers.selectors import ledger_adds_up

pytestmark = pytest.mark.django_db


def test_workflow_graph_is_declared_once():
    S = Voucher.Status
    assert Voucher.workflow.graph() == {
        S.INACTIVE: {S.AVAILABLE, S.EXPIRED},
        S.AVAILABLE: {S.USED, S.EXPIRED, S.RECALLED},
    }


def test_grant_is_for_operators_only(partner_a, alice, operator):
    with pytest.raises(PermissionDenied):
        grant(partner_a, alice)
    quota = grant(partner_a, operator, "5000.00")
    assert quota.balance == Decimal("5000.00")
    assert list(quota.movements.values_list("kind", "amount")) == [("grant", Decimal("5000.00"))]


def test_issue_to_many_customers_takes_from_the_quota(partner_a, alice, operator):
    quota = grant(partner_a, operator, "10000.00")
    customers = CustomerFactory.create_batch(3, partner=partner_a)
    vouchers = issue(quota, alice, customers=customers, face_value="1500.50", memo="双十一")
    quota.refresh_from_db()
    assert len(vouchers) == 3 and {v.customer for v in vouchers} == set(customers)
    assert quota.balance == Decimal("5498.50")
    assert all(v.status == Voucher.Status.AVAILABLE and v.balance == Decimal("1500.50") for v in vouchers)
    assert quota.movements.filter(kind=QuotaMovement.Kind.ISSUE).count() == 3
    assert ledger_adds_up(quota)


def test_issue_beyond_the_balance_is_refused_on_the_face_value(partner_a, alice, operator):
    quota = grant(partner_a, operator, "2000.00")
    customers = CustomerFactory.create_batch(3, partner=partner_a)
    with pytest.raises(ValidationError) as exc:
        issue(quota, alice, customers=customers, face_value="700.00")
    assert "face_value" in exc.value.error_dict
    quota.refresh_from_db()
    assert quota.balance == Decimal("2000.00") and not Voucher.objects.exists()


@pytest.mark.parametrize("field,kwargs", [
    ("face_value", {"face_value": "0.00"}),
    ("face_value", {"face_value": "1.005"}),
    ("ratio_limit", {"ratio_limit": Decimal("120")}),
    ("order_types", {"order_types": []}),
    ("valid_to", {"valid_to": dt.date(2099, 1, 1)}),
])
def test_issue_validation(partner_a, alice, operator, field, kwargs):
    quota = grant(partner_a, operator)
    with pytest.raises(ValidationError) as exc:
        issue(quota, alice, **kwargs)
    assert field in exc.value.error_dict


def test_issue_to_another_partners_customer_is_refused(partner_a, partner_b, alice, operator):
    quota = grant(partner_a, operator)
    with pytest.raises(ValidationError) as exc:
        issue(quota, alice, customers=[CustomerFactory(partner=partner_b)])
    assert "customers" in exc.value.error_dict


def test_issue_limits_stay_within_the_quota(partner_a, alice, operator):
    inside, outside = ServiceTypeFactory(), ServiceTypeFactory()
    quota = grant(partner_a, operator, service_types=[inside])
    with pytest.raises(ValidationError) as exc:
        issue(quota, alice, service_types=[outside])
    assert "service_types" in exc.value.error_dict
    voucher = issue(quota, alice)[0]
    assert list(voucher.service_types.all()) == [inside]  # inherits the quota's limits


def test_future_voucher_is_inactive_until_the_sweep(partner_a, alice, operator):
    quota = grant(partner_a, operator)
    voucher = issue(quota, alice, valid_from=today() + dt.timedelta(days=3))[0]
    assert voucher.status == Voucher.Status.INACTIVE
    services.vouchers_sweep(today=today() + dt.timedelta(days=3))
    voucher.refresh_from_db()
    assert voucher.status == Voucher.Status.AVAILABLE


def test_recall_returns_the_remaining_balance(partner_a, alice, operator):
    quota = grant(partner_a, operator, "10000.00")
    first, second = issue(quota, alice, customers=CustomerFactory.create_batch(2, partner=partner_a),
                          face_value="3000.00")
    services.voucher_redeem(voucher_id=first.pk, order_id=order_for(first).pk, amount=Decimal("1234.56"),
                            actor=alice)
    count, amount = services.vouchers_recall(voucher_ids=[first.pk, second.pk], actor=alice)
    assert (count, amount) == (2, Decimal("4765.44"))  # 1765.44 + 3000.00
    quota.refresh_from_db()
    assert quota.balance == Decimal("8765.44")
    first.refresh_from_db()
    assert first.status == Voucher.Status.RECALLED and first.balance == 0
    assert first.recalled_amount == Decimal("1765.44") and first.used_amount == Decimal("1234.56")
    assert ledger_adds_up(quota)


def test_recall_is_all_or_nothing(partner_a, alice, operator):
    quota = grant(partner_a, operator)
    first, second = issue(quota, alice, customers=CustomerFactory.create_batch(2, partner=partner_a))
    services.vouchers_recall(voucher_ids=[second.pk], actor=alice)
    with pytest.raises(Exception):  # noqa: B017 - TransitionNotAllowed on the second
        services.vouchers_recall(voucher_ids=[first.pk, second.pk], actor=alice)
    first.refresh_from_db()
    assert first.status == Voucher.Status.AVAILABLE


def test_recall_of_another_partners_voucher_is_not_found(partner_a, partner_b, alice, bob, operator):
    voucher = issue(grant(partner_a, operator), alice)[0]
    with pytest.raises(Voucher.DoesNotExist):
        services.vouchers_recall(voucher_ids=[voucher.pk], actor=bob)


def test_expiry_sweep_returns_balance_and_is_idempotent(partner_a, alice, operator):
    quota = grant(partner_a, operator, "5000.00")
    voucher = issue(quota, alice, face_value="2000.00", valid_to=today() + dt.timedelta(days=1))[0]
    later = today() + dt.timedelta(days=2)
    assert services.vouchers_sweep(today=later)["expired"] == 1
    assert services.vouchers_sweep(today=later)["expired"] == 0
    voucher.refresh_from_db()
    quota.refresh_from_db()
    assert voucher.status == Voucher.Status.EXPIRED and quota.balance == Decimal("5000.00")
    assert quota.movements.filter(kind="expire").count() == 1
    assert ledger_adds_up(quota)


def test_sweep_task_runs(partner_a, alice, operator):
    from vouchers.tasks import vouchers_sweep_task
    assert vouchers_sweep_task() == {"expired": 0, "activated": 0}


def test_product_limit_on_issue(partner_a, alice, operator):
    product = ProductFactory()
    quota = grant(partner_a, operator, products=[product])
    with pytest.raises(ValidationError):
        issue(quota, alice, products=[ProductFactory()])


def test_customer_manager_issues_only_to_his_customers(partner_a, alice, andy, operator):
    from partnercenter.partners import services as partner_services
    quota = grant(partner_a, operator)
    his, other = CustomerFactory(partner=partner_a), CustomerFactory(partner=partner_a)
    partner_services.customer_assign(customer_id=his.pk, manager=andy, actor=alice, on=dt.date(2026, 1, 1))
    assert issue(quota, andy, customers=[his])[0].customer == his
    with pytest.raises(ValidationError) as exc:
        issue(quota, andy, customers=[other])
    assert "customers" in exc.value.error_dict
