# ruff: noqa: S310, S603, S607, S608 — a local benchmark: fixed commands, loopback URLs, our own numbers in SQL
"""激励明细 at volume (issue #3): a throwaway PostgreSQL database with BENCH_DETAILS incentive lines and
BENCH_CONSUMPTION consumption lines, built in bulk with generate_series; then

* the 激励明细 page of the largest partner (period + status filter) through gunicorn with production settings
  and a logged-in session, driven by `hey` at 1 and 4 clients; the admin changelist of the same lines at 4;
* EXPLAIN ANALYZE of the page's main query; its SQL with totals vs with a bounded count only; a page ≥ 1,000 deep
  vs the first; queries per list request (constant in N);
* set-based monthly generation of BENCH_GENERATION new lines (rows/s), compared with a hand-written raw
  INSERT … SELECT doing the same joins and arithmetic; and the rerun (must add 0 rows).

Needs PostgreSQL at BENCH_PG (default postgres://postgres@127.0.0.1:5432, trust auth) and `hey` (Debian).
Keys are merged into bench-results.json via _results.record().
"""
import datetime as dt
import http.cookiejar
import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

PG = os.environ.get("BENCH_PG", "postgres://postgres@127.0.0.1:5432")
DB = os.environ.get("BENCH_DB", "pc_bench")
DETAILS = int(os.environ.get("BENCH_DETAILS", "2000000"))
CONSUMPTION = int(os.environ.get("BENCH_CONSUMPTION", "5000000"))
GENERATION = int(os.environ.get("BENCH_GENERATION", "200000"))
PARTNERS = int(os.environ.get("BENCH_PARTNERS", "5"))
BIG_SHARE = float(os.environ.get("BENCH_BIG_SHARE", "0.3"))  # share of the lines owned by the largest partner
HEY_N = int(os.environ.get("BENCH_HEY_REQUESTS", "200"))
PERIODS = 12  # the details span the last 12 periods before the generated one
GEN_PERIOD = dt.date(2026, 10, 1)
PASSWORD = "bench-" + secrets.token_hex(8)

os.environ["DATABASE_URL"] = f"{PG}/{DB}"
os.environ.setdefault("REDIS_URL", "redis://127.0.0.1:6379/4")
os.environ["DJANGO_SETTINGS_MODULE"] = "partnercenter.settings.local"
os.environ["DJANGO_DEBUG"] = "false"


def psql(db, sql):
    subprocess.run(["psql", f"{PG}/{db}", "-q", "-v", "ON_ERROR_STOP=1", "-c", sql], check=True,
                   stdout=subprocess.DEVNULL)


