#!/usr/bin/env bash
# Restore a dump made by scripts/backup.sh into a database (created if missing; must be empty).
#
#   scripts/restore.sh FILE TARGET_DATABASE_URL
#
# Restore into a NEW database, check it (e.g. manage.py check / /readyz against it), then point DATABASE_URL
# at it; never restore over the live database in place.
set -euo pipefail
file="${1:?usage: scripts/restore.sh FILE TARGET_DATABASE_URL}"
target="${2:?usage: scripts/restore.sh FILE TARGET_DATABASE_URL}"
name="${target##*/}"
name="${name%%\?*}"
admin_url="${target%/*}/postgres"
if ! psql "$admin_url" -tAc "SELECT 1 FROM pg_database WHERE datname = '$name'" | grep -q 1; then
    psql "$admin_url" -q -c "CREATE DATABASE \"$name\""
fi
pg_restore --no-owner --no-privileges --exit-on-error --single-transaction --dbname="$target" "$file"
echo "restored $file into $name"
