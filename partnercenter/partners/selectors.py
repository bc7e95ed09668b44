"""Reads that span models: the partner overview, certification status, settlement readiness, management periods."""
import datetime as dt
from decimal import Decimal

from django.db.models import Exists, OuterRef, Subquery, Sum
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .models import (
    BusinessInfoApplication,
    CertifiedBusinessInfo,
    ConsumptionLine,
    Customer,
    CustomerAssignment,
    Order,
    Partner,
    RealNameApplication,
    ReviewStatus,
    User,
)

BUSINESS_INFO_STATUS = {
    "not_certified": (gettext_lazy("未认证"), "neutral"),
    "pending": (gettext_lazy("认证审核中"), "warning"),
    "rejected": (gettext_lazy("认证不通过"), "danger"),
    "certified": (gettext_lazy("已认证"), "success"),
    "change_pending": (gettext_lazy("变更审核中"), "warning"),
    "change_rejected": (gettext_lazy("已认证（变更未通过）"), "success"),
}

REALNAME_TONES = {-1: "neutral", 0: "warning", 1: "danger", 2: "success"}
REVIEW_TONES = {"pending": "warning", "approved": "success", "rejected": "danger", "withdrawn": "neutral"}


def business_info_status(*, partner: Partner) -> tuple[str, str, str]:
    """(code, label, tone) of the partner's 商业信息认证, derived from its certified info and latest application
    (one query)."""
    row = (Partner.objects.filter(pk=partner.pk).values_list(
        Exists(CertifiedBusinessInfo.objects.filter(partner=OuterRef("pk"))),
        Subquery(BusinessInfoApplication.objects.filter(partner=OuterRef("pk")).latest_first().values("status")[:1]),
    ).first())
    certified, latest = row if row is not None else (False, None)
    if latest == ReviewStatus.PENDING:
        code = "change_pending" if certified else "pending"
    elif certified:
        code = "change_rejected" if latest == ReviewStatus.REJECTED else "certified"
    elif latest == ReviewStatus.REJECTED:
        code = "rejected"
    else:
        code = "not_certified"
    label, tone = BUSINESS_INFO_STATUS[code]
    return code, str(label), tone


def settlement_blockers(*, partner: Partner) -> list[str]:
    """Why the partner cannot be paid right now (empty when nothing blocks). Payment wings call this."""
    blockers = []
    if not partner.is_real_name_verified:
        blockers.append(_("未完成实名认证"))
    code, _label, _tone = business_info_status(partner=partner)
    if code in ("not_certified", "pending", "rejected"):
        blockers.append(_("未完成商业信息认证"))
    elif code == "change_pending":
        blockers.append(_("商业信息变更审核中，认证完成前无法结算"))
    info = CertifiedBusinessInfo.objects.filter(partner=partner).first()
    if info is not None and partner.certified_name and info.bank_account_name != partner.certified_name:
        blockers.append(_("银行开户名与实名认证名称不一致"))
    return blockers


def manager_on(*, customer: Customer, day: dt.date) -> User | None:
    """The customer manager of the management period that contains `day` (None when unassigned)."""
    assignment = CustomerAssignment.objects.filter(customer=customer).on(day).select_related("manager").first()
    return assignment.manager if assignment else None


def last_closed_cycle(today: dt.date | None = None) -> dt.date:
    today = today or timezone.localdate()
    return (today.replace(day=1) - dt.timedelta(days=1)).replace(day=1)


def partner_overview(*, partner: Partner) -> dict:
    """The numbers on the home page: identity, certification, customers, recent orders, last month's consumption."""
    cycle = last_closed_cycle()
    since = timezone.now() - dt.timedelta(days=30)
    consumption = (ConsumptionLine.objects.for_partner(partner).in_cycle(cycle)
                   .aggregate(total=Sum("amount"))["total"]) or Decimal("0.00")
    return {
        "partner": partner,
        "business_info_status": business_info_status(partner=partner),
        "realname_tone": REALNAME_TONES[partner.real_name_status],
        "customer_count": Customer.objects.for_partner(partner).count(),
        "order_count_30d": Order.objects.for_partner(partner).filter(ordered_at__gte=since).count(),
        "consumption_last_month": consumption,
        "consumption_cycle": cycle,
    }


def monthly_consumption(*, customer: Customer, months: int = 13) -> list[dict]:
    """The customer's consumption per bill cycle for the last `months` cycles, newest first, with the manager
    each cycle is attributed to."""
    first = last_closed_cycle()
    for _i in range(months - 1):
        first = (first - dt.timedelta(days=1)).replace(day=1)
    rows = (ConsumptionLine.objects.filter(customer=customer, bill_cycle__gte=first)
            .values("bill_cycle", "manager__full_name", "manager__username")
            .annotate(total=Sum("amount")).order_by("-bill_cycle"))
    return [
        {"cycle": row["bill_cycle"], "total": row["total"],
         "manager": row["manager__full_name"] or row["manager__username"] or ""}
        for row in rows
    ]


def latest_realname_application(*, partner: Partner) -> RealNameApplication | None:
    return RealNameApplication.objects.filter(partner=partner).latest_first().first()
