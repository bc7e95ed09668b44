"""Reads of the incentive wing that span models or recompute: receipts, bill breakdowns, monthly series."""
from django.db.models import Count, Sum

from partnercenter.partners.models import ConsumptionLine

from .calculation import Inputs, calculate
from .models import IncentiveDetail, Reason
from .models.details import totals_shape


def receipt_for(detail: IncentiveDetail) -> dict:
    """The line's calculation receipt: stored inputs, the rule (policy version), the formula and the conclusion."""
    receipt = {
        "reason": detail.get_reason_display(),
        "zero_or_negative": detail.amount <= 0,
        "formula": f"{detail.eligible_base} × {detail.rate} = {detail.amount}",
        "policy": detail.policy,
        "recomputed": None,
    }
    if detail.consumption_id and detail.kind == IncentiveDetail.Kind.ORIGINAL:
        line = (ConsumptionLine.objects.select_related("customer", "product")
                .filter(pk=detail.consumption_id).first())
        if line is not None:
            inputs = Inputs(amount=detail.consumption_amount, bill_cycle=detail.bill_cycle, period=detail.period,
                            product_id=line.product_id, service_type_id=line.product.service_type_id,
                            product_policy_code=line.product.incentive_policy, billing_mode=detail.billing_mode,
                            association_type=detail.association_type, customer_kind=line.customer.customer_kind,
                            associated_on=line.customer.associated_on)
            receipt["inputs"] = inputs
            # Recomputed with only the policy versions the line used: the receipt never drifts with later edits.
            policies = [detail.policy] if detail.policy else []
            receipt["recomputed"] = calculate(inputs, policies).amount
    return receipt


def bill_lines_by_reason(bill) -> list[dict]:
    rows = (IncentiveDetail.objects.filter(bill=bill).order_by().values("reason")
            .annotate(lines=Count("pk"), consumption=Sum("consumption_amount"), incentive=Sum("amount"))
            .order_by("reason"))
    labels = dict(Reason.choices)
    return [{**row, "label": labels.get(row["reason"], row["reason"])} for row in rows]


def monthly_incentive(*, user, since) -> list[dict]:
    """Incentive by period from `since` on for the user's scope (the home chart), one query: from the
    trigger-kept totals on PostgreSQL (a few rows per period), else summed over the lines."""
    from .models import DetailTotal
    from .models.totals import kept_by_triggers

    if kept_by_triggers():
        rows = DetailTotal.objects.for_user(user).filter(period__gte=since).values("period").annotate(
            incentive=Sum("incentive"))
    else:
        rows = IncentiveDetail.objects.for_user(user).filter(period__gte=since).values("period").annotate(
            incentive=Sum("amount"))
    return list(rows.order_by("period"))


def performance_by_month(*, user, year: int, manager=None) -> list[dict]:
    """Twelve months of 业绩 (consumption attributed to managers), with bar heights for the chart (0–100)."""
    import datetime as dt
    from decimal import Decimal

    from .models import PerformanceLine, PerformanceStatement

    statements = PerformanceStatement.objects.for_user(user).filter(period__year=year)
    lines = PerformanceLine.objects.filter(statement__in=statements)
    if manager is not None:
        lines = lines.filter(manager=manager)
    sums = dict(lines.order_by().values_list("statement__period__month").annotate(total=Sum("amount")))
    values = [Decimal(sums.get(month) or 0).quantize(Decimal("0.01")) for month in range(1, 13)]
    top = max([v for v in values if v > 0], default=Decimal(1))
    return [{"month": dt.date(year, month, 1), "amount": value,
             "height": int(max(value, 0) * 100 / top) if top else 0, "y": 100 - int(max(value, 0) * 100 / top)}
            for month, value in zip(range(1, 13), values, strict=True)]


SUMMARY_FILTERS = {"period", "year", "status"}


def period_summary(user) -> list[dict] | None:
    """A partner user's trigger-kept totals per (period, status) — a few rows per period — or None where the
    table is not kept (the embedded SQLite demo) or the user is vendor staff. 激励明细 reads it once per request
    for both its 对账期次 dropdown and its totals."""
    from .models import DetailTotal
    from .models.totals import kept_by_triggers

    if not kept_by_triggers() or getattr(user, "is_vendor_staff", True):
        return None  # vendor staff see every partner's rows: their totals are summed by the database
    return list(DetailTotal.objects.for_user(user).order_by("-period", "status")
                .values("period", "status", "lines", "consumption", "base", "incentive"))


def detail_periods(user, *, summary: list[dict] | None = None) -> list:
    """The periods the user has incentive lines in, newest first: from the summary rows already read, else from
    the summary table (vendor staff: all partners, still a small table), else (SQLite demo) from the lines."""
    from .models import DetailTotal
    from .models.totals import kept_by_triggers

    if summary is not None:
        return list(dict.fromkeys(row["period"] for row in summary if row["lines"]))
    source = (DetailTotal.objects.filter(lines__gt=0) if kept_by_triggers() else IncentiveDetail.objects)
    return list(source.for_user(user).order_by("-period").values_list("period", flat=True).distinct())


def summary_totals(filterset, *, user) -> dict | None:
    """Totals of the filtered 激励明细 from the trigger-kept summary table (PostgreSQL), when the filter is by
    period, year and status only (the usual question, "how much in 202610, normal lines?"): a few rows instead of
    every line. None when they cannot come from there (another filter, or the embedded SQLite demo). A filter set
    that read the summary already (`filterset.summary`, see filters.DetailFilterSet) is summed without a query."""
    from .filters import parse_period
    from .models import DetailTotal
    from .models.totals import kept_by_triggers

    if not kept_by_triggers():
        return None
    form = filterset.form
    data = form.cleaned_data if filterset.is_bound and form.is_valid() else {}
    active = {key for key, value in data.items() if value not in (None, "", [])} - {"sort"}
    if filterset.is_bound and not (form.is_valid() and active <= SUMMARY_FILTERS):
        return None
    period, year, status = parse_period(data.get("period") or ""), data.get("year"), data.get("status")
    summary = getattr(filterset, "summary", None)
    if summary is None:
        rows = DetailTotal.objects.for_user(user)
        if period:
            rows = rows.filter(period=period)
        if year:
            rows = rows.filter(period__year=year)
        if status:
            rows = rows.filter(status=status)
        return rows.totals()
    chosen = [row for row in summary if (not period or row["period"] == period)
              and (not year or row["period"].year == year) and (not status or row["status"] == status)]
    return totals_shape({key: sum(row[key] for row in chosen) for key in ("consumption", "base", "incentive",
                                                                         "lines")})


def detail_totals(filterset, *, user) -> dict:
    """Totals of the filtered 激励明细: from the summary table when they can (`summary_totals`), else the sums of
    the filtered lines (search, association type, billing mode…)."""
    totals = summary_totals(filterset, user=user)
    return totals if totals is not None else filterset.qs.totals()
