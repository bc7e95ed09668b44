import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from partnercenter.partners import services as partner_services
from partnercenter.partners.models import Partner, User
from partnercenter.partners.onboarding import signup
from tests.builders import realname_data

pytestmark = pytest.mark.django_db

CODE = "91440300MA5FXXXX1Q"


def form(**overrides):
    return {"company_name": "深圳新星科技有限公司", "credit_code": CODE, "full_name": "陈星",
            "email": "chen@xinxing.cn",
            "phone": "13800000000", "username": "xinxing", "password1": "Xx-very-safe-2026",
            "password2": "Xx-very-safe-2026", "agree": "on", **overrides}


def link_from_mail():
    body = mail.outbox[-1].body
    return body[body.index("/partner/signup/verify/"):].split()[0]


def test_signup_creates_inactive_main_account_and_mails_a_link(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("partners:signup"), form())
    assert response.status_code == 302 and response.url == reverse("partners:signup-done")
    user = User.objects.get(username="xinxing")
    assert not user.is_active and user.role == User.Role.MAIN
    assert user.partner.partner_type == Partner.Type.SOLUTION_PROVIDER
    assert user.partner.level == Partner.Level.REGISTERED and user.partner.credit_code == CODE
    assert mail.outbox[-1].to == ["chen@xinxing.cn"]
    login = {"username": "xinxing", "password": "Xx-very-safe-2026"}
    assert client.post(reverse("login"), login).status_code == 200  # inactive: refused

    response = client.get(link_from_mail())
    assert response.status_code == 302 and response.url == reverse("login")
    user.refresh_from_db()
    assert user.is_active
    # works once
    assert client.get(link_from_mail()).status_code == 400
    assert client.post(reverse("login"), login).status_code == 302
    home = client.get(reverse("home")).content.decode()
    assert "实名认证" in home


def test_verify_link_expires_after_24_hours(client, django_capture_on_commit_callbacks, monkeypatch):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("partners:signup"), form())
    token = signup.verification_token(User.objects.get(username="xinxing"))
    monkeypatch.setattr(signup, "MAX_AGE", -1)
    with pytest.raises(ValidationError, match="过期"):
        signup.verify(token)
    monkeypatch.undo()
    assert signup.verify(token).is_active


def test_tampered_or_missing_token_is_refused_without_leaking(client):
    for url in (reverse("partners:signup-verify"), reverse("partners:signup-verify") + "?token=abc:def"):
        response = client.get(url)
        assert response.status_code == 400
        assert "验证链接无效" in response.content.decode()


def test_duplicate_credit_code_is_refused(client, alice, partner_a):
    partner_a.credit_code = CODE
    partner_a.save()
    response = client.post(reverse("partners:signup"), form())
    assert response.status_code == 200
    assert "该统一社会信用代码已注册伙伴账号" in response.content.decode()
    assert not User.objects.filter(username="xinxing").exists()


def test_credit_code_of_a_pending_realname_application_is_refused(client, partner_b, bob):
    partner_services.realname_submit(partner=partner_b, actor=bob, data=realname_data(partner_b, credit_code=CODE))
    response = client.post(reverse("partners:signup"), form(credit_code=CODE.lower()))
    assert "该统一社会信用代码已注册伙伴账号" in response.content.decode()


@pytest.mark.parametrize("overrides, field_error", [
    ({"credit_code": "123"}, "统一社会信用代码应为18位"),
    ({"password2": "other-pass-2026"}, "两次输入的密码不一致"),
    ({"password1": "123", "password2": "123"}, "密码"),
    ({"agree": ""}, "请阅读并同意合作协议"),
    ({"username": "alice"}, "该用户名已被使用"),
])
def test_bad_input_is_a_message_on_the_form(client, alice, overrides, field_error):
    response = client.post(reverse("partners:signup"), form(**overrides))
    assert response.status_code == 200
    assert field_error in response.content.decode()
    assert not Partner.objects.filter(name="深圳新星科技有限公司").exists()


def test_logged_in_user_is_sent_home(client_alice):
    for name in ("partners:signup", "partners:signup-done", "partners:signup-verify"):
        assert client_alice.get(reverse(name)).url == reverse("home")


def test_signup_is_throttled_per_address(client, settings):
    from django.core.cache import cache
    cache.clear()
    for i in range(10):
        client.post(reverse("partners:signup"), form(username=f"user{i}", email=f"u{i}@x.cn",
                                                     credit_code=f"91440300MA5FXXX{i:02d}Q"[:18]))
    response = client.post(reverse("partners:signup"), form(username="late", credit_code="91440300MA5FYYYY1Q"))
    assert "注册请求过于频繁" in response.content.decode()
    cache.clear()


def test_login_page_links_to_signup(client):
    assert reverse("partners:signup") in client.get(reverse("login")).content.decode()


def test_path_page_leads_a_partner_that_cannot_upgrade_to_sign_up(client_alice):
    """The documented way to raise the level with another company: log out and register, from the path page."""
    page = client_alice.get(reverse("partners:path")).content.decode()
    assert "退出并快捷注册新账号" in page and f'value="{reverse("partners:signup")}"' in page
    response = client_alice.post(reverse("logout"), {"next": reverse("partners:signup")})
    assert response.status_code == 302 and response.url == reverse("partners:signup")
    assert "统一社会信用代码" in client_alice.get(response.url).content.decode()
