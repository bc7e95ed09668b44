"""A real Celery worker process for tests marked `worker`.

The worker runs the project's code against the *test* database pytest-django created and the test Redis, so a
task sent with .delay() crosses a real broker, runs in another process and reports through the result backend.
Tests using it must be `django_db(transaction=True)`: the worker only sees committed rows.
"""
import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path
from urllib.parse import quote

import pytest

from partnercenter.celery import app as celery_app

ROOT = Path(__file__).resolve().parents[2]
READY_TIMEOUT = 60  # seconds; a cold start on the 2-core box takes ~5 s


def database_url(settings_dict) -> str:
    user = quote(settings_dict.get("USER") or "", safe="")
    password = quote(settings_dict.get("PASSWORD") or "", safe="")
    auth = f"{user}:{password}@" if password else (f"{user}@" if user else "")
    host = settings_dict.get("HOST") or "127.0.0.1"
    port = settings_dict.get("PORT") or 5432
    return f"postgres://{auth}{host}:{port}/{quote(settings_dict['NAME'], safe='')}"


def _log_tail(path: Path, lines: int = 40) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no worker log)"


@pytest.fixture(scope="session")
def celery_worker_process(django_db_setup, django_db_blocker, tmp_path_factory):
    """Start `celery worker` once per session; yields its node name. Stopped (SIGTERM, then SIGKILL) at the end."""
    from django.conf import settings
    from django.db import connection

    with django_db_blocker.unblock():
        test_db = dict(connection.settings_dict)  # NAME is now the test database (test_…)
    if connection.vendor != "postgresql":
        pytest.skip("the worker tests need PostgreSQL (a second process must reach the test database)")

    node = f"pc-test-{uuid.uuid4().hex[:8]}@%h"
    log = tmp_path_factory.mktemp("celery") / "worker.log"
    env = {
        **{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"},  # the browser tests' switch
        "DJANGO_SETTINGS_MODULE": "partnercenter.settings.test",
        "DATABASE_URL": database_url(test_db),
        "REDIS_URL": settings.REDIS_URL,
        "CELERY_TASK_ALWAYS_EAGER": "false",
        "PYTHONUNBUFFERED": "1",
    }
    # Leftovers of an earlier, interrupted run must not be executed against this database.
    celery_app.control.purge()

    cmd = [sys.executable, "-m", "celery", "-A", "partnercenter", "worker", "-l", "info", "-P", "solo",
           "--concurrency", "1", "-n", node, "--without-gossip", "--without-mingle", "--without-heartbeat"]
    with log.open("wb") as out:
        proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=out,  # noqa: S603 - fixed arguments
                                stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    hostname = node.replace("%h", os.uname().nodename)
    try:
        deadline = time.monotonic() + READY_TIMEOUT
        while True:
            if proc.poll() is not None:
                pytest.fail(f"celery worker exited with {proc.returncode}:\n{_log_tail(log)}")
            if celery_app.control.ping(destination=[hostname], timeout=0.5):
                break
            if time.monotonic() > deadline:
                pytest.fail(f"celery worker not ready after {READY_TIMEOUT} s:\n{_log_tail(log)}")
        yield hostname
    finally:
        if proc.poll() is None:
            proc.send_signal(signal.SIGTERM)  # warm shutdown: finish the current task
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(timeout=5)


@pytest.fixture
def real_celery(celery_worker_process):
    """Send tasks to the real worker instead of running them inline (test settings are eager)."""
    previous = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = False
    try:
        yield celery_worker_process
    finally:
        celery_app.conf.task_always_eager = previous
