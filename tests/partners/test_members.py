"""组织成员: the main account adds members (who set their own password by e-mail), changes roles, disables."""
import re

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from partnercenter.partners import services
from partnercenter.partners.models import User
from tests.factories import CustomerFactory

pytestmark = pytest.mark.django_db


def test_new_member_sets_own_password_from_the_email_link(client, client_alice, alice,
                                                          django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client_alice.post(reverse("partners:member-create"), {
            "username": "xiaoming", "full_name": "张小明", "email": "xm@example.com", "role": "finance"})
    assert response.status_code == 302
    member = User.objects.get(username="xiaoming")
    assert member.partner == alice.partner and member.role == "finance" and not member.has_usable_password()
    [message] = mail.outbox
    link = re.search(r"http://\S+/accounts/reset/\S+/", message.body).group(0)
    path = link.split("8000", 1)[-1]
    page = client.get(path, follow=True)
    assert page.status_code == 200
    form_url = page.redirect_chain[-1][0] if page.redirect_chain else path
    done = client.post(form_url, {"new_password1": "Cloud-Partner-7391", "new_password2": "Cloud-Partner-7391"})
    assert done.status_code == 302
    member.refresh_from_db()
    assert member.check_password("Cloud-Partner-7391")


def test_duplicate_username_error_keeps_input(client_alice, alice):
    response = client_alice.post(reverse("partners:member-create"), {
        "username": "alice", "full_name": "重名的人", "email": "x@example.com", "role": "read_only"})
    body = response.content.decode()
    assert response.status_code == 200 and "该用户名已被使用" in body and "重名的人" in body


def test_only_main_account_manages_members(alice, andy):
    with pytest.raises(PermissionDenied):
        services.member_create(partner=alice.partner, actor=andy, username="x", full_name="x",
                               email="x@example.com", role="finance")


def test_manager_with_customers_cannot_be_disabled(alice, andy):
    customer = CustomerFactory(partner=alice.partner)
    services.customer_assign(customer_id=customer.pk, manager=andy, actor=alice)
    with pytest.raises(ValidationError, match="仍管理客户"):
        services.member_update(member_id=andy.pk, actor=alice, role="customer_manager", is_active=False)
    with pytest.raises(ValidationError):
        services.member_update(member_id=alice.pk, actor=alice, role="finance", is_active=True)
