"""Generic template helpers for every page: money, bill cycles, the active menu entry.

`{% load portal %}` then `{{ amount|money }}`, `{{ cycle_date|cycle }}`, `{% if link.url|is_current:request.path %}`.
"""
import datetime as dt
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django import template
from django.conf import settings
from django.utils import timezone

from partnercenter import nav

register = template.Library()

CENT = Decimal("0.01")
DASH = "—"


@register.filter
def money(value) -> str:
    """Decimal → "¥1,234.56" ("-¥12.00" when negative, "—" when empty).

    Never goes through float: amounts are quantized to cents, rounding half up as on a bill.
    """
    if value is None or value == "":
        return DASH
    try:
        amount = value if isinstance(value, Decimal) else Decimal(str(value))
    except (InvalidOperation, ValueError, TypeError):
        return DASH
    if not amount.is_finite():
        return DASH
    amount = amount.quantize(CENT, rounding=ROUND_HALF_UP)
    sign = "-" if amount < 0 else ""  # -0.00 after rounding stays "¥0.00"
    return f"{sign}¥{abs(amount):,.2f}"


@register.filter
def cycle(value) -> str:
    """A bill cycle (any date inside the month) → "202610"."""
    if not isinstance(value, dt.date):
        return DASH if value in (None, "") else str(value)
    return value.strftime("%Y%m")


@register.filter
def is_past(value) -> bool:
    """True for a date before today (Asia/Shanghai): a deadline that has passed."""
    if isinstance(value, dt.datetime):
        value = timezone.localdate(value)
    if not isinstance(value, dt.date):
        return False
    return value < timezone.localdate()


is_current = register.filter("is_current", nav.is_current)


@register.filter
def menu_is_current(menu, path: str) -> bool:
    """Is the current page inside this top-level menu (a direct link or any link of its sections)?"""
    if getattr(menu, "url_name", ""):
        return nav.is_current(nav.url_for(menu.url_name), path)
    return any(nav.is_current(link.url, path) for section in menu.sections for link in section.links)


@register.simple_tag
def page_range(page_obj, on_each_side: int = 2, on_ends: int = 1) -> list:
    """`{% page_range page_obj as pages %}`: a few page numbers around the current one, "…" for the gaps."""
    if page_obj is None:
        return []
    return list(page_obj.paginator.get_elided_page_range(page_obj.number, on_each_side=on_each_side,
                                                         on_ends=on_ends))


@register.filter
def minutes(value) -> int | None:
    """A timedelta → whole minutes (rounded up), for "请30分钟后再试"."""
    if not isinstance(value, dt.timedelta):
        return None
    return -(-int(value.total_seconds()) // 60)


@register.simple_tag
def show_demo_accounts() -> bool:
    """The login page lists the demo accounts only on a demo/development install.

    `DEMO_LOGIN_HINT = True` in settings shows them on a public demo; by default they follow DEBUG.
    """
    return bool(getattr(settings, "DEMO_LOGIN_HINT", settings.DEBUG))


@register.filter
def widget_html(field):
    """`{{ field|widget_html }}`: the field's widget rendered in Python (same HTML as `{{ field }}`, faster)."""
    from partnercenter.widgets import widget_html as render

    return render(field)


@register.simple_tag
def filter_fields(form):
    """`{% filter_fields filter.form %}`: a filter form's visible fields with labels and errors, in Python."""
    from partnercenter.widgets import fields_html

    return fields_html(form)


@register.simple_tag(takes_context=True)
def site_header(context):
    """`{% site_header %}`: includes/_header.html for this user and page (see partnercenter.header)."""
    from partnercenter.header import header_html

    return header_html(context)


@register.simple_tag(takes_context=True)
def main_menu(context):
    """`{% main_menu %}`: the header's top menu for this user and page (see partnercenter.nav.menu_html)."""
    request, user = context.get("request"), context.get("user")
    return nav.menu_html(context.get("menu") or (), path=getattr(request, "path", ""),
                     is_staff=bool(getattr(user, "is_staff", False)))
