"""The project FilterSet base: consistent widgets, a keyword search, and a summary line."""
import django_filters
from django import forms
from django.utils.translation import gettext as _


class PortalFilterSet(django_filters.FilterSet):
    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, request=request, **kwargs)
        for field in self.form.fields.values():
            if isinstance(field.widget, forms.Select) and not isinstance(field.widget, forms.SelectMultiple):
                if hasattr(field, "empty_label"):
                    field.empty_label = _("全部")
                elif getattr(field, "choices", None) and field.choices and field.choices[0][0] == "":
                    field.choices = [("", _("全部"))] + list(field.choices)[1:]

    @property
    def user(self):
        return getattr(self.request, "user", None)

    def get_summary_message(self, count: int) -> str:
        return _("共找到 %(count)s 条记录") % {"count": count}
