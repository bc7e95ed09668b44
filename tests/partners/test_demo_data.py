"""`manage.py demo_data`: realistic, deterministic, idempotent demo data, refused under production settings."""
import datetime as dt
from decimal import Decimal
from io import StringIO

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command
from django.db.models import F, Sum
from django.test import override_settings
from django.utils import timezone

from partnercenter.notifications.models import Notification
from partnercenter.partners import demo, selectors
from partnercenter.partners.models import (
    OPERATOR_GROUP,
    ConsumptionLine,
    Customer,
    CustomerAssignment,
    Order,
    Partner,
    RealNameApplication,
    ReviewStatus,
    User,
)
from partnercenter.todo import todo_items_for
from partnercenter.workflow.models import Deadline

pytestmark = pytest.mark.django_db

LOGIN_URL = "/accounts/login/"
DEMO_USERS = ["alice", "andy", "bob", "dora", "rita", "operator"]


@pytest.fixture
def demo_output():
    out = StringIO()
    call_command("demo_data", stdout=out)
    return out.getvalue()


def model_counts() -> dict:
    return {model._meta.label: model._default_manager.count() for model in apps.get_models()}


def partner_of(username: str) -> Partner:
    return User.objects.select_related("partner").get(username=username).partner


def test_demo_accounts_log_in_with_the_demo_password(client, demo_output):
    for username in DEMO_USERS:
        response = client.post(LOGIN_URL, {"username": username, "password": demo.PASSWORD})
        assert response.status_code == 302, username
        client.logout()
    operator = User.objects.get(username="operator")
    assert operator.partner is None and operator.is_staff and operator.is_superuser
    assert operator.groups.filter(name=OPERATOR_GROUP).exists() and operator.can_review()
    assert User.objects.get(username="eco").can_review()
    for username in DEMO_USERS:
        assert username in demo_output
    assert demo.PASSWORD in demo_output


def test_partners_and_people(demo_output):
    alice = User.objects.get(username="alice")
    assert alice.full_name == "王丽" and alice.role == User.Role.MAIN
    assert alice.partner.partner_type == Partner.Type.SOLUTION_PROVIDER
    assert User.objects.get(username="andy").role == User.Role.CUSTOMER_MANAGER
    assert User.objects.get(username="andy").partner == alice.partner
    assert partner_of("bob").partner_type == Partner.Type.SOLUTION_PROVIDER
    assert partner_of("bob") != alice.partner
    rita_partner, dora_partner = partner_of("rita"), partner_of("dora")
    assert dora_partner.partner_type == Partner.Type.DISTRIBUTOR
    assert rita_partner.partner_type == Partner.Type.RESELLER
    assert rita_partner.distributor == dora_partner
    assert User.objects.filter(email="").count() == 0  # addresses are set once the services have run


def test_certifications_are_in_their_demo_states(demo_output):
    a, b = partner_of("alice"), partner_of("bob")
    for partner in (a, b):
        assert partner.is_real_name_verified and partner.certified_name == partner.name
        assert selectors.business_info_status(partner=partner)[0] == "certified"
        assert selectors.settlement_blockers(partner=partner) == []
    # The reseller's 实名认证 waits in the operator's queue with a running clock.
    reseller = partner_of("rita")
    assert reseller.real_name_status == Partner.RealName.UNDER_REVIEW
    pending = RealNameApplication.objects.get(partner=reseller, status=ReviewStatus.PENDING)
    clock = Deadline.objects.for_subject(pending).get()
    assert clock.status == Deadline.Status.OPEN and clock.due_on > clock.starts_on
    assert clock.starts_on < timezone.localdate() <= clock.due_on
    # The distributor's business information was returned with an opinion.
    distributor_main = User.objects.get(username="dora")
    assert selectors.business_info_status(partner=distributor_main.partner)[0] == "rejected"
    titles = [item.title for item in todo_items_for(distributor_main)]
    assert any("修改后重新提交" in title for title in titles)
    assert "完成企业实名认证" in [item.title for item in todo_items_for(User.objects.get(username="carl"))]
    # The operator is notified of what waits; the history is read.
    operator = User.objects.get(username="operator")
    assert Notification.objects.filter(recipient=operator, read_at__isnull=True).count() >= 2
    assert Notification.objects.filter(recipient__username="alice", read_at__isnull=True).exists()


def test_customers_belong_to_one_partner_each(demo_output):
    a, b = partner_of("alice"), partner_of("bob")
    a_ids = set(Customer.objects.filter(partner=a).values_list("customer_id", flat=True))
    b_ids = set(Customer.objects.filter(partner=b).values_list("customer_id", flat=True))
    assert len(a_ids) >= 20 and len(b_ids) >= 10
    assert not a_ids & b_ids
    names = list(Customer.objects.values_list("name", flat=True))
    assert len(names) == len(set(names))
    assert Customer.objects.filter(partner=a).unassigned().exists()  # a few are left for the main account
    assert not Order.objects.exclude(partner_id=F("customer__partner_id")).exists()
    assert not ConsumptionLine.objects.exclude(partner_id=F("customer__partner_id")).exists()


