"""Invitation acceptance (the set-password link a new member receives) is throttled per address like sign-up:
invalid or used links count, a good link still works exactly once."""
import pytest
from django.core.cache import cache
from django.urls import reverse

from partnercenter.partners import services
from partnercenter.partners.models import User
from partnercenter.partners.onboarding import views
from partnercenter.partners.services.members import set_password_path

pytestmark = pytest.mark.django_db

NEW_PASSWORD = {"new_password1": "Cloud-Partner-7391", "new_password2": "Cloud-Partner-7391"}


@pytest.fixture(autouse=True)
def fresh_counters():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def invited(alice):
    return services.member_create(partner=alice.partner, actor=alice, username="xiaoming", full_name="张小明",
                                  email="xm@example.com", role=User.Role.FINANCE)


def accept(client, link, **extra):
    """Open the link (it redirects to the form without the token), then set the password."""
    opened = client.get(link, **extra)
    if opened.status_code != 302:
        return opened
    return client.post(opened.url, NEW_PASSWORD, **extra)


def bad_link(invited):
    return set_password_path(invited).rsplit("/", 2)[0] + "/abc-0123456789abcdef/"


def test_a_valid_invitation_link_works_once(client, invited):
    link = set_password_path(invited)
    response = accept(client, link)
    assert response.status_code == 302 and response.url == reverse("password_reset_complete")
    invited.refresh_from_db()
    assert invited.check_password("Cloud-Partner-7391")
    again = client.get(link)
    assert again.status_code == 200 and "该链接已失效或已被使用" in again.content.decode()


def test_guessing_links_is_throttled_even_for_a_good_link(client, invited):
    for _ in range(views.INVITATION_LIMIT):
        response = client.get(bad_link(invited))
        assert response.status_code == 200 and "该链接已失效或已被使用" in response.content.decode()
    refused = client.get(set_password_path(invited))
    assert refused.status_code == 429 and "请求过于频繁" in refused.content.decode()
    assert client.post(set_password_path(invited), NEW_PASSWORD).status_code == 429
    invited.refresh_from_db()
    assert not invited.has_usable_password()
    # another address is not affected, and the good link still works there, once
    other = {"REMOTE_ADDR": "10.1.2.3"}
    assert accept(client, set_password_path(invited), **other).status_code == 302
    invited.refresh_from_db()
    assert invited.check_password("Cloud-Partner-7391")


def test_good_links_do_not_count(client, alice, invited):
    for _ in range(views.INVITATION_LIMIT + 2):
        assert client.get(set_password_path(invited)).status_code == 302
    for _ in range(views.INVITATION_LIMIT - 1):
        client.get(bad_link(invited))
    assert accept(client, set_password_path(invited)).status_code == 302
    invited.refresh_from_db()
    assert invited.check_password("Cloud-Partner-7391")
