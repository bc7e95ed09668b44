"""实名认证 and 商业信息认证: submit, resubmit, withdraw (partner) and approve, reject (operator).

Both applications share one declared workflow (`ReviewedApplication.workflow`); each transition runs through
`locked_transition`, so two operators deciding the same application at once cannot both succeed.
An operator review has a 3-working-day clock (settings.REVIEW_SLA_WORKING_DAYS) that the SLA sweep watches.
"""
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from partnercenter.notifications.services import notify
from partnercenter.stored_text import stored
from partnercenter.workflow.machine import TransitionNotAllowed
from partnercenter.workflow.services import deadline_open, locked_transition, log_transition

from ..models import (
    BusinessInfoApplication,
    CertifiedBusinessInfo,
    Partner,
    RealNameApplication,
    ReviewStatus,
    User,
)

REVIEW_KIND = "review"


def _require_main_account(actor, partner):
    if actor.partner_id != partner.pk or not actor.can_manage_partner_info():
        raise PermissionDenied(_("只有伙伴主账号可以提交认证信息。"))


def require_reviewer(actor):
    if not actor.can_review():
        raise PermissionDenied(_("只有华为云运营专员可以审核。"))


def open_review_clock(application, label):
    deadline_open(obj=application, partner=application.partner, kind=REVIEW_KIND, label=label,
                  working_days=settings.REVIEW_SLA_WORKING_DAYS, owner="vendor")


def tell_operators(application, title):
    """`title` is a stored text (stored_text.stored): each operator reads it in their own language. (The body used
    to repeat str(application), which mixes in the sender's language; the title names the application.)"""
    operators = list(User.objects.vendor_operators())
    notify(recipients=operators, title=title, url=application.get_review_url())


def tell_partner(application, title, body="", level="info"):
    """`title` is a stored text; `body` is the reviewer's own words (shown as typed)."""
    main_accounts = list(User.objects.filter(partner_id=application.partner_id).main_accounts())
    notify(recipients=main_accounts, title=title, body=body, url=application.get_absolute_url(), level=level)


def _fill(obj, data: dict, fields):
    for field in fields:
        if field in data:
            setattr(obj, field, data[field])


# 实名认证 ------------------------------------------------------------------------------------------------

REALNAME_FIELDS = ("certificate_type", "corp_name", "credit_code", "legal_person", "reg_address", "licence")


def realname_submit(*, partner: Partner, actor: User, data: dict) -> RealNameApplication:
    """Submit an enterprise 实名认证 application; the partner's status becomes 0 (审核中)."""
    _require_main_account(actor, partner)
    with transaction.atomic():
        partner = Partner.objects.select_for_update().get(pk=partner.pk)  # serialises double submits
        if partner.real_name_status == Partner.RealName.VERIFIED:
            raise TransitionNotAllowed(_("贵公司已完成实名认证，无需重复提交。"))
        if RealNameApplication.objects.filter(partner=partner, status=ReviewStatus.PENDING).exists():
            raise TransitionNotAllowed(_("已有审核中的实名认证申请，请等待审核结果。"))
        application = RealNameApplication(partner=partner, submitted_by=actor, submitted_at=timezone.now(),
                                           status=ReviewStatus.PENDING)
        _fill(application, data, REALNAME_FIELDS)
        application.full_clean()
        application.save()
        partner.real_name_status = Partner.RealName.UNDER_REVIEW
        partner.save(update_fields=["real_name_status"])
        log_transition(obj=application, action="submit", action_label=_("提交申请"), from_status="",
                       to_status=ReviewStatus.PENDING, actor=actor)
        open_review_clock(application, stored(gettext_noop("实名认证审核：%(name)s"), {"name": application.corp_name}))
        tell_operators(application, stored(gettext_noop("新的实名认证申请待审核：%(name)s"),
                                            {"name": application.corp_name}))
    return application


