"""销售拓展任务: each generation rule at its boundary, idempotence, operator creation, 处理 and who sees what."""
import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from partnercenter.partners.models import Order
from partnercenter.workflow.selectors import timeline_for
from renewals import expansion
from renewals.models import SalesFollowUp, SalesTask, Strategy, SubStrategy
from tests.factories import ConsumptionLineFactory, CustomerFactory, ProductFactory
from tests.renewals.helpers import TODAY, at, distributor_world, expiring_order, managed_customer

pytestmark = pytest.mark.django_db
S = SalesTask.Status
LIST = reverse("renewals:sales-task-list")


def consume(customer, cycle: dt.date, amount: str, product=None):
    return ConsumptionLineFactory(customer=customer, bill_cycle=cycle, amount=Decimal(amount),
                                  product=product or ProductFactory())


def codes_for(customer) -> set[str]:
    return {code for code, found in expansion.matching_customers(today=TODAY).items() if customer.pk in found}


def test_transition_graph_is_declared_whole():
    assert SalesTask.workflow.graph() == {
        S.PENDING: {S.IN_PROGRESS, S.COMPLETED, S.TERMINATED},
        S.IN_PROGRESS: {S.COMPLETED, S.TERMINATED},
    }


def test_dormant_customer_boundary():
    asleep, awake = CustomerFactory(), CustomerFactory()
    consume(asleep, dt.date(2026, 7, 1), "800.00")     # last consumption 4 cycles before November
    consume(awake, dt.date(2026, 8, 1), "800.00")      # within the last 3 closed cycles (Aug–Oct)
    assert "dormant" in codes_for(asleep)
    assert "dormant" not in codes_for(awake)


def test_new_customer_without_orders():
    fresh = CustomerFactory(associated_on=TODAY - dt.timedelta(days=90))
    old = CustomerFactory(associated_on=TODAY - dt.timedelta(days=91))
    ordered = CustomerFactory(associated_on=TODAY - dt.timedelta(days=10))
    expiring_order(customer=ordered)
    assert "new_customer" in codes_for(fresh)
    assert "new_customer" not in codes_for(old) | codes_for(ordered)


def test_single_product_threshold():
    product = ProductFactory()
    below, exact, two = CustomerFactory(), CustomerFactory(), CustomerFactory()
    consume(below, dt.date(2026, 10, 1), "9999.99", product)
    consume(exact, dt.date(2026, 10, 1), "10000.00", product)
    consume(two, dt.date(2026, 10, 1), "9000.00", product)
    consume(two, dt.date(2026, 9, 1), "9000.00")
    assert "single_product" not in codes_for(below)
    assert "single_product" in codes_for(exact)
    assert "single_product" not in codes_for(two)


def test_periodic_expiring_next_month_small_orders_only():
    small, large, on_demand = CustomerFactory(), CustomerFactory(), CustomerFactory()
    expiring_order(customer=small, paid="4999.99", expires=at(2026, 12, 31, 23, 59, 59))
    expiring_order(customer=large, paid="5000.00", expires=at(2026, 12, 15))
    expiring_order(customer=on_demand, paid="100.00", expires=at(2026, 12, 15),
                   billing_mode=Order.BillingMode.ON_DEMAND)
    assert "periodic_expiring" in codes_for(small)
    assert "periodic_expiring" not in codes_for(large) | codes_for(on_demand)


def test_growth_customer():
    growing, flat = CustomerFactory(), CustomerFactory()
    for cycle in (dt.date(2026, 7, 1), dt.date(2026, 8, 1), dt.date(2026, 9, 1)):
        consume(growing, cycle, "2000.00")
        consume(flat, cycle, "2001.00")
    consume(growing, dt.date(2026, 10, 1), "3000.00")   # exactly 1.5 × 2000
    consume(flat, dt.date(2026, 10, 1), "3000.00")      # below 1.5 × 2001
    assert "growth" in codes_for(growing)
    assert "growth" not in codes_for(flat)


def test_generation_is_idempotent_and_assigns_the_manager(alice, andy):
    customer = managed_customer(partner=alice.partner, manager=andy, main=alice)
    consume(customer, dt.date(2026, 6, 1), "500.00")
    assert expansion.sales_tasks_generate(today=TODAY)["dormant"] == 1
    assert expansion.sales_tasks_generate(today=TODAY)["dormant"] == 0
    task = SalesTask.objects.get()
    assert (task.strategy, task.sub_strategy, task.rule_code) == (Strategy.LEAD_MINING, SubStrategy.DORMANT, "dormant")
    assert task.manager == andy and task.partner == alice.partner
    assert task.deadline == dt.date(2026, 11, 30)
    assert task.consumption_12m == Decimal("500.00")
    assert [e.action for e in timeline_for(task)] == ["create"]


def test_operator_creates_a_task(client_operator, alice):
    customer = CustomerFactory(partner=alice.partner, customer_id="cust-operator-0001")
    deadline = (timezone.localdate() + dt.timedelta(days=10)).isoformat()
    response = client_operator.post(reverse("renewals:sales-task-create"), {
        "customer_id": "cust-operator-0001", "strategy": "scenario", "sub_strategy": "industry",
        "name": "制造业上云方案推荐", "deadline": deadline, "description": "推荐工业互联网方案"})
    task = SalesTask.objects.get()
    assert response.status_code == 302 and response.url == task.get_absolute_url()
    assert task.customer == customer and task.created_by.username == "operator" and task.rule_code == ""


