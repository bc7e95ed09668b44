"""Every write of 大单续订任务: generation and refresh, follow-ups and closing, reminders, column choices."""
import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from partnercenter.notifications.services import notify
from partnercenter.stored_text import stored
from partnercenter.workflow.services import locked_transition, log_transition

from . import rules, selectors
from .models import ColumnPreference, DistributorHandler, FollowUp, RenewalTask, SalesTask

CLOSING = {
    "renewed": ("complete", RenewalTask.Outcome.RENEWED),
    "partly_renewed": ("complete", RenewalTask.Outcome.PARTLY_RENEWED),
    "lost": ("terminate", RenewalTask.Outcome.LOST),
}


def renewal_tasks_generate(*, today: dt.date) -> dict:
    """Create a task for each qualifying order expiring in `today`'s month; update the rates of existing ones.

    Idempotent: one task per order (unique `order`), so a rerun creates nothing new. Returns counts:
    created, updated, closed, and excluded per rule code.
    """
    first, last = rules.month_bounds(today)
    result = {"created": 0, "updated": 0, "closed": 0, "excluded": {}}
    existing = set(RenewalTask.objects.filter(expires_on__range=(first, last)).values_list("order_id", flat=True))
    for order in selectors.orders_expiring_in(first=first, last=last).iterator(chunk_size=500):
        if order.pk in existing:
            continue
        rule = rules.exclusion_for(order)
        if rule is not None:
            result["excluded"][rule.code] = result["excluded"].get(rule.code, 0) + 1
            continue
        if renewal_task_create(order=order, today=today) is not None:
            result["created"] += 1
    refreshed = renewal_tasks_refresh(today=today)
    result["updated"], result["closed"] = refreshed["updated"], refreshed["closed"]
    return result


def renewal_task_create(*, order, today: dt.date) -> RenewalTask | None:
    """One task for `order` (annotated with `renewed_amount`); None when another run created it first."""
    expires_on = timezone.localdate(order.expires_at)
    order.renewed_amount = selectors.money(order.renewed_amount)
    task = RenewalTask(
        partner_id=order.partner_id, customer=order.customer, order=order, product=order.product,
        manager=selectors.task_manager_on(customer=order.customer, day=today),
        name=_("%(customer)s 大单续订") % {"customer": order.customer.name},
        paid_amount=order.paid_amount, renewed_amount=order.renewed_amount,
        renewal_rate=rules.renewal_rate(renewed=order.renewed_amount, paid=order.paid_amount),
        expires_at=order.expires_at, expires_on=expires_on, deadline=rules.month_bounds(expires_on)[1],
        incentive_at_stake=rules.incentive_at_stake(paid=order.paid_amount, policy=order.product.incentive_policy),
    )
    task.full_clean(validate_unique=False)
    try:
        with transaction.atomic():
            task.save()
            comment = _("订单 %(no)s 将于 %(day)s 失效，实付金额 %(amount)s 元。") % {
                "no": order.order_no, "day": expires_on.isoformat(), "amount": order.paid_amount}
            log_transition(obj=task, action="create", action_label=_("生成任务"), from_status=None,
                           to_status=task.status, comment=comment)
    except IntegrityError:  # a concurrent run created the task for this order
        return None
    return task


def renewal_tasks_refresh(*, today: dt.date) -> dict:
    """Re-read the renewed amount of every open task; close the ones that reached the renewal threshold."""
    counts = {"updated": 0, "closed": 0}
    for task_id in RenewalTask.objects.open().order_by("pk").values_list("pk", flat=True).iterator():
        outcome = renewal_task_refresh(task_id=task_id, today=today)
        if outcome == "closed":
            counts["closed"] += 1
        elif outcome == "updated":
            counts["updated"] += 1
    return counts


def renewal_task_refresh(*, task_id: int, today: dt.date) -> str | None:
    """Update one open task's renewed amount, rate and manager; auto-complete it at ≥ 60 %."""
    with transaction.atomic():
        task = (RenewalTask.objects.select_for_update(of=("self",)).select_related("customer__partner")
                .filter(pk=task_id).first())
        if task is None or not task.is_open:
            return None
        renewed = selectors.order_renewed_amount(order_id=task.order_id)
        manager = selectors.refreshed_manager(task, day=today)
        changed = renewed != task.renewed_amount or manager != task.manager
        task.renewed_amount = renewed
        task.renewal_rate = rules.renewal_rate(renewed=renewed, paid=task.paid_amount)
        task.manager = manager
        task.refreshed_at = timezone.now()
        task.full_clean()
        task.save(update_fields=["renewed_amount", "renewal_rate", "manager", "refreshed_at"])
    if rules.is_renewed(renewed=renewed, paid=task.paid_amount):
        comment = _("金额续费率达到 %(rate)s%%，任务自动完成。") % {"rate": task.renewal_rate}
        with locked_transition(RenewalTask, pk=task_id, name="auto_complete", comment=comment) as t:
            t.outcome = RenewalTask.Outcome.RENEWED
            t.closed_at = timezone.now()
        return "closed"
    return "updated" if changed else None


