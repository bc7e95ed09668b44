"""django-axes: repeated bad passwords lock a username+IP pair out of the real login form."""
import pytest
from django.conf import settings

from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db

LOGIN_URL = "/accounts/login/"


def post_login(client, username, password, ip="198.51.100.7"):
    return client.post(LOGIN_URL, {"username": username, "password": password}, REMOTE_ADDR=ip)


def test_lockout_after_failure_limit_then_other_user_still_logs_in(client, alice, bob):
    assert settings.AXES_FAILURE_LIMIT == 5
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        response = post_login(client, "alice", "wrong-password")
        assert response.status_code == 200  # the form again, with an error
        assert response.context["form"].errors

    response = post_login(client, "alice", "wrong-password")  # the 5th failure locks the pair out
    assert response.status_code == 429

    response = post_login(client, "alice", PASSWORD)  # the correct password is refused too
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session

    response = post_login(client, "bob", PASSWORD)  # same IP, other user: unaffected
    assert response.status_code == 302
    assert response["Location"] == "/"
    assert int(client.session["_auth_user_id"]) == bob.pk


def test_lockout_is_per_ip(client, alice):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        post_login(client, "alice", "wrong-password", ip="198.51.100.7")

    response = post_login(client, "alice", PASSWORD, ip="203.0.113.9")

    assert response.status_code == 302
    assert int(client.session["_auth_user_id"]) == alice.pk


def test_successful_login_resets_failures(client, alice):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        post_login(client, "alice", "wrong-password")
    assert post_login(client, "alice", PASSWORD).status_code == 302
    client.logout()

    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        post_login(client, "alice", "wrong-password")

    assert post_login(client, "alice", PASSWORD).status_code == 302
