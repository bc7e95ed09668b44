"""机会点激励 forms: they validate input (with the services' own amount and upload rules, so the messages are the
same wherever the input comes from); the services act."""
from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from partnercenter.uploads import validate_document

from . import services
from .models import Material, RejectReason, ReturnReason

ACCEPT = ".pdf,.jpg,.jpeg,.png"


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input; each is checked for type (by content), size and emptiness."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ACCEPT}))
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        uploads = [single(item, initial) for item in data if item] if isinstance(data, (list, tuple)) else (
            [single(data, initial)] if data else [])
        errors = []
        for upload in uploads:
            try:
                validate_document(upload)
            except ValidationError as exc:
                errors += [f"{upload.name}：{message}" for message in exc.messages]
        if errors:
            raise ValidationError(errors)
        return uploads


def _amount(value, *, field, label):
    try:
        return services.clean_amount(value, field=field, label=label)
    except ValidationError as exc:
        raise ValidationError(exc.message_dict[field]) from None


class ApplicationForm(forms.Form):
    """Apply (no instance) or edit a draft / returned application. `intent` is the button pressed: 保存草稿 or
    提交申请; submitting needs a stamped letter (a kept one or a new upload)."""

    basis_amount = forms.CharField(
        label=_("激励金额依据（元）"), max_length=32,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
        help_text=_("项目签约/结算金额，作为激励计算依据；大于0，最多两位小数"))
    description = forms.CharField(label=_("申请说明"), max_length=2000, widget=forms.Textarea(attrs={"rows": 5}),
                                  help_text=_("项目交付情况、客户验收情况、核心标签的适用说明等"))
    letters = MultipleFileField(label=_("盖章的激励申请函"),
                                help_text=_("加盖公章的激励申请函扫描件，支持 PDF、JPG、PNG，可多选"))
    proofs = MultipleFileField(label=_("项目证明材料（合同、验收单等）"),
                               help_text=_("支持 PDF、JPG、PNG，可多选"))
    remove = forms.ModelMultipleChoiceField(queryset=Material.objects.none(), required=False,
                                            label=_("删除已上传的材料"), widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, application=None, intent="submit", **kwargs):
        self.application = application
        self.intent = intent
        if application is not None:
            kwargs.setdefault("initial", {"basis_amount": application.basis_amount,
                                          "description": application.description})
        super().__init__(*args, **kwargs)
        if application is None:
            del self.fields["remove"]
        else:
            self.fields["remove"].queryset = application.materials.filter(removed_at__isnull=True)
            self.fields["remove"].label_from_instance = lambda m: f"{m.get_kind_display()}：{m.name}"

    def clean_basis_amount(self):
        return _amount(self.cleaned_data["basis_amount"], field="basis_amount", label=gettext("激励金额依据"))

    def clean(self):
        data = super().clean()
        if self.intent == "submit" and "letters" in data:
            kept = []
            if self.application is not None:
                removed = {m.pk for m in data.get("remove") or []}
                kept = [m for m in self.fields["remove"].queryset
                        if m.kind == Material.Kind.STAMPED_LETTER and m.pk not in removed]
            if not kept and not data["letters"]:
                self.add_error("letters", gettext("请上传加盖公章的激励申请函。"))
        return data

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        kwargs = {"basis_amount": data["basis_amount"], "description": data["description"],
                  "letters": data["letters"], "proofs": data["proofs"]}
        if self.application is not None:
            kwargs["remove_material_ids"] = [m.pk for m in data.get("remove") or []]
        return kwargs


class ReviewForm(forms.Form):
    """初审: approve and publish the incentive amount, return with reason codes and a comment per field, or reject
    finally with a reason."""

    decision = forms.ChoiceField(label=_("审核结果"), widget=forms.RadioSelect, choices=[
        ("approve", _("审核通过并公示激励")), ("return", _("退回修改")), ("reject", _("审核不通过"))])
    incentive_amount = forms.CharField(
        label=_("公示激励金额（元）"), required=False, max_length=32,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
        help_text=_("审核通过时必填，不能超过激励金额依据"))
    reason_codes = forms.MultipleChoiceField(label=_("退回原因"), required=False, choices=ReturnReason.choices,
                                             widget=forms.CheckboxSelectMultiple,
                                             help_text=_("退回修改时必选，可多选"))
    note_basis_amount = forms.CharField(label=_("对“激励金额依据”的意见"), max_length=500, required=False)
    note_description = forms.CharField(label=_("对“申请说明”的意见"), max_length=500, required=False)
    note_materials = forms.CharField(label=_("对“申请材料”的意见"), max_length=500, required=False)
    reason_code = forms.ChoiceField(label=_("不通过原因"), required=False,
                                    choices=[("", "---------"), *RejectReason.choices],
                                    help_text=_("审核不通过时必选；审核不通过后该机会点不能再申请激励"))
    comment = forms.CharField(label=_("审核意见"), max_length=1000, required=False,
                              widget=forms.Textarea(attrs={"rows": 3}),
                              help_text=_("伙伴将看到该意见；审核不通过时必填"))

    def clean(self):
        data = super().clean()
        decision = data.get("decision")
        if decision == "approve":
            if not data.get("incentive_amount"):
                self.add_error("incentive_amount", gettext("请填写公示激励金额。"))
            else:
                try:
                    data["incentive_amount"] = _amount(data["incentive_amount"], field="incentive_amount",
                                                       label=gettext("激励金额"))
                except ValidationError as exc:
                    self.add_error("incentive_amount", exc)
        elif decision == "return" and not data.get("reason_codes"):
            self.add_error("reason_codes", gettext("请至少选择一个退回原因。"))
        elif decision == "reject":
            if not data.get("reason_code"):
                self.add_error("reason_code", gettext("请选择审核不通过的原因。"))
            if not (data.get("comment") or "").strip():
                self.add_error("comment", gettext("请填写审核不通过的原因。"))
        return data

    def field_comments(self) -> dict:
        return {field: self.cleaned_data.get(f"note_{field}", "") for field in services.REVIEW_FIELDS}


class DisputeForm(forms.Form):
    comment = forms.CharField(label=_("异议说明"), max_length=2000, widget=forms.Textarea(attrs={"rows": 4}),
                              error_messages={"required": _("请填写异议说明。")},
                              help_text=_("说明对公示激励金额的异议及依据；华为云运营将在3个工作日内答复"))


class AnswerForm(forms.Form):
    answer = forms.CharField(label=_("答复"), max_length=2000, widget=forms.Textarea(attrs={"rows": 4}),
                             error_messages={"required": _("请填写答复内容。")})
    incentive_amount = forms.CharField(
        label=_("调整后的公示激励金额（元）"), required=False, max_length=32,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
        help_text=_("不调整金额时留空；伙伴将按答复后的金额重新核对激励"))

    def clean_incentive_amount(self):
        value = (self.cleaned_data.get("incentive_amount") or "").strip()
        if not value:
            return None
        return _amount(value, field="incentive_amount", label=gettext("激励金额"))
