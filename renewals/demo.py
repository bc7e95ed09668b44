"""Demo data of the renewals wing: this month's 大单续订任务 from the demo orders, with a few follow-ups.

Idempotent: generation creates one task per order, follow-ups are only added to tasks that have none, and
auto-renew is only switched on while no order expiring this month has it yet.
"""
import datetime as dt

from django.utils import timezone

from . import rules, selectors, services
from .expansion import sales_tasks_generate
from .models import FollowUp, RenewalTask, SalesTask


def build(stdout) -> None:
    today = timezone.localdate()
    # Last month's tasks too, so the queue shows overdue and closed work next to this month's.
    previous = rules.month_bounds(today)[0] - dt.timedelta(days=1)
    services.renewal_tasks_generate(today=previous)
    auto_renewed = _auto_renew_sample(today)
    result = services.renewal_tasks_generate(today=today)
    sales = sales_tasks_generate(today=today)
    _sample_follow_ups(today)
    _reseller_sample(today)
    if stdout is None:
        return
    stdout.write(f"  renewals: {RenewalTask.objects.count()} 大单续订任务 "
                 f"(+{result['created']} new, excluded {result['excluded']}, {auto_renewed} set to auto-renew); "
                 f"{SalesTask.objects.count()} 销售拓展任务 (+{sum(sales.values())} new)\n")


def _auto_renew_sample(today) -> int:
    """Switch on 自动续费 for about one in four of this month's large expiring orders (at least one), so the
    已开通自动续费 exclusion visibly leaves orders out of the queue on the demo page."""
    from partnercenter.partners.models import Order

    first, last = rules.month_bounds(today)
    expiring = selectors.orders_expiring_in(first=first, last=last)
    if expiring.filter(auto_renew=True).exists():
        return 0
    candidates = [order.pk for order in expiring.filter(renewal_task__isnull=True).iterator()
                  if rules.exclusion_for(order) is None]
    chosen = candidates[1::4] or candidates[:1]
    return Order.objects.filter(pk__in=chosen).update(auto_renew=True)


def _sample_follow_ups(today) -> None:
    if FollowUp.objects.exists():
        return
    open_tasks = list(RenewalTask.objects.open().select_related("partner__distributor", "manager")
                      .order_by("expires_on", "pk"))
    plans = [
        {"contact_method": "phone", "result": "will_renew", "note": "客户确认预算已批，月底前续订一年。",
         "next_follow_up_on": today + dt.timedelta(days=3)},
        {"contact_method": "wechat", "result": "considering", "note": "客户在比较包年与按需，下周再联系。",
         "next_follow_up_on": today + dt.timedelta(days=5)},
        {"contact_method": "visit", "result": "declined", "note": "业务迁移，本期不续订。", "close_as": "lost"},
    ]
    for task, plan in zip(open_tasks[::2], plans, strict=False):
        actor = task.manager if task.manager and task.can_handle(task.manager) else _main_of(task)
        if actor is not None:
            services.follow_up_record(task_id=task.pk, actor=actor, **plan)


def _reseller_sample(today) -> None:
    """An operator-created task on a cloud reseller's customer: dora (distributor) handles it, rita reads it."""
    from partnercenter.partners.models import Customer, User

    from .expansion import sales_task_create

    customer = Customer.objects.filter(partner__partner_type="reseller").order_by("pk").first()
    operator = User.objects.filter(is_staff=True, partner__isnull=True, is_superuser=True).order_by("pk").first()
    if customer is None or operator is None or SalesTask.objects.filter(customer=customer, rule_code="").exists():
        return
    sales_task_create(actor=operator, customer=customer, strategy="scenario", sub_strategy="industry",
                      name=f"行业场景方案推荐：{customer.name}", deadline=rules.month_bounds(today)[1],
                      description="客户计划扩建线上业务，推荐电商行业上云方案。")


def _main_of(task):
    from partnercenter.partners.models import User

    return User.objects.filter(partner=task.handler_partner()).main_accounts().first()
