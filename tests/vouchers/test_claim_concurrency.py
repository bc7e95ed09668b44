"""Claims under concurrency on PostgreSQL: two operators deciding one claim, two tabs starting a claim for one
application — exactly one wins each time."""
import pytest
from django.db import connection

from partnercenter.workflow.models import TransitionLog
from tests.vouchers.claim_helpers import approved_application, lines, submitted_claim
from tests.vouchers.mdf_helpers import budget_for
from tests.vouchers.test_concurrency import run_together
from vouchers import claim_services as services
from vouchers.models import MdfClaim

pytestmark = pytest.mark.django_db(transaction=True)


def test_concurrent_decisions_on_one_claim(partner_a, alice, operator):
    if connection.vendor != "postgresql":
        pytest.skip("row locks are a PostgreSQL guarantee")
    budget_for(partner_a, operator)
    claim = submitted_claim(alice, operator)
    decisions = [lambda: services.claim_approve(claim_id=claim.pk, actor=operator),
                 lambda: services.claim_return(claim_id=claim.pk, actor=operator, comment="补充"),
                 lambda: services.claim_reject(claim_id=claim.pk, actor=operator, comment="不符")]
    outcomes = run_together(lambda i: decisions[i % 3](), 6)
    assert outcomes.count("ok") == 1
    claim.refresh_from_db()
    assert claim.status in (MdfClaim.Status.APPROVED, MdfClaim.Status.RETURNED, MdfClaim.Status.REJECTED)
    assert (claim.approved_amount is not None) == (claim.status == MdfClaim.Status.APPROVED)


def test_concurrent_claim_starts_make_one_claim(partner_a, alice, operator):
    if connection.vendor != "postgresql":
        pytest.skip("row locks are a PostgreSQL guarantee")
    budget_for(partner_a, operator)
    application = approved_application(alice, operator, "5000.00")
    outcomes = run_together(lambda i: services.claim_create(
        application_id=application.pk, actor=alice, amount="5000.00", summary=f"tab {i}",
        lines=lines(("venue", "5000.00"))), 6)
    assert outcomes.count("ok") == 1 and MdfClaim.objects.filter(application=application).count() == 1
    assert TransitionLog.objects.filter(action="create", object_id=MdfClaim.objects.get().pk).count() == 1
