"""FH's objects in the tenancy world (tests.builders.partner_world calls `fh_world`: "fh" is in WING_WORLDS)."""
from django.utils import timezone

from incentives.fh import services
from incentives.fh.models import IncentiveMaterial, SpecialistRoster

from .helpers import confirmed, expert, generate, member, monthly, qualify, quarter_of


def fh_world(world, main, operator, *, tag):
    partner = world["Partner"]
    qualification = qualify(main, operator)
    person = member(partner, f"{tag}项目专员")
    expert(person, number=f"{tag}-CERT-0001")
    specialist = services.specialist_add(actor=main, person_id=person.pk, position=f"{tag}政务云售前")
    month = timezone.localdate().replace(day=1)
    generate(month=month)
    incentive = monthly(partner, month)
    confirmed(main, incentive)
    line = incentive.lines.get()
    return {
        "FhQualification": qualification, "CertifiedExpert": person.fh_certifications.get(),
        "ProjectSpecialist": specialist, "SpecialistRoster": SpecialistRoster.objects.get(partner=partner,
                                                                                           month=month),
        "MonthlyIncentive": incentive, "MonthlyIncentiveLine": line,
        "IncentiveMaterial": IncentiveMaterial.objects.filter(line=line).first(),
        "FhQuarter": quarter_of(incentive),
        "markers": [f"{tag}项目专员", f"{tag}-CERT-0001", f"{tag}政务云售前"],
    }

