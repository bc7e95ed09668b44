"""Monthly generation: consumption lines → incentive details and bills, per partner, set-based and idempotent.

Shape of one run: `generation_run_start` writes the ledger row (a partial unique constraint refuses a second
running run of the same period) and fans out one Celery task per partner; each task, in one transaction, writes
the partner's new lines and its ledger entry (`GenerationRunPartner`, exactly once). The last partner task to
finish closes the ledger row. A dry run computes the same numbers and writes nothing but its ledger row.

On PostgreSQL a partner/period is ONE INSERT … SELECT (`_INSERT_SQL`): the consumption in the lookback window —
all of it the first time or after a policy change, otherwise only what changed since the partner's last
read (`_recheck_window`) —, the policy chosen once per distinct combination of its inputs (LATERAL, most specific
/ latest version wins), the reasons and amounts of `calculate()` as CASE expressions, the sums already generated
per line (revision 0 for new lines, the difference as the next revision for changed ones), and the counts from
RETURNING. Runs of one partner are serialised by a transaction-level advisory lock, so the lines a run finds
already generated include every committed run's; the natural key's unique index is the backstop (a duplicate
fails the partner's task instead of being skipped silently — and ON CONFLICT's speculative insertion cost
a third of the insert). Elsewhere (the embedded SQLite demo) the same rules run through `calculate()` in
keyset chunks; tests/incentives/test_generation.py checks that both paths write identical lines.
"""
import datetime as dt
import functools
from decimal import Decimal

from django.db import IntegrityError, connection, models, transaction
from django.db.models import Count, F, Max, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from partnercenter.partners.models import ConsumptionLine, Customer, Partner, Product
from partnercenter.partners.selectors import settlement_blockers

from ..calculation import Inputs, calculate, money
from ..models import GenerationRun, IncentiveDetail, IncentivePolicy, Reason, ReconciliationBill

CHUNK = 5000
GENERATION_LOCK = 3_011_001  # advisory lock class of "incentive generation for partner N"
LOOKBACK_MONTHS = 12  # late consumption older than this is not picked up by the monthly job


