"""Every write of the voucher wing. Quota and voucher balances change only here, under a row lock, and every
change of a quota's balance writes one QuotaMovement row, so the ledger always adds up."""
import secrets
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, F, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from partnercenter.partners.models import Customer, Order, Partner
from partnercenter.workflow.machine import TransitionNotAllowed
from partnercenter.workflow.services import locked_transition, log_transition

from .eligibility import grant_refusals
from .models import OrderType, QuotaMovement, Voucher, VoucherQuota, VoucherUsage
from .rules import CENT, redemption_refusal


def _actor_name(actor) -> str:
    if actor is None:
        return _("系统")
    return getattr(actor, "display_name", None) or str(actor)


def _move(*, quota, kind, amount, actor=None, voucher=None) -> QuotaMovement:
    movement = QuotaMovement(quota=quota, voucher=voucher, kind=kind, amount=amount, balance_after=quota.balance,
                             actor=actor if actor is not None and actor.is_authenticated else None,
                             actor_name=_actor_name(actor))
    movement.full_clean()
    movement.save()
    return movement


def quota_grant(*, partner, name, amount, valid_from, valid_to, actor, service_types=(), products=(),
                per_customer_count=None, per_customer_amount=None):
    """An operator grants an eligible partner (vouchers.eligibility) a voucher quota, optionally with per-customer
    caps (count and/or total face value per customer)."""
    if actor is None or not actor.is_vendor_staff:
        raise PermissionDenied(_("只有运营人员可以授予提货券额度。"))
    amount = Decimal(amount)
    if amount <= 0 or amount != amount.quantize(CENT):
        raise ValidationError({"amount": _("额度总额须大于0，且最多两位小数。")})
    if per_customer_amount is not None:
        per_customer_amount = Decimal(per_customer_amount)
        if per_customer_amount <= 0 or per_customer_amount != per_customer_amount.quantize(CENT):
            raise ValidationError({"per_customer_amount": _("每客户最高金额须大于0，且最多两位小数。")})
        if per_customer_amount > amount:
            raise ValidationError({"per_customer_amount": _("每客户最高金额不能超过额度总额。")})
    if per_customer_count is not None and per_customer_count < 1:
        raise ValidationError({"per_customer_count": _("每客户最多张数须至少为1。")})
    with transaction.atomic():
        partner = Partner.objects.select_for_update().get(pk=partner.pk)  # eligibility read on a stable row
        refusals = grant_refusals(partner)
        if refusals:
            raise ValidationError({"partner": [ValidationError(str(refusal), code=f"not_eligible_{refusal.rule}")
                                               for refusal in refusals]})
        quota = VoucherQuota(partner=partner, name=name, amount=amount, balance=amount, valid_from=valid_from,
                             valid_to=valid_to, granted_by=actor, per_customer_count=per_customer_count,
                             per_customer_amount=per_customer_amount)
        quota.full_clean()
        quota.save()
        quota.service_types.set(service_types)
        quota.products.set(products)
        _move(quota=quota, kind=QuotaMovement.Kind.GRANT, amount=amount, actor=actor)
    return quota


def _new_code() -> str:
    return "TV" + timezone.localdate().strftime("%Y%m%d") + secrets.token_hex(4).upper()


def _check_issue(quota, *, customers, face_value, valid_from, valid_to, ratio_limit, order_types,
                 service_types, products, today):
    errors = {}
    if not customers:
        errors["customers"] = _("请选择至少一个客户。")
    elif any(c.partner_id != quota.partner_id for c in customers):
        errors["customers"] = _("只能向本伙伴的客户发放提货券。")
    if face_value <= 0 or face_value != face_value.quantize(CENT):
        errors["face_value"] = _("提货券面值须大于0，且最多两位小数。")
    elif customers and face_value * len(customers) > quota.balance:
        errors["face_value"] = _("发放总额 %(total)s 元超过额度可用余额 %(balance)s 元。") % {
            "total": face_value * len(customers), "balance": quota.balance}
    if valid_to < valid_from:
        errors["valid_to"] = _("失效日期不能早于生效日期。")
    elif valid_from < quota.valid_from or valid_to > quota.valid_to:
        errors["valid_to"] = _("有效期须在额度有效期 %(start)s 至 %(end)s 之内。") % {
            "start": quota.valid_from, "end": quota.valid_to}
    elif valid_to < today:
        errors["valid_to"] = _("失效日期不能早于今天。")
    if not (Decimal("0") < ratio_limit <= Decimal("100")):
        errors["ratio_limit"] = _("使用限制比例须大于0且不超过100。")
    if not order_types or any(t not in OrderType.values for t in order_types):
        errors["order_types"] = _("请选择至少一种订购类型。")
    allowed_types = set(quota.service_types.values_list("pk", flat=True))
    if allowed_types and any(st.pk not in allowed_types for st in service_types):
        errors["service_types"] = _("云服务类型须在额度的适用范围之内。")
    allowed_products = set(quota.products.values_list("pk", flat=True))
    if allowed_products and any(p.pk not in allowed_products for p in products):
        errors["products"] = _("产品须在额度的适用范围之内。")
    if errors:
        raise ValidationError(errors)


