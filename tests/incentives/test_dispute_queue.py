"""问题反馈处理: the operators' queue of unanswered disputes, overdue first, with working days left."""
import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from incentives.models import BillDispute
from partnercenter.workflow.models import Deadline

from .helpers import incentive_world

pytestmark = pytest.mark.django_db
URL = reverse("incentives:dispute-queue")


@pytest.fixture
def disputes(partner_a, partner_b, alice, bob, operator):
    a = incentive_world(partner_a, alice, operator, tag="甲")["BillDispute"]
    b = incentive_world(partner_b, bob, operator, tag="乙")["BillDispute"]
    # B's clock ran out a week ago: it must come first.
    Deadline.objects.filter(kind="bill_dispute", partner=partner_b).update(
        due_on=timezone.localdate() - dt.timedelta(days=7))
    return a, b


def test_overdue_first_with_countdowns(disputes, client_operator):
    a, b = disputes
    response = client_operator.get(URL)
    assert response.status_code == 200
    assert [d.pk for d in response.context["page_obj"]] == [b.pk, a.pk]
    rows = {d.pk: d for d in response.context["page_obj"]}
    assert rows[b.pk].overdue and rows[b.pk].days_overdue >= 1
    assert not rows[a.pk].overdue and 0 <= rows[a.pk].days_left <= 3
    html = response.content.decode()
    assert "已超期" in html and "剩余" in html and html.index(f'data-dispute="{b.pk}"') < html.index(
        f'data-dispute="{a.pk}"')


def test_answered_disputes_leave_the_queue(disputes, client_operator, operator):
    from incentives.services import bill_answer

    a, b = disputes
    bill_answer(dispute_id=b.pk, actor=operator, answer="已核实，数据无误。", adjustment=None)
    assert [d.pk for d in client_operator.get(URL).context["page_obj"]] == [a.pk]
    assert BillDispute.objects.unanswered().count() == 1


def test_partners_do_not_see_the_queue(disputes, client_alice):
    assert client_alice.get(URL).status_code == 404