def test_operator_form_checks_strategy_pairs_and_customer(client_operator, alice):
    CustomerFactory(partner=alice.partner, customer_id="cust-operator-0002")
    deadline = (timezone.localdate() + dt.timedelta(days=10)).isoformat()
    data = {"customer_id": "cust-operator-0002", "strategy": "lead_mining", "sub_strategy": "industry",
            "name": "x", "deadline": deadline}
    response = client_operator.post(reverse("renewals:sales-task-create"), data)
    assert response.status_code == 400 and "二级策略不属于所选的一级策略" in response.content.decode()
    response = client_operator.post(reverse("renewals:sales-task-create"), {**data, "customer_id": "nope"})
    assert "没有找到该客户账号ID" in response.content.decode()
    assert not SalesTask.objects.exists()


def test_partners_cannot_open_the_create_page(client_alice):
    assert client_alice.get(reverse("renewals:sales-task-create")).status_code == 404


@pytest.fixture
def sales_tasks(alice, andy, bob, operator):
    mine = managed_customer(partner=alice.partner, manager=andy, main=alice, name="安迪拓展客户有限公司")
    other = CustomerFactory(partner=alice.partner, name="甲方其他客户有限公司")
    theirs = CustomerFactory(partner=bob.partner, name="乙方拓展客户有限公司")
    soon = timezone.localdate() + dt.timedelta(days=5)
    make = expansion.sales_task_create
    return {
        "andy": make(actor=operator, customer=mine, strategy="cross_sell", sub_strategy="repurchase",
                     name="安迪复购任务", deadline=soon),
        "other": make(actor=operator, customer=other, strategy="scenario", sub_strategy="growth",
                      name="甲方方案任务", deadline=soon),
        "bob": make(actor=operator, customer=theirs, strategy="cross_sell", sub_strategy="repurchase",
                    name="乙方复购任务", deadline=soon),
    }


def test_list_filters_and_scope(client_alice, client, sales_tasks, andy):
    html = client_alice.get(LIST).content.decode()
    assert "安迪复购任务" in html and "甲方方案任务" in html and "乙方复购任务" not in html
    html = client_alice.get(LIST, {"strategy": "scenario"}).content.decode()
    assert "甲方方案任务" in html and "安迪复购任务" not in html
    html = client_alice.get(LIST, {"manager_name": "李安"}).content.decode()
    assert "安迪复购任务" in html and "甲方方案任务" not in html
    assert "安迪复购任务" not in client_alice.get(LIST, {"overdue": "yes"}).content.decode()
    assert client_alice.get(LIST, {"created_from": "garbage", "status": "??"}).status_code == 200
    client.force_login(andy)
    html = client.get(LIST).content.decode()
    assert "安迪复购任务" in html and "甲方方案任务" not in html
    assert client.get(sales_tasks["other"].get_absolute_url()).status_code == 404


def test_process_records_and_closes(client, sales_tasks, andy):
    client.force_login(andy)
    task = sales_tasks["andy"]
    url = reverse("renewals:sales-task-process", args=[task.pk])
    client.post(url, {"contact_method": "visit", "result": "interested", "note": "客户关注数据库"})
    task.refresh_from_db()
    assert task.status == S.IN_PROGRESS
    response = client.post(url, {"contact_method": "phone", "result": "won", "close_as": "completed"}, follow=True)
    assert "已记录处理" in response.content.decode()
    task.refresh_from_db()
    assert task.status == S.COMPLETED and SalesFollowUp.objects.filter(task=task).count() == 2
    bad = client.post(reverse("renewals:sales-task-process", args=[sales_tasks["bob"].pk]),
                      {"contact_method": "phone", "result": "won"})
    assert bad.status_code == 404


def test_distributor_handles_reseller_sales_tasks(client, operator):
    world = distributor_world()
    task = expansion.sales_task_create(actor=operator, customer=world["customer"], strategy="cross_sell",
                                       sub_strategy="repurchase", name="蓝海复购任务",
                                       deadline=timezone.localdate() + dt.timedelta(days=3))
    client.force_login(world["dora"])
    assert "蓝海复购任务" in client.get(LIST).content.decode()
    client.post(reverse("renewals:sales-task-process", args=[task.pk]), {"contact_method": "phone", "result": "won"})
    assert SalesFollowUp.objects.filter(task=task).count() == 1
    client.force_login(world["rita"])
    detail = client.get(task.get_absolute_url()).content.decode()
    assert "负责处理" in detail and "已成交" in detail and 'data-dialog-open="process-dialog"' not in detail
    client.post(reverse("renewals:sales-task-process", args=[task.pk]), {"contact_method": "phone", "result": "won"})
    assert SalesFollowUp.objects.filter(task=task).count() == 1


def test_sales_list_query_count_is_constant(client_alice, alice, operator, django_assert_max_num_queries):
    def add(n):
        for _i in range(n):
            expansion.sales_task_create(actor=operator, customer=CustomerFactory(partner=alice.partner),
                                        strategy="cross_sell", sub_strategy="repurchase", name="任务",
                                        deadline=timezone.localdate())
    add(2)
    with django_assert_max_num_queries(40) as few:
        client_alice.get(LIST)
    add(10)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client_alice.get(LIST)
