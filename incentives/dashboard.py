"""The home page's "incentive by month" chart for partner users (last 12 reconciliation periods)."""
import datetime as dt
from decimal import Decimal

from django.utils import timezone

from partnercenter.dashboard import register

from .selectors import monthly_incentive

TEMPLATE = "incentives/_home_chart.html"
CHART_HEIGHT = 100


@register
def incentive_chart(user):
    if not user.is_authenticated or not user.partner_id:
        return None
    today = timezone.localdate()
    rows = monthly_incentive(user=user, since=dt.date(today.year - 1, 1, 1))[-12:]
    if not rows:
        return None
    peak = max((row["incentive"] for row in rows), default=Decimal("0")) or Decimal("1")
    bars = []
    for index, row in enumerate(rows):
        amount = row["incentive"] or Decimal("0")
        height = int(max(amount, Decimal("0")) / peak * CHART_HEIGHT) if peak > 0 else 0
        bars.append({"period": row["period"], "amount": amount, "x": index * 100 + 15, "height": height,
                     "y": CHART_HEIGHT - height})
    total = sum((row["incentive"] or Decimal("0") for row in rows), Decimal("0.00"))
    return TEMPLATE, {"bars": bars, "total": total, "width": len(bars) * 100}
