"""The project FilterSet base: consistent widgets, a keyword search, and a summary line."""
import django_filters
from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django_filters.filters import QuerySetRequestMixin

_FORM_CLASSES: dict = {}


class PortalFilterSet(django_filters.FilterSet):
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
