#!/usr/bin/env bash
# Back up the PartnerCenter database: a compressed custom-format dump (pg_dump -Fc) that pg_restore reads.
#
#   scripts/backup.sh [FILE]            FILE defaults to backups/partnercenter-YYYYmmdd-HHMMSS.dump
#
# Reads DATABASE_URL (postgres://user:pass@host:port/name). Uploaded documents live in MEDIA_ROOT (var/media
# by default): back that folder up with the dump (e.g. tar), they belong together.
set -euo pipefail
: "${DATABASE_URL:?set DATABASE_URL to the PostgreSQL database to back up}"
file="${1:-backups/partnercenter-$(date +%Y%m%d-%H%M%S).dump}"
mkdir -p "$(dirname "$file")"
pg_dump --format=custom --no-owner --no-privileges --file="$file" "$DATABASE_URL"
echo "$file"
