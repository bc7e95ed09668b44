"""factory_boy factories for the platform models. Set up *state* through services where one exists."""
import datetime as dt
from decimal import Decimal

import factory
from django.utils import timezone

from partnercenter.partners.models import (
    ConsumptionLine,
    Customer,
    Order,
    Partner,
    Product,
    ServiceType,
    User,
)

PASSWORD = "partnercenter-demo"


class PartnerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Partner

    name = factory.Sequence(lambda n: f"测试伙伴{n}有限公司")
    partner_type = Partner.Type.SOLUTION_PROVIDER


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    full_name = factory.Sequence(lambda n: f"用户{n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.com")
    partner = factory.SubFactory(PartnerFactory)
    role = User.Role.MAIN
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):  # noqa: N805
        if create:
            obj.save()


class OperatorFactory(UserFactory):
    partner = None
    role = ""
    is_staff = True

    @factory.post_generation
    def groups(obj, create, extracted, **kwargs):  # noqa: N805
        from django.contrib.auth.models import Group

        from partnercenter.partners.models import OPERATOR_GROUP

        if create:
            group, _ = Group.objects.get_or_create(name=OPERATOR_GROUP)
            obj.groups.add(group)


class ServiceTypeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ServiceType
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"hws.service.type.svc{n}")
    name = factory.Sequence(lambda n: f"云服务{n}")


class ProductFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Product

    code = factory.Sequence(lambda n: f"prod-{n:05d}")
    name = factory.Sequence(lambda n: f"产品{n}")
    service_type = factory.SubFactory(ServiceTypeFactory)


class CustomerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Customer

    partner = factory.SubFactory(PartnerFactory)
    customer_id = factory.Sequence(lambda n: f"cust{n:028d}")
    name = factory.Sequence(lambda n: f"客户{n}科技有限公司")
    account_name = factory.Sequence(lambda n: f"customer_{n}")
    association_type = Customer.Association.RESALE
    associated_on = dt.date(2025, 1, 1)
    real_name_status = Customer.RealName.VERIFIED


class OrderFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Order

    customer = factory.SubFactory(CustomerFactory)
    partner = factory.LazyAttribute(lambda o: o.customer.partner)
    order_no = factory.Sequence(lambda n: f"CS{n:016d}")
    product = factory.SubFactory(ProductFactory)
    billing_mode = Order.BillingMode.PERIODIC
    order_type = Order.OrderType.NEW
    paid_amount = Decimal("6000.00")
    ordered_at = factory.LazyFunction(timezone.now)
    effective_at = factory.LazyFunction(timezone.now)
    expires_at = factory.LazyFunction(lambda: timezone.now() + dt.timedelta(days=365))
    resource_ids = factory.Sequence(lambda n: [f"res-{n:08d}"])


class ConsumptionLineFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ConsumptionLine

    customer = factory.SubFactory(CustomerFactory)
    partner = factory.LazyAttribute(lambda o: o.customer.partner)
    product = factory.SubFactory(ProductFactory)
    bill_cycle = dt.date(2026, 10, 1)
    billing_mode = Order.BillingMode.ON_DEMAND
    amount = Decimal("1234.56")
    source_ref = factory.Sequence(lambda n: f"line-{n:010d}")
