"""Widgets rendered in Python: the same HTML as Django's widget templates for the plain inputs and selects of the
list pages' filter forms, without rendering one template per <option> and per attribute list (on 激励明细 that
was a third of the page's render time). Anything else falls back to the templates. `{{ field|widget_html }}`
({% load portal %}); tests/test_widgets.py checks the output equals Django's for every filter form.

A filter form's fields are rendered once per process for each combination of what they show (`fields_html`):
the form class, language, submitted values, and each field's label, widget attributes and choices (per-request
choices, such as a partner's 对账期次, are part of the key). Forms with errors or model choices are not cached."""
from django import forms
from django.utils.functional import Promise
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

FAST_INPUTS = (forms.TextInput, forms.NumberInput, forms.DateInput, forms.EmailInput, forms.SearchInput,
               forms.HiddenInput)
FAST = (*FAST_INPUTS, forms.Select)
SLOW = (forms.SelectMultiple, forms.RadioSelect, forms.CheckboxSelectMultiple, forms.NullBooleanSelect)


def attrs_html(attrs: dict) -> str:
    """django/forms/widgets/attrs.html: ` name="value"`, a bare ` name` for True, nothing for False."""
    parts = []
    for name, value in attrs.items():
        if value is False:
            continue
        parts.append(f" {conditional_escape(name)}" if value is True
                     else f' {conditional_escape(name)}="{conditional_escape(str(value))}"')
    return "".join(parts)


def _input(widget: dict) -> str:
    value = "" if widget["value"] is None else f' value="{conditional_escape(str(widget["value"]))}"'
    return (f'<input type="{conditional_escape(widget["type"])}" name="{conditional_escape(widget["name"])}"'
            f'{value}{attrs_html(widget["attrs"])}>')


def _select(widget: dict) -> str:
    """select.html and select_option.html, whitespace included (the test compares the strings)."""
    out = [f'<select name="{conditional_escape(widget["name"])}"{attrs_html(widget["attrs"])}>']
    for group_name, options, _index in widget["optgroups"]:
        if group_name:
            out.append(format_html('\n  <optgroup label="{}">', group_name))
        for option in options:
            out.append(f'\n  <option value="{conditional_escape(str(option["value"]))}"{attrs_html(option["attrs"])}>'
                       f'{conditional_escape(option["label"])}</option>\n')
        if group_name:
            out.append("\n  </optgroup>")
    out.append("\n</select>")  # the form renderer strips the outer whitespace
    return "".join(out)


def widget_html(field) -> SafeString:
    """A bound field's widget, as BoundField.as_widget() would render it."""
    widget = field.field.widget
    if not isinstance(widget, FAST) or isinstance(widget, SLOW) or getattr(widget, "template_name", "") not in (
            "django/forms/widgets/select.html", f"django/forms/widgets/{getattr(widget, 'input_type', '')}.html"):
        return field.as_widget()
    if field.field.localize:
        widget.is_localized = True
    attrs = field.build_widget_attrs({}, widget)
    if field.auto_id and "id" not in widget.attrs:
        attrs.setdefault("id", field.auto_id)
    context = widget.get_context(field.html_name, field.value(), attrs)["widget"]
    return mark_safe(_select(context) if isinstance(widget, forms.Select) else _input(context))  # noqa: S308  # nosec B308, B703 — every value is escaped above


def fields_html(form) -> SafeString:
    """The visible fields of a filter form as includes/_filters.html lays them out (label, widget, errors)."""
    key = _key(form)
    if key is None:
        return _fields_html(form)
    html = _CACHE.get(key)
    if html is None:
        if len(_CACHE) >= _LIMIT:
            _CACHE.clear()
        html = _CACHE[key] = _fields_html(form)
    return html


_CACHE: dict = {}
_LIMIT = 512  # a few KB each


class _Same:
    """A lazy translation in a cache key, by identity: its text follows from the language (in the key) and
    which msgid it is, so it need not be translated to be compared. Holding it keeps it alive, so its identity
    cannot pass to another object while the key exists."""
    __slots__ = ("obj",)

    def __init__(self, obj):
        self.obj = obj

    def __hash__(self):
        return id(self.obj)

    def __eq__(self, other):
        return isinstance(other, _Same) and other.obj is self.obj


def _text(label):
    return _Same(label) if isinstance(label, Promise) else str(label)


def _key(form) -> tuple | None:
    """Everything the fields' HTML depends on, or None when that cannot be said cheaply."""
    if form.is_bound and form.errors:
        return None
    parts = [type(form), get_language(), form.prefix, form.auto_id, form.is_bound]
    data = form.data
    for name, field in form.fields.items():
        widget = field.widget
        if isinstance(field, forms.ModelChoiceField) or not isinstance(widget, FAST) or isinstance(widget, SLOW):
            return None
        submitted = (tuple(data.getlist(form.add_prefix(name))) if hasattr(data, "getlist")
                     else data.get(form.add_prefix(name))) if form.is_bound else repr(field.initial)
        choices = (tuple((str(value), _text(label)) for value, label in widget.choices)
                   if isinstance(widget, forms.Select) else None)
        parts.append((name, _text(field.label), field.disabled, field.required, field.localize, type(widget),
                      repr(widget.attrs), submitted, choices))
    return tuple(parts)


def _fields_html(form) -> SafeString:
    out = []
    for field in form.visible_fields():
        errors = field.errors
        out.append(f'<div class="field{" field--error" if errors else ""}">'
                   f'<label for="{conditional_escape(field.id_for_label)}">{conditional_escape(field.label)}</label>'
                   f"{widget_html(field)}")
        if errors:
            items = "".join(f"<li>{conditional_escape(error)}</li>" for error in errors)
            out.append(f'<ul class="field__error" id="{conditional_escape(field.auto_id)}_error">{items}</ul>')
        out.append("</div>")
    return mark_safe("".join(out))  # noqa: S308  # nosec B308, B703 — labels, ids and errors escaped, widgets safe
