from django import forms
from django.utils.translation import gettext_lazy as _

from partnercenter.uploads import validate_document

from ..models import PartnerDocument


class SignupForm(forms.Form):
    company_name = forms.CharField(label=_("公司名称"), max_length=200,
                                   help_text=_("与营业执照一致，实名认证时将核对"))
    credit_code = forms.CharField(label=_("统一社会信用代码"), max_length=18, help_text=_("18位，见营业执照"))
    full_name = forms.CharField(label=_("联系人姓名"), max_length=100)
    email = forms.EmailField(label=_("邮箱"), help_text=_("用于接收激活链接"))
    phone = forms.CharField(label=_("手机号码"), max_length=20, required=False)
    username = forms.RegexField(label=_("用户名"), max_length=150, regex=r"^[\w.@+-]{3,150}$",
                                error_messages={"invalid": _("用户名为3至150位字母、数字或 @.+-_ 字符。")})
    password1 = forms.CharField(label=_("密码"), widget=forms.PasswordInput, strip=False)
    password2 = forms.CharField(label=_("确认密码"), widget=forms.PasswordInput, strip=False)
    agree = forms.BooleanField(label=_("我已阅读并同意《华为云伙伴中心合作协议》"),
                               error_messages={"required": _("请阅读并同意合作协议。")})

    def clean_credit_code(self):
        return self.cleaned_data["credit_code"].strip().upper()

    def clean(self):
        data = super().clean()
        if data.get("password1") and data.get("password2") and data["password1"] != data["password2"]:
            self.add_error("password2", _("两次输入的密码不一致。"))
        return data


class DocumentForm(forms.ModelForm):
    class Meta:
        model = PartnerDocument
        fields = ["title", "customer_name", "summary", "file"]
        widgets = {"summary": forms.Textarea(attrs={"rows": 3})}
        help_texts = {"file": _("PDF/JPG/PNG，不超过10 MB")}

    def __init__(self, *args, kind, **kwargs):
        super().__init__(*args, **kwargs)
        if kind == PartnerDocument.Kind.PLAN:
            del self.fields["customer_name"]
        else:
            self.fields["customer_name"].required = True

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload and hasattr(upload, "content_type"):
            validate_document(upload)
        return upload


class CertificationApplyForm(forms.Form):
    statement = forms.CharField(label=_("申请说明"), required=False, max_length=2000,
                                widget=forms.Textarea(attrs={"rows": 3}))
