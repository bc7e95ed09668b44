from django import forms
from django.utils.translation import gettext_lazy as _

from partnercenter.partners.models import Customer

from .models import FollowUp, SalesFollowUp, Strategy
from .models.expansion import SUB_STRATEGIES

CLOSE_CHOICES = [
    ("", _("继续跟进")),
    ("renewed", _("完成任务：已续订")),
    ("partly_renewed", _("完成任务：部分续订")),
    ("lost", _("终止任务：客户不续订")),
]


class _PleaseChoose:
    """Selects start with “请选择” instead of Django's dashes."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("contact_method", "result"):
            field = self.fields[name]
            field.choices = [("", _("请选择")), *[c for c in field.choices if c[0] != ""]]


class FollowUpForm(_PleaseChoose, forms.ModelForm):
    close_as = forms.ChoiceField(label=_("任务处理"), choices=CLOSE_CHOICES, required=False)

    class Meta:
        model = FollowUp
        fields = ["contact_method", "result", "note", "next_follow_up_on"]
        widgets = {
            "note": forms.Textarea(attrs={"rows": 3, "maxlength": 2000}),
            "next_follow_up_on": forms.DateInput(attrs={"type": "date"}),
        }


class ExportForm(forms.Form):
    expires_from = forms.DateField(label=_("订单失效时间从"), widget=forms.DateInput(attrs={"type": "date"}))
    expires_to = forms.DateField(label=_("至"), widget=forms.DateInput(attrs={"type": "date"}),
                                 help_text=_("每次最多导出 6 个月"))


SALES_CLOSE_CHOICES = [
    ("", _("继续跟进")),
    ("completed", _("完成任务")),
    ("terminated", _("终止任务")),
]


class SalesFollowUpForm(_PleaseChoose, forms.ModelForm):
    close_as = forms.ChoiceField(label=_("任务处理"), choices=SALES_CLOSE_CHOICES, required=False)

    class Meta:
        model = SalesFollowUp
        fields = ["contact_method", "result", "note", "next_follow_up_on"]
        widgets = {
            "note": forms.Textarea(attrs={"rows": 3, "maxlength": 2000}),
            "next_follow_up_on": forms.DateInput(attrs={"type": "date"}),
        }


def _grouped_sub_strategies():
    """二级策略 grouped under their 一级策略 (optgroups)."""
    return [(Strategy(strategy).label, [(sub.value, sub.label) for sub in subs])
            for strategy, subs in SUB_STRATEGIES.items()]


class SalesTaskCreateForm(forms.Form):
    """Operators name the customer by its 客户账号ID (no dropdown of every partner's customers)."""

    customer_id = forms.CharField(label=_("客户账号ID"), max_length=64)
    strategy = forms.ChoiceField(label=_("一级策略"), choices=Strategy.choices)
    sub_strategy = forms.ChoiceField(label=_("二级策略"), choices=lambda: _grouped_sub_strategies(),
                                     help_text=_("须属于所选的一级策略"))
    name = forms.CharField(label=_("任务名称"), max_length=200)
    deadline = forms.DateField(label=_("任务截止时间"), widget=forms.DateInput(attrs={"type": "date"}))
    description = forms.CharField(label=_("任务说明"), required=False, max_length=2000,
                                  widget=forms.Textarea(attrs={"rows": 3}))

    def clean_customer_id(self):
        value = self.cleaned_data["customer_id"].strip()
        customer = Customer.objects.filter(customer_id=value).select_related("partner").first()
        if customer is None:
            raise forms.ValidationError(_("没有找到该客户账号ID。"))
        self.customer = customer
        return value


class HandlerForm(forms.Form):
    """A distributor's main account names who handles a reseller's sub-customer (its own people only)."""

    manager = forms.TypedChoiceField(label=_("处理人"), coerce=int)

    def __init__(self, *args, people=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.people = {person.pk: person for person in people}
        self.fields["manager"].choices = [("", _("请选择")), *[
            (person.pk, f"{person.display_name}（{person.get_role_display()}）") for person in people]]

    def clean_manager(self):
        return self.people[self.cleaned_data["manager"]]
