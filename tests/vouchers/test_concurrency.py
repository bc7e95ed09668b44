"""Concurrent issues and redemptions on PostgreSQL: the row locks never let a quota or a voucher go negative."""
import threading
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from partnercenter.workflow.machine import TransitionNotAllowed
from tests.factories import CustomerFactory
from tests.vouchers.helpers import grant, issue, order_for
from vouchers import services
from vouchers.models import Voucher, VoucherUsage
from vouchers.selectors import ledger_adds_up

pytestmark = pytest.mark.django_db(transaction=True)

THREADS = 8


def run_together(work, count=THREADS):
    barrier = threading.Barrier(count)
    outcomes = []

    def target(i):
        try:
            barrier.wait()
            work(i)
            outcomes.append("ok")
        except (ValidationError, TransitionNotAllowed):
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=target, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes


def test_concurrent_issues_never_overspend_the_quota(partner_a, alice, operator):
    if connection.vendor != "postgresql":
        pytest.skip("row locks are a PostgreSQL guarantee")
    quota = grant(partner_a, operator, "3000.00")
    customers = CustomerFactory.create_batch(THREADS, partner=partner_a)
    outcomes = run_together(lambda i: issue(quota, alice, customers=[customers[i]], face_value="1000.00"))
    assert outcomes.count("ok") == 3 and outcomes.count("refused") == THREADS - 3
    quota.refresh_from_db()
    assert quota.balance == 0 and Voucher.objects.filter(quota=quota).count() == 3
    assert ledger_adds_up(quota)


def test_concurrent_redemptions_never_overspend_a_voucher(partner_a, alice, operator):
    if connection.vendor != "postgresql":
        pytest.skip("row locks are a PostgreSQL guarantee")
    quota = grant(partner_a, operator, "5000.00")
    voucher = issue(quota, alice, face_value="1000.00")[0]
    orders = [order_for(voucher, paid_amount=Decimal("400.00")) for _ in range(THREADS)]
    outcomes = run_together(lambda i: services.voucher_redeem(voucher_id=voucher.pk, order_id=orders[i].pk,
                                                              amount=Decimal("300.00"), actor=alice))
    assert outcomes.count("ok") == 3
    voucher.refresh_from_db()
    assert voucher.balance == Decimal("100.00")
    assert sum(u.amount for u in VoucherUsage.objects.filter(voucher=voucher)) == Decimal("900.00")
    assert ledger_adds_up(quota)


def test_concurrent_recall_and_redeem_keep_the_ledger(partner_a, alice, operator):
    if connection.vendor != "postgresql":
        pytest.skip("row locks are a PostgreSQL guarantee")
    quota = grant(partner_a, operator, "5000.00")
    voucher = issue(quota, alice, face_value="1000.00")[0]
    order = order_for(voucher, paid_amount=Decimal("5000.00"))

    def work(i):
        if i == 0:
            services.vouchers_recall(voucher_ids=[voucher.pk], actor=alice)
        else:
            services.voucher_redeem(voucher_id=voucher.pk, order_id=order.pk, amount=Decimal("600.00"), actor=alice)

    outcomes = run_together(work, count=2)
    assert "ok" in outcomes  # redeem then recall the rest, or recall first and the redemption is refused
    voucher.refresh_from_db()
    used = sum(u.amount for u in VoucherUsage.objects.filter(voucher=voucher))
    assert voucher.status == Voucher.Status.RECALLED and voucher.balance == 0
    assert used + voucher.recalled_amount == Decimal("1000.00")
    assert ledger_adds_up(quota)
