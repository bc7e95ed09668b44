"""The portal shell: every page's frame, its CSP-safe markup, the shared includes and the generic filters."""
import datetime as dt
import re
from decimal import Decimal

import pytest
from django.core.paginator import Paginator
from django.template import Context, Template
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.utils import translation

from partnercenter.partners.templatetags.portal import cycle, is_current, money

pytestmark = pytest.mark.django_db

INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE)
EVENT_HANDLER = re.compile(r"\son[a-z]+\s*=", re.IGNORECASE)


def assert_csp_safe(html: str) -> None:
    """What `script-src 'self'; style-src 'self'` would block: inline scripts, style attributes, on*= handlers."""
    assert 'style="' not in html
    assert "<style" not in html
    assert not INLINE_SCRIPT.search(html), INLINE_SCRIPT.search(html).group(0)
    assert not EVENT_HANDLER.search(html), EVENT_HANDLER.search(html).group(0)


# Pages ------------------------------------------------------------------------------------------------------

def test_login_page_is_chinese_and_csp_safe(client):
    response = client.get("/accounts/login/")

    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="zh-hans">' in html
    assert_csp_safe(html)
    assert 'name="username"' in html and 'name="password"' in html
    assert 'action="/i18n/setlang/"' in html  # the language switch is there before logging in
    assert '<main id="main"' in html


def test_login_error_is_shown_on_top_of_the_form(client, alice):
    response = client.post("/accounts/login/", {"username": "alice", "password": "wrong"})

    html = response.content.decode()
    assert response.status_code == 200
    assert 'class="alert alert--danger" role="alert"' in html


def test_home_shows_greeting_todo_card_and_partner(client_alice, alice):
    response = client_alice.get("/")

    html = response.content.decode()
    assert response.status_code == 200
    assert_csp_safe(html)
    assert "待办事项" in html
    assert alice.partner.name in html
    assert alice.display_name in html
    assert alice.get_role_display() in html
    assert 'aria-current="page"' in html  # 主页 is the active top menu entry
    assert 'href="/notifications/"' in html


def test_home_lists_todo_items_with_deadline_countdown(client_alice, monkeypatch):
    from partnercenter import views
    from partnercenter.todo import TodoItem

    today = dt.date(2026, 11, 27)  # a Friday
    items = [
        TodoItem(title="确认10月激励明细", url="/incentives/fh/", category="激励",
                 due_on=today - dt.timedelta(days=3)),
        TodoItem(title="上传发票", url="/payments/bills/", category="账务", detail="开票信息须与合同一致"),
    ]
    monkeypatch.setattr(views, "todo_items_for", lambda user: items)
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *args, **kwargs: today)

    html = client_alice.get("/").content.decode()

    assert "确认10月激励明细" in html and "上传发票" in html
    assert "todo-list__item--overdue" in html
    assert "已逾期" in html
    assert "开票信息须与合同一致" in html


def test_home_without_todo_items_shows_empty_state(client_alice, monkeypatch):
    from partnercenter import views

    monkeypatch.setattr(views, "todo_items_for", lambda user: [])

    html = client_alice.get("/").content.decode()

    assert "暂无待办事项" in html


def test_vendor_staff_home_points_to_review_queue(client_operator):
    response = client_operator.get("/")

    html = response.content.decode()
    assert response.status_code == 200
    assert 'href="/review/"' in html
    assert 'href="/admin/"' in html
    assert "伙伴概况" not in html


def test_a_wing_page_keeps_the_frame(client_alice):
    response = client_alice.get("/incentives/fh/")

    html = response.content.decode()
    assert response.status_code == 200
    assert_csp_safe(html)
    assert 'class="breadcrumbs"' in html
    assert 'class="dropdown__link is-active" href="/incentives/fh/" aria-current="page"' in html


def test_switching_to_english_sets_html_lang(client_alice):
    response = client_alice.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert response.status_code == 302

    html = client_alice.get("/").content.decode()

    assert '<html lang="en">' in html


def test_404_page_uses_portal_frame(client_alice):
    response = client_alice.get("/no-such-page/")

    html = response.content.decode()
    assert response.status_code == 404
    assert_csp_safe(html)
    assert "页面不存在" in html
    assert 'class="site-header"' in html


def test_500_template_renders_without_request_or_context_processors():
    with translation.override("zh-hans"):
        html = render_to_string("500.html")

    assert "服务暂时不可用" in html
    assert '<html lang="zh-hans">' in html
    assert_csp_safe(html)


def test_locked_out_page_names_the_wait(rf):
    html = render_to_string("registration/locked_out.html",
                            {"cooloff_timedelta": dt.timedelta(minutes=30), "failure_limit": 5},
                            request=rf.get("/accounts/login/"))

    assert "请30分钟后再试" in html


