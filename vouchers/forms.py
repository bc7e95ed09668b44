from decimal import Decimal

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from partnercenter.partners.models import Customer, Order, Partner, Product, ServiceType

from .models import OrderType, Voucher


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None, format="%Y-%m-%d"):  # noqa: A002 - Django's argument name
        super().__init__(attrs, format=format)


class QuotaGrantForm(forms.Form):
    partner = forms.ModelChoiceField(Partner.objects.all(), label=_("伙伴"))
    name = forms.CharField(label=_("额度名称"), max_length=100)
    amount = forms.DecimalField(label=_("额度总额（元）"), max_digits=14, decimal_places=2, min_value=Decimal("0.01"))
    valid_from = forms.DateField(label=_("生效日期"), widget=DateInput)
    valid_to = forms.DateField(label=_("失效日期"), widget=DateInput)
    service_types = forms.ModelMultipleChoiceField(ServiceType.objects.all(), label=_("适用云服务类型"),
                                                   required=False, help_text=_("不选表示不限"))
    products = forms.ModelMultipleChoiceField(Product.objects.all(), label=_("适用产品"), required=False,
                                              help_text=_("不选表示不限"))
    per_customer_count = forms.IntegerField(label=_("每客户最多张数"), min_value=1, required=False,
                                            help_text=_("同一客户最多可持有本额度的提货券张数，不填表示不限"))
    per_customer_amount = forms.DecimalField(label=_("每客户最高金额（元）"), max_digits=14, decimal_places=2,
                                             min_value=Decimal("0.01"), required=False,
                                             help_text=_("同一客户从本额度获发的面值合计上限，不填表示不限"))


class IssueForm(forms.Form):
    customers = forms.ModelMultipleChoiceField(Customer.objects.none(), label=_("客户"),
                                               widget=forms.CheckboxSelectMultiple,
                                               help_text=_("可选择多个客户，每个客户发放一张提货券"))
    face_value = forms.DecimalField(label=_("提货券面值（元）"), max_digits=14, decimal_places=2,
                                    min_value=Decimal("0.01"))
    valid_from = forms.DateField(label=_("生效日期"), widget=DateInput)
    valid_to = forms.DateField(label=_("失效日期"), widget=DateInput)
    ratio_limit = forms.DecimalField(label=_("使用限制比例（%）"), max_digits=5, decimal_places=2,
                                     min_value=Decimal("0.01"), max_value=Decimal("100"), initial=Decimal("100"),
                                     help_text=_("单笔订单中提货券最多可抵扣的比例；按需消费不受此限制"))
    order_types = forms.MultipleChoiceField(label=_("订购类型"), choices=OrderType.choices,
                                            widget=forms.CheckboxSelectMultiple, initial=[OrderType.NEW])
    service_types = forms.ModelMultipleChoiceField(ServiceType.objects.none(), label=_("适用云服务类型"),
                                                   required=False, help_text=_("不选则沿用额度的适用范围"))
    products = forms.ModelMultipleChoiceField(Product.objects.none(), label=_("适用产品"), required=False,
                                              help_text=_("不选则沿用额度的适用范围"))
    memo = forms.CharField(label=_("备注"), max_length=200, required=False, help_text=_("仅发放方可见"))

    def __init__(self, *args, quota, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["customers"].queryset = Customer.objects.for_user(user).filter(partner=quota.partner)
        types = quota.service_types.all()
        self.fields["service_types"].queryset = types if types.exists() else ServiceType.objects.all()
        products = quota.products.all()
        self.fields["products"].queryset = products if products.exists() else Product.objects.all()
        today = timezone.localdate()
        self.fields["valid_from"].initial = max(today, quota.valid_from)
        self.fields["valid_to"].initial = quota.valid_to


class RedeemForm(forms.Form):
    order = forms.ModelChoiceField(Order.objects.none(), label=_("订单"))
    amount = forms.DecimalField(label=_("抵扣金额（元）"), max_digits=14, decimal_places=2, min_value=Decimal("0.01"))

    def __init__(self, *args, voucher: Voucher, user, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["order"]
        field.queryset = (Order.objects.for_user(user).filter(customer=voucher.customer)
                          .select_related("product").order_by("-ordered_at"))
        field.empty_label = _("请选择订单")
        field.label_from_instance = lambda o: f"{o.order_no} · {o.product.name} · {o.get_order_type_display()} · " \
                                              f"{o.get_billing_mode_display()} · ¥{o.paid_amount}"
