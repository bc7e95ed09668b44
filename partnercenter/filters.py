"""The project FilterSet base: consistent widgets, a keyword search, and a summary line."""
import django_filters
from django import forms
from django.utils.translation import gettext as _


class PortalFilterSet(django_filters.FilterSet):
    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, request=request, **kwargs)
        # Choice filters get "全部" from FILTERS_EMPTY_CHOICE_LABEL; model choices need it set here.
        for field in self.form.fields.values():
            if isinstance(field, forms.ModelChoiceField) and not isinstance(field, forms.ModelMultipleChoiceField):
                field.empty_label = _("全部")

    @property
    def user(self):
        return getattr(self.request, "user", None)

    def get_summary_message(self, count: int) -> str:
        return _("共找到 %(count)s 条记录") % {"count": count}
