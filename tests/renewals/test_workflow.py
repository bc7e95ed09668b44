"""Task statuses as a declared workflow, and 处理 (follow-up records) through the service."""
import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from partnercenter.workflow.selectors import timeline_for
from renewals import services
from renewals.models import FollowUp, RenewalTask
from tests.renewals.helpers import distributor_world, expiring_order, managed_customer, task_for

pytestmark = pytest.mark.django_db
S = RenewalTask.Status


def test_transition_graph_is_declared_whole():
    assert RenewalTask.workflow.graph() == {
        S.PENDING: {S.IN_PROGRESS, S.COMPLETED, S.TERMINATED},
        S.IN_PROGRESS: {S.COMPLETED, S.TERMINATED},
    }


@pytest.fixture
def task(alice, andy):
    customer = managed_customer(partner=alice.partner, manager=andy, main=alice)
    return task_for(expiring_order(customer=customer))


def record(task, actor, **kwargs):
    data = {"contact_method": "phone", "result": "considering", "note": "客户下周答复"}
    data.update(kwargs)
    return services.follow_up_record(task_id=task.pk, actor=actor, **data)


def test_first_follow_up_moves_the_task_to_in_progress(task, andy):
    next_day = timezone.localdate() + dt.timedelta(days=3)
    follow_up = record(task, andy, next_follow_up_on=next_day)
    task.refresh_from_db()
    assert task.status == S.IN_PROGRESS
    assert task.next_follow_up_on == next_day
    assert follow_up.actor_name == andy.display_name
    record(task, andy, result="will_renew")
    task.refresh_from_db()
    assert task.status == S.IN_PROGRESS
    assert FollowUp.objects.filter(task=task).count() == 2
    assert [e.action for e in timeline_for(task)] == ["create", "process", "follow_up"]


@pytest.mark.parametrize(("close_as", "status", "outcome"), [
    ("renewed", S.COMPLETED, RenewalTask.Outcome.RENEWED),
    ("partly_renewed", S.COMPLETED, RenewalTask.Outcome.PARTLY_RENEWED),
    ("lost", S.TERMINATED, RenewalTask.Outcome.LOST),
])
def test_closing_records_the_outcome(task, alice, close_as, status, outcome):
    record(task, alice, result="declined", close_as=close_as)
    task.refresh_from_db()
    assert (task.status, task.outcome) == (status, outcome)
    assert task.closed_at is not None
    with pytest.raises(ValidationError):
        record(task, alice)


def test_follow_up_date_cannot_be_in_the_past(task, andy):
    with pytest.raises(ValidationError) as exc:
        record(task, andy, next_follow_up_on=timezone.localdate() - dt.timedelta(days=1))
    assert "next_follow_up_on" in exc.value.error_dict


def test_other_roles_and_partners_cannot_process(task, bob):
    from partnercenter.partners.models import User
    from tests.factories import UserFactory

    finance = UserFactory(partner=task.partner, role=User.Role.FINANCE)
    for user in (bob, finance):
        with pytest.raises(PermissionDenied):
            record(task, user)


def test_distributor_handles_and_reseller_only_reads():
    world = distributor_world()
    task = task_for(world["order"])
    assert task.handler_partner() == world["distributor"]
    assert task.can_handle(world["dora"]) and not task.can_handle(world["rita"])
    with pytest.raises(PermissionDenied):
        record(task, world["rita"])
    record(task, world["dora"])
    task.refresh_from_db()
    assert task.status == S.IN_PROGRESS


def test_outcome_constraint_holds_in_the_database(task):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        RenewalTask.objects.filter(pk=task.pk).update(outcome=RenewalTask.Outcome.LOST)