def _per_customer_refusal(quota, customers, face_value) -> str | None:
    """The quota's per-customer caps, read while the quota row is locked: every issue out of a quota locks that
    row first, so two concurrent issues to one customer cannot both pass on a stale sum.

    Count: vouchers the customer holds from this quota (recalled and expired ones no longer count). Amount: face
    value minus what went back to the quota (recall/expiry returns), i.e. what the customer could actually spend."""
    if quota.per_customer_count is None and quota.per_customer_amount is None:
        return None
    mine = Voucher.objects.filter(quota=quota, customer__in=customers).values("customer_id")
    amounts = dict(mine.annotate(s=Sum(F("face_value") - F("recalled_amount"))).values_list("customer_id", "s"))
    counts = dict(mine.exclude(status__in=[Voucher.Status.RECALLED, Voucher.Status.EXPIRED])
                  .annotate(n=Count("pk")).values_list("customer_id", "n"))
    for customer in customers:
        count, amount = counts.get(customer.pk, 0), amounts.get(customer.pk) or Decimal("0")
        if quota.per_customer_count is not None and count + 1 > quota.per_customer_count:
            return _("超出每客户限额：客户“%(customer)s”已持有该额度的 %(count)s 张提货券，"
                     "每客户最多 %(limit)s 张。") % {
                "customer": customer.name, "count": count, "limit": quota.per_customer_count}
        if quota.per_customer_amount is not None and amount + face_value > quota.per_customer_amount:
            return _("超出每客户限额：客户“%(customer)s”已从该额度获发 %(amount)s 元，再发 %(face)s 元将超过"
                     "每客户最高 %(limit)s 元。") % {"customer": customer.name, "amount": amount,
                                              "face": face_value, "limit": quota.per_customer_amount}
    return None


def vouchers_issue(*, quota_id, actor, customers, face_value, valid_from, valid_to, ratio_limit=Decimal("100"),
                   order_types=(OrderType.NEW,), service_types=(), products=(), memo="") -> list[Voucher]:
    """发放: one voucher per customer out of the quota's balance. The quota row is locked, so concurrent
    issues serialise and the balance can never go below zero."""
    if actor is None or not actor.partner_id:
        raise PermissionDenied(_("只有伙伴账号可以发放提货券。"))
    face_value, ratio_limit = Decimal(face_value), Decimal(ratio_limit)
    today = timezone.localdate()
    with transaction.atomic():
        quota = VoucherQuota.objects.for_user(actor).select_for_update().get(pk=quota_id)
        if not quota.is_valid_on(today):
            raise ValidationError(_("额度不在有效期内，不能发放提货券。"))
        customers = list(customers)
        visible = set(Customer.objects.for_user(actor).filter(pk__in=[c.pk for c in customers])
                      .values_list("pk", flat=True))
        if any(c.pk not in visible for c in customers):  # a customer manager issues to his own customers only
            raise ValidationError({"customers": _("只能向您可见的本伙伴客户发放提货券。")})
        service_types, products = list(service_types), list(products)
        _check_issue(quota, customers=customers, face_value=face_value, valid_from=valid_from, valid_to=valid_to,
                     ratio_limit=ratio_limit, order_types=list(order_types), service_types=service_types,
                     products=products, today=today)
        if len({c.pk for c in customers}) != len(customers):
            raise ValidationError({"customers": _("同一客户在一次发放中只能选择一次。")})
        refusal = _per_customer_refusal(quota, customers, face_value)
        if refusal is not None:
            raise ValidationError({"customers": ValidationError(refusal, code="per_customer_limit")})
        # Narrow to the quota's limits when the issuer chose none.
        service_types = service_types or list(quota.service_types.all())
        products = products or list(quota.products.all())
        status = Voucher.Status.AVAILABLE if valid_from <= today else Voucher.Status.INACTIVE
        issued = []
        for customer in customers:
            voucher = Voucher(partner=quota.partner, quota=quota, customer=customer, code=_new_code(),
                              face_value=face_value, balance=face_value, valid_from=valid_from, valid_to=valid_to,
                              ratio_limit=ratio_limit, order_types=sorted(set(order_types)), memo=memo,
                              status=status, issued_by=actor)
            voucher.full_clean()
            voucher.save()
            voucher.service_types.set(service_types)
            voucher.products.set(products)
            quota.balance -= face_value
            quota.save(update_fields=["balance"])
            _move(quota=quota, kind=QuotaMovement.Kind.ISSUE, amount=-face_value, actor=actor, voucher=voucher)
            log_transition(obj=voucher, action="issue", action_label=_("发放"), from_status=None,
                           to_status=status, actor=actor)
            issued.append(voucher)
    return issued


