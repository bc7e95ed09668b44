"""The project FilterSet base: consistent widgets, a keyword search, and a summary line."""
import copy
from collections import OrderedDict

import django_filters
from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django_filters.filters import QuerySetRequestMixin
from django_filters.filterset import FilterSetMetaclass

_FORM_CLASSES: dict = {}


def copy_filter(filter_):
    """A filter set's own copy of a declared filter, as django-filter's deep copy would give for what a filter
    set changes on its copies (attributes set on it, its `extra` keys, the FilterMethod bound to it), without
    walking every label, choice and lookup underneath (a fifth of the cost)."""
    new = copy.copy(filter_)
    new.extra = filter_.extra.copy()
    new.__dict__.pop("_field", None)  # the form field is built per copy
    if filter_.method is not None:
        new.method = filter_.method  # a FilterMethod that resolves the method on the copy's own filter set
    return new


class FilterCopies(OrderedDict):
    """`base_filters` whose deep copy (django-filter makes one in every filter set's __init__) is copy_filter()
    of each filter."""

    def __deepcopy__(self, memo):
        return OrderedDict((name, copy_filter(filter_)) for name, filter_ in self.items())


class PortalFilterSetMetaclass(FilterSetMetaclass):
    def __new__(mcs, name, bases, attrs):
        new_class = super().__new__(mcs, name, bases, attrs)
        new_class.base_filters = FilterCopies(new_class.base_filters)
        return new_class


class PortalFilterSet(django_filters.FilterSet, metaclass=PortalFilterSetMetaclass):
    """Builds its form class once per filter set and language (django-filter builds a new class, with a field per
    filter, on every request: about a tenth of a list page's time). Not for filter sets with a per-request queryset
    (ModelChoiceFilter and friends): their fields carry the request's rows, so they keep django-filter's way.
    Per-request choices go on the form instance's fields (`self.form.fields[name].choices = …`), which are copies."""
    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, request=request, **kwargs)
        # Choice filters get "全部" from FILTERS_EMPTY_CHOICE_LABEL; model choices need it set here.
        for field in self.form.fields.values():
            if isinstance(field, forms.ModelChoiceField) and not isinstance(field, forms.ModelMultipleChoiceField):
                field.empty_label = _("全部")

    def get_form_class(self):
        if any(isinstance(filter_, QuerySetRequestMixin) for filter_ in self.filters.values()):
            return super().get_form_class()
        key = (type(self), get_language())  # an unlabelled filter's label is a str in the building language
        form_class = _FORM_CLASSES.get(key)
        if form_class is None:
            form_class = _FORM_CLASSES[key] = super().get_form_class()
        return form_class

    @property
    def user(self):
        return getattr(self.request, "user", None)

    def get_summary_message(self, count: int) -> str:
        return _("共找到 %(count)s 条记录") % {"count": count}
