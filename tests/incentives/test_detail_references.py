"""The references of incentive details are checked per statement by PostgreSQL triggers (migration 0005) instead
of row-by-row foreign keys: a line pointing at a missing row, at another partner's bill or consumption line, or at
a bill of another period is refused; a referenced row cannot be deleted, even by hand-written SQL."""
import pytest
from django.db import IntegrityError, connection, transaction

from incentives.models import IncentiveDetail, ReconciliationBill
from partnercenter.partners.models import User

from .helpers import PERIOD, incentive_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(partner_a, alice, operator):
    return incentive_world(partner_a, alice, operator, tag="a")


def copy_of(detail, **changes):
    """A new line like `detail` (a new revision, so the natural key does not refuse it first)."""
    values = {f.attname: getattr(detail, f.attname) for f in IncentiveDetail._meta.concrete_fields
              if not f.primary_key}
    values.update({"revision": detail.revision + 7, "dispute_id": None, **changes})
    return IncentiveDetail(**values)


def refused(callable_, message):
    with pytest.raises(IntegrityError) as excinfo, transaction.atomic():
        callable_()
    assert message in str(excinfo.value)


def test_a_valid_line_is_accepted(world):
    detail = world["IncentiveDetail"]
    copy_of(detail).save()
    assert IncentiveDetail.objects.filter(consumption_id=detail.consumption_id).count() == 2


@pytest.mark.parametrize("column", ["bill_id", "consumption_id", "partner_id", "customer_id", "manager_id",
                                    "policy_id", "run_id", "dispute_id"])
def test_a_line_pointing_at_a_missing_row_is_refused(world, column):
    detail = world["IncentiveDetail"]
    # A line of a missing partner is also on a bill of another partner: either reason may be named.
    refused(lambda: copy_of(detail, **{column: 2_000_000_000}).save(),
            "bill_id" if column == "partner_id" else column)


def test_a_line_on_another_partners_bill_or_consumption_is_refused(world, partner_b, operator):
    detail = world["IncentiveDetail"]
    other = incentive_world(partner_b, User.objects.filter(partner=partner_b).first() or operator, operator,
                            tag="b")["IncentiveDetail"]
    refused(lambda: copy_of(detail, bill_id=other.bill_id).save(), "bill_id")
    refused(lambda: copy_of(detail, consumption_id=other.consumption_id).save(), "consumption_id")
    later = ReconciliationBill.objects.create(partner=detail.partner, period=PERIOD.replace(month=11))
    refused(lambda: copy_of(detail, bill_id=later.pk).save(), "bill_id")  # same partner, another period


def test_an_update_is_checked_too(world):
    detail = world["IncentiveDetail"]
    refused(lambda: IncentiveDetail.objects.filter(pk=detail.pk).update(customer_id=2_000_000_000), "customer_id")


@pytest.mark.parametrize(("table", "column"), [("partners_consumptionline", "consumption_id"),
                                               ("incentives_reconciliationbill", "bill_id"),
                                               ("partners_customer", "customer_id")])
def test_a_referenced_row_cannot_be_deleted_even_by_hand(world, table, column):
    detail = world["IncentiveDetail"]

    def delete():
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {table} WHERE id = %s", [getattr(detail, column)])  # noqa: S608

    refused(delete, table)
    assert IncentiveDetail.objects.filter(pk=detail.pk).exists()


def test_deleting_a_manager_through_the_orm_clears_the_reference(world):
    detail = world["IncentiveDetail"]
    manager = User.objects.get(pk=detail.manager_id)
    manager.delete()
    detail.refresh_from_db()
    assert detail.manager_id is None and detail.manager_name  # the name copied at generation time stays


@pytest.mark.parametrize("column", ["consumption_id", "customer_id", "bill_id", "policy_id"])
def test_one_bad_line_among_many_in_one_statement_is_refused(world, partner_b, operator, column):
    """The check makes the repeated references distinct together and probes consumption lines per row: a single
    bad line in a multi-row insert is still found, whichever line it is."""
    detail = world["IncentiveDetail"]
    other = incentive_world(partner_b, User.objects.filter(partner=partner_b).first() or operator, operator,
                            tag="b")["IncentiveDetail"]
    bad_value = {"consumption_id": other.consumption_id, "bill_id": other.bill_id}.get(column, 2_000_000_000)
    lines = [copy_of(detail, revision=detail.revision + 10 + i) for i in range(5)]
    setattr(lines[3], column, bad_value)
    refused(lambda: IncentiveDetail.objects.bulk_create(lines), column)
    IncentiveDetail.objects.bulk_create(lines[:3] + lines[4:])  # the same statement without it is accepted
    assert IncentiveDetail.objects.filter(consumption_id=detail.consumption_id).count() == 5
