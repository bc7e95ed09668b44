"""The monthly generation: per qualified partner, last month's incentive personnel list from the frozen
specialist list × certified experts, with a run ledger. Idempotent: (partner, month) is unique, so a rerun or a
redelivered task finds the list and adds nothing; a ledger row per (run, partner) keeps the counters exact."""
from datetime import timedelta
from decimal import Decimal

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from partnercenter.stored_text import stored
from partnercenter.workflow.services import deadline_open, log_transition

from ..models import (
    CertifiedExpert,
    FhGenerationRun,
    FhGenerationRunPartner,
    FhQualification,
    FhQuarter,
    MonthlyIncentive,
    MonthlyIncentiveLine,
    SpecialistRoster,
)
from .common import FH_CONFIRM_WORKING_DAYS, month_end, tell_partner
from .specialists import roster_refresh

LEVEL_RANK = {CertifiedExpert.Level.ASSOCIATE: 1, CertifiedExpert.Level.PROFESSIONAL: 2,
              CertifiedExpert.Level.SENIOR: 3}


def generation_run_start(*, month, trigger="manual", actor=None, inline=False) -> FhGenerationRun:
    """Record a run for `month` and generate every qualified partner (one task each, after commit; `inline` runs
    them in this process instead, for the demo data and management use without a worker)."""
    from ..tasks import generate_partner

    partner_ids = list(FhQualification.objects.approved().values_list("partner_id", flat=True))
    with transaction.atomic():
        run = FhGenerationRun.objects.create(month=month, trigger=trigger, started_by=actor,
                                             partners_total=len(partner_ids))
        if not partner_ids:
            run.status, run.finished_at = FhGenerationRun.Status.SUCCEEDED, timezone.now()
            run.save(update_fields=["status", "finished_at"])
        if not inline:
            for partner_id in partner_ids:
                transaction.on_commit(lambda pid=partner_id: generate_partner.delay(run.pk, pid))
    if inline:
        for partner_id in partner_ids:
            generation_partner(run_id=run.pk, partner_id=partner_id)
    return run


def roster_snapshot(*, partner_id: int, month) -> SpecialistRoster:
    """The month's list as the generation reads it, frozen from now on. A month without any change of the list
    gets its snapshot from the specialists active in it."""
    roster = roster_refresh(partner_id=partner_id, month=month)
    if roster.frozen_at is None:
        roster.frozen_at = timezone.now()
        roster.save(update_fields=["frozen_at"])
    return roster


def _best_certificates(partner_id: int, person_ids, month) -> dict:
    """Per person, the highest-level certificate valid at some day of the month."""
    best = {}
    experts = (CertifiedExpert.objects.filter(partner_id=partner_id, person_id__in=person_ids)
               .valid_during(month, month_end(month)).order_by("valid_to", "pk"))
    for expert in experts:
        current = best.get(expert.person_id)
        if current is None or LEVEL_RANK[expert.level] >= LEVEL_RANK[current.level]:
            best[expert.person_id] = expert
    return best


def _record(run_id: int, partner_id: int, outcome: str, people: int = 0, amount=Decimal("0.00")) -> None:
    FhGenerationRunPartner.objects.create(run_id=run_id, partner_id=partner_id, outcome=outcome, people=people,
                                          amount=amount)
    counter = {FhGenerationRunPartner.Outcome.CREATED: "lists_created",
               FhGenerationRunPartner.Outcome.EXISTING: "lists_existing",
               FhGenerationRunPartner.Outcome.EMPTY: "lists_empty"}[outcome]
    FhGenerationRun.objects.filter(pk=run_id).update(
        partners_done=F("partners_done") + 1, people_added=F("people_added") + people,
        amount_added=F("amount_added") + amount, **{counter: F(counter) + 1})
    FhGenerationRun.objects.filter(pk=run_id, status=FhGenerationRun.Status.RUNNING,
                                   partners_done__gte=F("partners_total")).update(
        status=FhGenerationRun.Status.SUCCEEDED, finished_at=timezone.now())


def generation_partner(*, run_id: int, partner_id: int) -> MonthlyIncentive | None:
    """Generate one partner's list for the run's month, exactly once."""
    with transaction.atomic():
        run = FhGenerationRun.objects.get(pk=run_id)
        # Serialises two runs of the same partner (a manual rerun racing the beat run).
        qualification = FhQualification.objects.select_for_update().filter(
            partner_id=partner_id, status=FhQualification.Status.APPROVED).first()
        if FhGenerationRunPartner.objects.filter(run_id=run_id, partner_id=partner_id).exists():
            return None  # a redelivered task: this partner is done for this run
        if qualification is None:
            return None
        month = run.month
        existing = MonthlyIncentive.objects.filter(partner_id=partner_id, month=month).first()
        if existing is not None:
            _record(run_id, partner_id, FhGenerationRunPartner.Outcome.EXISTING)
            return existing
        roster = roster_snapshot(partner_id=partner_id, month=month)
        # The following month's list starts now, waiting for the partner's check (home to-do).
        roster_refresh(partner_id=partner_id, month=month_end(month) + timedelta(days=1))
        entries = list(roster.entries.all())
        certificates = _best_certificates(partner_id, [e.person_id for e in entries], month)
        eligible = [(entry, certificates[entry.person_id]) for entry in entries if entry.person_id in certificates]
        if not eligible:
            _record(run_id, partner_id, FhGenerationRunPartner.Outcome.EMPTY)
            return None
        incentive = _create(partner_id, month, eligible)
        _record(run_id, partner_id, FhGenerationRunPartner.Outcome.CREATED, incentive.headcount, incentive.amount)
    return incentive


def _create(partner_id, month, eligible) -> MonthlyIncentive:
    incentive = MonthlyIncentive.objects.create(partner_id=partner_id, month=month)
    lines = [MonthlyIncentiveLine(incentive=incentive, person_id=entry.person_id, person_name=entry.person_name,
                                  position=entry.position, expert=expert, certificate_no=expert.certificate_no,
                                  certification=expert.certification, level=expert.level,
                                  amount=expert.monthly_amount)
             for entry, expert in eligible]
    MonthlyIncentiveLine.objects.bulk_create(lines)
    incentive.headcount = len(lines)
    incentive.amount = sum((line.amount for line in lines), Decimal("0.00"))
    deadline = deadline_open(obj=incentive, partner=incentive.partner, kind="fh_confirm",
                             label=stored(gettext_noop("FH激励确认：%(month)s"), {"month": f"{month:%Y-%m}"}),
                             working_days=FH_CONFIRM_WORKING_DAYS, owner="partner", on_expire="expire")
    incentive.confirm_due_on = deadline.due_on
    incentive.save(update_fields=["headcount", "amount", "confirm_due_on"])
    log_transition(obj=incentive, action="generate", action_label=_("生成月度激励名单"), from_status=None,
                   to_status=incentive.status, actor=None)
    year, quarter = incentive.quarter_key
    FhQuarter.objects.get_or_create(partner_id=partner_id, year=year, quarter=quarter)
    tell_partner(partner_id,
                 title=stored(gettext_noop("%(month)s FH激励名单已生成，请在%(days)s个工作日内核对并确认"), {
                     "month": f"{month:%Y-%m}", "days": FH_CONFIRM_WORKING_DAYS}),
        body=stored(gettext_noop("确认截止日期：%(due)s"), {"due": incentive.confirm_due_on.isoformat()}),
        url=incentive.get_absolute_url())
    return incentive

