"""Every write of MDF: budgets (operators), 使用申请 drafts, submit / withdraw / delete (partner) and review
(operators). Approval locks the budget row, so concurrent approvals can never exceed the budget."""
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from partnercenter.notifications.services import notify
from partnercenter.stored_text import stored
from partnercenter.uploads import validate_document
from partnercenter.workflow.services import deadline_open, locked_transition, log_transition

from .models import MdfApplication, MdfAttachment, MdfBudget
from .rules import CENT

REVIEW_WORKING_DAYS = 3
FIELDS = ("activity_name", "activity_type", "start_date", "end_date", "expected_outcome", "amount")


def _require_vendor(actor):
    if actor is None or not actor.can_review():
        raise PermissionDenied(_("只有运营人员可以执行此操作。"))


def _require_partner(actor):
    if actor is None or not actor.partner_id:
        raise PermissionDenied(_("只有伙伴账号可以执行此操作。"))


def _approved_sum(budget) -> Decimal:
    total = budget.applications.filter(status=MdfApplication.Status.APPROVED).aggregate(s=Sum("amount"))["s"]
    return total or Decimal("0")


def mdf_budget_set(*, partner, year, amount, actor) -> MdfBudget:
    _require_vendor(actor)
    amount = Decimal(amount)
    if amount < 0 or amount != amount.quantize(CENT):
        raise ValidationError({"amount": _("预算金额不能为负数，且最多两位小数。")})
    with transaction.atomic():
        budget, _created = MdfBudget.objects.select_for_update().get_or_create(
            partner=partner, year=year, defaults={"amount": amount, "set_by": actor})
        if amount < _approved_sum(budget):
            raise ValidationError({"amount": _("预算不能低于已审核通过的金额 %(sum)s 元。") % {
                "sum": _approved_sum(budget)}})
        budget.amount, budget.set_by, budget.updated_at = amount, actor, timezone.now()
        budget.full_clean()
        budget.save()
    return budget


def mdf_application_save(*, actor, data, files=(), application_id=None) -> MdfApplication:
    """Create a draft, or edit one in 草稿 / 审核不通过 / 已撤销 (the status is kept until it is submitted)."""
    _require_partner(actor)
    for upload in files:
        try:
            validate_document(upload)
        except ValidationError as exc:
            raise ValidationError({"attachments": exc.messages}) from exc
    with transaction.atomic():
        if application_id is None:
            year = data["start_date"].year
            budget = MdfBudget.objects.filter(partner_id=actor.partner_id, year=year).first()
            if budget is None:
                raise ValidationError({"start_date": _("%(year)s 年度没有MDF预算，不能申请。") % {"year": year}})
            application = MdfApplication(partner_id=actor.partner_id, budget=budget, created_by=actor)
        else:
            application = MdfApplication.objects.for_user(actor).select_for_update().get(pk=application_id)
            if not application.is_editable:
                raise ValidationError(_("当前状态为“%(status)s”，不能修改。") % {
                    "status": application.get_status_display()})
        for field in FIELDS:
            setattr(application, field, data[field])
        if application.start_date.year != application.budget.year:
            raise ValidationError({"start_date": _("活动须在预算年度 %(year)s 年内开始。") % {
                "year": application.budget.year}})
        application.full_clean()
        application.save()
        if application_id is None:
            log_transition(obj=application, action="create", action_label=_("创建草稿"), from_status=None,
                           to_status=application.status, actor=actor)
        for upload in files:
            MdfAttachment.objects.create(application=application, file=upload, name=upload.name[:200])
    return application


def mdf_submit(*, application_id, actor) -> MdfApplication:
    _require_partner(actor)
    mine = MdfApplication.objects.for_user(actor)
    with transaction.atomic():
        application = mine.get(pk=application_id)
        budget = MdfBudget.objects.select_for_update().get(pk=application.budget_id)
        remaining = budget.amount - _approved_sum(budget)
        if application.amount > remaining:
            raise ValidationError({"amount": _("申请金额 %(amount)s 元超过MDF预算剩余 %(rest)s 元。") % {
                "amount": application.amount, "rest": remaining}})
        with locked_transition(MdfApplication, pk=application_id, name="submit", actor=actor,
                               queryset=mine) as application:
            application.submitted_at = timezone.now()
            application.review_comment = ""
        deadline_open(obj=application, partner=application.partner, kind="mdf_review",
                      label=stored(gettext_noop("MDF使用申请审核：%(name)s"), {"name": application.activity_name}),
                      working_days=REVIEW_WORKING_DAYS, owner="vendor")
    return application


def mdf_approve(*, application_id, actor, comment="") -> MdfApplication:
    _require_vendor(actor)
    with transaction.atomic():
        budget_id = MdfApplication.objects.values_list("budget_id", flat=True).get(pk=application_id)
        budget = MdfBudget.objects.select_for_update().get(pk=budget_id)  # serialises approvals per budget
        with locked_transition(MdfApplication, pk=application_id, name="approve", actor=actor,
                               comment=comment) as application:
            if _approved_sum(budget) + application.amount > budget.amount:
                raise ValidationError(_("审核通过后将超出MDF预算（预算 %(budget)s 元，已通过 %(approved)s 元）。") % {
                    "budget": budget.amount, "approved": _approved_sum(budget)})
            application.review_comment = comment
    _tell(application, gettext_noop("MDF使用申请“%(name)s”已审核通过。"))
    return application


def mdf_reject(*, application_id, actor, comment) -> MdfApplication:
    _require_vendor(actor)
    if not (comment or "").strip():
        raise ValidationError({"comment": _("请填写审核不通过的原因。")})
    with locked_transition(MdfApplication, pk=application_id, name="reject", actor=actor,
                           comment=comment) as application:
        application.review_comment = comment
    _tell(application, gettext_noop("MDF使用申请“%(name)s”审核不通过，请修改后重新提交。"))
    return application


def mdf_withdraw(*, application_id, actor) -> MdfApplication:
    _require_partner(actor)
    with locked_transition(MdfApplication, pk=application_id, name="withdraw", actor=actor,
                           queryset=MdfApplication.objects.for_user(actor)) as application:
        pass
    return application


def mdf_delete(*, application_id, actor) -> None:
    _require_partner(actor)
    with transaction.atomic():
        application = MdfApplication.objects.for_user(actor).select_for_update().get(pk=application_id)
        if not application.is_deletable:
            raise ValidationError(_("只有草稿或已撤销的使用申请可以删除。"))
        application.attachments.all().delete()
        application.delete()


def _tell(application, template):
    """`template` is a msgid (gettext_noop): the title is stored for display in the reader's language."""
    if application.created_by_id:
        notify(recipients=[application.created_by], title=stored(template, {"name": application.activity_name}),
               url=application.get_absolute_url())
