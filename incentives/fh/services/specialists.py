"""项目专员: add (项目专员申请 from the invitation list of bound members), change, end; the month's list.

The current month's list (SpecialistRoster) is refreshed on every change and must then be checked again by the
partner (roster_review); the monthly generation freezes it (roster_snapshot) and reads only the snapshot."""
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from partnercenter.partners.models import User
from partnercenter.workflow.services import log_transition

from ..models import FhQualification, ProjectSpecialist, RosterEntry, SpecialistRoster
from .common import previous_month, require_main_account, this_month


def _require_qualified(actor) -> None:
    if not FhQualification.objects.for_user(actor).approved().exists():
        raise ValidationError(_("FH资格申请审核通过后才能维护项目专员。"))


def _specialist(actor, specialist_id) -> ProjectSpecialist:
    return ProjectSpecialist.objects.for_user(actor).select_for_update().select_related("person").get(
        pk=specialist_id)


def roster_refresh(*, partner_id: int, month, changed: bool = False) -> SpecialistRoster:
    """Bring the month's list in line with the specialists active in it; a change needs the partner's check."""
    roster, _created = SpecialistRoster.objects.select_for_update().get_or_create(partner_id=partner_id,
                                                                                  month=month)
    if roster.frozen_at is not None:
        return roster  # generated: the snapshot is what was paid on
    wanted = {s.person_id: s for s in ProjectSpecialist.objects.filter(partner_id=partner_id).active_in(month)
              .select_related("person")}
    current = {(e.person_id, e.specialist_id, e.position) for e in roster.entries.all()}
    target = {(person_id, s.pk, s.position) for person_id, s in wanted.items()}
    if changed or current != target:
        roster.entries.all().delete()
        RosterEntry.objects.bulk_create([
            RosterEntry(roster=roster, specialist=s, person_id=person_id, person_name=s.person.display_name,
                        position=s.position) for person_id, s in wanted.items()])
        roster.reviewed_at, roster.reviewed_by = None, None
        roster.updated_at = timezone.now()
        roster.save()
    return roster


def specialist_add(*, actor, person_id: int, position: str) -> ProjectSpecialist:
    """项目专员申请: a bound, active member of the organisation becomes project specialist from this month."""
    require_main_account(actor)
    _require_qualified(actor)
    position = (position or "").strip()
    if not position:
        raise ValidationError({"position": _("请填写负责方向。")})
    with transaction.atomic():
        person = (User.objects.select_for_update().filter(partner_id=actor.partner_id, is_active=True)
                  .exclude(role=User.Role.READ_ONLY).filter(pk=person_id).first())
        if person is None:
            raise ValidationError({"person": _("请选择本组织已绑定的有效成员。")})
        if ProjectSpecialist.objects.filter(person=person, end_month__isnull=True).exists():
            raise ValidationError({"person": _("%(name)s 已是项目专员。") % {"name": person.display_name}})
        month = this_month()
        specialist = ProjectSpecialist.objects.create(partner_id=actor.partner_id, person=person,
                                                      position=position[:100], start_month=month)
        log_transition(obj=specialist, action="add", action_label=_("申请项目专员"), from_status=None,
                       to_status="active", actor=actor, comment=position)
        roster_refresh(partner_id=actor.partner_id, month=month)
    return specialist


def specialist_change(*, actor, specialist_id: int, position: str) -> ProjectSpecialist:
    require_main_account(actor)
    position = (position or "").strip()
    if not position:
        raise ValidationError({"position": _("请填写负责方向。")})
    with transaction.atomic():
        specialist = _specialist(actor, specialist_id)
        if specialist.end_month is not None:
            raise ValidationError(_("该项目专员已结束，不能变更。"))
        old = specialist.position
        specialist.position = position[:100]
        specialist.save(update_fields=["position"])
        log_transition(obj=specialist, action="change", action_label=_("变更项目专员"), from_status="active",
                       to_status="active", actor=actor, comment=f"{old} → {specialist.position}")
        roster_refresh(partner_id=specialist.partner_id, month=this_month())
    return specialist


def specialist_end(*, actor, specialist_id: int) -> ProjectSpecialist | None:
    """Ends the term from this month on: the person is no longer on this month's list."""
    require_main_account(actor)
    with transaction.atomic():
        specialist = _specialist(actor, specialist_id)
        if specialist.end_month is not None:
            raise ValidationError(_("该项目专员已结束。"))
        month = this_month()
        partner_id = specialist.partner_id
        on_generated_list = RosterEntry.objects.filter(specialist=specialist, roster__frozen_at__isnull=False)
        if specialist.start_month >= month and not on_generated_list.exists():
            # Never on a generated list: the term is withdrawn entirely.
            RosterEntry.objects.filter(specialist=specialist).delete()
            specialist.delete()
            roster_refresh(partner_id=partner_id, month=month, changed=True)
            return None
        # A generated list keeps the months it was paid for; the term ends before this month (or with the only
        # month it had, when that month's list was already generated).
        specialist.end_month = max(previous_month(month), specialist.start_month)
        specialist.save(update_fields=["end_month"])
        log_transition(obj=specialist, action="end", action_label=_("结束项目专员"), from_status="active",
                       to_status="ended", actor=actor)
        roster_refresh(partner_id=partner_id, month=month)
    return specialist


def roster_review(*, actor, roster_id: int) -> SpecialistRoster:
    """The partner has checked the month's list."""
    require_main_account(actor)
    with transaction.atomic():
        roster = SpecialistRoster.objects.for_user(actor).select_for_update().get(pk=roster_id)
        if roster.frozen_at is not None:
            raise ValidationError(_("该月名单已用于生成激励，不能再修改。"))
        roster.reviewed_at, roster.reviewed_by = timezone.now(), actor
        roster.save(update_fields=["reviewed_at", "reviewed_by"])
    return roster
