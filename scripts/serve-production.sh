#!/usr/bin/env bash
# Serve PartnerCenter with production settings on loopback, against a throwaway PostgreSQL database filled
# with the demo data — for `make loadtest` and `make audit`. Sourced by those scripts, not run by itself.
#
# Sets: PC_URL (base URL), PC_COOKIE (alice's session cookie header), PC_PID (gunicorn pid), PC_DB_URL.
# Call pc_stop when done.
set -euo pipefail
BIN=.venv/bin
PC_PORT="${PC_PORT:-8099}"
PC_DB="${PC_DB:-partnercenter_loadcheck}"
PG_BASE="${PG_BASE:-postgres://postgres@127.0.0.1:5432}"
PC_DB_URL="$PG_BASE/$PC_DB"
PC_URL="http://127.0.0.1:$PC_PORT"
RUN_DIR="$(mktemp -d)"

psql "$PG_BASE/postgres" -q -c "DROP DATABASE IF EXISTS $PC_DB" -c "CREATE DATABASE $PC_DB"
export DATABASE_URL="$PC_DB_URL" REDIS_URL="${REDIS_URL:-redis://127.0.0.1:6379/7}"
DJANGO_SETTINGS_MODULE=partnercenter.settings.local $BIN/python manage.py migrate -v0
DJANGO_SETTINGS_MODULE=partnercenter.settings.local $BIN/python manage.py demo_data -v0

export DJANGO_SETTINGS_MODULE=partnercenter.settings.production
export SECRET_KEY="$($BIN/python -c 'import secrets; print(secrets.token_urlsafe(50))')"
export ALLOWED_HOSTS=127.0.0.1 SECURE_SSL_REDIRECT=false SECURE_COOKIES=false STATIC_ROOT="$RUN_DIR/static"
export LOG_LEVEL=WARNING AXES_FAILURE_LIMIT=1000
$BIN/python manage.py collectstatic --noinput -v0
$BIN/gunicorn partnercenter.wsgi -w 2 -b "127.0.0.1:$PC_PORT" --log-level warning \
    --pid "$RUN_DIR/gunicorn.pid" >"$RUN_DIR/gunicorn.log" 2>&1 &
PC_PID=$!
for _ in $(seq 1 60); do curl -sf -o /dev/null "$PC_URL/healthz" && break; sleep 0.5; done

# Log in as alice through the real form; keep the session cookie for the load tool.
JAR="$RUN_DIR/cookies"
curl -s -c "$JAR" -b "$JAR" -o /dev/null "$PC_URL/accounts/login/"
CSRF=$(awk '$6 == "csrftoken" {print $7}' "$JAR")
curl -s -c "$JAR" -b "$JAR" -o /dev/null -H "Referer: $PC_URL/accounts/login/" \
    --data-urlencode "csrfmiddlewaretoken=$CSRF" --data-urlencode "username=${PC_USER:-alice}" \
    --data-urlencode "password=partnercenter-demo" "$PC_URL/accounts/login/"
SESSION=$(awk '$6 == "sessionid" {print $7}' "$JAR")
[ -n "$SESSION" ] || { echo "could not log in" >&2; cat "$RUN_DIR/gunicorn.log" >&2; exit 1; }
PC_COOKIE="sessionid=$SESSION; csrftoken=$CSRF"

pc_stop() {
    kill "$PC_PID" 2>/dev/null || true
    wait "$PC_PID" 2>/dev/null || true
    psql "$PG_BASE/postgres" -q -c "DROP DATABASE IF EXISTS $PC_DB" || true
    rm -rf "$RUN_DIR"
}
