"""PostgreSQL threads: 申请编码 never repeats, and two tabs starting/submitting the same source make one request."""
import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from partnercenter.workflow.machine import TransitionNotAllowed
from payments import services
from payments.models import PaymentRequest

from .helpers import accepted_project

pytestmark = pytest.mark.django_db(transaction=True)
THREADS = 8


def run_together(work, count=THREADS):
    barrier = threading.Barrier(count)
    results, errors = [], []

    def target(i):
        try:
            barrier.wait()
            results.append(work(i))
        except (ValidationError, TransitionNotAllowed) as exc:
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=target, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results, errors


@pytest.fixture(autouse=True)
def postgres_only():
    if connection.vendor != "postgresql":
        pytest.skip("row locks are a PostgreSQL guarantee")


def test_codes_are_unique_under_concurrency(db):
    results, errors = run_together(lambda i: [services.next_code("PR", 2026) for _ in range(10)])
    codes = [code for batch in results for code in batch]
    assert not errors and len(codes) == THREADS * 10 == len(set(codes))
    assert sorted(codes) == [f"PR2026{n:06d}" for n in range(1, THREADS * 10 + 1)]


def test_two_tabs_start_and_submit_one_request(ready_partner, alice, operator):
    project = accepted_project(alice, operator)
    results, errors = run_together(lambda i: services.payment_request_start(
        kind="delivery_project", source_id=project.pk, actor=alice))
    assert not errors and len({request.pk for request, _created in results}) == 1
    assert [created for _r, created in results].count(True) == 1
    request = results[0][0]
    results, errors = run_together(lambda i: services.payment_request_submit(
        request_id=request.pk, actor=alice, payout_method="bank"))
    assert len(results) == 1 and len(errors) == THREADS - 1
    assert PaymentRequest.objects.count() == 1


def test_concurrent_reports_keep_one_project_per_customer_and_period(ready_partner, alice):
    from payments.models import DeliveryProject

    from .helpers import opportunity, project_data

    first = opportunity(ready_partner)
    others = [first] + [opportunity(ready_partner, customer=first.customer) for _ in range(THREADS - 1)]
    results, errors = run_together(lambda i: services.project_report(actor=alice, data=project_data(others[i])))
    assert len(results) == 1 and len(errors) == THREADS - 1
    assert DeliveryProject.objects.filter(customer=first.customer).count() == 1
