"""Batch-run metrics: rows and durations of the monthly jobs, read from each job's run ledger at scrape time.

A wing that keeps a run ledger (one row per run: status, started/finished time, rows written) registers it from
its AppConfig.ready():

    register_batch_job("incentives_generation", lambda: GenerationRun.objects.filter(dry_run=False),
                       rows=F("lines_added") + F("adjustments_added"))

This module imports no wing: the ledgers come in as callables, evaluated only when /metrics is scraped. Every
job is reported under the same metric names with a `job` label (one family per name, so the exposition stays
valid whatever the number of jobs):

* `partnercenter_batch_runs{job,status}` — runs in the ledger by status (running / succeeded / failed);
* `partnercenter_batch_run_rows_total{job}` — rows written by all finished runs of the job;
* `partnercenter_batch_run_last_rows{job}` — rows written by the last finished run;
* `partnercenter_batch_run_seconds{job}` — wall time of the last finished run (first enqueue to last partner);
* `partnercenter_batch_run_last_success{job}` — 1 when the last finished run succeeded, else 0;
* `partnercenter_batch_run_last_finished_timestamp_seconds{job}` — when it finished (alert on "no run this
  month");
* `partnercenter_batch_run_running_seconds{job}` — age of the oldest run still running (alert on a stuck run).
"""
import logging
from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Count, Expression, F, Sum
from django.utils import timezone
from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily

from .metrics import register_collector

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class BatchJob:
    name: str
    runs: Callable  # () -> QuerySet of the ledger rows that count (e.g. without dry runs)
    rows: Expression  # rows written by one run, as an expression over the ledger row
    status_field: str = "status"
    running: str = "running"
    succeeded: str = "succeeded"
    failed: str = "failed"
    started_field: str = "started_at"
    finished_field: str = "finished_at"


JOBS: dict[str, BatchJob] = {}


def register_batch_job(name: str, runs: Callable, *, rows: Expression | str, **fields) -> BatchJob:
    """Report the run ledger `runs()` as job `name`. Registering a name twice replaces it (idempotent ready())."""
    job = BatchJob(name=name, runs=runs, rows=F(rows) if isinstance(rows, str) else rows, **fields)
    JOBS[name] = job
    return job


@dataclass(frozen=True)
class Snapshot:
    by_status: dict
    rows_total: int
    last_rows: int | None
    last_seconds: float | None
    last_success: bool | None
    last_finished: float | None  # unix time
    running_seconds: float | None


def snapshot(job: BatchJob) -> Snapshot:
    """The job's ledger summed up in three queries (the ledger has one row per run: a few a month)."""
    runs = job.runs()
    by_status = dict(runs.order_by().values_list(job.status_field).annotate(n=Count("pk")).values_list(
        job.status_field, "n"))
    finished = runs.filter(**{f"{job.finished_field}__isnull": False})
    rows_total = finished.aggregate(total=Sum(job.rows))["total"] or 0
    last = (finished.annotate(_rows=job.rows)
            .order_by(f"-{job.finished_field}", "-pk")
            .values(job.status_field, job.started_field, job.finished_field, "_rows").first())
    oldest_running = (runs.filter(**{job.status_field: job.running}).order_by(job.started_field)
                      .values_list(job.started_field, flat=True).first())
    now = timezone.now()
    return Snapshot(
        by_status=by_status,
        rows_total=int(rows_total),
        last_rows=None if last is None else int(last["_rows"] or 0),
        last_seconds=None if last is None else (last[job.finished_field] - last[job.started_field]).total_seconds(),
        last_success=None if last is None else last[job.status_field] == job.succeeded,
        last_finished=None if last is None else last[job.finished_field].timestamp(),
        running_seconds=None if oldest_running is None else (now - oldest_running).total_seconds(),
    )


def collect_batch_runs():
    runs = GaugeMetricFamily("partnercenter_batch_runs", "Monthly batch runs in the ledger, by status",
                             labels=["job", "status"])
    rows_total = CounterMetricFamily("partnercenter_batch_run_rows", "Rows written by all finished runs of a job",
                                     labels=["job"])
    last_rows = GaugeMetricFamily("partnercenter_batch_run_last_rows", "Rows written by the last finished run",
                                  labels=["job"])
    seconds = GaugeMetricFamily("partnercenter_batch_run_seconds", "Wall time of the last finished run",
                                labels=["job"])
    success = GaugeMetricFamily("partnercenter_batch_run_last_success",
                                "1 when the last finished run succeeded, else 0", labels=["job"])
    finished = GaugeMetricFamily("partnercenter_batch_run_last_finished_timestamp_seconds",
                                 "Unix time the last finished run ended", labels=["job"])
    running = GaugeMetricFamily("partnercenter_batch_run_running_seconds",
                                "Age of the oldest run still running", labels=["job"])
    for name, job in sorted(JOBS.items()):
        try:
            snap = snapshot(job)
        except Exception:  # noqa: BLE001 - a scrape reports what it can (e.g. a table not migrated yet)
            logger.warning("batch-run metrics of %s unavailable", name, exc_info=True)
            continue
        for status in sorted({job.running, job.succeeded, job.failed, *snap.by_status}):
            runs.add_metric([name, status], snap.by_status.get(status, 0))
        rows_total.add_metric([name], snap.rows_total)
        if snap.last_rows is not None:
            last_rows.add_metric([name], snap.last_rows)
            seconds.add_metric([name], snap.last_seconds)
            success.add_metric([name], 1 if snap.last_success else 0)
            finished.add_metric([name], snap.last_finished)
        running.add_metric([name], snap.running_seconds or 0)
    yield from (runs, rows_total, last_rows, seconds, success, finished, running)


register_collector(collect_batch_runs)
