"""Constant {% translate %} nodes are rendered once per language and reused (partnercenter.translate_cache):
the output must be exactly what Django renders, in every language and for every form of the tag."""
import pytest
from django.template import engines
from django.templatetags.i18n import TranslateNode
from django.test import override_settings
from django.utils import translation

from partnercenter import translate_cache

TEMPLATE = """{% load i18n %}
<h1>{% translate "激励明细" %}</h1>
<p>{% translate "激励明细" noop %}</p>
<p>{% translate "首页" context "pagination" %}</p>
<p>{% translate "详情" as label %}[{{ label }}]</p>
<p>{% translate "详情"|upper %}</p>
<p>{% translate msgid %}</p>
<p>{% translate "100%% 完成" %}</p>
<p title="{% translate '请确认' %}">{% translate "<b>不存在的文本</b>" %}</p>
{% autoescape off %}{% translate "取消" %}{% endautoescape %}
"""


def django_render(language: str) -> str:
    template = engines["django"].from_string(TEMPLATE)
    with translation.override(language):
        original = TranslateNode.render
        TranslateNode.render = translate_cache._django_render
        try:
            return template.render({"msgid": "状态"})
        finally:
            TranslateNode.render = original


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_the_output_is_djangos(language):
    assert TranslateNode.render is translate_cache._render  # installed by partners.apps
    translate_cache._CACHE.clear()
    template = engines["django"].from_string(TEMPLATE)
    with translation.override(language):
        first = template.render({"msgid": "状态"})
        again = template.render({"msgid": "状态"})  # from the cache
    assert first == again == django_render(language)


def test_languages_are_kept_apart():
    translate_cache._CACHE.clear()
    template = engines["django"].from_string('{% load i18n %}{% translate "激励明细" %}')
    with translation.override("zh-hans"):
        assert template.render({}) == "激励明细"
    with translation.override("en"):
        assert template.render({}) == "Incentive details"
    with translation.override("zh-hans"):
        assert template.render({}) == "激励明细"
    assert len(translate_cache._CACHE) == 2


def test_a_translation_setting_change_empties_the_cache():
    template = engines["django"].from_string('{% load i18n %}{% translate "激励明细" %}')
    with translation.override("en"):
        template.render({})
    assert translate_cache._CACHE
    with override_settings(LOCALE_PATHS=[]):
        assert not translate_cache._CACHE