def follow_up_record(*, task_id: int, actor, contact_method: str, result: str, note: str = "",
                     next_follow_up_on: dt.date | None = None, close_as: str = "") -> FollowUp:
    """处理: record one contact with the customer; the first one moves the task to 进行中, `close_as` ends it."""
    today = timezone.localdate()
    if next_follow_up_on is not None and next_follow_up_on < today:
        raise ValidationError({"next_follow_up_on": _("下次跟进日期不能早于今天。")})
    if close_as and close_as not in CLOSING:
        raise ValidationError({"close_as": _("请选择有效的任务结果。")})
    if close_as and next_follow_up_on is not None:
        raise ValidationError({"next_follow_up_on": _("结束任务时无需填写下次跟进日期。")})
    with transaction.atomic():
        task = RenewalTask.objects.select_for_update().get(pk=task_id)
        if not task.can_handle(actor):
            raise PermissionDenied(_("您只能查看该任务，由%(partner)s负责处理。") % {"partner": task.handler_partner()})
        if not task.is_open:
            raise ValidationError(_("任务已结束，不能再记录处理。"))
        follow_up = FollowUp(task=task, actor=actor, actor_name=actor.display_name, contact_method=contact_method,
                             result=result, note=note, next_follow_up_on=next_follow_up_on)
        follow_up.full_clean()
        follow_up.save()
        RenewalTask.objects.filter(pk=task.pk).update(last_processed_at=timezone.now(),
                                                      next_follow_up_on=next_follow_up_on)
        summary = "{} · {}{}".format(follow_up.get_contact_method_display(), follow_up.get_result_display(),
                                     f"\n{note}" if note else "")
        if task.status == RenewalTask.Status.PENDING and not close_as:
            with locked_transition(RenewalTask, pk=task.pk, name="process", actor=actor, comment=summary):
                pass
        elif not close_as:
            log_transition(obj=task, action="follow_up", action_label=_("记录处理"), from_status=None,
                           to_status="", actor=actor, comment=summary)
        if close_as:
            name, outcome = CLOSING[close_as]
            with locked_transition(RenewalTask, pk=task.pk, name=name, actor=actor, comment=summary) as closed:
                closed.outcome = outcome
                closed.closed_at = timezone.now()
                closed.next_follow_up_on = None
    return follow_up


def renewal_reminders_send(*, today: dt.date) -> int:
    """Remind the customer manager once per task when its order expires within the reminder window."""
    sent = 0
    due = RenewalTask.objects.expiring_within(today=today, days=rules.REMIND_DAYS_BEFORE_EXPIRY)
    for task in due.filter(reminded_at__isnull=True).select_related("manager", "partner__distributor", "order"):
        with transaction.atomic():
            # The conditional update is the claim: two sweeps never remind twice.
            if not RenewalTask.objects.filter(pk=task.pk, reminded_at__isnull=True).update(reminded_at=timezone.now()):
                continue
            notify(recipients=selectors.task_recipients(task),
                   title=stored(gettext_noop("大单续订提醒：%(name)s"), {"name": task.name}),
                   body=stored(
                       gettext_noop("订单 %(no)s 将于 %(day)s 失效，实付金额 %(amount)s 元，当前续费率 %(rate)s%%。"), {
                           "no": task.order.order_no, "day": task.expires_on.isoformat(),
                           "amount": task.paid_amount, "rate": task.renewal_rate}),
                   url=task.get_absolute_url(), level="warning")
        sent += 1
    return sent


def column_preference_save(*, user, table: str, columns: list[str], allowed: list[str]) -> ColumnPreference:
    """Remember which columns `user` shows on `table` (unknown keys are dropped, the order is the table's)."""
    chosen = [key for key in allowed if key in set(columns)]
    if not chosen:
        raise ValidationError(_("请至少选择一列。"))
    preference, _created = ColumnPreference.objects.update_or_create(user=user, table=table,
                                                                     defaults={"columns": chosen})
    return preference


def distributor_handler_assign(*, customer_id: int, manager, actor) -> DistributorHandler:
    """A master distributor's main account names who handles a cloud reseller's sub-customer: that person (one
    of the distributor's own main accounts or customer managers) gets the customer's open tasks of both queues
    and every later one; the reseller is shown the name."""
    from partnercenter.partners.models import Customer, User

    with transaction.atomic():
        customer = Customer.objects.select_for_update(of=("self",)).select_related("partner").get(pk=customer_id)
        distributor_id = customer.partner.distributor_id
        if customer.partner.partner_type != "reseller" or not distributor_id:
            raise ValidationError(_("只有云经销商的子客户由总经销商指定处理人。"))
        if not (actor.is_authenticated and actor.is_main_account and actor.partner_id == distributor_id):
            raise PermissionDenied(_("只有总经销商主账号可以指定处理人。"))
        if (manager.partner_id != distributor_id or not manager.is_active
                or manager.role not in (User.Role.MAIN, User.Role.CUSTOMER_MANAGER)):
            raise ValidationError({"manager": _("请选择本伙伴在职的客户经理。")})
        handler, _created = DistributorHandler.objects.update_or_create(
            customer=customer, defaults={"distributor_id": distributor_id, "manager": manager, "assigned_by": actor})
        comment = _("处理人：%(name)s") % {"name": manager.display_name}
        for model in (RenewalTask, SalesTask):
            for task in model.objects.open().filter(customer=customer).exclude(manager=manager).order_by("pk"):
                model.objects.filter(pk=task.pk).update(manager=manager)
                log_transition(obj=task, action="assign_handler", action_label=_("指定处理人"), from_status=None,
                               to_status="", actor=actor, comment=comment)
        if manager.pk != actor.pk:
            title = stored(gettext_noop("您负责处理云经销商子客户“%(name)s”的营销任务"), {"name": customer.name})
            notify(recipients=[manager], title=title, url=reverse("renewals:task-list"))
    return handler
