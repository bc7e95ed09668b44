"""销售拓展任务: the documented generation rules, operator creation and 处理 (every write of SalesTask).

Rules run monthly (with the daily beat job; idempotent per customer, 二级策略 and month) over the last 12
closed bill cycles of consumption and the orders:

* 线索挖掘 / 沉睡客户激活 — consumed in the last 12 cycles, but nothing in the last 3.
* 线索挖掘 / 新客户首购 — associated within the last 90 days and no order yet.
* 交叉复购 / 单一产品客户扩品 — ≥ 10000 元 in 12 cycles, all on a single product.
* 到期续费 / 包周期资源下月到期 — a paid 包年/包月 order under 5000 元 expires next month (larger ones are
  大单续订任务).
* 场景化方案推荐 / 高增长客户方案推荐 — last cycle ≥ 3000 元 and ≥ 1.5 × the average of the 3 before it.
"""
import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from partnercenter.partners.models import ConsumptionLine, Customer, Order
from partnercenter.partners.selectors import last_closed_cycle
from partnercenter.workflow.services import locked_transition, log_transition

from . import rules
from .models import SalesFollowUp, SalesTask, Strategy, SubStrategy
from .models.expansion import SUB_STRATEGIES
from .selectors import money, task_manager_on

DORMANT_MONTHS = 3
NEW_CUSTOMER_DAYS = 90
SINGLE_PRODUCT_MIN = Decimal("10000")
GROWTH_MIN = Decimal("3000")
GROWTH_FACTOR = Decimal("1.5")


@dataclass(frozen=True)
class SalesRule:
    code: str
    strategy: str
    sub_strategy: str
    description: str

    @property
    def strategy_label(self) -> str:
        return Strategy(self.strategy).label

    @property
    def sub_label(self) -> str:
        return SubStrategy(self.sub_strategy).label


SALES_RULES = (
    SalesRule("dormant", Strategy.LEAD_MINING, SubStrategy.DORMANT,
              gettext_lazy("近12个月有消费、但最近3个月没有消费的客户。")),
    SalesRule("new_customer", Strategy.LEAD_MINING, SubStrategy.NEW_CUSTOMER,
              gettext_lazy("关联不足90天且尚未下单的客户。")),
    SalesRule("single_product", Strategy.CROSS_SELL, SubStrategy.SINGLE_PRODUCT,
              gettext_lazy("近12个月消费 ≥ 10000 元且只使用一个产品的客户。")),
    SalesRule("periodic_expiring", Strategy.EXPIRY_RENEWAL, SubStrategy.PERIODIC_EXPIRING,
              gettext_lazy("有实付金额低于5000元的包年/包月订单将在下个月到期的客户（更大的订单见大单续订任务）。")),
    SalesRule("growth", Strategy.SCENARIO, SubStrategy.GROWTH,
              gettext_lazy("上月消费 ≥ 3000 元且达到前3个月平均消费1.5倍的客户。")),
)
CLOSING = {"completed": "complete", "terminated": "terminate"}


def _cycles_back(cycle: dt.date, months: int) -> dt.date:
    return rules.add_months(cycle, -months)


def matching_customers(*, today: dt.date) -> dict[str, dict[int, Decimal]]:
    """{rule code: {customer id: 12-month consumption}} for every rule above."""
    last = last_closed_cycle(today)
    first = _cycles_back(last, 11)
    recent_from = _cycles_back(last, DORMANT_MONTHS - 1)
    totals, recent, products = defaultdict(Decimal), defaultdict(Decimal), defaultdict(set)
    by_cycle = defaultdict(lambda: defaultdict(Decimal))
    lines = ConsumptionLine.objects.filter(bill_cycle__gte=first, bill_cycle__lte=last).values_list(
        "customer_id", "bill_cycle", "product_id", "amount")
    for customer_id, cycle, product_id, amount in lines.iterator(chunk_size=2000):
        totals[customer_id] += amount
        by_cycle[customer_id][cycle] += amount
        products[customer_id].add(product_id)
        if cycle >= recent_from:
            recent[customer_id] += amount
    matches = {rule.code: {} for rule in SALES_RULES}
    for customer_id, total in totals.items():
        if total > 0 and recent[customer_id] <= 0:
            matches["dormant"][customer_id] = total
        if total >= SINGLE_PRODUCT_MIN and len(products[customer_id]) == 1:
            matches["single_product"][customer_id] = total
        latest = by_cycle[customer_id].get(last, Decimal("0"))
        before = [by_cycle[customer_id].get(_cycles_back(last, n), Decimal("0")) for n in (1, 2, 3)]
        average = sum(before) / 3
        if latest >= GROWTH_MIN and average > 0 and latest >= GROWTH_FACTOR * average:
            matches["growth"][customer_id] = total
    since = today - dt.timedelta(days=NEW_CUSTOMER_DAYS)
    for customer_id in (Customer.objects.filter(associated_on__gte=since, orders__isnull=True)
                        .values_list("pk", flat=True)):
        matches["new_customer"][customer_id] = totals.get(customer_id, Decimal("0"))
    next_first, next_last = rules.month_bounds(rules.add_months(today.replace(day=1), 1))
    from .selectors import orders_expiring_in

    expiring = (orders_expiring_in(first=next_first, last=next_last)
                .filter(billing_mode=Order.BillingMode.PERIODIC, status=Order.Status.COMPLETED,
                        paid_amount__lt=rules.MIN_PAID_AMOUNT).values_list("customer_id", flat=True))
    for customer_id in expiring:
        matches["periodic_expiring"][customer_id] = totals.get(customer_id, Decimal("0"))
    return matches


