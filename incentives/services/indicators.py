"""Indicators are derived numbers: recomputed whole for a partner and period from one grouped aggregate."""
from collections import defaultdict
from decimal import Decimal

from django.db import transaction
from django.db.models import Count, Sum

from ..models import IncentiveDetail, Indicator, IndicatorLine, PerformanceLine, PerformanceStatement

FIELDS = {Indicator.Name.CONSUMPTION: "consumption", Indicator.Name.ELIGIBLE: "eligible",
          Indicator.Name.INCENTIVE: "incentive"}


def indicators_refresh(*, partner_id: int, period) -> int:
    """Replace the partner's indicators of `period`; returns how many were written."""
    rows = (IncentiveDetail.objects.filter(partner_id=partner_id, period=period).order_by()
            .values("product_type", "association_type")
            .annotate(lines=Count("pk"), consumption=Sum("consumption_amount"), eligible=Sum("eligible_base"),
                      incentive=Sum("amount")))
    # (name, scope) → {product type: [lines, value]}
    grouped = defaultdict(lambda: defaultdict(lambda: [0, Decimal("0.00")]))
    cent = Decimal("0.01")
    for row in rows:
        label = row["product_type"] or "—"
        for name, field in FIELDS.items():
            value = Decimal(row[field] or 0).quantize(cent)
            for scope in (Indicator.Scope.ALL, row["association_type"]):
                if scope not in Indicator.Scope.values:
                    continue
                cell = grouped[(name, scope)][label]
                cell[0] += row["lines"]
                cell[1] += value
    with transaction.atomic():
        Indicator.objects.filter(partner_id=partner_id, period=period).delete()
        for (name, scope), by_label in grouped.items():
            indicator = Indicator.objects.create(partner_id=partner_id, period=period, name=name, scope=scope,
                                                 value=sum((v for _n, v in by_label.values()), Decimal("0.00")))
            IndicatorLine.objects.bulk_create(
                IndicatorLine(indicator=indicator, label=label, line_count=n, value=v)
                for label, (n, v) in by_label.items())
    return len(grouped)


def performance_refresh(*, bill) -> PerformanceStatement:
    """Replace the bill's 业绩单: consumption by the manager fixed on each line × product type."""
    rows = (IncentiveDetail.objects.filter(bill=bill, consumption__isnull=False).order_by()
            .values("manager_id", "manager_name", "product_type")
            .annotate(customers=Count("customer_id", distinct=True), amount=Sum("consumption_amount")))
    cent = Decimal("0.01")
    lines = [(row, Decimal(row["amount"] or 0).quantize(cent)) for row in rows]
    with transaction.atomic():
        statement, _created = PerformanceStatement.objects.update_or_create(
            bill=bill, defaults={"partner_id": bill.partner_id, "period": bill.period,
                                 "total_amount": sum((amount for _r, amount in lines), Decimal("0.00"))})
        statement.lines.all().delete()
        PerformanceLine.objects.bulk_create(
            PerformanceLine(statement=statement, manager_id=row["manager_id"], manager_name=row["manager_name"],
                            product_type=row["product_type"], customer_count=row["customers"], amount=amount)
            for row, amount in lines)
    return statement