def realname_resubmit(*, application_id: int, actor: User, data: dict) -> RealNameApplication:
    """Edit a returned (or withdrawn) application and send it back to review."""
    application = RealNameApplication.objects.select_related("partner").get(pk=application_id)
    _require_main_account(actor, application.partner)
    with locked_transition(RealNameApplication, pk=application_id, name="resubmit", actor=actor) as application:
        _fill(application, data, REALNAME_FIELDS)
        application.revision += 1
        application.submitted_by = actor
        application.submitted_at = timezone.now()
        application.reviewed_by = None
        application.reviewed_at = None
        Partner.objects.filter(pk=application.partner_id).update(real_name_status=Partner.RealName.UNDER_REVIEW)
        open_review_clock(application, stored(gettext_noop("实名认证审核：%(name)s"), {"name": application.corp_name}))
        tell_operators(application, stored(gettext_noop("实名认证申请已重新提交：%(name)s"),
                                            {"name": application.corp_name}))
    return application


def realname_withdraw(*, application_id: int, actor: User) -> RealNameApplication:
    application = RealNameApplication.objects.select_related("partner").get(pk=application_id)
    _require_main_account(actor, application.partner)
    with locked_transition(RealNameApplication, pk=application_id, name="withdraw", actor=actor) as application:
        Partner.objects.filter(pk=application.partner_id).update(real_name_status=Partner.RealName.NOT_VERIFIED)
    return application


def realname_approve(*, application_id: int, actor: User, comment: str = "") -> RealNameApplication:
    """Approve: the partner becomes 已实名认证 with the certified enterprise name and credit code."""
    require_reviewer(actor)
    with locked_transition(RealNameApplication, pk=application_id, name="approve", actor=actor,
                           comment=comment) as application:
        application.reviewed_by = actor
        application.reviewed_at = timezone.now()
        application.opinion = comment
        Partner.objects.filter(pk=application.partner_id).update(
            real_name_status=Partner.RealName.VERIFIED,
            certified_name=application.corp_name,
            credit_code=application.credit_code,
        )
        tell_partner(application, stored(gettext_noop("实名认证已通过")), level="success")
    return application


def realname_reject(*, application_id: int, actor: User, opinion: str, reason_code: str = "") -> RealNameApplication:
    """Reject with an opinion the partner sees next to the form when resubmitting."""
    require_reviewer(actor)
    if not (opinion or "").strip():
        raise ValidationError({"opinion": _("请填写审核不通过的原因。")})
    with locked_transition(RealNameApplication, pk=application_id, name="reject", actor=actor, comment=opinion,
                           reason_code=reason_code) as application:
        application.reviewed_by = actor
        application.reviewed_at = timezone.now()
        application.opinion = opinion.strip()
        Partner.objects.filter(pk=application.partner_id).update(real_name_status=Partner.RealName.REJECTED)
        tell_partner(application, stored(gettext_noop("实名认证未通过，请修改后重新提交")), body=opinion,
                     level="danger")
    return application


# 商业信息认证 ----------------------------------------------------------------------------------------------

BUSINESS_FIELDS = BusinessInfoApplication.COPIED_FIELDS


def check_business_info(partner: Partner, data: dict) -> None:
    """Rules a business-information application must meet beyond field formats (raises ValidationError)."""
    errors = {}
    if not partner.is_real_name_verified:
        raise ValidationError(_("请先完成实名认证，再提交商业信息认证。"))
    if data.get("bank_account_name") and data["bank_account_name"].strip() != partner.certified_name:
        errors["bank_account_name"] = _("开户名必须与实名认证名称“%(name)s”一致。") % {"name": partner.certified_name}
    if data.get("company_name") and data["company_name"].strip() != partner.certified_name:
        errors["company_name"] = _("公司名称必须与实名认证名称“%(name)s”一致。") % {"name": partner.certified_name}
    if errors:
        raise ValidationError(errors)


