"""Reads of FH across models: who may apply, the quarter's pre-flight, totals, the partner's experts."""
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Sum
from django.urls import reverse
from django.utils.translation import gettext as _

from partnercenter.partners.models import Partner

from .models import CertifiedExpert, FhQuarter, MonthlyIncentive

ZERO = Decimal("0.00")


@dataclass(frozen=True)
class Check:
    """One condition shown on a page: met or not, the exact blocker, and what to do about it."""

    label: str
    ok: bool
    current: str = ""
    blocker: str = ""
    todo: str = ""
    url: str = ""


def qualification_requirements(partner: Partner) -> list[Check]:
    """FH is for DTC&SI-path partners at the 能力差异化 stage (spec A.8, A.11)."""
    on_path = partner.path == Partner.Path.DTCSI
    at_stage = on_path and partner.stage == Partner.Stage.CAPABILITY
    path_url = reverse("partners:path")
    return [
        Check(_("发展路径：数字化转型咨询与系统集成伙伴(SI)"), on_path,
              current=partner.get_path_display(),
              blocker=_("未加入数字化转型咨询与系统集成伙伴(SI)发展路径"),
              todo=_("在“发展路径”中选择数字化转型咨询与系统集成伙伴(SI)发展路径"), url=path_url),
        Check(_("路径阶段：能力差异化认证"), at_stage,
              current=partner.get_stage_display() if partner.stage else _("未加入"),
              blocker=_("尚未达到能力差异化认证阶段"),
              todo=_("完成角色认证后，在“发展路径”中申请能力差异化认证并等待审核通过"), url=path_url),
    ]


def qualification_unmet(partner: Partner) -> list[Check]:
    return [check for check in qualification_requirements(partner) if not check.ok]


def quarter_total(quarter: FhQuarter) -> Decimal:
    """What the quarter pays: the months that passed 初审 (frozen once the quarter is requested)."""
    if quarter.requested_amount is not None:
        return quarter.requested_amount
    total = quarter.monthly().filter(status=MonthlyIncentive.Status.APPROVED).aggregate(s=Sum("amount"))["s"]
    return (total or ZERO).quantize(Decimal("0.01"))


def quarter_fh_checks(quarter: FhQuarter) -> list[Check]:
    """The FH rules of spec A.7 (the payable source's blockers)."""
    months = list(quarter.monthly())
    in_review = [m for m in months if m.status == MonthlyIncentive.Status.IN_REVIEW]
    approved = [m for m in months if m.status == MonthlyIncentive.Status.APPROVED]
    total = quarter_total(quarter)
    incentives_url = reverse("incentives:fh-incentive-list")
    checks = [
        Check(_("本季度没有初审中的月度激励"), not in_review,
              current="、".join(f"{m.month:%Y-%m}" for m in in_review),
              blocker=_("本季度存在初审中的月度激励，暂不可申请付款"),
              todo=_("等待华为云运营完成初审（%(days)s个工作日内）") % {"days": 3},
              url=incentives_url + "?status=in_review"),
        Check(_("至少一个月的激励初审通过"), bool(approved),
              current=_("%(count)s 个月初审通过") % {"count": len(approved)},
              blocker=_("本季度无初审通过的月度激励"),
              todo=_("在“激励确认”中核对人数和金额、上传证明材料并确认激励，等待初审通过"), url=incentives_url),
        Check(_("季度激励总额大于0"), total > 0, current=str(total),
              blocker=_("本季度激励总额为0"),
              todo=_("本季度没有可付款的激励金额"), url=incentives_url),
    ]
    if quarter.status != FhQuarter.Status.OPEN:
        checks.append(Check(_("本季度尚未申请付款"), False, current=quarter.get_status_display(),
                            blocker=_("本季度已申请付款"), todo=_("在“付款申请”中查看进度")))
    return checks


def quarter_blockers(quarter: FhQuarter) -> list[str]:
    return [check.blocker for check in quarter_fh_checks(quarter) if not check.ok]


def quarter_preflight(quarter: FhQuarter) -> list[Check]:
    """Everything that decides whether the quarter may be applied for payment, in the order a partner fixes it:
    the platform's settlement prerequisites (商业信息认证 …) first, then the FH rules."""
    from partnercenter.partners.selectors import settlement_blockers

    blockers = settlement_blockers(partner=quarter.partner)
    settlement = Check(_("商业信息认证已完成，可以结算"), not blockers, blocker="；".join(str(b) for b in blockers),
                       todo=_("前往商业信息认证，完成认证（或等待变更审核完成）后再申请付款"),
                       url=reverse("partners:businessinfo"))
    return [settlement, *quarter_fh_checks(quarter)]


def quarter_can_request(quarter: FhQuarter) -> bool:
    return all(check.ok for check in quarter_preflight(quarter))


def experts_of(partner_id: int):
    return CertifiedExpert.objects.filter(partner_id=partner_id).select_related("person")
