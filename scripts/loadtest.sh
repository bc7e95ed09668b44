#!/usr/bin/env bash
# make loadtest: drive the main partner pages with `hey` (Debian) against gunicorn (2 workers, production
# settings) on loopback; 8 concurrent clients for a bounded time per page; print p50/p95/p99 and errors.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v hey >/dev/null || { [ "$(id -u)" -eq 0 ] && apt-get install -y -qq hey >/dev/null; }
DURATION="${LOADTEST_SECONDS:-8}s"
CONCURRENCY="${LOADTEST_CLIENTS:-8}"
source scripts/serve-production.sh
trap pc_stop EXIT

CUSTOMER_ID=$(psql "$PC_DB_URL" -tAc "SELECT c.id FROM partners_customer c JOIN partners_user u ON u.partner_id = c.partner_id WHERE u.username = '${PC_USER:-alice}' ORDER BY c.id LIMIT 1")
# 激励明细: the user's latest period, the status of its first line (so the filtered page is never empty).
read -r PERIOD STATUS DETAIL_ID < <(psql "$PC_DB_URL" -tA -F ' ' -c "SELECT to_char(d.period, 'YYYYMM'), d.status, d.id FROM incentives_incentivedetail d JOIN partners_user u ON u.partner_id = d.partner_id WHERE u.username = '${PC_USER:-alice}' ORDER BY d.period DESC, d.id LIMIT 1")
[ -n "${DETAIL_ID:-}" ] || { echo "no incentive details in the demo data for ${PC_USER:-alice}" >&2; exit 1; }
PAGES=(
    "home|/"
    "incentive details (period+status)|/incentives/management/details/?period=$PERIOD&status=$STATUS"
    "incentive details (search, sort)|/incentives/management/details/?customer_name=%E5%85%AC%E5%8F%B8&sort=-amount"
    "incentive detail|/incentives/management/details/$DETAIL_ID/"
    "incentive export (CSV, period)|/incentives/management/details/export/?period=$PERIOD"
    "reconciliation bills|/incentives/management/"
    "customers (filtered)|/partner/customers/?assignment=assigned&q=%E6%9D%AD%E5%B7%9E"
    "customers page 2|/partner/customers/?page=2"
    "customer detail|/partner/customers/$CUSTOMER_ID/"
    "customer export (CSV)|/partner/customers/export/"
    "business info|/partner/business-info/"
    "notifications|/notifications/"
)
# Wings add their pages here as they land (e.g. incentive details with filters, a detail, an export).
[ -f scripts/loadtest-pages.sh ] && source scripts/loadtest-pages.sh

printf '\n%-36s %8s %8s %8s %8s %8s %8s\n' page requests "req/s" "p50 ms" "p95 ms" "p99 ms" errors
results="["
for entry in "${PAGES[@]}"; do
    name="${entry%%|*}"; path="${entry#*|}"
    summary=$(hey -z "$DURATION" -c "$CONCURRENCY" -H "Cookie: $PC_COOKIE" "$PC_URL$path" | $BIN/python scripts/hey_summary.py)
    $BIN/python - "$name" "$summary" <<'PY'
import json, sys
name, row = sys.argv[1], json.loads(sys.argv[2])
print(f"{name:<36} {row['requests']:>8} {row['rps']:>8} {row['p50_ms']:>8} {row['p95_ms']:>8} {row['p99_ms']:>8} {row['errors']:>8}")
PY
    results+="{\"page\": \"$name\", \"path\": \"$path\", \"result\": $summary},"
done
mkdir -p var
echo "${results%,}]" > var/loadtest-results.json
echo
echo "gunicorn -w 2, production settings, $CONCURRENCY clients, $DURATION per page; results in var/loadtest-results.json"