def periods():
    out, index = [], GEN_PERIOD.year * 12 + GEN_PERIOD.month - 1
    for back in range(PERIODS, 0, -1):
        i = index - back
        out.append(dt.date(i // 12, i % 12 + 1, 1))
    return out


def build():
    """Schema by migrate; partners/users/products by the ORM; customers, consumption, bills, details in bulk SQL."""
    psql("postgres", f"DROP DATABASE IF EXISTS {DB}")
    psql("postgres", f"CREATE DATABASE {DB}")
    env = dict(os.environ)
    subprocess.run([sys.executable, "manage.py", "migrate", "--noinput", "-v0"], cwd=ROOT, env=env, check=True)
    import django

    django.setup()
    from django.db import connection

    from incentives.models import IncentivePolicy, ReconciliationBill
    from partnercenter.partners.models import Partner, Product, ServiceType, User

    partners = [Partner.objects.create(name=f"基准伙伴{i}有限公司", domain_id=f"bench{i:04d}",
                                       credit_code=f"91110000BENCH{i:05d}") for i in range(PARTNERS)]
    big = partners[0]
    user = User.objects.create(username="bench-main", full_name="基准主账号", partner=big, role=User.Role.MAIN)
    user.set_password(PASSWORD)
    user.save()
    admin = User.objects.create(username="bench-admin", is_staff=True, is_superuser=True)
    admin.set_password(PASSWORD)
    admin.save()
    types = [ServiceType.objects.get_or_create(code=f"bench-{i}", defaults={"name": name})[0]
             for i, name in enumerate(("计算", "存储", "网络", "数据库"))]
    products = [Product.objects.create(code=f"bench-{i:03d}", name=f"基准产品{i}", service_type=types[i % 4])
                for i in range(40)]
    IncentivePolicy.objects.create(name="基准通用", rate="0.0500", effective_from=dt.date(2020, 1, 1))
    IncentivePolicy.objects.create(name="基准产品", rate="0.0800", product=products[0],
                                   effective_from=dt.date(2020, 1, 1))
    ids = [p.pk for p in partners]
    cycles = periods()
    for partner in partners:
        for period in cycles:
            ReconciliationBill.objects.create(partner=partner, period=period)
    # Partner k owns the lines with (n % 1000) < its share; the largest partner owns BIG_SHARE of everything.
    bounds, acc, rest = [], 0, (1 - BIG_SHARE) / (PARTNERS - 1)
    for k in range(PARTNERS):
        acc += BIG_SHARE if k == 0 else rest
        bounds.append(round(acc * 1000))
    bounds[-1] = 1000
    partner_case = "CASE " + " ".join(f"WHEN n % 1000 < {b} THEN {ids[k]}" for k, b in enumerate(bounds)) + " END"
    product_lo = min(p.pk for p in products)
    with connection.cursor() as c:
        c.execute(f"""
            INSERT INTO partners_customer (customer_id, name, account_name, association_type, associated_on, level,
                real_name_status, customer_kind, email, phone, created_at, updated_at, partner_id)
            SELECT 'benchcust' || lpad(p.id::text, 4, '0') || lpad(n::text, 6, '0'),
                   '基准客户' || p.id || '-' || n || '科技有限公司', 'bench_' || p.id || '_' || n,
                   CASE WHEN n % 3 = 0 THEN '1' ELSE '2' END, DATE '2020-01-01', 'V0', 2, 1, '', '', now(),
                   TIMESTAMPTZ '2020-01-01', p.id
            FROM unnest(ARRAY{ids}::bigint[]) p(id), generate_series(0, 1999) n""")
        c.execute("CREATE TEMP TABLE bench_cust AS SELECT partner_id, array_agg(id ORDER BY id) AS ids "
                  "FROM partners_customer GROUP BY partner_id")
        # Details cover the consumption lines n < DETAILS (recent cycles); the others are older than the lookback.
        cycle_case = (f"CASE WHEN n < {DETAILS} THEN (DATE '{cycles[0]}' + ((n / 7) % {PERIODS}) * interval '1 month')"
                      "::date ELSE (DATE '2023-01-01' + ((n / 7) % 24) * interval '1 month')::date END")
        # History as a live system holds it: each month's lines imported a few days after the month ended.
        c.execute(f"""
            INSERT INTO partners_consumptionline (bill_cycle, billing_mode, amount, source_ref, customer_id,
                partner_id, product_id, manager_id, order_id, updated_at)
            SELECT s.cycle, CASE WHEN n % 4 = 0 THEN 'periodic' ELSE 'on_demand' END,
                   round(((n * 7919) % 200000 - 5000) / 100.0, 2), 'bench-' || n,
                   bc.ids[1 + (n / 13) % 2000], s.pid, {product_lo} + n % 40, NULL, NULL,
                   s.cycle + interval '1 month 2 days'
            FROM (SELECT n, {partner_case} AS pid, {cycle_case} AS cycle
                  FROM generate_series(0::bigint, {CONSUMPTION} - 1) n) s
            JOIN bench_cust bc ON bc.partner_id = s.pid""")  # our own integers and dates only
        c.execute("""
            INSERT INTO incentives_incentivedetail (partner_id, bill_id, period, year, kind, revision,
                consumption_id, bill_cycle, order_no, customer_id, customer_name, customer_account_name,
                manager_name, product_type, product_name, association_type, billing_mode, consumption_amount,
                eligible_base, rate, amount, currency, status, frozen_reason, reason, policy_label, policy_code,
                note, created_at)
            SELECT cl.partner_id, b.id, cl.bill_cycle, extract(year FROM cl.bill_cycle), 'original', 0, cl.id,
                   cl.bill_cycle, 'ORD' || cl.id, cu.id, cu.name, cu.account_name, '', st.name, pr.name,
                   cu.association_type, cl.billing_mode, cl.amount, cl.amount, 0.05, round(cl.amount * 0.05, 2),
                   'CNY', CASE WHEN cl.id %% 10 = 0 THEN 'frozen' ELSE 'normal' END, '',
                   CASE WHEN cl.amount < 0 THEN 'refund' ELSE 'normal' END, '基准通用 v1', '0', '', now()
            FROM partners_consumptionline cl
            JOIN incentives_reconciliationbill b ON b.partner_id = cl.partner_id AND b.period = cl.bill_cycle
            JOIN partners_customer cu ON cu.id = cl.customer_id
            JOIN partners_product pr ON pr.id = cl.product_id
            JOIN partners_servicetype st ON st.id = pr.service_type_id
            WHERE cl.bill_cycle >= %s""", [cycles[0]])
        # The lines the monthly job will generate: new consumption of the generated period, spread over the
        # partners as the history is (the largest partner holds BIG_SHARE of it).
        c.execute(f"""
            INSERT INTO partners_consumptionline (bill_cycle, billing_mode, amount, source_ref, customer_id,
                partner_id, product_id)
            SELECT %s, 'on_demand', round(((n * 7919) %% 200000 - 5000) / 100.0, 2), 'bench-gen-' || n,
                   bc.ids[1 + n %% 2000], s.pid, {product_lo} + n %% 40
            FROM (SELECT n, {partner_case.replace('%', '%%')} AS pid FROM generate_series(0::bigint, %s - 1) n) s
            JOIN bench_cust bc ON bc.partner_id = s.pid""", [GEN_PERIOD, GENERATION])
        # Products and policies set up long ago; last month's run read every partner's lines on its first
        # working day (the ledger the next run's re-check window starts from).
        c.execute("UPDATE partners_product SET updated_at = TIMESTAMPTZ '2025-01-01'")
        c.execute("UPDATE incentives_incentivepolicy SET updated_at = TIMESTAMPTZ '2025-01-01'")
        c.execute("""
            INSERT INTO incentives_generationrun (period, dry_run, status, trigger, started_at, finished_at,
                partners_total, partners_done, source_lines, lines_added, adjustments_added, amount_added,
                partners_skipped, error)
            VALUES (%s, false, 'succeeded', 'schedule', TIMESTAMPTZ '2026-10-08 01:00+08',
                    TIMESTAMPTZ '2026-10-08 01:05+08', %s, %s, 0, 0, 0, 0, 0, '') RETURNING id""",
                  [cycles[-1], PARTNERS, PARTNERS])
        last_run = c.fetchone()[0]
        c.execute("""
            INSERT INTO incentives_generationrunpartner (run_id, partner_id, finished_at, read_at, lines_added,
                amount_added, error)
            SELECT %s, p, TIMESTAMPTZ '2026-10-08 01:05+08', TIMESTAMPTZ '2026-10-08 01:00+08', 0, 0, ''
            FROM unnest(%s::bigint[]) p""", [last_run, ids])
        # As a live table would be after autovacuum: hint bits set, visibility map built (index-only scans).
        c.execute("VACUUM ANALYZE partners_consumptionline, incentives_incentivedetail, partners_customer")
        c.execute("ANALYZE")
    from incentives.services.bills import bill_refresh_totals

    for bill in ReconciliationBill.objects.all():
        bill_refresh_totals(bill_id=bill.pk)
    return big, ids


class Worker:
    """Two Celery worker processes on the bench database, as `make run`/compose start them."""

    def __init__(self):
        from partnercenter.celery import app

        self.app = app
        app.control.purge()
        self.log = tempfile.NamedTemporaryFile("w", prefix="pc-bench-worker-", suffix=".log", delete=False)  # noqa: SIM115
        self.proc = subprocess.Popen([str(ROOT / ".venv/bin/celery"), "-A", "partnercenter", "worker", "-c", "2",
                                      "-l", "warning", "-n", f"bench-{os.getpid()}@%h"], cwd=ROOT,
                                     env=dict(os.environ), stdout=self.log, stderr=self.log)
        for _ in range(120):
            if app.control.ping(timeout=0.5):
                return
        sys.exit(f"the Celery worker did not start; see {self.log.name}")

    def stop(self):
        self.proc.terminate()
        self.proc.wait(timeout=60)
        self.log.close()


def measure_generation():
    """The monthly job as it runs: the ledger row, one Celery task per partner on two worker processes, each
    partner's new lines in one statement; timed from the run's start to its last partner's commit."""
    from django.db import connection, models, transaction

    from incentives.models import GenerationRun, IncentiveDetail, IncentivePolicy
    from incentives.services import generation_run_start

    def job():
        run = generation_run_start(period=GEN_PERIOD, trigger="bench")
        while run.status == GenerationRun.Status.RUNNING:
            time.sleep(0.05)
            run.refresh_from_db()
        if run.status != GenerationRun.Status.SUCCEEDED:
            sys.exit(f"generation run failed: {run.error}")
        return run

    def checkpoint():
        # Both timed writes start from the same state: the build's (or the run's) dirty pages already flushed, so
        # neither shares the disk with a checkpoint the other one's writes triggered.
        with connection.cursor() as c:
            c.execute("CHECKPOINT")

    worker = Worker()
    try:
        checkpoint()
        first = job()
        rerun = job()
        # After a policy edit every partner re-reads its whole 12-month lookback.
        IncentivePolicy.objects.filter(pk=IncentivePolicy.objects.order_by("pk").values("pk")[:1]).update(
            name=models.F("name"))
        whole = job()
    finally:
        worker.stop()
    # The same work by hand: the joins, the rate and the rounding, one INSERT … SELECT into the same table (same
    # indexes, triggers and settings), as revision 100 so it cannot conflict, rolled back afterwards.
    checkpoint()
    with transaction.atomic(), connection.cursor() as c:
        c.execute("SET LOCAL jit = off")
        start = time.perf_counter()
        c.execute("""
            INSERT INTO incentives_incentivedetail (partner_id, bill_id, period, year, kind, revision,
                consumption_id, bill_cycle, order_no, customer_id, customer_name, customer_account_name,
                manager_name, product_type, product_name, association_type, billing_mode, consumption_amount,
                eligible_base, rate, amount, currency, status, frozen_reason, reason, policy_label, policy_code,
                note, created_at)
            SELECT cl.partner_id, b.id, %(p)s, 2026, 'original', 100, cl.id, cl.bill_cycle, '', cu.id, cu.name,
                   cu.account_name, '', st.name, pr.name, cu.association_type, cl.billing_mode, cl.amount,
                   cl.amount, 0.05, round(cl.amount * 0.05, 2), 'CNY', 'normal', '', 'normal', '基准通用 v1', '0', '',
                   now()
            FROM partners_consumptionline cl
            JOIN incentives_reconciliationbill b ON b.partner_id = cl.partner_id AND b.period = %(p)s
            JOIN partners_customer cu ON cu.id = cl.customer_id
            JOIN partners_product pr ON pr.id = cl.product_id
            JOIN partners_servicetype st ON st.id = pr.service_type_id
            WHERE cl.bill_cycle = %(p)s""", {"p": GEN_PERIOD})
        raw_rows = c.rowcount
        raw_seconds = time.perf_counter() - start
        transaction.set_rollback(True)
    added = first.lines_added + first.adjustments_added
    assert IncentiveDetail.objects.filter(period=GEN_PERIOD).count() >= added
    return {"added": added, "seconds": first.duration_ms / 1000, "partners": first.partners_total,
            "source": first.source_lines, "rerun_added": rerun.lines_added + rerun.adjustments_added,
            "rerun_seconds": rerun.duration_ms / 1000, "whole_added": whole.lines_added + whole.adjustments_added,
            "whole_seconds": whole.duration_ms / 1000, "whole_source": whole.source_lines,
            "raw_rows": raw_rows, "raw_seconds": raw_seconds}


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """gunicorn -w 2 with production settings on loopback, as scripts/serve-production.sh starts it."""

    def __init__(self):
        self.dir = tempfile.mkdtemp(prefix="pc-bench-")
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        env = dict(os.environ, DJANGO_SETTINGS_MODULE="partnercenter.settings.production",
                   SECRET_KEY=secrets.token_urlsafe(50), ALLOWED_HOSTS="127.0.0.1", SECURE_SSL_REDIRECT="false",
                   SECURE_COOKIES="false", STATIC_ROOT=f"{self.dir}/static", LOG_LEVEL="WARNING",
                   AXES_FAILURE_LIMIT="1000")
        subprocess.run([sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=ROOT, env=env,
                       check=True)
        self.log = open(f"{self.dir}/gunicorn.log", "w")  # noqa: SIM115
        self.proc = subprocess.Popen([str(ROOT / ".venv/bin/gunicorn"), "partnercenter.wsgi", "-w", "2", "-b",
                                      f"127.0.0.1:{self.port}", "--log-level", "warning"], cwd=ROOT, env=env,
                                     stdout=self.log, stderr=self.log)
        for _ in range(120):
            try:
                urllib.request.urlopen(f"{self.url}/healthz", timeout=2)  # noqa: S310 — loopback
                break
            except OSError:
                time.sleep(0.5)

    def login(self, username) -> str:
        jar = http.cookiejar.CookieJar()
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
        opener.open(f"{self.url}/accounts/login/")
        csrf = next(c.value for c in jar if c.name == "csrftoken")
        data = urllib.parse.urlencode({"csrfmiddlewaretoken": csrf, "username": username,
                                       "password": PASSWORD}).encode()
        request = urllib.request.Request(f"{self.url}/accounts/login/", data=data,
                                         headers={"Referer": f"{self.url}/accounts/login/"})
        opener.open(request)
        cookies = {c.name: c.value for c in jar}
        if "sessionid" not in cookies:
            sys.exit(f"could not log in as {username}; see {self.dir}/gunicorn.log")
        return f"sessionid={cookies['sessionid']}; csrftoken={cookies['csrftoken']}"

    def stop(self):
        self.proc.terminate()
        self.proc.wait(timeout=30)
        self.log.close()
        shutil.rmtree(self.dir, ignore_errors=True)


def hey(url, cookie, clients, requests=HEY_N):
    subprocess.run(["hey", "-n", "10", "-c", "1", "-H", f"Cookie: {cookie}", url], check=True,
                   stdout=subprocess.DEVNULL)  # warm-up
    out = subprocess.run(["hey", "-n", str(requests), "-c", str(clients), "-H", f"Cookie: {cookie}", url],
                         check=True, capture_output=True, text=True).stdout
    summary = subprocess.run([sys.executable, str(ROOT / "scripts/hey_summary.py")], input=out, check=True,
                             capture_output=True, text=True).stdout
    row = json.loads(summary)
    if row["errors"]:
        sys.exit(f"{url}: {row['errors']} errors {row['statuses']}")
    return row


def explain_ms(sql) -> float:
    from django.db import connection

    with connection.cursor() as c:
        c.execute("EXPLAIN (ANALYZE, FORMAT JSON) " + sql)
        return c.fetchone()[0][0]["Execution Time"]


def page_queries(user, params):
    """One list request through the test client: its SQL statements, and EXPLAIN ANALYZE of the rows query
    (main), of the totals aggregate, and of the bounded count a page without totals would need instead."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, setup_test_environment
    from django.urls import reverse

    from incentives.views import COUNT_CAP

    if not getattr(page_queries, "ready", False):
        setup_test_environment()
        page_queries.ready = True
    client = Client()
    client.force_login(user)
    url = reverse("incentives:detail-list")
    client.get(url, params)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url, params)
    assert response.status_code == 200, response.status_code
    sqls = [q["sql"] for q in ctx.captured_queries]
    main = next(q for q in sqls if 'FROM "incentives_incentivedetail"' in q and q.rstrip().endswith("LIMIT 21"))
    # The totals: the partner's rows of the trigger-kept summary table (read once for the 对账期次 dropdown and the
    # totals of period/year/status filters), or the lines summed (any other filter).
    totals = next((q for q in sqls if 'FROM "incentives_incentivedetail"' in q and "SUM(" in q),
                  None) or next(q for q in sqls if 'FROM "incentives_detailtotal"' in q)
    where = main[main.index(" FROM "):main.index(" ORDER BY ")]
    capped = f"SELECT COUNT(*) FROM (SELECT 1{where} LIMIT {COUNT_CAP + 1}) s"
    main_ms = min(explain_ms(main) for _ in range(5))
    totals_ms = min(explain_ms(totals) for _ in range(5))
    count_ms = min(explain_ms(capped) for _ in range(5))
    return {"queries": len(sqls), "main_ms": main_ms, "totals_ms": totals_ms, "count_ms": count_ms}


def p(rows, name, value, unit, target=""):
    rows.append((name, value, unit, target))


def main():
    if shutil.which("hey") is None and os.geteuid() == 0:  # as scripts/loadtest.sh does
        subprocess.run(["apt-get", "install", "-y", "-qq", "hey"], check=False, stdout=subprocess.DEVNULL)
    if shutil.which("hey") is None:
        sys.exit("needs `hey` (apt-get install hey)")
    started = time.perf_counter()
    big, ids = build()
    print(f"built {DETAILS:,} details / {CONSUMPTION + GENERATION:,} consumption lines in "
          f"{time.perf_counter() - started:.0f} s")
    from incentives.models import IncentiveDetail
    from partnercenter.partners.models import User

    step = time.perf_counter()
    gen = measure_generation()
    print(f"generation measured in {time.perf_counter() - step:.1f} s")
    step = time.perf_counter()
    user = User.objects.get(username="bench-main")
    period = periods()[-1]
    filters = {"period": f"{period:%Y%m}", "status": "normal"}
    page = page_queries(user, filters)
    n_queries, sql_ms = page["queries"], page["main_ms"]
    n_other = page_queries(user, {**filters, "customer_name": "基准客户"})["queries"]
    # A page ≥ 1,000 pages deep: its keyset cursor (the row just before it), as the 下一页 links carry it.
    listed = IncentiveDetail.objects.filter(partner=big, period=period, status="normal").order_by("-period", "-id")
    depth = min(1000, listed.count() // 20 - 1)
    before_deep = listed[depth * 20 - 1]
    deep_query = f"after={before_deep.period:%Y%m}.{before_deep.pk}"
    print(f"query counts in {time.perf_counter() - step:.1f} s")
    server = Server()
    try:
        cookie = server.login("bench-main")
        admin_cookie = server.login("bench-admin")
        base = f"{server.url}/incentives/management/details/"
        path = urllib.parse.urlencode(filters)
        first = f"{base}?{path}"
        c1 = hey(first, cookie, 1)
        c4 = hey(first, cookie, 4)
        deep = hey(f"{first}&{deep_query}", cookie, 1)
        # The host's pace: a page that is only the layout (header, menu, session, user) and a short list. Its
        # p50 moved by a factor of two between days on the same VM; read the page's numbers against it.
        layout = hey(f"{server.url}/notifications/", cookie, 1)
        admin_url = (f"{server.url}/admin/incentives/incentivedetail/?partner__id__exact={big.pk}"
                     f"&period={period:%Y-%m-%d}&status__exact=normal")
        admin = hey(admin_url, admin_cookie, 4, requests=max(40, HEY_N // 5))
    finally:
        server.stop()
    big_rows = IncentiveDetail.objects.filter(partner=big).count()
    rows = []
    p(rows, "details rows (largest partner)", f"{DETAILS:,} ({big_rows:,})", "rows", "2,000,000 (≥500,000)")
    p(rows, "激励明细 p50, 1 client", c1["p50_ms"], "ms", "≤ 8")
    p(rows, "激励明细 p95, 4 clients", c4["p95_ms"], "ms", "≤ 50")
    p(rows, "main query (EXPLAIN ANALYZE)", round(sql_ms, 2), "ms", "")
    p(rows, "admin changelist p95, 4 clients", admin["p95_ms"], "ms", "≥ 10× the page")
    p(rows, "host pace: 消息中心 p50, 1 client", layout["p50_ms"], "ms", "(reference)")
    # The page's SQL with its totals (one aggregate that also counts) vs the same page with a bounded count only.
    with_totals = round((page["main_ms"] + page["totals_ms"]) / (page["main_ms"] + page["count_ms"]), 2)
    deep_ratio = round(deep["p50_ms"] / c1["p50_ms"], 2) if c1["p50_ms"] else None
    p(rows, "with totals / without", with_totals, "×", "≤ 1.15")
    p(rows, f"page {depth:,} deep / first", deep_ratio, "×", "≤ 1.3")
    p(rows, "queries per list request", f"{n_queries} (other filter: {n_other})", "", "≤ 6, constant")
    p(rows, "totals aggregate / bounded count", f"{page['totals_ms']:.2f} / {page['count_ms']:.2f}", "ms", "")
    rate = gen["added"] / gen["seconds"] if gen["seconds"] else 0
    raw_rate = gen["raw_rows"] / gen["raw_seconds"] if gen["raw_seconds"] else 0
    p(rows, f"generation ({gen['partners']} partners, 2 workers)",
      f"{gen['added']:,} rows in {gen['seconds']:.2f} s = {rate:,.0f}", "rows/s", "≥ 60,000")
    p(rows, "raw INSERT … SELECT", f"{gen['raw_rows']:,} rows in {gen['raw_seconds']:.2f} s = {raw_rate:,.0f}",
      "rows/s", "")
    ratio = round(rate / raw_rate, 2) if raw_rate else None
    p(rows, "generation / raw SQL", ratio, "×", "≥ 0.25")
    p(rows, "rerun adds", f"{gen['rerun_added']} in {gen['rerun_seconds']:.2f} s", "rows", "0")
    p(rows, "lines read (new month / whole lookback)", f"{gen['source']:,} / {gen['whole_source']:,}", "lines", "")
    p(rows, "rerun after a policy edit (whole lookback)", f"{gen['whole_added']} in {gen['whole_seconds']:.2f} s",
      "rows", "")
    for name, value, unit, target in rows:
        print(f"{name:<34} {value!s:>38} {unit:<7} target {target}")
    from _results import record

    record(details_p50_ms_c1=c1["p50_ms"], details_p95_ms_c4=c4["p95_ms"], details_sql_ms=round(sql_ms, 2),
           admin_changelist_p95_ms_c4=admin["p95_ms"], details_with_totals_ratio=with_totals,
           deep_page_ratio=deep_ratio, queries_per_list_request=n_queries, generation_rows_per_s=round(rate),
           generation_vs_raw_sql_ratio=ratio, rerun_new_rows=gen["rerun_added"], layout_p50_ms_c1=layout["p50_ms"])
    from django.db import connections

    connections.close_all()
    if os.environ.get("BENCH_KEEP") != "1":
        psql("postgres", f"DROP DATABASE IF EXISTS {DB}")


if __name__ == "__main__":
    main()
