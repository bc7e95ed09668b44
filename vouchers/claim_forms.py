from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from .mdf_forms import MultipleFileField
from .models import ExpenseCategory, MdfClaim


class ClaimForm(forms.ModelForm):
    class Meta:
        model = MdfClaim
        fields = ["amount", "summary"]
        widgets = {"summary": forms.Textarea(attrs={"rows": 4})}
        labels = {"amount": _("核销金额（元）")}
        help_texts = {"amount": _("须等于下方费用明细合计，且不超过使用申请审核通过的金额"),
                      "summary": _("活动实际开展情况、参与人数、产出等")}


class ExpenseLineForm(forms.Form):
    category = forms.ChoiceField(label=_("费用类别"), choices=[("", "---------"), *ExpenseCategory.choices],
                                 required=False)
    amount = forms.DecimalField(label=_("金额（元）"), max_digits=14, decimal_places=2, min_value=Decimal("0.01"),
                                required=False)
    description = forms.CharField(label=_("说明"), max_length=200, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Rendered as table cells without <label>: name each input for assistive technology.
        for field in self.fields.values():
            field.widget.attrs["aria-label"] = field.label

    def clean(self):
        data = super().clean()
        if data.get("category") and data.get("amount") is None:
            self.add_error("amount", _("请填写该项费用的金额。"))
        if data.get("amount") is not None and not data.get("category"):
            self.add_error("category", _("请选择费用类别。"))
        return data


def expense_formset(data=None, *, claim=None):
    initial = [{"category": line.category, "amount": line.amount, "description": line.description}
               for line in claim.expenses.all()] if claim is not None else []
    formset = forms.formset_factory(ExpenseLineForm, extra=max(1, 4 - len(initial)),
                                    max_num=len(ExpenseCategory.choices), validate_max=True)
    return formset(data, initial=initial, prefix="expenses")


def formset_lines(formset) -> list[dict]:
    return [{"category": f.cleaned_data["category"], "amount": f.cleaned_data["amount"],
             "description": f.cleaned_data.get("description", "")}
            for f in formset.forms if f.cleaned_data.get("category")]


class ReceiptForm(forms.Form):
    category = forms.ChoiceField(label=_("费用类别"), choices=ExpenseCategory.choices,
                                 help_text=_("凭证（盖章水单、发票）上的费用类别，须与费用明细一致"))
    files = MultipleFileField(label=_("凭证文件"), help_text=_("支持 PDF、JPG、PNG，可多选"))


class ClaimReviewForm(forms.Form):
    decision = forms.ChoiceField(label=_("审核结果"), widget=forms.RadioSelect, choices=[
        ("approve", _("审核通过")), ("return", _("退回修改")), ("reject", _("审核不通过"))])
    comment = forms.CharField(label=_("审核意见"), max_length=500, required=False,
                              widget=forms.Textarea(attrs={"rows": 3}),
                              help_text=_("退回修改或审核不通过时必填（退回时也可只填写下方针对费用明细的意见）"))

    def __init__(self, *args, claim: MdfClaim, **kwargs):
        super().__init__(*args, **kwargs)
        self.lines = list(claim.expenses.all())
        for line in self.lines:
            self.fields[f"note_{line.pk}"] = forms.CharField(
                label=_("“%(category)s”意见") % {"category": line.get_category_display()}, max_length=300,
                required=False, help_text=_("退回修改时针对该项费用的意见，伙伴修改时可见"))

    def line_notes(self) -> dict:
        return {line.pk: self.cleaned_data.get(f"note_{line.pk}", "") for line in self.lines}
