import datetime as dt

from django import forms
from django.utils.translation import gettext_lazy as _


class DisputeForm(forms.Form):
    comment = forms.CharField(label=_("问题描述"), max_length=2000, widget=forms.Textarea(attrs={"rows": 4}))
    detail = forms.IntegerField(required=False, widget=forms.HiddenInput)


class AnswerForm(forms.Form):
    answer = forms.CharField(label=_("答复"), max_length=2000, widget=forms.Textarea(attrs={"rows": 4}))
    adjustment = forms.DecimalField(label=_("调整金额（元，可为负）"), required=False, max_digits=14,
                                    decimal_places=2)


class RunForm(forms.Form):
    period = forms.CharField(label=_("对账期次"), max_length=10, help_text=_("例如 202610"))
    dry_run = forms.BooleanField(label=_("仅预览，不写入"), required=False, initial=True)

    def clean_period(self):
        value = self.cleaned_data["period"].strip()
        try:
            return dt.datetime.strptime(value, "%Y%m").date()
        except ValueError as exc:
            raise forms.ValidationError(_("请输入六位期次，例如 202610。")) from exc


class UnfreezeForm(forms.Form):
    reason = forms.CharField(label=_("解冻原因"), max_length=500, widget=forms.Textarea(attrs={"rows": 3}))
