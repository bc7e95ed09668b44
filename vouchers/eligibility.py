"""Which partners may receive a 提货券额度 (quota grant), declared once: the grant service refuses with the first
broken rule, the grant form shows the same reasons.

Rules (spec A.5 / B.2; "政务云伙伴可以为客户下发提货券" has no flag of its own in our partner model, so the gate is
the partner's standing):
  1. 实名认证 passed — vouchers are money handed to the partner's customers;
  2. 商业信息认证 certified (a pending change of certified info does not block; a first certification still under
     review, rejected or missing does);
  3. by partner type: a 云经销商 sells under its 总经销商, so the distributor must itself have passed 实名认证.
"""
from dataclasses import dataclass

from django.utils.translation import gettext as _

from partnercenter.partners.models import Partner
from partnercenter.partners.selectors import business_info_status


@dataclass(frozen=True)
class Refusal:
    rule: str
    message: str

    def __str__(self):
        return self.message


def grant_refusals(partner: Partner) -> list[Refusal]:
    """Every reason `partner` may not receive a quota grant right now (empty: eligible)."""
    refusals = []
    if not partner.is_real_name_verified:
        refusals.append(Refusal("real_name", _("伙伴未完成实名认证（当前：%(status)s），不能授予提货券额度。") % {
            "status": partner.get_real_name_status_display()}))
    code, label, _tone = business_info_status(partner=partner)
    if code in ("not_certified", "pending", "rejected"):
        message = _("伙伴未完成商业信息认证（当前：%(status)s），不能授予提货券额度。") % {"status": label}
        refusals.append(Refusal("business_info", message))
    if partner.partner_type == Partner.Type.RESELLER:
        distributor = partner.distributor
        if distributor is None or not distributor.is_real_name_verified:
            refusals.append(Refusal("distributor", _("云经销商所属的总经销商未完成实名认证，不能授予提货券额度。")))
    return refusals


def is_grant_eligible(partner: Partner) -> bool:
    return not grant_refusals(partner)
