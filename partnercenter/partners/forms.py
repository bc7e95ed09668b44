"""Forms validate input; services act. Each form keeps what the user typed when it is invalid."""
from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from partnercenter.uploads import validate_document

from .models import BusinessInfoApplication, RealNameApplication, RejectReason, User
from .services import check_business_info


class LoginForm(AuthenticationForm):
    username = forms.CharField(label=_("用户名"), max_length=150,
                               widget=forms.TextInput(attrs={"autofocus": True, "autocomplete": "username"}))
    password = forms.CharField(label=_("密码"), strip=False,
                               widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}))


class RealNameForm(forms.ModelForm):
    class Meta:
        model = RealNameApplication
        fields = ["certificate_type", "corp_name", "credit_code", "legal_person", "reg_address", "licence"]
        help_texts = {
            "credit_code": _("18位，见营业执照"),
            "licence": _("加盖公章的证件扫描件，PDF/JPG/PNG，不超过10 MB"),
        }

    def clean_credit_code(self):
        return self.cleaned_data["credit_code"].strip().upper()

    def clean_licence(self):
        licence = self.cleaned_data.get("licence")
        if licence and hasattr(licence, "content_type"):  # a new upload (not the stored file)
            validate_document(licence)
        return licence


class BusinessInfoForm(forms.ModelForm):
    class Meta:
        model = BusinessInfoApplication
        fields = list(BusinessInfoApplication.COPIED_FIELDS)
        help_texts = {
            "bank_account_name": _("必须与实名认证名称一致"),
            "company_name": _("必须与实名认证名称一致"),
            "tax_id": _("一般为统一社会信用代码"),
        }

    def __init__(self, *args, partner, **kwargs):
        self.partner = partner
        super().__init__(*args, **kwargs)
        if not self.is_bound and not self.initial.get("company_name") and partner.certified_name:
            self.initial.setdefault("company_name", partner.certified_name)
            self.initial.setdefault("bank_account_name", partner.certified_name)

    def clean_bank_account_no(self):
        return self.cleaned_data["bank_account_no"].replace(" ", "")

    def clean_tax_id(self):
        return self.cleaned_data["tax_id"].strip().upper()

    def clean(self):
        data = super().clean()
        try:
            check_business_info(self.partner, data)
        except ValidationError as exc:
            self._add_service_errors(exc)
        return data

    def _add_service_errors(self, exc: ValidationError):
        if hasattr(exc, "error_dict"):
            for field, errors in exc.error_dict.items():
                for error in errors:
                    self.add_error(field if field in self.fields else None, error)
        else:
            self.add_error(None, exc)


class CustomerAssignForm(forms.Form):
    manager = forms.ModelChoiceField(label=_("客户经理"), queryset=User.objects.none(),
                                     empty_label=_("请选择客户经理"))

    def __init__(self, *args, partner, **kwargs):
        super().__init__(*args, **kwargs)
        # Scoped: only this partner's active customer managers and main accounts are offered.
        self.fields["manager"].queryset = (
            User.objects.for_partner(partner).filter(is_active=True)
            .filter(role__in=[User.Role.CUSTOMER_MANAGER, User.Role.MAIN]).order_by("role", "full_name")
        )
        self.fields["manager"].label_from_instance = lambda user: f"{user.display_name}（{user.get_role_display()}）"


class ReviewDecisionForm(forms.Form):
    class Decision:
        APPROVE = "approve"
        REJECT = "reject"

    decision = forms.ChoiceField(label=_("审核结论"), widget=forms.RadioSelect,
                                 choices=[("approve", _("审核通过")), ("reject", _("审核不通过"))])
    reason_code = forms.ChoiceField(label=_("不通过原因"), required=False,
                                    choices=[("", _("请选择原因"))] + list(RejectReason.choices))
    opinion = forms.CharField(label=_("审核意见"), required=False, max_length=2000,
                              widget=forms.Textarea(attrs={"rows": 4}),
                              help_text=_("不通过时必填，伙伴将在修改页面看到此意见"))

    def clean(self):
        data = super().clean()
        if data.get("decision") == "reject":
            if not data.get("reason_code"):
                self.add_error("reason_code", _("审核不通过时请选择原因。"))
            if not (data.get("opinion") or "").strip():
                self.add_error("opinion", _("请填写审核不通过的原因。"))
        return data


MEMBER_ROLES = [(value, label) for value, label in User.Role.choices if value != User.Role.MAIN]


class MemberCreateForm(forms.Form):
    username = forms.RegexField(label=_("用户名"), max_length=150, regex=r"^[\w.@+-]+$",
                                error_messages={"invalid": _("用户名只能包含字母、数字和 @/./+/-/_。")})
    full_name = forms.CharField(label=_("姓名"), max_length=100)
    email = forms.EmailField(label=_("邮箱"), help_text=_("设置密码的链接将发送到此邮箱"))
    phone = forms.CharField(label=_("手机号码"), max_length=20, required=False)
    role = forms.ChoiceField(label=_("组织角色"), choices=MEMBER_ROLES)


class MemberUpdateForm(forms.Form):
    role = forms.ChoiceField(label=_("组织角色"), choices=MEMBER_ROLES)
    is_active = forms.BooleanField(label=_("启用"), required=False, help_text=_("停用后该成员无法登录"))