def _return_balance(voucher, *, kind, actor) -> Decimal:
    """Give a voucher's whole remaining balance back to its quota (quota row locked)."""
    amount = voucher.balance
    if amount <= 0:
        return Decimal("0")
    quota = VoucherQuota.objects.select_for_update().get(pk=voucher.quota_id)
    quota.balance += amount
    quota.save(update_fields=["balance"])
    voucher.recalled_amount += amount
    voucher.balance = Decimal("0")
    _move(quota=quota, kind=kind, amount=amount, actor=actor, voucher=voucher)
    return amount


def vouchers_recall(*, voucher_ids, actor) -> tuple[int, Decimal]:
    """回收: each 可使用 voucher returns its whole remaining balance to the quota. All or nothing; returns
    (count, amount actually recalled) — the balance read under the lock, not the one shown on the page."""
    if actor is None or not actor.partner_id:
        raise PermissionDenied(_("只有伙伴账号可以回收提货券。"))
    total, count = Decimal("0"), 0
    ids = sorted(set(int(pk) for pk in voucher_ids))
    if not ids:
        raise ValidationError(_("请选择要回收的提货券。"))
    mine = Voucher.objects.for_user(actor)
    with transaction.atomic():
        for pk in ids:
            with locked_transition(Voucher, pk=pk, name="recall", actor=actor, queryset=mine) as voucher:
                total += _return_balance(voucher, kind=QuotaMovement.Kind.RECALL, actor=actor)
            count += 1
    return count, total


def voucher_redeem(*, voucher_id, order_id, amount, actor=None, today=None) -> VoucherUsage:
    """Pay `amount` of a customer order with a voucher, after every redemption rule passed on locked rows.
    Raises ValidationError whose message names the refusing rule."""
    amount = Decimal(amount)
    today = today or timezone.localdate()
    vouchers = Voucher.objects.for_user(actor) if actor is not None else Voucher.objects.all()
    with transaction.atomic():
        order = Order.objects.select_for_update().select_related("product__service_type").get(pk=order_id)
        voucher = vouchers.select_for_update().get(pk=voucher_id)
        used = VoucherUsage.objects.filter(order=order)
        refusal = redemption_refusal(
            voucher, order, amount, today,
            already_on_order=used.aggregate(s=Sum("amount"))["s"] or Decimal("0"),
            already_by_voucher=used.filter(voucher=voucher).aggregate(s=Sum("amount"))["s"] or Decimal("0"))
        if refusal is not None:
            raise ValidationError(str(refusal), code=refusal.rule)
        voucher.balance -= amount
        voucher.save(update_fields=["balance"])
        usage = VoucherUsage(voucher=voucher, order=order, amount=amount, balance_after=voucher.balance)
        usage.full_clean()
        usage.save()
        if voucher.balance == 0:
            locked_transition_run(voucher.pk, "use_up", actor)
    return usage


def locked_transition_run(pk, name, actor=None, **kwargs):
    with locked_transition(Voucher, pk=pk, name=name, actor=actor, **kwargs) as voucher:
        pass
    return voucher


def voucher_expire(*, voucher_id) -> Decimal:
    """过期: the remaining balance goes back to the quota."""
    with locked_transition(Voucher, pk=voucher_id, name="expire") as voucher:
        returned = _return_balance(voucher, kind=QuotaMovement.Kind.EXPIRE, actor=None)
    return returned


def vouchers_sweep(*, today=None) -> dict:
    """Daily: activate vouchers whose validity has started, expire those whose validity has ended. Idempotent."""
    today = today or timezone.localdate()
    expired = activated = 0
    for pk in Voucher.objects.due_to_expire(today).values_list("pk", flat=True):
        try:
            voucher_expire(voucher_id=pk)
            expired += 1
        except TransitionNotAllowed:
            pass
    for pk in Voucher.objects.due_to_activate(today).values_list("pk", flat=True):
        try:
            locked_transition_run(pk, "activate")
            activated += 1
        except TransitionNotAllowed:
            pass
    return {"expired": expired, "activated": activated}
