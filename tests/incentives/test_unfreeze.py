"""解冻: an operator moves one frozen line back to 正常 with a reason, audited; never on a paid bill."""
import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from incentives.models import IncentiveDetail, ReconciliationBill
from incentives.services import detail_unfreeze
from partnercenter.workflow.models import TransitionLog

from .helpers import consumption, generate, policy

pytestmark = pytest.mark.django_db


@pytest.fixture
def frozen(partner_a, django_capture_on_commit_callbacks):
    policy()
    consumption(partner_a, amount="1000.00")  # partner A is not certified yet: its lines are generated frozen
    generate(capture=django_capture_on_commit_callbacks)
    line = IncentiveDetail.objects.get(partner=partner_a)
    assert line.status == IncentiveDetail.Status.FROZEN and line.frozen_reason
    return line


def test_operator_unfreezes_with_a_reason_on_the_timeline(frozen, client_operator, operator):
    url = reverse("incentives:detail-unfreeze", args=[frozen.pk])
    page = client_operator.get(frozen.get_absolute_url()).content.decode()
    assert url in page
    response = client_operator.post(url, {"reason": "认证材料已线下核实"}, follow=True)
    assert "已解冻该明细" in response.content.decode()
    frozen.refresh_from_db()
    assert frozen.status == IncentiveDetail.Status.NORMAL and frozen.frozen_reason == ""
    entry = TransitionLog.objects.get(action="unfreeze")
    assert entry.comment == "认证材料已线下核实" and entry.actor == operator
    again = client_operator.post(url, {"reason": "再来一次"}, follow=True)
    assert again.status_code == 200 and TransitionLog.objects.filter(action="unfreeze").count() == 1


def test_reason_is_required(frozen, client_operator, operator):
    response = client_operator.post(reverse("incentives:detail-unfreeze", args=[frozen.pk]), {"reason": "  "},
                                    follow=True)
    assert response.status_code == 200
    frozen.refresh_from_db()
    assert frozen.status == IncentiveDetail.Status.FROZEN
    with pytest.raises(ValidationError):
        detail_unfreeze(detail_id=frozen.pk, actor=operator, reason="")


def test_partner_cannot_unfreeze(frozen, client_alice):
    response = client_alice.post(reverse("incentives:detail-unfreeze", args=[frozen.pk]), {"reason": "自己解冻"})
    assert response.status_code == 404
    frozen.refresh_from_db()
    assert frozen.status == IncentiveDetail.Status.FROZEN
    assert "incentives-unfreeze" not in client_alice.get(frozen.get_absolute_url()).content.decode()


def test_not_on_a_bill_in_payment(frozen, operator):
    ReconciliationBill.objects.filter(pk=frozen.bill_id).update(status=ReconciliationBill.Status.PAID)
    with pytest.raises(ValidationError, match="发放"):
        detail_unfreeze(detail_id=frozen.pk, actor=operator, reason="晚了")
    frozen.refresh_from_db()
    assert frozen.status == IncentiveDetail.Status.FROZEN