def businessinfo_submit(*, partner: Partner, actor: User, data: dict) -> BusinessInfoApplication:
    """Submit business information for certification, or a change to certified information.

    While a change is under review the partner cannot settle (see selectors.settlement_blockers).
    """
    _require_main_account(actor, partner)
    with transaction.atomic():
        partner = Partner.objects.select_for_update().get(pk=partner.pk)
        check_business_info(partner, data)
        if BusinessInfoApplication.objects.filter(partner=partner, status=ReviewStatus.PENDING).exists():
            raise TransitionNotAllowed(_("已有审核中的商业信息认证申请，请等待审核结果或撤回后再提交。"))
        kind = (BusinessInfoApplication.Kind.CHANGE
                if CertifiedBusinessInfo.objects.filter(partner=partner).exists()
                else BusinessInfoApplication.Kind.INITIAL)
        application = BusinessInfoApplication(partner=partner, kind=kind, submitted_by=actor,
                                               submitted_at=timezone.now(), status=ReviewStatus.PENDING)
        _fill(application, data, BUSINESS_FIELDS)
        application.full_clean()
        application.save()
        log_transition(obj=application, action="submit", action_label=_("提交申请"), from_status="",
                       to_status=ReviewStatus.PENDING, actor=actor)
        open_review_clock(application, stored(gettext_noop("商业信息认证审核：%(name)s"), {"name": partner.name}))
        tell_operators(application, stored(gettext_noop("新的商业信息认证申请待审核：%(name)s"),
                                            {"name": partner.name}))
    return application


def businessinfo_resubmit(*, application_id: int, actor: User, data: dict) -> BusinessInfoApplication:
    application = BusinessInfoApplication.objects.select_related("partner").get(pk=application_id)
    _require_main_account(actor, application.partner)
    check_business_info(application.partner, data)
    if BusinessInfoApplication.objects.filter(partner_id=application.partner_id,
                                              status=ReviewStatus.PENDING).exclude(pk=application_id).exists():
        raise TransitionNotAllowed(_("已有审核中的商业信息认证申请，请等待审核结果或撤回后再提交。"))
    with locked_transition(BusinessInfoApplication, pk=application_id, name="resubmit", actor=actor) as application:
        _fill(application, data, BUSINESS_FIELDS)
        application.revision += 1
        application.submitted_by = actor
        application.submitted_at = timezone.now()
        application.reviewed_by = None
        application.reviewed_at = None
        open_review_clock(application, stored(gettext_noop("商业信息认证审核：%(name)s"),
                                              {"name": application.partner.name}))
        tell_operators(application, stored(gettext_noop("商业信息认证申请已重新提交：%(name)s"),
                                            {"name": application.partner.name}))
    return application


def businessinfo_withdraw(*, application_id: int, actor: User) -> BusinessInfoApplication:
    application = BusinessInfoApplication.objects.select_related("partner").get(pk=application_id)
    _require_main_account(actor, application.partner)
    with locked_transition(BusinessInfoApplication, pk=application_id, name="withdraw", actor=actor) as application:
        pass
    return application


def businessinfo_approve(*, application_id: int, actor: User, comment: str = "") -> BusinessInfoApplication:
    """Approve: freeze the application's values as the partner's certified business information."""
    require_reviewer(actor)
    with locked_transition(BusinessInfoApplication, pk=application_id, name="approve", actor=actor,
                           comment=comment) as application:
        now = timezone.now()
        application.reviewed_by = actor
        application.reviewed_at = now
        application.opinion = comment
        values = {field: getattr(application, field) for field in BUSINESS_FIELDS}
        CertifiedBusinessInfo.objects.update_or_create(
            partner_id=application.partner_id,
            defaults={**values, "application": application, "certified_at": now},
        )
        tell_partner(application, stored(gettext_noop("商业信息认证已通过")), level="success")
    return application


def businessinfo_reject(*, application_id: int, actor: User, opinion: str,
                        reason_code: str = "") -> BusinessInfoApplication:
    require_reviewer(actor)
    if not (opinion or "").strip():
        raise ValidationError({"opinion": _("请填写审核不通过的原因。")})
    with locked_transition(BusinessInfoApplication, pk=application_id, name="reject", actor=actor,
                           comment=opinion, reason_code=reason_code) as application:
        application.reviewed_by = actor
        application.reviewed_at = timezone.now()
        application.opinion = opinion.strip()
        tell_partner(application, stored(gettext_noop("商业信息认证未通过，请修改后重新提交")), body=opinion,
                     level="danger")
    return application