def test_confirm_dialog_labels_are_translatable_body_attributes(client_alice):
    html = client_alice.get("/").content.decode()

    assert 'data-confirm-ok="确定"' in html
    assert 'data-confirm-cancel="取消"' in html


def test_password_pages_use_the_portal_frame(client, client_alice):
    change = client_alice.get("/accounts/password/change/").content.decode()
    client.logout()
    reset = client.get("/accounts/password/reset/").content.decode()

    for html in (change, reset):
        assert_csp_safe(html)
        assert 'class="site-header' in html
        assert 'id="container"' not in html  # not Django admin's fallback registration templates
    assert 'name="new_password1"' in change
    assert 'name="email"' in reset and "找回密码" in reset


def test_set_password_link_page_and_email(client, alice, mailoutbox):
    from partnercenter.partners.services.members import set_password_path

    alice.email = "alice@example.com"
    alice.save(update_fields=["email"])
    client.post("/accounts/password/reset/", {"email": "alice@example.com"})
    page = client.get(set_password_path(alice), follow=True).content.decode()

    assert len(mailoutbox) == 1
    assert mailoutbox[0].subject == "华为云伙伴中心：设置登录密码"
    assert "/accounts/reset/" in mailoutbox[0].body and "王丽" in mailoutbox[0].body
    assert "设置登录密码" in page and 'name="new_password1"' in page
    assert "该链接已失效" in client.get("/accounts/reset/MQ/bad-token/", follow=True).content.decode()


# Includes ---------------------------------------------------------------------------------------------------

def test_pagination_keeps_filters_and_shows_total():
    request = RequestFactory().get("/partner/customers/", {"q": "甲", "page": "2"})
    page = Paginator(list(range(95)), 10).page(2)

    html = render_to_string("includes/_pagination.html", {"page_obj": page}, request=request)

    assert "共 95 条" in html
    assert 'href="?q=%E7%94%B2&amp;page=3"' in html
    assert 'aria-current="page"' in html
    assert "…" in html


def test_timeline_shows_labels_or_codes_and_empty_message():
    entry = type("Entry", (), {
        "created_at": dt.datetime(2026, 10, 9, 10, 30, tzinfo=dt.UTC), "action_label": "驳回",
        "actor_name": "运营小周", "from_status": "pending", "to_status": "rejected", "from_label": "审核中",
        "to_label": "", "comment": "执照不清晰", "reason_code": "licence_unclear",
    })()

    html = render_to_string("includes/_timeline.html", {"entries": [entry]})

    assert "审核中" in html and "rejected" in html and "执照不清晰" in html and "licence_unclear" in html
    assert "暂无记录" in render_to_string("includes/_timeline.html", {"entries": []})


def test_status_badge_and_empty_state():
    badge = render_to_string("includes/_status_badge.html", {"label": "已认证", "tone": "success"})
    empty = render_to_string("includes/_empty.html", {"message": "没有客户", "action_url": "/x/",
                                                      "action_label": "新增"})

    assert badge == '<span class="badge badge--success">已认证</span>'
    assert "没有客户" in empty and 'href="/x/"' in empty


def test_form_include_links_errors_to_fields():
    from django import forms

    class DemoForm(forms.Form):
        name = forms.CharField(label="名称", help_text="与执照一致")

    html = render_to_string("includes/_form.html", {"form": DemoForm(data={"name": ""})})

    assert 'aria-describedby="id_name_helptext id_name_error"' in html
    assert 'id="id_name_error"' in html and 'id="id_name_helptext"' in html
    assert "field--error" in html
    assert 'class="field__required"' in html


# Filters ----------------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("value", "expected"), [
    (Decimal("1234.5"), "¥1,234.50"),
    (Decimal("-0.5"), "-¥0.50"),
    (Decimal("0"), "¥0.00"),
    (Decimal("1234567.891"), "¥1,234,567.89"),
    (Decimal("-12"), "-¥12.00"),
    (Decimal("-0.004"), "¥0.00"),
    (Decimal("0.005"), "¥0.01"),
    (None, "—"),
])
def test_money_filter(value, expected):
    assert money(value) == expected


def test_money_filter_in_a_template():
    html = Template("{% load portal %}{{ amount|money }}").render(Context({"amount": Decimal("1234.5")}))

    assert html == "¥1,234.50"


def test_cycle_filter():
    assert cycle(dt.date(2026, 10, 1)) == "202610"
    assert cycle(None) == "—"


def test_is_current_matches_sub_pages_but_home_only_itself():
    assert is_current("/partner/customers/", "/partner/customers/12/")
    assert not is_current("/partner/customers/", "/partner/realname/")
    assert is_current("/", "/")
    assert not is_current("/", "/partner/customers/")
    assert not is_current("#", "/")
