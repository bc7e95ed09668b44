#!/usr/bin/env bash
# Make sure the Debian packages and local services the test suite needs are present and running.
#
# * installs missing Debian packages with apt-get (only as root; `apt-get update` only when something is missing)
# * lets the `postgres` role connect over 127.0.0.1 without a password (test databases only)
# * starts PostgreSQL and Redis when they do not answer
#
# Safe to run repeatedly; does nothing when everything is already there.
set -euo pipefail

PACKAGES=(
    chromium fonts-noto-cjk poppler-utils
    libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fontconfig
    gettext postgresql redis-server make
)
# The Makefile falls back to Debian's python3 (3.11 on bookworm) when there is no python3.11; its venv
# module lives in a separate package.
if ! command -v python3.11 >/dev/null 2>&1; then
    PACKAGES+=(python3-venv)
fi

log() { printf '[system-deps] %s\n' "$*" >&2; }

is_root() { [ "$(id -u)" -eq 0 ]; }

missing=()
for pkg in "${PACKAGES[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
        missing+=("$pkg")
    fi
done

if [ "${#missing[@]}" -gt 0 ]; then
    if is_root; then
        log "installing: ${missing[*]}"
        export DEBIAN_FRONTEND=noninteractive
        apt-get update -qq
        apt-get install -y -qq "${missing[@]}" >/dev/null
    else
        log "missing Debian packages (run as root or install them): ${missing[*]}"
    fi
fi

# --- PostgreSQL -----------------------------------------------------------------------------------------
pg_up() { pg_isready -q -h 127.0.0.1 -p 5432 >/dev/null 2>&1; }

if ! pg_up; then
    if is_root && [ -d /etc/postgresql ]; then
        version="$(ls /etc/postgresql | sort -V | tail -n 1)"
        if [ -n "$version" ] && [ ! -d "/etc/postgresql/$version/main" ]; then
            log "creating PostgreSQL cluster $version/main"
            pg_createcluster "$version" main >/dev/null
        fi
        log "starting PostgreSQL $version/main"
        pg_ctlcluster --skip-systemctl-redirect "$version" main start
        for _ in $(seq 1 30); do pg_up && break; sleep 0.5; done
    fi
fi
if ! pg_up; then
    log "PostgreSQL does not answer on 127.0.0.1:5432"
    exit 1
fi

# The test settings connect as postgres@127.0.0.1 without a password. Debian's default pg_hba.conf asks
# for one over TCP; on a throw-away CI/dev machine trust loopback instead (only if the login fails).
if ! psql -h 127.0.0.1 -U postgres -w -d postgres -Atqc 'SELECT 1' >/dev/null 2>&1; then
    if is_root; then
        hba="$(su postgres -c "psql -Atqc 'SHOW hba_file'")"
        log "allowing passwordless loopback logins in $hba"
        tmp="$(mktemp)"
        {
            echo "# added by scripts/ensure-system-deps.sh (test machine): trust loopback"
            echo "host all all 127.0.0.1/32 trust"
            echo "host all all ::1/128 trust"
            cat "$hba"
        } >"$tmp"
        cat "$tmp" >"$hba"
        rm -f "$tmp"
        su postgres -c "psql -Atqc 'SELECT pg_reload_conf()'" >/dev/null
        sleep 0.5
    fi
    if ! psql -h 127.0.0.1 -U postgres -w -d postgres -Atqc 'SELECT 1' >/dev/null 2>&1; then
        log "cannot log in to PostgreSQL as postgres@127.0.0.1 (set DATABASE_URL to a role with CREATEDB)"
    fi
fi

# --- Redis ----------------------------------------------------------------------------------------------
redis_up() { [ "$(redis-cli -h 127.0.0.1 -p 6379 ping 2>/dev/null)" = "PONG" ]; }

if ! redis_up; then
    log "starting Redis on 127.0.0.1:6379"
    mkdir -p /var/lib/redis /var/log/redis
    redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no \
        --dir /var/lib/redis --logfile /var/log/redis/ci.log
    for _ in $(seq 1 30); do redis_up && break; sleep 0.2; done
fi
if ! redis_up; then
    log "Redis does not answer on 127.0.0.1:6379"
    exit 1
fi
log "ok: packages present, PostgreSQL and Redis answering"
