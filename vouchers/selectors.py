"""Reads across the voucher models: the usage report of a quota and the ledger check."""
from decimal import Decimal

from django.db.models import Sum

from .models import QuotaMovement, Voucher, VoucherUsage


def quota_usage_rows(quota):
    """使用报表: every redemption of the quota's vouchers, newest first (one query)."""
    return (VoucherUsage.objects.filter(voucher__quota=quota)
            .select_related("voucher__customer", "order__product")
            .order_by("-used_at", "-pk"))


def quota_summary(quota) -> dict:
    vouchers = Voucher.objects.filter(quota=quota)
    totals = vouchers.aggregate(issued=Sum("face_value"), balance=Sum("balance"), recalled=Sum("recalled_amount"))
    used = VoucherUsage.objects.filter(voucher__quota=quota).aggregate(s=Sum("amount"))["s"]
    zero = Decimal("0.00")
    return {"issued": totals["issued"] or zero, "voucher_balance": totals["balance"] or zero,
            "returned": totals["recalled"] or zero, "used": used or zero, "count": vouchers.count()}


def ledger_adds_up(quota) -> bool:
    """quota.balance == sum of its movements, and amount == balance + live voucher balances + used."""
    quota.refresh_from_db()
    moved = QuotaMovement.objects.filter(quota=quota).aggregate(s=Sum("amount"))["s"] or Decimal("0")
    summary = quota_summary(quota)
    return moved == quota.balance and quota.amount == quota.balance + summary["voucher_balance"] + summary["used"]
