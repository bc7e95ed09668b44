"""Build opportunity-incentive state through the services."""
import datetime as dt
import itertools
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from incentives.opportunities import services
from partnercenter.partners.models import Opportunity
from tests.builders import PDF_BYTES
from tests.factories import CustomerFactory

_codes = itertools.count(1)


def pdf(name="盖章申请函.pdf"):
    return SimpleUploadedFile(name, PDF_BYTES, content_type="application/pdf")


def opportunity(partner, *, ends_on=None, core_tags=("PCE",), status=Opportunity.Status.DELIVERED, name=None):
    ends_on = ends_on or timezone.localdate() - dt.timedelta(days=1)
    customer = CustomerFactory(partner=partner)
    n = next(_codes)
    return Opportunity.objects.create(
        partner=partner, customer=customer, code=f"OPPT{n:08d}", name=name or f"机会点{n}",
        core_tags=list(core_tags), status=status, expected_amount=Decimal("500000.00"),
        delivery_starts_on=ends_on - dt.timedelta(days=60), delivery_ends_on=ends_on)


def draft(main, opp=None, *, amount="200000.00", description="项目已上线，客户签署验收单。"):
    opp = opp or opportunity(main.partner)
    return services.application_create(opportunity_id=opp.pk, actor=main, basis_amount=amount,
                                       description=description, letters=[pdf()])


def submitted(main, opp=None, **kwargs):
    application = draft(main, opp, **kwargs)
    return services.application_submit(application_id=application.pk, actor=main)


def published(main, operator, amount="12000.00", **kwargs):
    application = submitted(main, **kwargs)
    return services.application_approve(application_id=application.pk, actor=operator, incentive_amount=amount)


def confirmed(main, operator, **kwargs):
    application = published(main, operator, **kwargs)
    return services.application_confirm(application_id=application.pk, actor=main)
