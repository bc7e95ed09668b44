"""Two operators deciding one application at the same moment: exactly one wins, the other is told why.

Runs against PostgreSQL with real transactions (select_for_update actually blocks), in two threads.
"""
import threading

import pytest
from django.db import connection

from partnercenter.partners import services
from partnercenter.partners.models import RealNameApplication
from partnercenter.workflow.machine import TransitionNotAllowed
from partnercenter.workflow.models import TransitionLog
from tests.builders import realname_data
from tests.factories import OperatorFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_concurrent_approve_and_reject_exactly_one_succeeds(alice):
    assert connection.vendor == "postgresql"
    first, second = OperatorFactory(), OperatorFactory()
    application = services.realname_submit(partner=alice.partner, actor=alice, data=realname_data(alice.partner))
    barrier = threading.Barrier(2)
    outcomes = {}

    def decide(name, call):
        from django.db import connection as thread_connection

        try:
            barrier.wait(timeout=10)
            call()
            outcomes[name] = "ok"
        except TransitionNotAllowed as exc:
            outcomes[name] = str(exc)
        finally:
            thread_connection.close()

    threads = [
        threading.Thread(target=decide, args=("approve", lambda: services.realname_approve(
            application_id=application.pk, actor=first))),
        threading.Thread(target=decide, args=("reject", lambda: services.realname_reject(
            application_id=application.pk, actor=second, opinion="材料不全"))),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert sorted(outcomes) == ["approve", "reject"]
    winners = [name for name, outcome in outcomes.items() if outcome == "ok"]
    assert len(winners) == 1
    loser = "reject" if winners == ["approve"] else "approve"
    assert "当前状态为" in outcomes[loser]
    application.refresh_from_db()
    assert application.status == {"approve": "approved", "reject": "rejected"}[winners[0]]
    decisions = TransitionLog.objects.for_subject(application).filter(action__in=["approve", "reject"])
    assert decisions.count() == 1


def test_fifty_concurrent_approvals_leave_one_audit_row(alice):
    operator = OperatorFactory()
    application = services.realname_submit(partner=alice.partner, actor=alice, data=realname_data(alice.partner))
    barrier = threading.Barrier(10)
    successes = []

    def approve():
        from django.db import connection as thread_connection

        try:
            barrier.wait(timeout=10)
            for _ in range(5):
                try:
                    services.realname_approve(application_id=application.pk, actor=operator)
                    successes.append(1)
                except TransitionNotAllowed:
                    pass
        finally:
            thread_connection.close()

    threads = [threading.Thread(target=approve) for _ in range(10)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert len(successes) == 1
    assert RealNameApplication.objects.get(pk=application.pk).status == "approved"
    assert TransitionLog.objects.for_subject(application).filter(action="approve").count() == 1
