"""`{% translate "literal" %}` rendered once per process for each language, then reused.

A page renders 30–50 of these (labels, headings, buttons); each went through a lazy proxy, gettext's catalog
chain, localisation and escaping for the same text every time: about 0.26 ms of 激励明细's ~4 ms in-process on
the bench database. The text of such a node depends only on the active language, its literal and `noop`, so the
result is kept under that key. Nodes with a variable, filters, a message context or `as` render as Django does.
The cache follows the catalogs: it is emptied whenever a setting that changes translations changes.
Installed for every process in `partners.apps` (the whole test suite renders through it).
"""
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.template.base import Variable
from django.templatetags.i18n import TranslateNode
from django.utils.translation import get_language

_django_render = TranslateNode.render
_CACHE: dict = {}
_LIMIT = 4096  # distinct (language, text) pairs: far more than the templates hold


def _render(self, context):
    expression = self.filter_expression
    var = expression.var
    if (self.asvar or self.message_context is not None or expression.filters or not isinstance(var, Variable)
            or not isinstance(var.literal, str)):
        return _django_render(self, context)
    key = (get_language(), var.literal, self.noop)
    value = _CACHE.get(key)
    if value is None:
        if len(_CACHE) >= _LIMIT:
            _CACHE.clear()
        value = _CACHE[key] = _django_render(self, context)
    return value


def install() -> None:
    TranslateNode.render = _render


@receiver(setting_changed)
def _forget(*, setting, **kwargs):
    if setting in {"LANGUAGES", "LANGUAGE_CODE", "LOCALE_PATHS", "INSTALLED_APPS", "USE_I18N"}:
        _CACHE.clear()
