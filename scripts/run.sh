#!/usr/bin/env bash
# `make run`: prepare the database, load the demo data, then run web + Celery worker + Celery beat
# in the foreground. Ctrl-C (or any of the three exiting) stops all of them.
#
# Embedded mode by default (SQLite under var/, kombu filesystem broker under var/celery/, console e-mail).
# DATABASE_URL / REDIS_URL / ADDR / PORT from the environment are passed through.
set -euo pipefail
cd "$(dirname "$0")/.."

export DJANGO_SETTINGS_MODULE="${DJANGO_SETTINGS_MODULE:-partnercenter.settings.local}"
export PYTHONUNBUFFERED=1
BIN=.venv/bin
ADDR="${ADDR:-127.0.0.1}"
PORT="${PORT:-8000}"

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }

say "database: ${DATABASE_URL:-SQLite var/partnercenter.sqlite3}; broker: ${REDIS_URL:-filesystem var/celery/}"
$BIN/python manage.py migrate --noinput

if command -v msgfmt >/dev/null 2>&1 && [ -d locale ]; then
    $BIN/python manage.py compilemessages --ignore=.venv >/dev/null
fi

# demo_data is idempotent: it creates the demo partners and accounts once.
if $BIN/python manage.py help demo_data >/dev/null 2>&1; then
    say "loading demo data"
    $BIN/python manage.py demo_data
else
    say "WARNING: manage.py demo_data is not available yet; no demo accounts were created"
fi

# Each child gets its own process group (job control), so Ctrl-C reaches only this script and the
# trap can stop every process of every child (runserver's autoreloader, Celery's pool) by group.
set -m
pids=()
stop() {
    trap - INT TERM EXIT
    say "stopping"
    # SIGINT to each group is what Ctrl-C in a terminal would do: Celery warm-shuts down, runserver quits.
    for pid in "${pids[@]}"; do kill -INT -- "-$pid" 2>/dev/null || true; done
    for _ in $(seq 1 50); do
        alive=0
        for pid in "${pids[@]}"; do kill -0 "$pid" 2>/dev/null && alive=1; done
        [ "$alive" -eq 0 ] && break
        sleep 0.2
    done
    for pid in "${pids[@]}"; do kill -KILL -- "-$pid" 2>/dev/null || true; done
}
trap stop EXIT
trap 'stop; exit 130' INT TERM

$BIN/python manage.py runserver "$ADDR:$PORT" </dev/null &
pids+=($!)
$BIN/celery -A partnercenter worker -l info --concurrency 2 </dev/null &
pids+=($!)
$BIN/celery -A partnercenter beat -l info </dev/null &
pids+=($!)

sleep 2
cat <<EOF

  PartnerCenter is running:  http://$ADDR:$PORT/      (admin: http://$ADDR:$PORT/admin/)

  Demo accounts (password: partnercenter-demo)
    alice     partner A (甲), main account
    andy      partner A, customer manager
    bob       partner B (乙), main account
    dora      master distributor, main account
    rita      cloud reseller, main account
    operator  vendor operator (admin access)

  Ctrl-C stops the web server, the Celery worker and beat.

EOF

# Stop everything as soon as one of the three exits (e.g. the port is taken).
set +e
wait -n "${pids[@]}"
rc=$?
say "a process exited (status $rc)"
exit "$rc"
