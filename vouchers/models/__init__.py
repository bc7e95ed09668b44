from .claims import ExpenseCategory, MdfClaim, MdfClaimExpense, MdfReceipt
from .mdf import MdfApplication, MdfAttachment, MdfBudget
from .vouchers import OrderType, QuotaMovement, Voucher, VoucherQuota, VoucherUsage

__all__ = ["ExpenseCategory", "MdfApplication", "MdfAttachment", "MdfBudget", "MdfClaim", "MdfClaimExpense",
           "MdfReceipt", "OrderType", "QuotaMovement", "Voucher", "VoucherQuota", "VoucherUsage"]
