"""Monthly generation: consumption lines → incentive details and bills, per partner, set-based and idempotent.

Shape of one run: `generation_run_start` writes the ledger row (a partial unique constraint refuses a second
running run of the same period) and fans out one Celery task per partner; each task reads the partner's
consumption in keyset chunks as plain values, computes every line with the pure `calculate()`, and writes with
`bulk_create(ignore_conflicts=True)` (INSERT … ON CONFLICT DO NOTHING on the natural key). The last partner
task to finish closes the ledger row. A dry run does the same reading and computing and writes nothing but
its ledger row.
"""
import datetime as dt
from decimal import Decimal

from django.db import IntegrityError, connection, models, transaction
from django.db.models import F, Max, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from partnercenter.partners.models import ConsumptionLine, Partner
from partnercenter.partners.selectors import settlement_blockers

from ..calculation import Inputs, calculate, money
from ..models import GenerationRun, IncentiveDetail, IncentivePolicy, Reason, ReconciliationBill

CHUNK = 5000
LOOKBACK_MONTHS = 12  # late consumption older than this is not picked up by the monthly job


def _months_before(period: dt.date, months: int) -> dt.date:
    index = period.year * 12 + period.month - 1 - months
    return dt.date(index // 12, index % 12 + 1, 1)


def _source(partner_id: int, period: dt.date):
    return (ConsumptionLine.objects
            .filter(partner_id=partner_id, bill_cycle__lte=period,
                    bill_cycle__gte=_months_before(period, LOOKBACK_MONTHS)))


def partners_with_consumption(period: dt.date) -> list[int]:
    return list(ConsumptionLine.objects.filter(bill_cycle__lte=period,
                                               bill_cycle__gte=_months_before(period, LOOKBACK_MONTHS))
                .order_by().values_list("partner_id", flat=True).distinct())


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
    """INSERT … ON CONFLICT DO NOTHING on the natural key: one statement per chunk (execute_values on
    PostgreSQL; bulk_create with ignore_conflicts elsewhere, e.g. the embedded SQLite demo)."""
    if not details:
        return
    if connection.vendor == "postgresql":
        from psycopg2.extras import execute_values

        columns = list(details[0]) + ["created_at"]
        now = timezone.now()
        table = IncentiveDetail._meta.db_table
        with connection.cursor() as cursor:
            execute_values(
                cursor.cursor if hasattr(cursor, "cursor") else cursor,
                # Table and column names come from the model and _detail(), never from input.
                f'INSERT INTO "{table}" ({", ".join(columns)}) VALUES %s ON CONFLICT DO NOTHING',  # noqa: S608
                [(*d.values(), now) for d in details], page_size=len(details))
        return
    IncentiveDetail.objects.bulk_create([IncentiveDetail(**d) for d in details], ignore_conflicts=True,
                                        batch_size=CHUNK)


def generation_partner_run(*, run_id: int, partner_id: int) -> dict:
    """Generate (or preview) one partner's lines for the run's period. Safe to run twice."""
    run = GenerationRun.objects.get(pk=run_id)
    period = run.period
    partner = Partner.objects.get(pk=partner_id)
    bill = ReconciliationBill.objects.filter(partner_id=partner_id, period=period).first()
    if bill is not None and bill.status != ReconciliationBill.Status.ESTIMATED:
        return {"skipped": 1}
    if bill is None and not run.dry_run:
        bill, _created = ReconciliationBill.objects.get_or_create(partner_id=partner_id, period=period)
    blockers = settlement_blockers(partner=partner)
    frozen_reason = "；".join(blockers)[:200]
    policies = list(IncentivePolicy.objects.all())
    source = _source(partner_id, period)
    stats = {"source": 0, "added": 0, "adjustments": 0, "amount": Decimal("0.00")}
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
    if bill is not None and not run.dry_run:
        from .bills import bill_refresh_totals
        from .indicators import indicators_refresh, performance_refresh

        bill = bill_refresh_totals(bill_id=bill.pk)
        indicators_refresh(partner_id=partner_id, period=period)
        performance_refresh(bill=bill)
    return stats


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
            defaults={"lines_added": stats.get("added", 0), "amount_added": amount, "error": error[:500]},
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

