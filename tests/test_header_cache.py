"""The header is rendered once per combination of what it shows (partnercenter.header) and must equal the
template rendered afresh: for partner and vendor users, both languages, several pages and unread counts; the
per-request CSRF token and return path are this request's."""
import re

import pytest
from django.contrib.auth.models import AnonymousUser
from django.template import RequestContext, engines
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.utils import translation

from partnercenter.header import TEMPLATE, header_html
from partnercenter.notifications.services import notify
from partnercenter.partners.auth import load_user

pytestmark = pytest.mark.django_db

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"')


def context_for(user, path):
    """The context a page's template sees: the request's, with the context processors applied."""
    request = RequestFactory().get(path)
    request.user = user
    context = RequestContext(request, {})
    template = engines["django"].engine.get_template(TEMPLATE)
    for processor in template.engine.template_context_processors:
        context.update(processor(request))
    return context


def fresh(context) -> str:
    return render_to_string(TEMPLATE, context.flatten())


def same(a: str, b: str) -> bool:
    return TOKEN.sub("TOKEN", a) == TOKEN.sub("TOKEN", b)


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_the_cached_header_is_the_template_for_everyone_everywhere(language, alice, andy, operator):
    notify(recipients=[alice], title="一", email=False)
    paths = ["/", "/incentives/management/details/?period=202610&q=%3Cb%3E", "/notifications/", "/partners/customers/"]
    with translation.override(language):
        for who in (alice, andy, operator):
            for path in paths:
                for _twice in range(2):  # a miss, then a hit
                    context = context_for(load_user(who.pk), path)
                    html = header_html(context)
                    assert same(html, fresh(context)), (who, path)
                    assert f"({who.get_username()})" in html and html.count('name="csrfmiddlewaretoken"') == 2
                    assert ('bell__badge' in html) is (who == alice)  # alice's one unread notification
        anonymous = context_for(AnonymousUser(), "/accounts/login/")
        assert same(header_html(anonymous), fresh(anonymous))


def test_what_changes_shows_at_once(alice, bob):
    first = header_html(context_for(load_user(alice.pk), "/"))
    assert alice.partner.name in first and bob.partner.name not in first
    assert bob.partner.name in header_html(context_for(load_user(bob.pk), "/"))
    notify(recipients=[alice], title="一", email=False)
    assert 'class="bell__badge" aria-hidden="true">1<' in header_html(context_for(load_user(alice.pk), "/"))
    alice.full_name = "改了名字"
    alice.save()
    assert "改了名字" in header_html(context_for(load_user(alice.pk), "/"))


def test_each_request_gets_its_own_token_and_return_path(alice):
    context = context_for(load_user(alice.pk), "/incentives/management/details/?period=202610&q=a&b")
    html = header_html(context)
    token = str(context["csrf_token"])
    assert html.count(f'value="{token}"') == 2  # the language switch and the logout form
    assert 'name="next" value="/incentives/management/details/?period=202610&amp;q=a&amp;b"' in html
    other = context_for(load_user(alice.pk), "/incentives/management/details/")
    assert 'name="next" value="/incentives/management/details/"' in header_html(other)


def test_the_header_forms_work_with_csrf_checks_on(alice):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(alice)
    client.get("/")
    page = client.get("/incentives/management/details/").content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    switched = client.post("/i18n/setlang/", {"language": "en", "next": "/notifications/",
                                              "csrfmiddlewaretoken": token})
    assert switched.status_code == 302 and switched["Location"] == "/notifications/"
    logged_out = client.post("/accounts/logout/", {"csrfmiddlewaretoken": token})
    assert logged_out.status_code == 302
    assert client.get("/").status_code == 302  # signed out
