"""Prometheus metrics at /metrics (staff session or `Authorization: Bearer $METRICS_TOKEN`; never public).

* web: request latency by view and method, responses by status — per process, from the middleware;
* Celery: task counts by name and state, durations, failures — counted by the workers in Redis (shared by every
  worker on every host), read at scrape time; without Redis (embedded mode) they are not available;
* queue depth of the Celery queues (Redis `LLEN`), open and overdue working-day deadlines (SQL at scrape time).
Wings add their own gauges with `register_collector(callable)` (e.g. batch-run rows and durations).
"""
import logging
import time
from collections.abc import Callable

from django.conf import settings
from django.http import HttpResponse, HttpResponseForbidden
from django.utils import timezone
from django.utils.crypto import constant_time_compare
from django.views.decorators.cache import never_cache
from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, Counter, Histogram, generate_latest
from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily

logger = logging.getLogger(__name__)
REGISTRY = CollectorRegistry(auto_describe=True)
REQUEST_LATENCY = Histogram(
    "partnercenter_request_seconds", "Request latency by view", ["view", "method"], registry=REGISTRY,
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10),
)
RESPONSES = Counter("partnercenter_responses_total", "Responses by view and status", ["view", "status"],
                    registry=REGISTRY)
TASK_KEY = "partnercenter:metrics:tasks"
EXTRA_COLLECTORS: list[Callable] = []


def register_collector(collect: Callable) -> Callable:
    """`collect()` yields prometheus_client metric families; called at every scrape."""
    EXTRA_COLLECTORS.append(collect)
    return collect


class MetricsMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        started = time.perf_counter()
        response = self.get_response(request)
        match = getattr(request, "resolver_match", None)
        view = match.view_name if match and match.view_name else "unmatched"
        REQUEST_LATENCY.labels(view=view, method=request.method).observe(time.perf_counter() - started)
        RESPONSES.labels(view=view, status=str(response.status_code)).inc()
        return response


def _redis():
    if not settings.REDIS_URL:
        return None
    import redis

    return redis.Redis.from_url(settings.CELERY_BROKER_URL, socket_timeout=1)


def record_task(name: str, state: str, seconds: float | None) -> None:
    """Called by the worker's task signals: counters in one Redis hash, shared by all workers."""
    client = _redis()
    if client is None:
        return
    try:
        pipe = client.pipeline()
        pipe.hincrby(TASK_KEY, f"{name}|{state}|count", 1)
        if seconds is not None:
            pipe.hincrbyfloat(TASK_KEY, f"{name}|{state}|seconds", seconds)
        pipe.execute()
    except Exception:  # noqa: BLE001 - metrics must never fail a task
        logger.debug("could not record task metrics", exc_info=True)


class PlatformCollector:
    def describe(self):
        # Nothing to describe up front: collecting needs the database, which is not ready at import time.
        return []

    def collect(self):
        yield from _task_metrics()
        yield from _queue_depth()
        yield from _deadline_metrics()
        for collect in EXTRA_COLLECTORS:
            yield from collect()


def _task_metrics():
    client = _redis()
    if client is None:
        return
    counts = CounterMetricFamily("partnercenter_celery_tasks", "Celery tasks finished, by task and state",
                                 labels=["task", "state"])
    seconds = CounterMetricFamily("partnercenter_celery_task_seconds", "Time spent in Celery tasks",
                                  labels=["task", "state"])
    try:
        raw = client.hgetall(TASK_KEY)
    except Exception:  # noqa: BLE001 - a scrape reports what it can
        return
    for key, value in raw.items():
        name, state, kind = key.decode().split("|")
        (counts if kind == "count" else seconds).add_metric([name, state], float(value))
    yield counts
    yield seconds


def _queue_depth():
    client = _redis()
    if client is None:
        return
    gauge = GaugeMetricFamily("partnercenter_celery_queue_depth", "Messages waiting in a Celery queue",
                              labels=["queue"])
    try:
        gauge.add_metric(["celery"], client.llen("celery"))
    except Exception:  # noqa: BLE001
        return
    yield gauge


def _deadline_metrics():
    from partnercenter.workflow.models import Deadline

    today = timezone.localdate()
    open_deadlines = GaugeMetricFamily("partnercenter_deadlines_open", "Open working-day deadlines",
                                       labels=["owner", "kind"])
    overdue = GaugeMetricFamily("partnercenter_deadlines_overdue", "Open deadlines past their due day",
                                labels=["owner", "kind"])
    from django.db.models import Count, Q

    rows = (Deadline.objects.open().values("owner", "kind")
            .annotate(total=Count("pk"), late=Count("pk", filter=Q(due_on__lt=today))))
    for row in rows:
        open_deadlines.add_metric([row["owner"], row["kind"]], row["total"])
        overdue.add_metric([row["owner"], row["kind"]], row["late"])
    yield open_deadlines
    yield overdue


REGISTRY.register(PlatformCollector())


def _allowed(request) -> bool:
    token = getattr(settings, "METRICS_TOKEN", "")
    header = request.headers.get("Authorization", "")
    if token and header.startswith("Bearer ") and constant_time_compare(header[7:], token):
        return True
    return bool(request.user.is_authenticated and request.user.is_staff)


@never_cache
def metrics_view(request):
    if not _allowed(request):
        return HttpResponseForbidden("metrics are not public")
    return HttpResponse(generate_latest(REGISTRY), content_type=CONTENT_TYPE_LATEST)


def attach_to_celery(app) -> None:
    from celery.signals import task_postrun, task_prerun

    started = {}

    @task_prerun.connect(weak=False)
    def _start(task_id=None, **kwargs):
        started[task_id] = time.perf_counter()

    # postrun's state is SUCCESS, FAILURE or RETRY: one counter per outcome, no double counting.
    @task_postrun.connect(weak=False)
    def _finish(task_id=None, task=None, state=None, **kwargs):
        began = started.pop(task_id, None)
        record_task(task.name, (state or "UNKNOWN").lower(), None if began is None else time.perf_counter() - began)
