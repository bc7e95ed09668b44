"""Forms validate input; the services act (and check again what depends on the database)."""
from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from partnercenter.partners.models import Opportunity

from .models import PayoutMethod
from .models.requests import invoice_no_validator, tax_id_validator


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class MonthField(forms.DateField):
    widget = forms.DateInput(attrs={"type": "month"}, format="%Y-%m")
    input_formats = ["%Y-%m", "%Y%m", "%Y-%m-%d"]


class SubmitForm(forms.Form):
    payout_method = forms.ChoiceField(label=_("激励发放方式"), choices=PayoutMethod.choices, widget=forms.RadioSelect,
                                      help_text=_("一旦提交即进入正式申付环节，发放方式不允许修改。"))


class InvoiceForm(forms.Form):
    invoice_no = forms.CharField(label=_("发票号码"), max_length=20, validators=[invoice_no_validator])
    invoice_date = forms.DateField(label=_("开票日期"), widget=DateInput)
    invoice_tax_id = forms.CharField(label=_("销售方纳税人识别号"), max_length=20, validators=[tax_id_validator],
                                     help_text=_("18位统一社会信用代码，须与商业信息认证一致"))
    invoice_amount = forms.DecimalField(label=_("发票金额（价税合计，元）"), max_digits=14, decimal_places=2,
                                        min_value=Decimal("0.01"))
    invoice_file = forms.FileField(label=_("发票文件"), help_text=_("PDF、JPG 或 PNG，不超过10MB"),
                                   widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png"}))

    def clean_invoice_tax_id(self):
        return self.cleaned_data["invoice_tax_id"].strip().upper()


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(label=_("审核结果"), widget=forms.RadioSelect, choices=[
        ("approve", _("审核通过")), ("return", _("退回修改")), ("reject", _("审核不通过（终止）"))])
    comment = forms.CharField(label=_("审核意见"), max_length=1000, required=False,
                              widget=forms.Textarea(attrs={"rows": 3}),
                              help_text=_("退回修改或审核不通过时必填，伙伴将看到该意见"))


class InvoiceReviewForm(forms.Form):
    decision = forms.ChoiceField(label=_("发票审核结果"), widget=forms.RadioSelect, choices=[
        ("approve", _("发票审核通过")), ("return", _("发票退回修改"))])
    comment = forms.CharField(label=_("审核意见"), max_length=1000, required=False,
                              widget=forms.Textarea(attrs={"rows": 3}))


class PayForm(forms.Form):
    reference = forms.CharField(label=_("付款流水号"), max_length=64)
    paid_on = forms.DateField(label=_("付款日期"), widget=DateInput)


class ProjectReportForm(forms.Form):
    opportunity = forms.ModelChoiceField(label=_("机会点"), queryset=Opportunity.objects.none(),
                                         help_text=_("仅可选择状态为“更新进展”或“交付完成”的机会点"))
    name = forms.CharField(label=_("项目名称"), max_length=200)
    scope = forms.CharField(label=_("交付内容"), max_length=2000, widget=forms.Textarea(attrs={"rows": 4}))
    staff_count = forms.IntegerField(label=_("参与人数"), min_value=1, max_value=500)
    workload_days = forms.IntegerField(label=_("工作量（人天）"), min_value=1, max_value=100000)
    requested_subsidy = forms.DecimalField(label=_("申请补贴金额（元）"), max_digits=14, decimal_places=2,
                                           min_value=Decimal("0.01"))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["opportunity"].queryset = (Opportunity.objects.for_user(user).deliverable()
                                               .select_related("customer").order_by("-created_at"))
        self.fields["opportunity"].label_from_instance = lambda o: f"{o.code} {o.name}（{o.customer.name}）"


class NoteForm(forms.Form):
    note = forms.CharField(label=_("说明"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))


class ProjectReviewForm(forms.Form):
    decision = forms.ChoiceField(label=_("审核结果"), widget=forms.RadioSelect,
                                 choices=[("approve", _("审核通过")), ("reject", _("审核不通过"))])
    comment = forms.CharField(label=_("审核意见"), max_length=1000, required=False,
                              widget=forms.Textarea(attrs={"rows": 3}))


class AcceptForm(forms.Form):
    decision = forms.ChoiceField(label=_("验收结果"), widget=forms.RadioSelect,
                                 choices=[("accept", _("验收通过")), ("return", _("验收退回"))])
    approved_subsidy = forms.DecimalField(label=_("核定补贴金额（元）"), max_digits=14, decimal_places=2,
                                          required=False, min_value=Decimal("0.01"))
    comment = forms.CharField(label=_("审核意见"), max_length=1000, required=False,
                              widget=forms.Textarea(attrs={"rows": 3}))

    def clean(self):
        data = super().clean()
        if data.get("decision") == "accept" and data.get("approved_subsidy") is None:
            self.add_error("approved_subsidy", _("验收通过时请填写核定补贴金额。"))
        return data


class EvaluateForm(forms.Form):
    rating = forms.TypedChoiceField(label=_("评价得分"), coerce=int, widget=forms.RadioSelect,
                                    choices=[(i, str(i)) for i in range(5, 0, -1)])
    evaluation = forms.CharField(label=_("项目评价"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))


class ContractForm(forms.Form):
    period_start = MonthField(label=_("消费期间起（账期）"))
    period_end = MonthField(label=_("消费期间止（账期）"))
    committed_payment_date = forms.DateField(label=_("承诺付款时间"), widget=DateInput,
                                             help_text=_("可以是过去的日期，须在最近12个月内，并与实际付款一致"))


class VerifyForm(forms.Form):
    number = forms.CharField(label=_("协议编号"), max_length=24)
    code = forms.CharField(label=_("校验码"), max_length=60, help_text=_("协议每页页脚印有的32位校验码"))
