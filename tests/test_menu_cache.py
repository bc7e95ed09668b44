# ruff: noqa: E501 — the menu template below is kept verbatim, as it was in the header
"""The header's top menu is rendered once per language, menu, staff flag and current entry, then reused
(partnercenter.nav.menu_html): it must be exactly what the template loop it replaced rendered, on every page."""
from types import SimpleNamespace

import pytest
from django.template import engines
from django.test.html import parse_html
from django.utils import translation

from partnercenter.nav import PARTNER_MENU, VENDOR_MENU, menu_for, menu_html

# The loop as it was in templates/includes/_header.html before it moved to includes/_mainnav.html.
TEMPLATE_MENU = """{% load portal %}<ul class="mainnav__list">
          {% for item in menu %}
          {% with current=item|menu_is_current:request.path %}
          {% if item.url_name %}
          <li class="mainnav__item">
            <a class="mainnav__link{% if current %} is-active{% endif %}" href="{% url item.url_name %}"{% if current %} aria-current="page"{% endif %}>{{ item.label }}</a>
          </li>
          {% else %}
          <li class="mainnav__item{% if item.sections|length > 2 %} mainnav__item--wide{% endif %}" data-menu>
            <button type="button" class="mainnav__link mainnav__trigger{% if current %} is-active{% endif %}" aria-expanded="false" aria-controls="menu-{{ item.key }}" data-menu-trigger>
              {{ item.label }}<svg class="icon chevron" viewBox="0 0 24 24" width="14" height="14" aria-hidden="true" focusable="false"><path d="m6 9 6 6 6-6" fill="none" stroke="currentColor" stroke-width="2"/></svg>
            </button>
            <div class="dropdown" id="menu-{{ item.key }}">
              <div class="dropdown__sections">
                {% for section in item.sections %}
                <div class="dropdown__section">
                  {% if section.label %}<p class="dropdown__heading" id="menu-{{ item.key }}-{{ forloop.counter }}">{{ section.label }}</p>{% endif %}
                  <ul class="dropdown__links"{% if section.label %} aria-labelledby="menu-{{ item.key }}-{{ forloop.counter }}"{% endif %}>
                    {% for link in section.links %}{% if not link.staff_only or user.is_staff %}{% with url=link.url %}
                    <li>{% if url == "#" %}<span class="dropdown__link is-disabled" aria-disabled="true">{{ link.label }}</span>{% else %}<a class="dropdown__link{% if url|is_current:request.path %} is-active{% endif %}" href="{{ url }}"{% if url|is_current:request.path %} aria-current="page"{% endif %}>{{ link.label }}</a>{% endif %}</li>
                    {% endwith %}{% endif %}{% endfor %}
                  </ul>
                </div>
                {% endfor %}
              </div>
            </div>
          </li>
          {% endif %}
          {% endwith %}
          {% endfor %}
        </ul>"""

PATHS = ["/", "/incentives/management/details/", "/incentives/management/details/12/", "/vouchers/mdf/",
         "/partners/members/", "/review/", "/notifications/", "/nowhere/"]


@pytest.mark.parametrize("language", ["zh-hans", "en"])
@pytest.mark.parametrize("vendor", [False, True])
@pytest.mark.parametrize("path", PATHS)
def test_cached_menu_is_the_template_menu(language, vendor, path):
    user = SimpleNamespace(is_vendor_staff=vendor, is_staff=vendor)
    menu = menu_for(user)
    with translation.override(language):
        expected = engines["django"].from_string(TEMPLATE_MENU).render(
            {"menu": menu, "request": SimpleNamespace(path=path), "user": user})
        first = menu_html(menu, path=path, is_staff=vendor)
        again = menu_html(menu, path=path, is_staff=vendor)
    assert parse_html(first) == parse_html(expected)
    assert again is first  # the second page view reuses the rendering


def test_languages_and_current_entries_are_not_mixed_up():
    with translation.override("en"):
        english = menu_html(PARTNER_MENU, path="/", is_staff=False)
    with translation.override("zh-hans"):
        chinese = menu_html(PARTNER_MENU, path="/", is_staff=False)
        elsewhere = menu_html(PARTNER_MENU, path="/incentives/management/", is_staff=False)
    assert "Sales" in english and "销售" not in english
    assert "销售" in chinese and "Sales" not in chinese
    assert chinese != elsewhere and 'aria-current="page"' in elsewhere
    assert str(VENDOR_MENU[0].label) in menu_html((PARTNER_MENU[0], *VENDOR_MENU), path="/", is_staff=True)
