"""The Python-rendered filter widgets (partnercenter.widgets) produce exactly Django's template output, for every
field of every filter form a list page shows (partner and operator), with and without submitted values."""
import pytest
from django.urls import get_resolver, reverse

from partnercenter.widgets import widget_html
from tests.test_tenancy import partner_world, walk

pytestmark = pytest.mark.django_db

QUERIES = [{}, {"status": "x<'\"&", "period": "202610", "q": "客户 <b>&", "year": "2026", "customer_name": "a\"b"}]


def filter_forms(client, user):
    client.force_login(user)
    for name, pattern in walk(get_resolver().url_patterns):
        if pattern.pattern.converters:
            continue
        for query in QUERIES:
            response = client.get(reverse(name), query)
            context = getattr(response, "context", None)
            if response.status_code == 200 and context is not None and context.get("filter") is not None:
                yield name, context["filter"].form


def test_fast_widgets_equal_djangos_on_every_filter_form(client, alice, bob, operator):
    partner_world(alice.partner, alice, operator, tag="甲")
    checked, fast = 0, 0
    for user in (alice, operator):
        for name, form in filter_forms(client, user):
            for field in form.visible_fields():
                ours, django = str(widget_html(field)), str(field.as_widget())
                assert ours == django, f"{name} {field.name}:\n{ours}\n{django}"
                checked += 1
                fast += "<option" in ours or "<input" in ours
    assert checked > 40 and fast > 40


# The field loop of includes/_filters.html before it moved to Python (partnercenter.widgets.fields_html).
FIELDS_TEMPLATE = """{% load portal %}{% for field in form.visible_fields %}
  <div class="field{% if field.errors %} field--error{% endif %}">
    <label for="{{ field.id_for_label }}">{{ field.label }}</label>
    {{ field|widget_html }}
    {% if field.errors %}<ul class="field__error" id="{{ field.auto_id }}_error">{% for error in field.errors %}\
<li>{{ error }}</li>{% endfor %}</ul>{% endif %}
  </div>
  {% endfor %}"""


def test_python_field_layout_equals_the_template_on_every_filter_form(client, alice, operator):
    from django.template import engines
    from django.test.html import parse_html

    from partnercenter.widgets import fields_html

    partner_world(alice.partner, alice, operator, tag="甲")
    template = engines["django"].from_string(FIELDS_TEMPLATE)
    checked, with_errors = 0, 0
    for user in (alice, operator):
        for name, form in filter_forms(client, user):
            ours = str(fields_html(form))
            assert parse_html(ours) == parse_html(template.render({"form": form})), name
            checked += 1
            with_errors += "field__error" in ours
    assert checked > 20 and with_errors > 0
