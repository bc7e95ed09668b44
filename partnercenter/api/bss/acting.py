"""indirect_partner_id: a 华为云总经销商 (distributor) acting for one of its 云经销商 (resellers).

The reference (QueryCouponQuotasReqExt, ListIssuedPartnerCouponsRequest, CreatePartnerCouponsReq, …): the
distributor carries the reseller's id to read or act on the reseller's quotas, coupons and sub-customers;
"除此之外，此参数不做处理" — for any other caller the parameter is ignored. A distributor naming a partner that
is not one of *its* resellers gets 400 CBC.99000037 (您没有操作该云经销商的权限), the same answer for another
distributor's reseller and for an id that does not exist.
"""
import copy

from django.utils.translation import gettext as _

from partnercenter.partners.models import Partner

from ..errors import NO_RESELLER_PERMISSION, BssError
from . import params


def _refuse_save(*args, **kwargs):
    raise RuntimeError("an acting-for user copy must never be saved")


def acting_user(user, indirect_partner_id: str):
    """The user whose scope (`for_user`) the call runs in.

    For a distributor acting for its reseller this is a copy of the caller with the reseller as partner, so
    every scoped query and every service (vouchers_issue, vouchers_recall) sees exactly the reseller's rows,
    while the audit rows and quota movements still name the real person (the copy keeps the caller's pk).
    Why a copy rather than a parameter of the vouchers services: they scope by `for_user(actor)` only, and
    that wing is not ours to change (requested in the report). The copy refuses save(), so it cannot move
    the caller to the reseller by accident.
    """
    if not indirect_partner_id or user.partner.partner_type != Partner.Type.DISTRIBUTOR:
        return user
    reseller = Partner.objects.filter(partner_type=Partner.Type.RESELLER, distributor_id=user.partner_id,
                                      domain_id=indirect_partner_id).first()
    if reseller is None:
        raise BssError(400, NO_RESELLER_PERMISSION, _("您没有操作该云经销商的权限。"))
    acting = copy.copy(user)
    acting.partner = reseller
    acting.save = _refuse_save
    return acting


def indirect_partner_id(data) -> str:
    """The optional indirect_partner_id of a JSON body or a query string (≤ 100 characters)."""
    return params.text(data, "indirect_partner_id", max_length=100)
