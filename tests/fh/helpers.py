"""Build FH state through the services (time moved with `on_day`)."""
import contextlib
import datetime as dt
from unittest import mock

from django.test import TestCase
from django.utils import timezone

from incentives.fh import services
from incentives.fh.models import CertifiedExpert, FhQuarter, MonthlyIncentive
from partnercenter.partners.models import Partner, User
from tests.builders import licence_pdf
from tests.factories import UserFactory

QUALIFICATION = {"contact_name": "王丽", "contact_phone": "13800000000", "statement": "十名售前专职人员",
                 "agreement": True}


@contextlib.contextmanager
def on_day(day: dt.date):
    """Pretend today is `day` (Beijing) for services that read timezone.localdate()."""
    with mock.patch("django.utils.timezone.localdate", lambda *args, **kwargs: day):
        yield


def make_eligible(partner):
    Partner.objects.filter(pk=partner.pk).update(path=Partner.Path.DTCSI, stage=Partner.Stage.CAPABILITY)
    partner.refresh_from_db()
    return partner


def qualify(main, operator):
    make_eligible(main.partner)
    qualification = services.qualification_submit(actor=main, data=QUALIFICATION)
    return services.qualification_approve(qualification_id=qualification.pk, actor=operator, comment="材料齐全")


_cert_numbers = iter(range(1, 10**6))


def expert(person, level=CertifiedExpert.Level.PROFESSIONAL, *, valid_from=dt.date(2025, 1, 1),
           valid_to=dt.date(2027, 12, 31), certification="华为云解决方案架构师", number=None):
    return CertifiedExpert.objects.create(
        partner_id=person.partner_id, person=person, level=level, valid_from=valid_from, valid_to=valid_to,
        certification=certification, certificate_no=number or f"HCE-{person.pk}-{next(_cert_numbers):05d}")


def member(partner, name, role=User.Role.CUSTOMER_MANAGER):
    return UserFactory(partner=partner, role=role, full_name=name)


def staffed(main, operator, *, people=(("张专家", CertifiedExpert.Level.SENIOR), ("李专家", None))):
    """A qualified partner with project specialists; those with a level are certified experts."""
    qualify(main, operator)
    persons = []
    for name, level in people:
        person = member(main.partner, name)
        if level:
            expert(person, level)
        services.specialist_add(actor=main, person_id=person.pk, position=f"{name}负责政务云")
        persons.append(person)
    return persons


def generate(month=None, day=None):
    """Run the monthly generation for `month` (default: the current month) as of `day`."""
    day = day or timezone.localdate()
    month = month or day.replace(day=1)
    # The per-partner tasks are enqueued after commit (eager in tests): run those callbacks now.
    with on_day(day), TestCase.captureOnCommitCallbacks(execute=True):
        run = services.generation_run_start(month=month, trigger="test")
    run.refresh_from_db()
    return run


def pdf(name="在岗证明.pdf"):
    return licence_pdf(name)


def upload_all(main, incentive):
    for line in incentive.lines.all():
        services.material_upload(actor=main, line_id=line.pk, upload=pdf(f"{line.person_name}.pdf"))


def confirmed(main, incentive):
    upload_all(main, incentive)
    return services.incentive_confirm(actor=main, incentive_id=incentive.pk)


def quarter_of(incentive) -> FhQuarter:
    year, quarter = incentive.quarter_key
    return FhQuarter.objects.get(partner_id=incentive.partner_id, year=year, quarter=quarter)


def monthly(partner, month) -> MonthlyIncentive:
    return MonthlyIncentive.objects.get(partner=partner, month=month)

