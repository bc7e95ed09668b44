#!/usr/bin/env bash
# `make bench`: small, bounded timings on the embedded stack (own SQLite file, no server needed).
#   1. `manage.py workdays add 2026-09-30 3`, 200 times in one process (call_command)
#   2. the home page rendered for alice through Django's test client, 200 times
# Prints mean / p50 / p95 per operation. Later issues add more cases here.
set -euo pipefail
cd "$(dirname "$0")/.."

export DJANGO_SETTINGS_MODULE=partnercenter.settings.local
export DJANGO_DEBUG=false  # DEBUG records every query; measure what production runs
export DATABASE_URL="${BENCH_DATABASE_URL:-sqlite:///$PWD/var/bench.sqlite3}"
export LOG_LEVEL=WARNING
ROUNDS="${BENCH_ROUNDS:-200}"

mkdir -p var
.venv/bin/python manage.py migrate --noinput -v 0
if .venv/bin/python manage.py help demo_data >/dev/null 2>&1; then
    .venv/bin/python manage.py demo_data >/dev/null
fi

.venv/bin/python - "$ROUNDS" <<'PY'
import io
import statistics
import sys
import time

import django

django.setup()

from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402

from partnercenter.partners.models import Partner, User  # noqa: E402

rounds = int(sys.argv[1])


def report(name, samples):
    samples_ms = sorted(s * 1000 for s in samples)
    p95 = samples_ms[max(0, int(len(samples_ms) * 0.95) - 1)]
    print(f"{name:<40} n={len(samples_ms):<4} mean={statistics.fmean(samples_ms):8.2f} ms  "
          f"p50={statistics.median(samples_ms):8.2f} ms  p95={p95:8.2f} ms  total={sum(samples_ms) / 1000:6.2f} s")


def timed(fn):
    samples = []
    for _ in range(rounds):
        start = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - start)
    return samples


out = io.StringIO()
answer = None


def workdays_add():
    global answer
    out.seek(0)
    out.truncate()
    call_command("workdays", "add", "2026-09-30", "3", stdout=out)
    answer = out.getvalue().strip()


report("workdays add 2026-09-30 3", timed(workdays_add))
print(f"{'':<40} answer: {answer}")

setup_test_environment()  # allows the 'testserver' host, locmem e-mail
user = User.objects.filter(username="alice").first()
if user is None:  # no demo data yet: a main account of a throw-away partner
    partner, _ = Partner.objects.get_or_create(name="基准测试伙伴有限公司")
    user, _ = User.objects.get_or_create(username="bench-alice",
                                         defaults={"full_name": "王丽", "partner": partner, "role": User.Role.MAIN})
client = Client()
client.force_login(user)
status = client.get("/").status_code
if status != 200:
    sys.exit(f"home page answered {status} for {user.username}")
report(f"GET / as {user.username} (test client)", timed(lambda: client.get("/")))
PY

# scripts/bench.d/incentives.py builds its own throwaway PostgreSQL database (pc_bench at 127.0.0.1:5432, 2M details /
# 5M consumption lines by default, ~8 min; BENCH_DETAILS / BENCH_CONSUMPTION / BENCH_GENERATION make it smaller).
# Each wing's own benchmark: scripts/bench.d/<name>.py, run in turn with the environment above. A script sets
# Django up itself, prints its table, and merges its keys into bench-results.json via scripts/bench.d/_results.py.
for script in scripts/bench.d/[!_]*.py; do
    [ -e "$script" ] || continue
    echo "== ${script#scripts/bench.d/}"
    .venv/bin/python "$script"
done
