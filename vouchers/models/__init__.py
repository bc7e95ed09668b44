from .mdf import MdfApplication, MdfAttachment, MdfBudget
from .vouchers import OrderType, QuotaMovement, Voucher, VoucherQuota, VoucherUsage

__all__ = ["MdfApplication", "MdfAttachment", "MdfBudget", "OrderType", "QuotaMovement", "Voucher",
           "VoucherQuota", "VoucherUsage"]
