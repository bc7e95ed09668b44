"""Concurrent FH writes on PostgreSQL: overlapping generation runs make one list, a list is confirmed once, a member
becomes project specialist once."""
import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.utils import timezone

from incentives.fh import services
from incentives.fh.models import FhGenerationRun, MonthlyIncentive, MonthlyIncentiveLine, ProjectSpecialist
from partnercenter.workflow.machine import TransitionNotAllowed
from tests.fh.helpers import member, qualify, staffed, upload_all

pytestmark = pytest.mark.django_db(transaction=True)

THREADS = 6


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


@pytest.fixture(autouse=True)
def postgres_only():
    if connection.vendor != "postgresql":
        pytest.skip("row locks are a PostgreSQL guarantee")


def test_overlapping_generation_runs_make_exactly_one_list(alice, operator):
    staffed(alice, operator)
    month = timezone.localdate().replace(day=1)
    outcomes = run_together(lambda i: services.generation_run_start(month=month, trigger="test", inline=True))
    assert outcomes == ["ok"] * THREADS
    assert MonthlyIncentive.objects.count() == 1 and MonthlyIncentiveLine.objects.count() == 1
    runs = FhGenerationRun.objects.all()
    assert sum(r.lists_created for r in runs) == 1 and sum(r.lists_existing for r in runs) == THREADS - 1
    assert all(r.status == "succeeded" for r in runs)


def test_a_list_is_confirmed_once(alice, operator):
    staffed(alice, operator)
    services.generation_run_start(month=timezone.localdate().replace(day=1), inline=True)
    incentive = MonthlyIncentive.objects.get()
    upload_all(alice, incentive)
    outcomes = run_together(lambda i: services.incentive_confirm(actor=alice, incentive_id=incentive.pk))
    assert outcomes.count("ok") == 1 and outcomes.count("refused") == THREADS - 1


def test_a_member_becomes_project_specialist_once(alice, operator):
    qualify(alice, operator)
    person = member(alice.partner, "并发专员")
    outcomes = run_together(lambda i: services.specialist_add(actor=alice, person_id=person.pk, position=f"方向{i}"))
    assert outcomes.count("ok") == 1 and outcomes.count("refused") == THREADS - 1
    assert ProjectSpecialist.objects.count() == 1
