"""Payment readiness pre-flight (spec A.12, D.3; peer-systems §10.7): everything that blocks paying a source right
now, each with what to do about it, and a projected payment date in working days once nothing blocks.

One function for every source: the platform's settlement blockers (实名认证, 商业信息认证 missing or a change
pending, bank account name ≠ 实名认证 name), the amount (must be positive), then the source's own blockers.
"""
import datetime as dt
from dataclasses import dataclass, field

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from partnercenter.partners.models import CertifiedBusinessInfo
from partnercenter.partners.selectors import settlement_blockers
from partnercenter.workdays.services import add_working_days

from . import sources

# Working days each remaining step usually takes (review, partner invoicing, invoice review, finance transfer).
STEP_WORKING_DAYS = {"review": 3, "invoice": 5, "invoice_review": 3, "payment": 2}
REMAINING_STEPS = {
    "draft": ("review", "invoice", "invoice_review", "payment"),
    "returned": ("review", "invoice", "invoice_review", "payment"),
    "processing": ("review", "invoice", "invoice_review", "payment"),
    "awaiting_invoice": ("invoice", "invoice_review", "payment"),
    "invoice_review": ("invoice_review", "payment"),
    "awaiting_payment": ("payment",),
}


@dataclass(frozen=True)
class Blocker:
    message: str
    action: str = ""
    url: str = ""


@dataclass
class Readiness:
    obj: object
    source: object
    amount: object
    title: str
    blockers: list[Blocker] = field(default_factory=list)
    request: object = None  # the open payment request of this source, if any
    projected_on: dt.date | None = None

    @property
    def ready(self) -> bool:
        return not self.blockers

    @property
    def can_request(self) -> bool:
        return self.ready and self.request is None


def _platform_blockers(partner) -> list[Blocker]:
    realname_url, business_url = reverse("partners:realname"), reverse("partners:businessinfo")
    actions = {
        _("未完成实名认证"): (_("前往实名认证"), realname_url),
        _("未完成商业信息认证"): (_("前往商业信息认证"), business_url),
        _("商业信息变更审核中，认证完成前无法结算"): (_("等待商业信息变更审核完成"), business_url),
        _("银行开户名与实名认证名称不一致"): (_("修改商业信息中的银行开户名"), business_url),
    }
    messages = list(settlement_blockers(partner=partner))
    info = CertifiedBusinessInfo.objects.filter(partner=partner).first()
    mismatch = _("银行开户名与实名认证名称不一致")
    # The platform check skips partners without a certified name; a payment needs the names to agree in any case.
    if info is not None and info.bank_account_name != (partner.certified_name or "") and mismatch not in messages:
        messages.append(mismatch)
    blockers = []
    for message in messages:
        action, url = actions.get(message, ("", ""))
        blockers.append(Blocker(message=message, action=action, url=url))
    return blockers


def projected_payment_date(status: str = "draft", *, today: dt.date | None = None) -> dt.date | None:
    steps = REMAINING_STEPS.get(status)
    if steps is None:
        return None
    today = today or timezone.localdate()
    return add_working_days(today, sum(STEP_WORKING_DAYS[step] for step in steps))


def readiness_for(obj, *, request=None, with_source: bool = True) -> Readiness:
    """The pre-flight of one payable object. `request` is the payment request being submitted, if any (its own
    existence is then not reported as the open request); `with_source=False` leaves out the source's own
    blockers (for a resubmission, while the source is held by that request)."""
    from .models import PaymentRequest

    source = sources.for_object(obj)
    payable = source.payable(obj)
    result = Readiness(obj=obj, source=source, amount=payable.amount, title=payable.title)
    result.blockers += _platform_blockers(obj.partner)
    own = [b if isinstance(b, Blocker) else Blocker(message=str(b))
           for b in (source.blockers(obj) if with_source else [])]
    # The amount means something only once the source itself is payable (a paid bill's amount is 0).
    if not own and (payable.amount is None or payable.amount <= 0):
        own.append(Blocker(message=_("付款金额须大于0（当前 %(amount)s 元）") % {"amount": payable.amount},
                           action=_("无需付款；如有疑问请提交问题反馈")))
    result.blockers += own
    open_requests = PaymentRequest.objects.open().for_source(source.kind, obj.pk)
    if request is not None:
        open_requests = open_requests.exclude(pk=request.pk)
    result.request = open_requests.first()
    if result.ready:
        status = result.request.status if result.request is not None else "draft"
        result.projected_on = projected_payment_date(status)
    return result
