"""Writes of 交付能力提升支持 projects: 项目报备 (partner), report review, 项目跟踪 progress, 申请验收,
acceptance with the approved subsidy, 项目评价 (operators)."""
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from partnercenter.notifications.services import notify
from partnercenter.partners.models import Customer, Opportunity, User
from partnercenter.stored_text import stored
from partnercenter.workflow.services import deadline_open, locked_transition, log_transition

from ..models import DeliveryProject
from ..models.projects import REVIEW_WORKING_DAYS, period_of
from .numbering import next_code


def _require_partner(actor):
    if actor is None or not actor.partner_id:
        raise PermissionDenied(_("只有伙伴账号可以执行此操作。"))


def _require_vendor(actor):
    if actor is None or not actor.can_review():
        raise PermissionDenied(_("只有运营人员可以执行此操作。"))


def project_report(*, actor, data: dict) -> DeliveryProject:
    """项目报备 from an opportunity in 更新进展/交付完成; one subsidised project per customer per period."""
    _require_partner(actor)
    with transaction.atomic():
        opportunity = (Opportunity.objects.for_user(actor).deliverable().select_related("customer")
                       .filter(pk=getattr(data["opportunity"], "pk", data["opportunity"])).first())
        if opportunity is None:
            raise ValidationError({"opportunity": _("只能选择状态为“更新进展”或“交付完成”的机会点。")})
        # Serialise reports for one customer: the second sees the first's project.
        Customer.objects.select_for_update().get(pk=opportunity.customer_id)
        period = period_of(timezone.localdate())
        taken = DeliveryProject.objects.counting().filter(customer_id=opportunity.customer_id, period=period).first()
        if taken is not None:
            raise ValidationError({"opportunity": _(
                "客户“%(customer)s”在 %(period)s 项目周期内已有补贴项目 %(code)s，"
                "同一客户同一周期仅支持申请1个项目的补贴。")
                % {"customer": opportunity.customer.name, "period": period, "code": taken.code}})
        subsidy = Decimal(data["requested_subsidy"])
        if subsidy <= 0:
            raise ValidationError({"requested_subsidy": _("申请补贴金额须大于0。")})
        project = DeliveryProject(
            partner_id=actor.partner_id, opportunity=opportunity, customer_id=opportunity.customer_id,
            code=next_code("DP", timezone.localdate().year, width=5), name=data["name"], period=period,
            scope=data["scope"], staff_count=data["staff_count"], workload_days=data["workload_days"],
            requested_subsidy=subsidy, created_by=actor)
        project.full_clean()
        try:
            with transaction.atomic():
                project.save()
        except IntegrityError as exc:
            raise ValidationError({"opportunity": _("该客户在本项目周期内已有补贴项目。")}) from exc
        log_transition(obj=project, action="report", action_label=_("项目报备"), from_status=None,
                       to_status=project.status, actor=actor)
        deadline_open(obj=project, partner=project.partner, kind="delivery_report_review",
                      label=stored(gettext_noop("项目报备审核：%(code)s"), {"code": project.code}),
                      working_days=REVIEW_WORKING_DAYS, owner="vendor")
    return project


def project_review_report(*, project_id: int, actor, approve: bool, comment: str = "") -> DeliveryProject:
    _require_vendor(actor)
    comment = (comment or "").strip()
    if not approve and not comment:
        raise ValidationError({"comment": _("请填写报备不通过的原因。")})
    name = "approve_report" if approve else "reject_report"
    with locked_transition(DeliveryProject, pk=project_id, name=name, actor=actor, comment=comment) as project:
        project.review_comment = comment
    _tell(project, gettext_noop("项目 %(code)s 报备审核通过，进入项目跟踪。") if approve
          else gettext_noop("项目 %(code)s 报备不通过。"))
    return project


def project_update_progress(*, project_id: int, actor, note: str) -> DeliveryProject:
    """项目跟踪: the partner records progress (audited, no status change)."""
    _require_partner(actor)
    note = (note or "").strip()
    if not note:
        raise ValidationError({"note": _("请填写项目进展。")})
    with transaction.atomic():
        project = DeliveryProject.objects.for_user(actor).select_for_update().get(pk=project_id)
        if project.status != DeliveryProject.Status.TRACKING:
            raise ValidationError(_("只有项目跟踪中的项目可以更新进展。"))
        project.progress_note = note
        project.save(update_fields=["progress_note"])
        log_transition(obj=project, action="progress", action_label=_("更新项目进展"), from_status=project.status,
                       to_status=project.status, actor=actor, comment=note)
    return project


def project_request_acceptance(*, project_id: int, actor, note: str) -> DeliveryProject:
    _require_partner(actor)
    note = (note or "").strip()
    if not note:
        raise ValidationError({"note": _("请填写验收说明（交付成果、工作量）。")})
    with locked_transition(DeliveryProject, pk=project_id, name="request_acceptance", actor=actor, comment=note,
                           queryset=DeliveryProject.objects.for_user(actor)) as project:
        project.acceptance_note = note
        deadline_open(obj=project, partner=project.partner, kind="delivery_acceptance",
                      label=stored(gettext_noop("项目验收：%(code)s"), {"code": project.code}),
                      working_days=REVIEW_WORKING_DAYS, owner="vendor")
    return project


def project_accept(*, project_id: int, actor, approved_subsidy, comment: str = "") -> DeliveryProject:
    _require_vendor(actor)
    amount = Decimal(approved_subsidy)
    with locked_transition(DeliveryProject, pk=project_id, name="accept", actor=actor, comment=comment) as project:
        if amount <= 0 or amount > project.requested_subsidy:
            raise ValidationError({"approved_subsidy": _("核定补贴金额须大于0且不超过申请金额 %(max)s 元。") % {
                "max": project.requested_subsidy}})
        project.approved_subsidy = amount
        project.review_comment = comment
    _tell(project, gettext_noop("项目 %(code)s 验收通过，可以申请补贴付款。"))
    return project


def project_return_acceptance(*, project_id: int, actor, comment: str) -> DeliveryProject:
    _require_vendor(actor)
    comment = (comment or "").strip()
    if not comment:
        raise ValidationError({"comment": _("请填写验收退回的原因。")})
    with locked_transition(DeliveryProject, pk=project_id, name="return_acceptance", actor=actor,
                           comment=comment) as project:
        project.review_comment = comment
    _tell(project, gettext_noop("项目 %(code)s 验收被退回，请补充后重新申请验收。"))
    return project


def project_evaluate(*, project_id: int, actor, rating: int, evaluation: str) -> DeliveryProject:
    _require_vendor(actor)
    evaluation = (evaluation or "").strip()
    if rating not in (1, 2, 3, 4, 5):
        raise ValidationError({"rating": _("评价得分为1至5分。")})
    if not evaluation:
        raise ValidationError({"evaluation": _("请填写项目评价。")})
    with locked_transition(DeliveryProject, pk=project_id, name="evaluate", actor=actor,
                           comment=evaluation) as project:
        project.rating = rating
        project.evaluation = evaluation
    return project


def _tell(project, template):
    """`template` is a msgid (gettext_noop): the title is stored for display in each reader's language."""
    people = list(User.objects.filter(partner_id=project.partner_id).main_accounts())
    notify(recipients=people, title=stored(template, {"code": project.code}), url=project.get_absolute_url())
