"""The 机会点激励申请 page: process bar, both tabs, scoped to the partner."""
import pytest
from django.urls import reverse

from .helpers import opportunity, published

pytestmark = pytest.mark.django_db


def test_tabs_show_only_my_rows(client, alice, bob, operator):
    mine = opportunity(alice.partner, name="甲可申请机会点")
    theirs = opportunity(bob.partner, name="乙可申请机会点")
    application = published(alice, operator)
    other = published(bob, operator)
    client.force_login(alice)
    body = client.get(reverse("incentives:opportunity-list")).content.decode()
    assert mine.name in body and theirs.name not in body and "激励对账" in body
    assert application.opportunity.name not in body  # already applied: not in 待申请激励
    url = reverse("incentives:opportunity-list")
    body = client.get(url, {"tab": "applied", "status": "publicity"}).content.decode()
    assert application.code in body and other.code not in body
    url = reverse("incentives:opportunity-list")
    body = client.get(url, {"tab": "applied", "status": "payable"}).content.decode()
    assert application.code not in body


def test_non_main_accounts_see_why(client, andy):
    client.force_login(andy)
    assert "账号切换" in client.get(reverse("incentives:opportunity-list")).content.decode()
