"""Fifty concurrent approvals of one application on PostgreSQL threads: exactly one succeeds, one audit row;
two concurrent applications for one opportunity: exactly one is created."""
import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from incentives.opportunities import services
from incentives.opportunities.models import OpportunityApplication
from partnercenter.workflow.machine import TransitionNotAllowed
from partnercenter.workflow.models import TransitionLog
from tests.factories import OperatorFactory

from .helpers import opportunity, pdf, submitted

pytestmark = pytest.mark.django_db(transaction=True)


def _run(workers, target):
    threads = [threading.Thread(target=target, args=(i,)) for i in range(workers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)


def test_fifty_concurrent_approvals_one_wins(alice):
    assert connection.vendor == "postgresql"
    operator = OperatorFactory()
    application = submitted(alice)
    barrier = threading.Barrier(50)
    outcomes = []

    def approve(i):
        from django.db import connection as thread_connection

        try:
            barrier.wait(timeout=20)
            services.application_approve(application_id=application.pk, actor=operator,
                                         incentive_amount=f"{100 + i}.00")
            outcomes.append("ok")
        except TransitionNotAllowed as exc:
            outcomes.append(str(exc))
        finally:
            thread_connection.close()

    _run(50, approve)
    assert len(outcomes) == 50 and outcomes.count("ok") == 1
    assert all("当前状态为“激励公示待确认”" in o for o in outcomes if o != "ok")
    application.refresh_from_db()
    assert application.status == OpportunityApplication.Status.PUBLICITY
    assert TransitionLog.objects.for_subject(application).filter(action="approve").count() == 1


def test_two_concurrent_applications_for_one_opportunity(alice):
    opp = opportunity(alice.partner)
    barrier = threading.Barrier(2)
    outcomes = []

    def apply(i):
        from django.db import connection as thread_connection

        try:
            barrier.wait(timeout=10)
            services.application_create(opportunity_id=opp.pk, actor=alice, basis_amount="10.00",
                                        description=f"第{i}次", letters=[pdf()])
            outcomes.append("ok")
        except ValidationError as exc:
            outcomes.append(" ".join(exc.messages))
        finally:
            thread_connection.close()

    _run(2, apply)
    assert outcomes.count("ok") == 1
    assert any("不能重复申请" in o for o in outcomes)
    assert OpportunityApplication.objects.filter(opportunity=opp).count() == 1
