"""The web process's garbage-collection tuning (partnercenter.gc_tuning): thresholds raised at start, everything
loaded frozen once after the first request, reference cycles still collected."""
import gc
import weakref

import pytest

from partnercenter import gc_tuning


@pytest.fixture
def restore_gc():
    thresholds = gc.get_threshold()
    yield
    gc.set_threshold(*thresholds)
    gc.unfreeze()


@pytest.mark.django_db
def test_frozen_after_the_first_request_only_and_cycles_still_collected(restore_gc, client):
    gc.unfreeze()
    gc_tuning.tune()
    assert gc.get_threshold() == gc_tuning.THRESHOLDS
    assert gc.get_freeze_count() == 0
    client.get("/healthz")
    frozen = gc.get_freeze_count()
    assert frozen > 10_000
    client.get("/healthz")
    assert gc.get_freeze_count() <= frozen  # frozen once (frozen objects freed since leave the count)

    class Node:
        pass

    a, b = Node(), Node()
    a.other, b.other = b, a
    ref = weakref.ref(a)
    del a, b
    gc.collect()
    assert ref() is None
