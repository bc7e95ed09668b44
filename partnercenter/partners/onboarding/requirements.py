"""Stage requirements of the four development paths, declared once as data, each with a live check.

`STAGE_RULES[path][stage]` lists what a partner on `path` must have to apply for `stage`; each rule names a
check in `CHECKS`. `count_dedicated_staff` is the single place that counts staff: a later wing (certified
experts) replaces it by assigning `requirements.count_dedicated_staff = its_function`.
"""
import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.apps import apps
from django.db.models import Sum
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..models import CertifiedBusinessInfo, ConsumptionLine, Partner, PartnerDocument, ReviewStatus, User

ROLE, CAPABILITY = Partner.Stage.ROLE_CERTIFIED, Partner.Stage.CAPABILITY

# path → stage → {check name: threshold}
STAGE_RULES = {
    Partner.Path.SERVICE: {
        ROLE: {"realname": 1, "business_info": 1, "plan": 1, "staff": 2, "cases": 1},
        CAPABILITY: {"realname": 1, "business_info": 1, "plan": 1, "staff": 5, "cases": 3,
                     "performance": Decimal("500000.00")},
    },
    Partner.Path.SOFTWARE: {
        ROLE: {"realname": 1, "business_info": 1, "plan": 1, "staff": 2, "cases": 1},
        CAPABILITY: {"realname": 1, "business_info": 1, "plan": 1, "staff": 3, "cases": 2,
                     "performance": Decimal("300000.00")},
    },
    Partner.Path.DTCSI: {
        ROLE: {"realname": 1, "business_info": 1, "plan": 1, "staff": 3, "cases": 2},
        CAPABILITY: {"realname": 1, "business_info": 1, "plan": 1, "staff": 8, "cases": 5,
                     "performance": Decimal("1000000.00")},
    },
    Partner.Path.LEARNING: {
        ROLE: {"realname": 1, "business_info": 1, "plan": 1, "staff": 2, "cases": 1},
        CAPABILITY: {"realname": 1, "business_info": 1, "plan": 1, "staff": 4, "cases": 2,
                     "performance": Decimal("100000.00")},
    },
}

# Level granted on approval of each certification.
LEVEL_ON_APPROVAL = {"role": Partner.Level.CERTIFIED, "capability": Partner.Level.ADVANCED}
# The stage a partner must be at to apply for each certification.
STAGE_BEFORE = {"role": Partner.Stage.JOINED, "capability": Partner.Stage.ROLE_CERTIFIED}
KIND_FOR_STAGE = {ROLE: "role", CAPABILITY: "capability"}


def count_dedicated_staff(partner: Partner, today: dt.date | None = None) -> int:
    """Dedicated staff = the partner's certified experts whose certification is valid today (distinct people),
    entered by operators in FH (专家认证, app label "fh", looked up by name: the platform imports no wing).

    Transition rule: a partner for whom no expert has ever been recorded (expert data not yet migrated) still
    counts its active non-read-only members, as before the expert register existed.
    """
    if apps.is_installed("incentives.fh"):
        experts = apps.get_model("fh", "CertifiedExpert").objects.filter(partner=partner)
        if experts.exists():
            today = today or timezone.localdate()
            return (experts.filter(valid_from__lte=today, valid_to__gte=today, person__is_active=True)
                    .values("person_id").distinct().count())
    return (User.objects.filter(partner=partner, is_active=True)
            .exclude(role=User.Role.READ_ONLY).count())


def annual_performance(partner: Partner, today: dt.date | None = None) -> Decimal:
    """Consumption of the partner's customers over the last 12 bill cycles."""
    today = today or timezone.localdate()
    since = today.replace(day=1, year=today.year - 1)
    total = ConsumptionLine.objects.filter(partner=partner, bill_cycle__gte=since).aggregate(s=Sum("amount"))["s"]
    return (total or Decimal("0.00")).quantize(Decimal("0.01"))


@dataclass(frozen=True)
class Status:
    key: str
    label: str
    required: object
    actual: object
    met: bool
    todo: str
    url: str


def _approved(partner, kind):
    return PartnerDocument.objects.filter(partner=partner, kind=kind, status=ReviewStatus.APPROVED).count()


def _staff_url() -> str:
    """The certified-experts page (FH wing) where the partner sees who counts; 组织成员 without that wing."""
    if apps.is_installed("incentives.fh"):
        try:
            return reverse("incentives:fh-expert-list")
        except NoReverseMatch:
            pass
    return reverse("partners:member-list")


def _check(key, partner, need):
    """(label, actual, met, what to do, where) for one rule."""
    if key == "realname":
        done = partner.is_real_name_verified
        return (_("企业实名认证"), _("已实名认证") if done else partner.get_real_name_status_display(), done,
                _("提交企业实名认证并等待审核通过"), reverse("partners:realname"))
    if key == "business_info":
        done = CertifiedBusinessInfo.objects.filter(partner=partner).exists()
        return (_("商业信息认证"), _("已认证") if done else _("未认证"), done,
                _("提交商业信息认证并等待审核通过"), reverse("partners:businessinfo"))
    if key == "plan":
        n = _approved(partner, PartnerDocument.Kind.PLAN)
        return (_("商业计划审核通过"), n, n >= need, _("在“商业计划”上传年度商业计划并等待审核通过"),
                reverse("partners:plan-list"))
    if key == "cases":
        n = _approved(partner, PartnerDocument.Kind.CASE)
        return (_("审核通过的案例数"), n, n >= need, _("在“案例管理”上传客户案例并等待审核通过"),
                reverse("partners:case-list"))
    if key == "staff":
        n = count_dedicated_staff(partner)
        return (_("专职人员数"), n, n >= need,
                _("按有效期内的认证专家人数统计：在“组织成员”为专职员工开通账号后，请华为云运营人员录入其专家认证"
                  "（可在“认证专家”中查看）"), _staff_url())
    if key == "performance":
        amount = annual_performance(partner)
        return (_("近12个月业绩（元）"), amount, amount >= need, _("继续发展客户，提升云服务消费业绩"),
                reverse("partners:customer-list"))
    raise KeyError(key)


def stage_status(partner: Partner, stage: str) -> list[Status]:
    """The live status of every requirement of `stage` on the partner's path (empty when no path)."""
    rules = STAGE_RULES.get(partner.path, {}).get(stage, {})
    result = []
    for key, need in rules.items():
        label, actual, met, todo, url = _check(key, partner, need)
        shown_need = _("需要") if isinstance(need, int) and key in ("realname", "business_info", "plan") else need
        result.append(Status(key, label, shown_need, actual, met, todo, url))
    return result


def unmet(partner: Partner, stage: str) -> list[Status]:
    return [s for s in stage_status(partner, stage) if not s.met]
