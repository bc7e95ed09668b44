"""The documented rules of 大单续订任务, in one place (the list page shows them from here).

An order that expires in the current natural month becomes a task when it passes every exclusion rule below,
checked in order; the first rule that matches is the reason it was left out (counted per rule on each run).
"""
import calendar
import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal

from django.utils.translation import gettext_lazy as _

MIN_PAID_AMOUNT = Decimal("5000.00")      # 实付金额 ≥ 5000 元
RENEWED_RATE = Decimal("60")              # 金额续费率 ≥ 60 % counts as renewed
REMIND_DAYS_BEFORE_EXPIRY = 7             # the customer manager is reminded this many days before expiry
CENT = Decimal("0.01")

# Incentive at stake if the order renews, as a share of the paid amount, per product incentive policy
# (Product.IncentivePolicy). "2" 无业绩无返点 and "13" 有业绩无返点 earn no rebate. An estimate shown to help
# prioritise; the incentives wing computes the real amount after the renewal is paid.
INCENTIVE_RATES = {
    "0": Decimal("0.05"),    # 非特定产品
    "1": Decimal("0.10"),    # 特定产品
    "2": Decimal("0"),       # 无业绩无返点
    "13": Decimal("0"),      # 有业绩无返点
}


@dataclass(frozen=True)
class Rule:
    code: str
    label: str
    description: str


def _auto_renew_on(order) -> bool:
    # Order.auto_renew: the resource is set to renew itself on expiry (BSS expire_policy 3).
    return bool(order.auto_renew)


EXCLUSIONS = (
    (Rule("one_time", _("一次性购买"), _("一次性计费的订单没有续订，不生成任务。")),
     lambda order: order.billing_mode == "one_time"),
    (Rule("on_demand", _("按需计费"), _("按需计费的资源按使用量结算，不存在到期续订。")),
     lambda order: order.billing_mode == "on_demand"),
    (Rule("unsubscribed", _("已退订"), _("订单已退订，资源已释放。")),
     lambda order: order.status == "unsubscribed"),
    (Rule("not_paid", _("未支付或已取消"), _("只统计已完成支付的订单。")),
     lambda order: order.status in ("pending_payment", "cancelled")),
    (Rule("auto_renew", _("已开通自动续费"), _("到期自动续费的资源无需人工跟进。")),
     _auto_renew_on),
    (Rule("small_order", _("实付金额低于5000元"), _("实付金额 ≥ 5000 元的订单才是大单。")),
     lambda order: order.paid_amount < MIN_PAID_AMOUNT),
    (Rule("already_renewed", _("金额续费率已达60%"), _("续订订单实付金额 ÷ 到期订单实付金额 ≥ 60 % 视为已续订。")),
     lambda order: is_renewed(renewed=order.renewed_amount, paid=order.paid_amount)),
)

INCLUSION = (
    Rule("expiring_this_month", _("本自然月到期"), _("订单失效时间在当前自然月内（含当月最后一天）。")),
    Rule("generation_day", _("月初首个工作日生成"),
         _("每月第一个工作日生成当月任务，之后每天刷新续费率并补充新到期的订单。")),
    Rule("auto_close", _("续订后自动完成"), _("续费率达到 60 % 时任务自动完成，结果记为“已续订”。")),
)


def exclusion_for(order) -> Rule | None:
    """The first exclusion rule the order matches (None: it becomes a task). `order.renewed_amount` is annotated."""
    for rule, matches in EXCLUSIONS:
        if matches(order):
            return rule
    return None


def is_renewed(*, renewed: Decimal, paid: Decimal) -> bool:
    """Exact comparison (no rounding): 2999.99 of 5000.00 is 59.9998 %, not renewed."""
    return paid > 0 and renewed * 100 >= RENEWED_RATE * paid


def renewal_rate(*, renewed: Decimal, paid: Decimal) -> Decimal:
    if paid <= 0:
        return Decimal("0.00")
    return (renewed * 100 / paid).quantize(CENT, rounding=ROUND_DOWN)  # a shown rate never rounds up across 60 %


def incentive_at_stake(*, paid: Decimal, policy: str) -> Decimal:
    rate = INCENTIVE_RATES.get(policy, Decimal("0"))
    return (paid * rate).quantize(CENT, rounding=ROUND_HALF_UP)


def month_bounds(day: dt.date) -> tuple[dt.date, dt.date]:
    """First and last day of `day`'s natural month."""
    last = calendar.monthrange(day.year, day.month)[1]
    return day.replace(day=1), day.replace(day=last)


def add_months(day: dt.date, months: int) -> dt.date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return day.replace(year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1]))


def first_working_day(day: dt.date) -> dt.date:
    from partnercenter.workdays.services import is_working_day

    candidate = day.replace(day=1)
    while not is_working_day(candidate):
        candidate += dt.timedelta(days=1)
    return candidate
