"""FH forms: they validate input; the services act."""
from django import forms
from django.utils.translation import gettext_lazy as _

from .models import FhQualification


class QualificationForm(forms.ModelForm):
    agreement = forms.BooleanField(label=_("我已阅读并同意签署《华为云售前专职人员激励(FH)协议》"), required=True)

    class Meta:
        model = FhQualification
        fields = ["contact_name", "contact_phone", "statement"]
        widgets = {"statement": forms.Textarea(attrs={"rows": 4})}
        help_texts = {"statement": _("说明贵司的售前专职团队、服务的行业与项目情况")}


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(label=_("审核结果"), choices=[("approve", _("审核通过")), ("reject", _("审核不通过"))],
                                 widget=forms.RadioSelect)
    comment = forms.CharField(label=_("审核意见"), max_length=500, required=False,
                              widget=forms.Textarea(attrs={"rows": 3}),
                              help_text=_("审核不通过时必填，伙伴将看到该意见"))


class MaterialForm(forms.Form):
    file = forms.FileField(label=_("证明材料"),
                           widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png"}),
                           help_text=_("该人员本月的在岗证明、工作记录等，支持 PDF、JPG、PNG"))
    note = forms.CharField(label=_("说明"), max_length=200, required=False)


class SpecialistApplyForm(forms.Form):
    person = forms.IntegerField(widget=forms.HiddenInput)
    position = forms.CharField(label=_("负责方向"), max_length=100)


class SpecialistChangeForm(forms.Form):
    position = forms.CharField(label=_("负责方向"), max_length=100)
