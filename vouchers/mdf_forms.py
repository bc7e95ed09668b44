from decimal import Decimal

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from partnercenter.partners.models import Partner

from .forms import DateInput
from .models import MdfApplication


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png"}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, (list, tuple)):
            return [single(item, initial) for item in data if item]
        return [single(data, initial)] if data else []


class ApplicationForm(forms.ModelForm):
    attachments = MultipleFileField(label=_("附件"), required=False,
                                    help_text=_("活动方案、预算明细等，支持 PDF、JPG、PNG，可多选"))

    class Meta:
        model = MdfApplication
        fields = ["activity_name", "activity_type", "start_date", "end_date", "expected_outcome", "amount"]
        widgets = {"start_date": DateInput, "end_date": DateInput,
                   "expected_outcome": forms.Textarea(attrs={"rows": 4})}
        labels = {"amount": _("申请金额（元）")}

    def clean(self):
        data = super().clean()
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("结束日期不能早于开始日期。"))
        amount = data.get("amount")
        if amount is not None and amount <= 0:
            self.add_error("amount", _("申请金额须大于0。"))
        return data


class BudgetForm(forms.Form):
    partner = forms.ModelChoiceField(Partner.objects.all(), label=_("伙伴"))
    year = forms.IntegerField(label=_("年度"), min_value=2020, max_value=2100,
                              initial=lambda: timezone.localdate().year)
    amount = forms.DecimalField(label=_("预算金额（元）"), max_digits=14, decimal_places=2, min_value=Decimal("0"))


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(label=_("审核结果"), choices=[("approve", _("审核通过")), ("reject", _("审核不通过"))],
                                 widget=forms.RadioSelect)
    comment = forms.CharField(label=_("审核意见"), max_length=500, required=False, widget=forms.Textarea(
        attrs={"rows": 3}), help_text=_("审核不通过时必填，伙伴将看到该意见"))
