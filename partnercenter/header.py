"""The page header (includes/_header.html: brand, bell, top menu, language switch, user menu), rendered once per
process for each combination of what it shows and reused: the template engine spent about a tenth of a list
page's time on it, for the same bytes on every page of a section.

What the header shows is the cache key: language, URL prefix, the user's name, login, organisation and role
labels, staff flags, unread count, the menu and which of its links the page belongs to, whether the page is the
notification centre. The two values that differ on every request — the CSRF token and the language switch's
return path — are rendered as markers and put in afterwards. Anything new the header shows must join the key
(tests/test_header_cache.py renders the template directly and compares)."""
import secrets

from django.core.signals import setting_changed
from django.dispatch import receiver
from django.template.loader import render_to_string
from django.urls import get_script_prefix, get_urlconf
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from . import nav

TEMPLATE = "includes/_header.html"
_CSRF = "pcCsrf" + secrets.token_hex(8)  # letters and digits only: they pass escaping unchanged
_NEXT = "pcNext" + secrets.token_hex(8)


def header_html(context) -> SafeString:
    request, user = context.get("request"), context.get("user")
    if request is None or user is None:
        return render_to_string(TEMPLATE, context.flatten())
    html = _cached(_key(context, request, user), context, request, user)
    csrf = str(context.get("csrf_token") or "")
    return mark_safe(html.replace(_CSRF, conditional_escape(csrf))  # noqa: S308  # nosec B308, B703 — escaped
                     .replace(_NEXT, conditional_escape(request.get_full_path())))


def _key(context, request, user) -> tuple:
    menu = context.get("menu") or ()
    common = (get_language(), get_script_prefix(), get_urlconf(), request.path == nav.url_for("notifications:list"))
    if not user.is_authenticated:
        return (*common, False)
    partner = user.partner
    return (*common, True, user.pk, user.display_name, user.get_username(), partner.name if partner else None,
            user.get_role_display() if partner else None, user.is_vendor_staff, user.is_staff,
            context.get("unread_count"), tuple(m.key for m in menu), nav.current_urls(menu, request.path))


_CACHE: dict = {}
_LIMIT = 512  # about 11 KB each (the menu included): at most ~6 MB per process


def _cached(key, context, request, user) -> str:
    html = _CACHE.get(key)
    if html is None:
        if len(_CACHE) >= _LIMIT:
            _CACHE.clear()
        values = context.flatten()
        values.update(csrf_token=_CSRF, language_next=_NEXT)
        html = _CACHE[key] = render_to_string(TEMPLATE, values)
    return html


@receiver(setting_changed)
def _forget(*, setting, **kwargs):
    if setting in {"ROOT_URLCONF", "TEMPLATES", "LANGUAGES", "LANGUAGE_CODE", "INSTALLED_APPS"}:
        _CACHE.clear()