def sales_tasks_generate(*, today: dt.date) -> dict[str, int]:
    """Create this month's rule tasks; a rerun creates nothing new. Returns {rule code: created}."""
    period = today.strftime("%Y-%m")
    deadline = rules.month_bounds(today)[1]
    created = {}
    matches = matching_customers(today=today)
    for rule in SALES_RULES:
        found = matches[rule.code]
        existing = set(SalesTask.objects.filter(period=period, sub_strategy=rule.sub_strategy)
                       .exclude(rule_code="").values_list("customer_id", flat=True))
        count = 0
        customers = Customer.objects.filter(pk__in=set(found) - existing).select_related("partner").order_by("pk")
        for customer in customers:
            if _create_by_rule(rule=rule, customer=customer, consumption=found[customer.pk], period=period,
                               deadline=deadline, today=today):
                count += 1
        created[rule.code] = count
    return created


def _create_by_rule(*, rule: SalesRule, customer, consumption, period, deadline, today) -> SalesTask | None:
    manager = task_manager_on(customer=customer, day=today)
    task = SalesTask(partner_id=customer.partner_id, customer=customer, manager=manager,
                     name=f"{SubStrategy(rule.sub_strategy).label}：{customer.name}", strategy=rule.strategy,
                     sub_strategy=rule.sub_strategy, description=str(rule.description), rule_code=rule.code,
                     period=period, consumption_12m=consumption, deadline=deadline)
    task.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            task.save()
            log_transition(obj=task, action="create", action_label=_("按规则生成任务"), from_status=None,
                           to_status=task.status, comment=str(rule.description))
    except IntegrityError:  # a concurrent run created it first
        return None
    return task


def consumption_12m(*, customer, today: dt.date) -> Decimal:
    from django.db.models import Sum

    last = last_closed_cycle(today)
    total = (ConsumptionLine.objects.filter(customer=customer, bill_cycle__gte=_cycles_back(last, 11),
                                            bill_cycle__lte=last).aggregate(t=Sum("amount"))["t"])
    return money(total)


def sales_task_create(*, actor, customer, strategy: str, sub_strategy: str, name: str, deadline: dt.date,
                      description: str = "") -> SalesTask:
    """An operator creates a task for a partner's customer."""
    if not (actor.is_authenticated and actor.can_review()):
        raise PermissionDenied(_("只有华为云运营人员可以创建销售拓展任务。"))
    today = timezone.localdate()
    if sub_strategy not in SUB_STRATEGIES.get(strategy, ()):
        raise ValidationError({"sub_strategy": _("二级策略不属于所选的一级策略。")})
    if deadline < today:
        raise ValidationError({"deadline": _("任务截止时间不能早于今天。")})
    manager = task_manager_on(customer=customer, day=today)
    task = SalesTask(partner_id=customer.partner_id, customer=customer, manager=manager, name=name,
                     strategy=strategy, sub_strategy=sub_strategy, description=description,
                     period=today.strftime("%Y-%m"), consumption_12m=consumption_12m(customer=customer, today=today),
                     deadline=deadline, created_by=actor)
    task.full_clean()
    with transaction.atomic():
        task.save()
        log_transition(obj=task, action="create", action_label=_("运营创建任务"), from_status=None,
                       to_status=task.status, actor=actor, comment=description)
    return task


def sales_follow_up_record(*, task_id: int, actor, contact_method: str, result: str, note: str = "",
                           next_follow_up_on: dt.date | None = None, close_as: str = "") -> SalesFollowUp:
    """处理 a sales-expansion task: the first record moves it to 进行中; `close_as` completes or terminates it."""
    if next_follow_up_on is not None and next_follow_up_on < timezone.localdate():
        raise ValidationError({"next_follow_up_on": _("下次跟进日期不能早于今天。")})
    if close_as and close_as not in CLOSING:
        raise ValidationError({"close_as": _("请选择有效的任务结果。")})
    with transaction.atomic():
        task = SalesTask.objects.select_for_update().get(pk=task_id)
        if not task.can_handle(actor):
            raise PermissionDenied(_("您只能查看该任务，由%(partner)s负责处理。") % {"partner": task.handler_partner()})
        if not task.is_open:
            raise ValidationError(_("任务已结束，不能再记录处理。"))
        follow_up = SalesFollowUp(task=task, actor=actor, actor_name=actor.display_name,
                                  contact_method=contact_method, result=result, note=note,
                                  next_follow_up_on=None if close_as else next_follow_up_on)
        follow_up.full_clean()
        follow_up.save()
        SalesTask.objects.filter(pk=task.pk).update(next_follow_up_on=follow_up.next_follow_up_on)
        summary = "{} · {}{}".format(follow_up.get_contact_method_display(), follow_up.get_result_display(),
                                     f"\n{note}" if note else "")
        if close_as:
            with locked_transition(SalesTask, pk=task.pk, name=CLOSING[close_as], actor=actor,
                                   comment=summary) as closed:
                closed.closed_at = timezone.now()
        elif task.status == SalesTask.Status.PENDING:
            with locked_transition(SalesTask, pk=task.pk, name="process", actor=actor, comment=summary):
                pass
        else:
            log_transition(obj=task, action="follow_up", action_label=_("记录处理"), from_status=None,
                           to_status="", actor=actor, comment=summary)
    return follow_up