def test_orders_and_consumption_look_like_imported_data(demo_output):
    today = timezone.localdate()
    a = partner_of("alice")
    cycles = demo.closed_cycles(today)
    assert set(ConsumptionLine.objects.values_list("bill_cycle", flat=True).distinct()) == set(cycles)
    assert not ConsumptionLine.objects.exclude(source_ref__startswith=demo.SOURCE_PREFIX).exists()
    assert ConsumptionLine.objects.filter(amount__lt=0).exists()
    last = selectors.last_closed_cycle(today)
    a_total = ConsumptionLine.objects.filter(partner=a, bill_cycle=last).aggregate(total=Sum("amount"))["total"]
    assert Decimal("100000") < a_total < Decimal("1000000")
    # Orders: mostly periodic and completed, with renewal chains and big orders expiring this month.
    orders = Order.objects.all()
    assert orders.filter(billing_mode=Order.BillingMode.PERIODIC).count() > orders.count() / 2
    assert orders.filter(status=Order.Status.COMPLETED).count() > orders.count() * 0.8
    assert orders.filter(renews__isnull=False, order_type=Order.OrderType.RENEW).exists()
    month_start = today.replace(day=1)
    next_month = demo.add_months(month_start, 1)
    expiring = orders.filter(partner=a, paid_amount__gte=5000, expires_at__gte=demo.aware(month_start, 0),
                             expires_at__lt=demo.aware(next_month, 0))
    assert expiring.count() >= 3
    window_start = demo.aware(demo.add_months(month_start, -(demo.MONTHS - 1)), 0)
    assert not orders.filter(ordered_at__lt=window_start).exists()
    assert not orders.filter(ordered_at__gt=timezone.now()).exists()
    assert not orders.filter(paid_amount__lt=300).exists() and not orders.filter(paid_amount__gt=80000).exists()


def test_consumption_follows_the_management_periods(demo_output):
    handed_over = [customer for customer in Customer.objects.filter(partner=partner_of("alice"))
                   if CustomerAssignment.objects.filter(customer=customer).count() == 2]
    assert handed_over
    for customer in handed_over:
        for line in ConsumptionLine.objects.filter(customer=customer):
            assert line.manager == selectors.manager_on(customer=customer, day=line.bill_cycle)
        managers = set(ConsumptionLine.objects.filter(customer=customer).values_list("manager", flat=True))
        assert len(managers - {None}) == 2


def test_a_second_run_creates_nothing():
    call_command("demo_data", verbosity=0)
    before = model_counts()
    out = StringIO()
    call_command("demo_data", stdout=out)
    assert model_counts() == before
    assert "本次新增" in out.getvalue()


def test_a_run_next_month_adds_only_the_newly_closed_cycle():
    call_command("demo_data", verbosity=0)
    before = model_counts()
    next_month = demo.add_months(timezone.localdate().replace(day=1), 1)
    demo.build(today=next_month)
    after = model_counts()
    added = {label: after[label] - count for label, count in before.items() if after[label] != count}
    assert set(added) == {"partners.ConsumptionLine"} and added["partners.ConsumptionLine"] > 0
    assert set(ConsumptionLine.objects.values_list("bill_cycle", flat=True).distinct()) >= {
        timezone.localdate().replace(day=1)}


def test_identities_are_deterministic():
    today = dt.date(2026, 11, 28)
    first, second = demo.draw_identities(today), demo.draw_identities(today)
    assert first == second
    assert len({c.customer_id for c in first.customers}) == len(first.customers)
    assert len({c.account_name for c in first.customers}) == len(first.customers)


def test_production_settings_are_refused():
    with override_settings(SETTINGS_MODULE="partnercenter.settings.production"):
        with pytest.raises(CommandError, match="生产环境"):
            call_command("demo_data")
    assert not Partner.objects.exists() and not Customer.objects.exists()


def test_operators_find_one_dispute_waiting(client, demo_output):
    """The demo shows both sides of 问题反馈: alice's, answered with an adjustment, and another partner's waiting
    in the operators' queue with its working-day deadline."""
    from incentives.models import BillDispute

    waiting = BillDispute.objects.filter(answered_at__isnull=True)
    assert waiting.count() == 1 and BillDispute.objects.filter(answered_at__isnull=False).count() == 1
    assert waiting.get().bill.partner != partner_of("alice")
    client.force_login(User.objects.get(username="operator"))
    page = client.get("/incentives/management/disputes/").content.decode()
    assert waiting.get().comment in page