def _months_before(period: dt.date, months: int) -> dt.date:
    index = period.year * 12 + period.month - 1 - months
    return dt.date(index // 12, index % 12 + 1, 1)


def _source(partner_id: int, period: dt.date):
    return (ConsumptionLine.objects
            .filter(partner_id=partner_id, bill_cycle__lte=period,
                    bill_cycle__gte=_months_before(period, LOOKBACK_MONTHS)))


def partners_with_consumption(period: dt.date) -> list[int]:
    """The partners with consumption in the lookback, those with the most lines first: their tasks start first,
    so a large partner never runs alone at the end while the other workers sit idle (the same scan as a plain
    DISTINCT, grouped with a count)."""
    rows = (ConsumptionLine.objects.filter(bill_cycle__lte=period,
                                           bill_cycle__gte=_months_before(period, LOOKBACK_MONTHS))
            .order_by().values("partner_id").annotate(lines=Count("pk")).order_by("-lines", "partner_id"))
    return [row["partner_id"] for row in rows]


def generation_run_start(*, period: dt.date, actor=None, dry_run: bool = False, trigger: str = "manual",
                         publish: bool = False) -> GenerationRun:
    """Open a ledger row for `period` and enqueue one task per partner (after commit)."""
    from django.core.exceptions import ValidationError

    from .. import tasks

    period = period.replace(day=1)
    partner_ids = partners_with_consumption(period)
    try:
        with transaction.atomic():
            run = GenerationRun(period=period, dry_run=dry_run, started_by=actor, trigger=trigger,
                                partners_total=len(partner_ids))
            run.full_clean(validate_constraints=False)
            run.save()
    except IntegrityError as exc:
        raise ValidationError(_("%(period)s 期次的激励生成正在运行，请等待其结束后再试。")
                              % {"period": f"{period:%Y%m}"}) from exc
    if not partner_ids:
        _finish(run.pk)
    for partner_id in partner_ids:
        transaction.on_commit(lambda pid=partner_id: tasks.generate_partner.delay(run.pk, pid, publish))
    return run


def _inputs_rows(queryset):
    """The consumption lines of one chunk as plain values (one query, no model instances)."""
    return queryset.values(
        "pk", "amount", "bill_cycle", "billing_mode", "product_id", "customer_id", "manager_id",
        order_no=F("order__order_no"), customer_name=F("customer__name"),
        customer_account_name=F("customer__account_name"), association_type=F("customer__association_type"),
        customer_kind=F("customer__customer_kind"), associated_on=F("customer__associated_on"),
        manager_name=F("manager__full_name"), product_name=F("product__name"),
        product_type=F("product__service_type__name"), service_type_id=F("product__service_type_id"),
        product_policy_code=F("product__incentive_policy"),
    )


def _detail(row, receipt, *, bill, run, revision, consumption_amount, eligible_base, amount, reason,
            frozen_reason) -> dict:
    """One new line as column values (model instances cost more than the insert itself at this volume)."""
    policy = receipt.policy
    return {
        "partner_id": bill.partner_id, "bill_id": bill.pk, "period": bill.period, "year": bill.period.year,
        "kind": IncentiveDetail.Kind.ORIGINAL if revision == 0 else IncentiveDetail.Kind.ADJUSTMENT,
        "revision": revision, "consumption_id": row["pk"], "dispute_id": None, "bill_cycle": row["bill_cycle"],
        "order_no": row["order_no"] or "", "customer_id": row["customer_id"], "customer_name": row["customer_name"],
        "customer_account_name": row["customer_account_name"], "manager_id": row["manager_id"],
        "manager_name": row["manager_name"] or "", "product_type": row["product_type"] or "",
        "product_name": row["product_name"], "association_type": row["association_type"],
        "billing_mode": row["billing_mode"], "consumption_amount": consumption_amount,
        "eligible_base": eligible_base, "rate": receipt.rate, "amount": amount, "currency": "CNY",
        "status": IncentiveDetail.Status.FROZEN if frozen_reason else IncentiveDetail.Status.NORMAL,
        "frozen_reason": frozen_reason, "reason": str(reason), "policy_id": policy.pk if policy else None,
        "policy_label": str(policy) if policy else "", "policy_code": policy.policy_code if policy else "",
        "note": "", "run_id": run.pk,
    }


def _insert(details: list[dict]) -> None:
    """The portable path's chunk: one bulk INSERT, a line already there (natural key) is skipped."""
    if not details:
        return
    IncentiveDetail.objects.bulk_create([IncentiveDetail(**d) for d in details], ignore_conflicts=True,
                                        batch_size=CHUNK)


def generation_partner_run(*, run_id: int, partner_id: int) -> dict:
    """Generate (or preview) one partner's lines for the run's period. Safe to run twice."""
    run = GenerationRun.objects.get(pk=run_id)
    period = run.period
    if connection.vendor == "postgresql" and not run.dry_run:
        with connection.cursor() as cursor:  # held until the partner's transaction ends
            cursor.execute("SELECT pg_advisory_xact_lock(%s, %s)", [GENERATION_LOCK, partner_id])
    partner = Partner.objects.get(pk=partner_id)
    bill = ReconciliationBill.objects.filter(partner_id=partner_id, period=period).first()
    if bill is not None and bill.status != ReconciliationBill.Status.ESTIMATED:
        return {"skipped": 1}
    if bill is None and not run.dry_run:
        bill, _created = ReconciliationBill.objects.get_or_create(partner_id=partner_id, period=period)
    blockers = settlement_blockers(partner=partner)
    frozen_reason = "；".join(blockers)[:200]
    if connection.vendor == "postgresql":
        stats = _generate_sql(partner_id=partner_id, period=period, bill=bill, run=run, frozen_reason=frozen_reason)
    else:
        stats = _generate_python(partner=partner, period=period, bill=bill, run=run, frozen_reason=frozen_reason)
    if bill is not None and not run.dry_run:
        from .bills import bill_refresh_totals
        from .indicators import indicators_refresh, performance_refresh

        bill = bill_refresh_totals(bill_id=bill.pk)
        indicators_refresh(partner_id=partner_id, period=period)
        performance_refresh(bill=bill)
    return stats


def _generate_python(*, partner, period, bill, run, frozen_reason) -> dict:
    """The portable path (the embedded SQLite demo): keyset chunks computed with calculate(), bulk inserts."""
    partner_id = partner.pk
    policies = list(IncentivePolicy.objects.all())
    source = _source(partner_id, period)
    stats = {"source": 0, "added": 0, "adjustments": 0, "amount": Decimal("0.00"), "read_at": timezone.now()}
    last_pk = 0
    while True:
        rows = list(_inputs_rows(source.filter(pk__gt=last_pk).order_by("pk"))[:CHUNK])
        if not rows:
            break
        last_pk = rows[-1]["pk"]
        stats["source"] += len(rows)
        new = _chunk_details(rows, policies=policies, bill=bill or ReconciliationBill(partner=partner, period=period),
                             run=run, frozen_reason=frozen_reason)
        for detail in new:
            stats["added" if detail["revision"] == 0 else "adjustments"] += 1
            stats["amount"] += detail["amount"]
        if not run.dry_run:
            _insert(new)
    return stats


# The set-based path (PostgreSQL): the whole partner/period in one INSERT … SELECT. It mirrors calculate()
# rule by rule (tests/incentives/test_generation.py compares both paths on every reason).
_CALC_SQL = """
WITH src AS (
    SELECT cl.id, cl.amount, cl.bill_cycle, cl.billing_mode, cl.product_id, cl.customer_id, cl.manager_id,
           cl.order_id, cu.association_type, cu.customer_kind, cu.associated_on,
           COALESCE(pr.service_type_id, 0) AS service_type_key, COALESCE(cu.customer_kind, -99) AS kind_key,
           pr.service_type_id, pr.incentive_policy AS product_policy_code, cu.name AS customer_name,
           cu.account_name AS customer_account_name, pr.name AS product_name, COALESCE(st.name, '') AS product_type
    FROM partners_consumptionline cl
    JOIN partners_customer cu ON cu.id = cl.customer_id
    JOIN partners_product pr ON pr.id = cl.product_id
    LEFT JOIN partners_servicetype st ON st.id = pr.service_type_id
    WHERE cl.partner_id = %(partner)s AND cl.bill_cycle <= %(period)s AND cl.bill_cycle >= %(since)s
),
keys AS (  -- the policy is chosen once per distinct combination of its inputs, not once per line (hashed)
    SELECT product_id, service_type_key, billing_mode, association_type, kind_key, bill_cycle,
           min(service_type_id) AS service_type_id, min(customer_kind) AS customer_kind,
           min(product_policy_code) AS product_policy_code  -- the product's, so one per key
    FROM src GROUP BY product_id, service_type_key, billing_mode, association_type, kind_key, bill_cycle
),
chosen AS MATERIALIZED (  -- evaluated per key (tens of rows), never per line
    -- and what follows from the key alone, once per key: the cycle's last day, the reasons that do not depend
    -- on the line (NULL: refund, late or normal, decided per line) and whether the cycle is an earlier one
    SELECT k.*, p.id AS policy_id, p.rate AS policy_rate, p.policy_code, p.name || ' v' || p.version AS policy_label,
           (date_trunc('month', k.bill_cycle) + interval '1 month - 1 day')::date AS cycle_end,
           CASE WHEN p.id IS NULL THEN 'no_policy'
                WHEN k.product_policy_code IN ('2', '13') OR p.policy_code IN ('2', '13') THEN 'ineligible'
           END AS key_reason,
           k.bill_cycle < %(period)s AS late
    FROM keys k
    LEFT JOIN LATERAL (
        SELECT ip.* FROM incentives_incentivepolicy ip
        WHERE (ip.product_id IS NULL OR ip.product_id = k.product_id)
          AND (ip.service_type_id IS NULL OR ip.service_type_id = k.service_type_id)
          AND (ip.billing_mode = '' OR ip.billing_mode = k.billing_mode)
          AND (ip.association_type = '' OR ip.association_type = k.association_type)
          AND (ip.customer_kind IS NULL OR ip.customer_kind = k.customer_kind)
          AND ip.effective_from <= k.bill_cycle AND (ip.effective_to IS NULL OR ip.effective_to >= k.bill_cycle)
        ORDER BY (CASE WHEN ip.product_id IS NOT NULL THEN 16 ELSE 0 END
                  + CASE WHEN ip.service_type_id IS NOT NULL THEN 8 ELSE 0 END
                  + CASE WHEN ip.billing_mode <> '' THEN 4 ELSE 0 END
                  + CASE WHEN ip.association_type <> '' THEN 2 ELSE 0 END
                  + CASE WHEN ip.customer_kind IS NOT NULL THEN 1 ELSE 0 END) DESC,
                 ip.effective_from DESC, ip.version DESC, ip.id DESC
        LIMIT 1) p ON TRUE
),
decided AS (
    SELECT s.*, c.policy_id, c.policy_rate, c.policy_code, c.policy_label, c.cycle_end, c.key_reason, c.late
    FROM src s
    JOIN chosen c ON c.product_id = s.product_id AND c.service_type_key = s.service_type_key
                 AND c.billing_mode = s.billing_mode AND c.association_type = s.association_type
                 AND c.kind_key = s.kind_key AND c.bill_cycle = s.bill_cycle
),
reasoned AS (
    SELECT d.*,
           CASE WHEN d.associated_on IS NULL OR d.associated_on > d.cycle_end THEN 'not_associated'
                WHEN d.associated_on > d.bill_cycle THEN 'next_month'
                WHEN d.key_reason IS NOT NULL THEN d.key_reason
                WHEN d.amount < 0 THEN 'refund'
                WHEN d.late THEN 'late'
                ELSE 'normal' END AS reason
    FROM decided d
),
receipt AS (
    SELECT d.*, CASE WHEN d.reason IN ('refund', 'late', 'normal') THEN round(d.amount, 2) ELSE 0 END AS base,
           CASE WHEN d.reason IN ('refund', 'late', 'normal') THEN d.policy_rate ELSE 0 END AS r_rate,
           CASE WHEN d.reason IN ('refund', 'late', 'normal')
                THEN round(round(d.amount, 2) * d.policy_rate, 2) ELSE 0 END AS r_amount,
           d.reason NOT IN ('not_associated', 'next_month', 'no_policy') AS has_policy
    FROM reasoned d
),
seen AS (
    SELECT x.consumption_id, sum(x.consumption_amount) AS consumed, sum(x.amount) AS paid,
           sum(x.eligible_base) AS base, max(x.revision) AS last
    FROM (
        SELECT consumption_id, consumption_amount, amount, eligible_base, revision FROM incentives_incentivedetail
        -- a line's details are never of a period before its bill cycle, so the lookback bounds them (list index)
        WHERE partner_id = %(partner)s AND period >= %(since)s AND consumption_id IS NOT NULL
    ) x
    GROUP BY x.consumption_id
),
fresh AS (
    SELECT r.*, COALESCE(se.last + 1, 0) AS new_revision,
           round(r.amount, 2) - COALESCE(se.consumed, 0) AS new_consumption,
           r.base - COALESCE(se.base, 0) AS new_base, r.r_amount - COALESCE(se.paid, 0) AS new_amount,
           CASE WHEN se.consumption_id IS NULL THEN r.reason ELSE 'adjustment' END AS new_reason
    FROM receipt r LEFT JOIN seen se ON se.consumption_id = r.id
    WHERE se.consumption_id IS NULL OR round(r.amount, 2) <> se.consumed OR r.r_amount <> se.paid
)
"""

# The lines a run reads when the partner was generated before and no policy changed since
# (`_recheck_window`): every line of the bill cycles the last run did not cover, and of the cycles it covered those
# changed since shortly before its read (the line, its customer or its product). The two are separate branches
# over disjoint cycles, each on its own index: as one OR the planner read the partner's whole lookback (660k lines
# to keep a new month's 60k) because it cannot estimate the arms. Arms that cannot match are left out of the text
# (`statement`); the changed customers and products are read first and passed as arrays, so the
# branch of the covered cycles is a BitmapOr of the (partner, updated_at) and (customer, bill_cycle) indexes.
_CANDIDATES = """(
        SELECT id, amount, bill_cycle, billing_mode, product_id, customer_id, manager_id, order_id, partner_id
        FROM partners_consumptionline
        WHERE partner_id = %(partner)s AND bill_cycle <= %(period)s AND bill_cycle >= %(since)s
          AND bill_cycle > %(covered_to)s
        UNION ALL
        SELECT id, amount, bill_cycle, billing_mode, product_id, customer_id, manager_id, order_id, partner_id
        FROM partners_consumptionline
        WHERE partner_id = %(partner)s AND bill_cycle <= %(period)s AND bill_cycle >= %(since)s
          AND bill_cycle <= %(covered_to)s AND ({arms})
    )"""
_ARMS = {
    "changed": "updated_at >= %(changed)s",
    "uncovered": "bill_cycle < %(covered_from)s",
    "customers": "customer_id = ANY(%(customers)s)",
    "products": "product_id = ANY(%(products)s)",
}


# What was generated for them: every line of the periods after the last run (none on a new month's first run),
# and the earlier periods' lines of the changed older consumption only, probed through the natural key's index
# (an array, not a join: a join would be hashed over every line of the partner's lookback).
_SEEN_ALL = """        WHERE partner_id = %(partner)s AND period >= %(since)s AND consumption_id IS NOT NULL
"""
_SEEN_CHANGED_ONLY = """        WHERE partner_id = %(partner)s AND period > %(covered_to)s
          AND consumption_id IS NOT NULL
        UNION ALL
        SELECT consumption_id, consumption_amount, amount, eligible_base, revision FROM incentives_incentivedetail
        WHERE consumption_id = ANY(ARRAY(SELECT id FROM src WHERE bill_cycle <= %(covered_to)s))
          AND partner_id = %(partner)s AND period >= %(since)s AND period <= %(covered_to)s
"""


@functools.cache
def statement(*, dry_run: bool, arms: tuple[str, ...] | None) -> str:
    """The generation (or preview) statement: the whole lookback (`arms` None), or the lines of new cycles plus
    those of covered cycles matching one of `arms` (names in _ARMS; none: new cycles only)."""
    sql = _CALC_SQL + (_PREVIEW_SQL if dry_run else _INSERT_SQL)
    if arms is None:
        return sql
    covered = " OR ".join(_ARMS[arm] for arm in arms) or "FALSE"
    source = "    FROM partners_consumptionline cl\n"
    assert source in sql and _SEEN_ALL in sql  # noqa: S101 — the text replaced below
    sql = sql.replace(source, "    FROM " + _CANDIDATES.format(arms=covered) + " cl\n", 1)
    return sql.replace(_SEEN_ALL, _SEEN_CHANGED_ONLY)


_INSERT_SQL = """,
ins AS (
    INSERT INTO incentives_incentivedetail (
        partner_id, bill_id, period, year, kind, revision, consumption_id, dispute_id, bill_cycle, order_no,
        customer_id, customer_name, customer_account_name, manager_id, manager_name, product_type, product_name,
        association_type, billing_mode, consumption_amount, eligible_base, rate, amount, currency, status,
        frozen_reason, reason, policy_id, policy_label, policy_code, note, run_id, created_at)
    SELECT %(partner)s, %(bill)s, %(period)s, %(year)s,
           CASE WHEN f.new_revision = 0 THEN 'original' ELSE 'adjustment' END, f.new_revision, f.id, NULL,
           f.bill_cycle, COALESCE(o.order_no, ''), f.customer_id, f.customer_name, f.customer_account_name,
           f.manager_id, COALESCE(u.full_name, ''), f.product_type, f.product_name, f.association_type, f.billing_mode,
           f.new_consumption, f.new_base, f.r_rate, f.new_amount, 'CNY', %(status)s, %(frozen)s, f.new_reason,
           CASE WHEN f.has_policy THEN f.policy_id END, CASE WHEN f.has_policy THEN f.policy_label ELSE '' END,
           CASE WHEN f.has_policy THEN f.policy_code ELSE '' END, '', %(run)s, now()
    FROM fresh f
    LEFT JOIN partners_order o ON o.id = f.order_id
    LEFT JOIN partners_user u ON u.id = f.manager_id
    RETURNING revision, amount
)
SELECT count(*) FILTER (WHERE revision = 0), count(*) FILTER (WHERE revision > 0), COALESCE(sum(amount), 0),
       (SELECT count(*) FROM src), now()
FROM ins
"""  # noqa: S608 — constant text; every value is a bound parameter  # nosec B608

# Constant text like _INSERT_SQL (bandit B608 is a false positive): every value is a bound parameter.
_PREVIEW_SQL = """
SELECT count(*) FILTER (WHERE new_revision = 0), count(*) FILTER (WHERE new_revision > 0),
       COALESCE(sum(new_amount), 0), (SELECT count(*) FROM src), now()
FROM fresh
"""  # noqa: S608  # nosec B608


CHANGED_LIMIT = 5000  # more changed customers (or products) than this since the last read: re-read the lookback
RECHECK_MARGIN = dt.timedelta(days=1)  # longer than any import transaction: its lines are stamped when it began


def _recheck_window(partner_id: int) -> dict | None:
    """Which lines a run must read beyond the new ones, from the partner's last read (None: the whole lookback).

    The lookback is re-read whole the first time, and whenever a policy was added or changed since the last
    read — it can change any line's result. Otherwise only lines changed since (last read − margin) are re-read,
    with the lines of changed customers and products and the bill cycles the last run did not cover."""
    from ..models import GenerationRunPartner

    last = (GenerationRunPartner.objects.filter(partner_id=partner_id, run__dry_run=False, error="",
                                                read_at__isnull=False)
            .select_related("run").order_by("-read_at").first())
    if last is None:
        return None
    changed = last.read_at - RECHECK_MARGIN
    if IncentivePolicy.objects.filter(updated_at__gte=changed).exists():
        return None
    customers = list(Customer.objects.filter(updated_at__gte=changed).values_list("pk", flat=True)[:CHANGED_LIMIT + 1])
    products = list(Product.objects.filter(updated_at__gte=changed).values_list("pk", flat=True)[:CHANGED_LIMIT + 1])
    if len(customers) > CHANGED_LIMIT or len(products) > CHANGED_LIMIT:
        return None  # e.g. after a bulk import: probing so many ids costs more than reading the lookback once
    return {"changed": changed, "covered_from": _months_before(last.run.period, LOOKBACK_MONTHS),
            "covered_to": last.run.period, "customers": customers, "products": products}


def _window_arms(window: dict, since: dt.date) -> tuple[str, ...]:
    """The arms of the covered cycles' branch that can match (see _CANDIDATES)."""
    arms = ["changed"]
    if since < window["covered_from"]:  # a run of an earlier period than the last one
        arms.append("uncovered")
    arms += [name for name in ("customers", "products") if window[name]]
    return tuple(arms)


def planner_settings(cursor, *, for_generation: bool) -> None:
    """The planner settings of the generation statement (SET LOCAL: inside the partner's transaction only).

    JIT compiling this one statement costs more than running it. Every join in it is large × small or large ×
    large on equality, so hash joins: the six-column join of the lines with their policy key is misestimated as
    one row, and the planner would otherwise sort every line to merge them or, worse, loop over the generated
    sums once per line. The reference-check trigger keeps its own settings."""
    if connection.get_autocommit():
        return
    if for_generation:
        cursor.execute("SET LOCAL jit = off")
        cursor.execute("SET LOCAL work_mem = '64MB'")
    switch = "off" if for_generation else "on"
    cursor.execute(f"SET LOCAL enable_mergejoin = {switch}")
    cursor.execute(f"SET LOCAL enable_nestloop = {switch}")


def _generate_sql(*, partner_id: int, period: dt.date, bill, run, frozen_reason: str) -> dict:
    """One partner/period in one statement (plus one count): returns the same stats as the Python path."""
    params = {"partner": partner_id, "period": period, "since": _months_before(period, LOOKBACK_MONTHS),
              "year": period.year, "bill": bill.pk if bill is not None else None, "run": run.pk,
              "frozen": frozen_reason,
              "status": IncentiveDetail.Status.FROZEN if frozen_reason else IncentiveDetail.Status.NORMAL}
    window = _recheck_window(partner_id)
    params.update(window or {})
    arms = None if window is None else _window_arms(window, params["since"])
    with connection.cursor() as cursor:
        planner_settings(cursor, for_generation=True)
        cursor.execute(statement(dry_run=run.dry_run, arms=arms), params)
        added, adjustments, amount, source, read_at = cursor.fetchone()
        planner_settings(cursor, for_generation=False)
    return {"source": source, "added": added, "adjustments": adjustments,
            "amount": Decimal(amount).quantize(Decimal("0.01")), "read_at": read_at, "whole": window is None}


def _chunk_details(rows, *, policies, bill, run, frozen_reason) -> list[dict]:
    """New lines for one chunk: revision 0 for never-seen lines, the difference for lines whose input changed."""
    existing = {
        item["consumption_id"]: item
        for item in IncentiveDetail.objects.filter(consumption_id__in=[r["pk"] for r in rows]).order_by()
        .values("consumption_id").annotate(consumed=Sum("consumption_amount"), paid=Sum("amount"),
                                           base=Sum("eligible_base"), last=Max("revision"))
    }
    new = []
    for row in rows:
        receipt = calculate(Inputs(
            amount=row["amount"], bill_cycle=row["bill_cycle"], period=bill.period, product_id=row["product_id"],
            service_type_id=row["service_type_id"], product_policy_code=row["product_policy_code"],
            billing_mode=row["billing_mode"], association_type=row["association_type"],
            customer_kind=row["customer_kind"], associated_on=row["associated_on"]), policies)
        seen = existing.get(row["pk"])
        if seen is None:
            new.append(_detail(row, receipt, bill=bill, run=run, revision=0, consumption_amount=money(row["amount"]),
                               eligible_base=receipt.eligible_base, amount=receipt.amount, reason=receipt.reason,
                               frozen_reason=frozen_reason))
            continue
        delta_consumption = money(row["amount"]) - seen["consumed"]
        delta_amount = receipt.amount - seen["paid"]
        if delta_consumption or delta_amount:
            new.append(_detail(row, receipt, bill=bill, run=run, revision=seen["last"] + 1,
                               consumption_amount=delta_consumption,
                               eligible_base=receipt.eligible_base - seen["base"], amount=delta_amount,
                               reason=Reason.ADJUSTMENT, frozen_reason=frozen_reason))
    return new


def generation_partner(*, run_id: int, partner_id: int) -> dict:
    """One partner's share of a run, atomically: its lines and its ledger entry commit together or not at all.

    Celery delivers at least once: a task killed before commit leaves nothing behind and runs again; a task
    redelivered after commit adds no lines (natural keys) and finds its ledger entry, so counts stay exact.
    """
    with transaction.atomic():
        stats = generation_partner_run(run_id=run_id, partner_id=partner_id)
        generation_partner_done(run_id=run_id, partner_id=partner_id, stats=stats)
    return stats


def generation_partner_done(*, run_id: int, partner_id: int, stats: dict, error: str = "") -> None:
    """Add one partner's counts to the ledger row, once per partner; the last partner closes the run."""
    from ..models import GenerationRunPartner

    amount = stats.get("amount", Decimal("0"))
    with transaction.atomic():
        _entry, created = GenerationRunPartner.objects.get_or_create(
            run_id=run_id, partner_id=partner_id,
            defaults={"lines_added": stats.get("added", 0), "amount_added": amount, "error": error[:500],
                      "read_at": stats.get("read_at")},
        )
        if not created:
            return
        updates = {
            "partners_done": F("partners_done") + 1,
            "source_lines": F("source_lines") + stats.get("source", 0),
            "lines_added": F("lines_added") + stats.get("added", 0),
            "adjustments_added": F("adjustments_added") + stats.get("adjustments", 0),
            "amount_added": F("amount_added") + amount,
            "partners_skipped": F("partners_skipped") + stats.get("skipped", 0),
        }
        if error:
            updates.update(status=GenerationRun.Status.FAILED,
                           error=models.functions.Concat(F("error"), models.Value(error[:500] + "\n")))
        GenerationRun.objects.filter(pk=run_id).update(**updates)
        run = GenerationRun.objects.select_for_update().get(pk=run_id)
        if run.partners_done >= run.partners_total:
            _finish(run_id)


def _finish(run_id: int) -> None:
    run = GenerationRun.objects.get(pk=run_id)
    now = timezone.now()
    status = GenerationRun.Status.FAILED if run.error else GenerationRun.Status.SUCCEEDED
    GenerationRun.objects.filter(pk=run_id).update(
        status=status, finished_at=now, duration_ms=int((now - run.started_at).total_seconds() * 1000))

