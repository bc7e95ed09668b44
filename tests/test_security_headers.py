"""Every HTML page carries the security headers: CSP (relaxed style-src only in the admin), no framing, nosniff."""
import pytest
from django.conf import settings

pytestmark = pytest.mark.django_db


def assert_security_headers(response, policy):
    assert response["Content-Type"].startswith("text/html")
    assert response["Content-Security-Policy"] == policy
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_login_page_anonymous(client):
    response = client.get("/accounts/login/")

    assert response.status_code == 200
    assert_security_headers(response, settings.CONTENT_SECURITY_POLICY)


def test_home_page_as_alice(client_alice):
    response = client_alice.get("/")

    assert response.status_code == 200
    assert_security_headers(response, settings.CONTENT_SECURITY_POLICY)


def test_strict_policy_allows_no_inline_code():
    policy = settings.CONTENT_SECURITY_POLICY

    assert "'unsafe-inline'" not in policy
    assert "'unsafe-eval'" not in policy
    assert "frame-ancestors 'none'" in policy


def test_admin_login_page_gets_relaxed_style_policy(client):
    response = client.get("/admin/login/")

    assert response.status_code == 200
    assert_security_headers(response, settings.CONTENT_SECURITY_POLICY_ADMIN)
    assert "style-src 'self' 'unsafe-inline'" in response["Content-Security-Policy"]
    assert "script-src 'self';" in response["Content-Security-Policy"]  # scripts stay strict in the admin


def test_error_page_carries_headers(client_alice):
    response = client_alice.get("/no-such-page/")

    assert response.status_code == 404
    assert_security_headers(response, settings.CONTENT_SECURITY_POLICY)
