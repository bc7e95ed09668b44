"""Two people closing the same task at once: the row lock lets exactly one of them do it."""
import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from renewals import services
from renewals.models import FollowUp, RenewalTask
from tests.renewals.helpers import expiring_order, managed_customer, task_for

pytestmark = pytest.mark.django_db(transaction=True)


def test_concurrent_closing_succeeds_once(alice, andy):
    task = task_for(expiring_order(customer=managed_customer(partner=alice.partner, manager=andy, main=alice)))
    barrier = threading.Barrier(2)
    outcomes = []

    def close(actor, close_as):
        try:
            barrier.wait()
            services.follow_up_record(task_id=task.pk, actor=actor, contact_method="phone", result="declined",
                                      close_as=close_as)
            outcomes.append("ok")
        except ValidationError:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=close, args=(alice, "lost")),
               threading.Thread(target=close, args=(andy, "renewed"))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["ok", "refused"]
    task.refresh_from_db()
    assert task.status in (RenewalTask.Status.COMPLETED, RenewalTask.Status.TERMINATED)
    assert FollowUp.objects.filter(task=task).count() == 1
