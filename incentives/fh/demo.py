"""Demo data of FH. Partner A (华云智联, DTC&SI path at 能力差异化): an approved qualification, certified experts,
three project specialists, and the lists of the last three months — the oldest passed 初审, the next in 初审,
the last waiting for confirmation with a countdown — so its quarter shows the payment pre-flight with a blocker.
Partner B (software path) has no qualification: its FH page lists the requirements it misses; one expert of B
shows the read-only expert list.

Idempotent: does nothing for a partner that already has a qualification or experts."""
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from partnercenter.partners.models import User

from . import services
from .models import CertifiedExpert, FhQualification, MonthlyIncentive, ProjectSpecialist
from .services.common import previous_month, this_month

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
EXPERTS = (("alice", "professional", "华为云解决方案架构师"), ("andy", "senior", "华为云售前专家"),
           ("chen", "professional", "华为云政务云解决方案专家"), ("fang", "associate", "华为云售前工程师"))
SPECIALISTS = (("andy", "金融行业售前"), ("chen", "政务云售前"), ("fang", "制造行业售前"))


def _user(username):
    return User.objects.filter(username=username).select_related("partner").first()


def _experts(partner, operator, rows, today):
    for n, (username, level, certification) in enumerate(rows, start=1):
        person = _user(username)
        if person is None or person.partner_id != partner.pk:
            continue
        CertifiedExpert.objects.get_or_create(
            certificate_no=f"HCE-{partner.pk:04d}-{n:03d}",
            defaults={"partner": partner, "person": person, "level": level, "certification": certification,
                      "valid_from": today.replace(year=today.year - 1, month=1, day=1),
                      "valid_to": today.replace(year=today.year + 1, month=12, day=31), "recorded_by": operator})


def _partner_a(alice, operator, today):
    partner = alice.partner
    qualification = services.qualification_submit(actor=alice, data={
        "contact_name": alice.display_name, "contact_phone": alice.phone or "13857112345",
        "statement": "公司有专职售前团队12人，覆盖金融、政务、制造行业的华为云解决方案售前工作。", "agreement": True})
    services.qualification_approve(qualification_id=qualification.pk, actor=operator, comment="材料齐全，协议已签署")
    _experts(partner, operator, EXPERTS, today)
    months = [previous_month(previous_month(previous_month(today))), previous_month(previous_month(today)),
              previous_month(today)]
    for username, position in SPECIALISTS:
        person = _user(username)
        if person is not None:
            specialist = services.specialist_add(actor=alice, person_id=person.pk, position=position)
            # Demo history: they have been specialists since three months ago.
            ProjectSpecialist.objects.filter(pk=specialist.pk).update(start_month=months[0])
    for month in months:
        services.generation_run_start(month=month, trigger="demo", inline=True)
    services.roster_refresh(partner_id=partner.pk, month=this_month(today))
    oldest, middle, _latest = (MonthlyIncentive.objects.get(partner=partner, month=m) for m in months)
    for incentive in (oldest, middle):
        for line in incentive.lines.all():
            services.material_upload(actor=alice, line_id=line.pk, upload=ContentFile(
                PDF, name=f"{line.person_name}-{incentive.month:%Y%m}在岗证明.pdf"))
        services.incentive_confirm(actor=alice, incentive_id=incentive.pk)
    services.incentive_approve(actor=operator, incentive_id=oldest.pk, comment="材料齐全")


def build(stdout) -> None:
    operator = _user("operator")
    today = timezone.localdate()
    made = []
    alice, bob = _user("alice"), _user("bob")
    with transaction.atomic():
        if operator and alice and alice.partner and not FhQualification.objects.filter(partner=alice.partner).exists():
            if alice.partner.path == "dtcsi" and alice.partner.stage == "capability":
                _partner_a(alice, operator, today)
                made.append("A")
        if operator and bob and bob.partner and not CertifiedExpert.objects.filter(partner=bob.partner).exists():
            _experts(bob.partner, operator, (("bella", "associate", "华为云售前工程师"),), today)
            made.append("B")
    if stdout is not None:
        stdout.write(f"  fh: {FhQualification.objects.count()} 资格申请, {MonthlyIncentive.objects.count()} 月度激励 "
                     f"(+{', '.join(made) or 'nothing new'})\n")

