"""The permission matrix of both task queues (大单续订任务 and 销售拓展任务), through the pages people use.

For every person and task: "handle" — listed, detail with 处理, a follow-up is recorded; "read" — listed,
detail and 处理记录 without 处理, told who handles it, a forged 处理 is refused; "404" — not listed, detail and
处理 answer 404 exactly like a missing id.
"""
import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from partnercenter.notifications.models import Notification
from partnercenter.partners import services as partner_services
from partnercenter.partners.models import User
from partnercenter.workflow.selectors import timeline_for
from renewals import expansion, services
from renewals.models import DistributorHandler, FollowUp, RenewalTask, SalesFollowUp, SalesTask
from tests.factories import UserFactory
from tests.renewals.helpers import TODAY, distributor_world, expiring_order, generate, managed_customer

pytestmark = pytest.mark.django_db

QUEUES = {
    "renewal": {"list": "renewals:task-list", "process": "renewals:task-process", "handler": "renewals:task-handler",
                "follow_ups": FollowUp, "data": {"contact_method": "phone", "result": "considering"},
                "query": {"status": "all"}},
    "sales": {"list": "renewals:sales-task-list", "process": "renewals:sales-task-process",
              "handler": "renewals:sales-task-handler", "follow_ups": SalesFollowUp,
              "data": {"contact_method": "phone", "result": "interested"}, "query": {}},
}


@pytest.fixture
def people(alice, andy, bob, operator):
    """Partner A (alice main, andy managing 甲方安迪客户, chen managing another customer); distributor D (dora main,
    dan named handler of the reseller's sub-customer, dee not named); reseller R (rita main, ren managing its
    sub-customer); partner B (bob). Each customer in scope has one task of each queue."""
    world = distributor_world()
    chen = UserFactory(username="chen", full_name="陈晨", partner=alice.partner, role=User.Role.CUSTOMER_MANAGER)
    dan = UserFactory(username="dan", full_name="邓安", partner=world["distributor"], role=User.Role.CUSTOMER_MANAGER)
    dee = UserFactory(username="dee", full_name="丁一", partner=world["distributor"], role=User.Role.CUSTOMER_MANAGER)
    ren = UserFactory(username="ren", full_name="任然", partner=world["reseller"], role=User.Role.CUSTOMER_MANAGER)
    partner_services.customer_assign(customer_id=world["customer"].pk, manager=ren, actor=world["rita"],
                                     on=dt.date(2026, 1, 1))
    own = managed_customer(partner=alice.partner, manager=andy, main=alice, name="甲方安迪客户有限公司")
    managed_customer(partner=alice.partner, manager=chen, main=alice, name="甲方陈晨客户有限公司")
    own_order = expiring_order(customer=own, paid="8000.00")
    generate()
    soon = timezone.localdate() + dt.timedelta(days=5)
    tasks = {
        "own": {"renewal": RenewalTask.objects.get(order=own_order),
                "sales": expansion.sales_task_create(actor=operator, customer=own, strategy="cross_sell",
                                                     sub_strategy="repurchase", name="甲方复购任务", deadline=soon)},
        "reseller": {"renewal": RenewalTask.objects.get(order=world["order"]),
                     "sales": expansion.sales_task_create(actor=operator, customer=world["customer"],
                                                          strategy="scenario", sub_strategy="industry",
                                                          name="蓝海方案任务", deadline=soon)},
    }
    users = {"alice": alice, "andy": andy, "chen": chen, "dora": world["dora"], "dan": dan, "dee": dee,
             "rita": world["rita"], "ren": ren, "bob": bob}
    return {"users": users, "tasks": tasks, "world": world}


def name_handler(client, people, queue="renewal", who="dan"):
    client.force_login(people["users"]["dora"])
    task = people["tasks"]["reseller"][queue]
    return client.post(reverse(QUEUES[queue]["handler"], args=[task.pk]),
                       {"manager": people["users"][who].pk}, follow=True)


MATRIX = [
    # who,    own customer's task, reseller's sub-customer's task
    ("alice", "handle", "404"),     # main account: every task of its partner
    ("andy", "handle", "404"),      # customer manager of the customer
    ("chen", "404", "404"),         # customer manager of another customer
    ("dora", "404", "handle"),      # distributor main: its resellers' sub-customers
    ("dan", "404", "handle"),       # distributor customer manager named handler of that sub-customer
    ("dee", "404", "404"),          # distributor customer manager not named
    ("rita", "404", "read"),        # the reseller: details and 处理记录, read-only
    ("ren", "404", "read"),         # the reseller's customer manager of that sub-customer: read-only
    ("bob", "404", "404"),          # another partner
]


@pytest.mark.parametrize("queue", ["renewal", "sales"])
@pytest.mark.parametrize(("who", "own", "reseller"), MATRIX)
def test_permission_matrix(client, people, queue, who, own, reseller):
    name_handler(client, people)
    config = QUEUES[queue]
    user = people["users"][who]
    client.force_login(user)
    listing = client.get(reverse(config["list"]), config["query"]).content.decode()
    for key, expected in (("own", own), ("reseller", reseller)):
        task = people["tasks"][key][queue]
        assert (task.customer.name in listing) is (expected != "404"), (who, key, "list")
        detail = client.get(task.get_absolute_url())
        before = config["follow_ups"].objects.filter(task=task).count()
        posted = client.post(reverse(config["process"], args=[task.pk]), config["data"], follow=True)
        after = config["follow_ups"].objects.filter(task=task).count()
        if expected == "404":
            assert detail.status_code == 404 and posted.status_code == 404, (who, key)
            assert after == before
            continue
        html = detail.content.decode()
        assert detail.status_code == 200 and "处理记录" in html
        if expected == "handle":
            assert 'data-dialog-open="process-dialog"' in html and "负责处理（" not in html, (who, key)
            assert after == before + 1 and "已记录处理" in posted.content.decode()
        else:
            assert 'data-dialog-open="process-dialog"' not in html, (who, key)
            # told who handles it: the distributor and the named person
            assert "该任务由“中科云汇分销有限公司”负责处理（处理人：邓安）" in html, (who, key)
            assert after == before and "您只能查看该任务，由中科云汇分销有限公司负责处理" in posted.content.decode()


@pytest.mark.parametrize("queue", ["renewal", "sales"])
def test_reseller_reads_records_made_by_the_distributor(client, people, queue):
    name_handler(client, people)
    task = people["tasks"]["reseller"][queue]
    client.force_login(people["users"]["dan"])
    client.post(reverse(QUEUES[queue]["process"], args=[task.pk]), {**QUEUES[queue]["data"], "note": "邓安电话回访"})
    client.force_login(people["users"]["rita"])
    html = client.get(task.get_absolute_url()).content.decode()
    assert "邓安电话回访" in html and "邓安" in html


def test_before_a_handler_is_named_the_distributor_main_account_handles(client, people):
    task = people["tasks"]["reseller"]["renewal"]
    assert task.manager is None  # the reseller's own customer manager does not handle it
    client.force_login(people["users"]["dan"])
    assert client.get(task.get_absolute_url()).status_code == 404
    client.force_login(people["users"]["rita"])
    html = client.get(task.get_absolute_url()).content.decode()
    assert "该任务由“中科云汇分销有限公司”负责处理（处理人：主账号）" in html
    client.force_login(people["users"]["dora"])
    html = client.get(task.get_absolute_url()).content.decode()
    assert 'data-dialog-open="handler-dialog"' in html and "邓安" in html and "丁一" in html


def test_naming_a_handler_moves_both_queues_and_is_recorded(client, people):
    response = name_handler(client, people, queue="sales", who="dee")
    assert "已指定处理人：丁一" in response.content.decode()
    reseller_tasks = people["tasks"]["reseller"]
    for task in reseller_tasks.values():
        task.refresh_from_db()
        assert task.manager.username == "dee"
    name_handler(client, people, queue="renewal", who="dan")
    for task in reseller_tasks.values():
        task.refresh_from_db()
        assert task.manager.username == "dan"
        assert [e.action for e in timeline_for(task)][-1] == "assign_handler"
    assert DistributorHandler.objects.get().manager.username == "dan"
    assert Notification.objects.filter(recipient=people["users"]["dan"], title__contains="蓝海子客户有限公司").exists()
    client.force_login(people["users"]["dee"])
    assert client.get(reseller_tasks["sales"].get_absolute_url()).status_code == 404


def test_later_tasks_and_reminders_go_to_the_named_handler(client, people):
    name_handler(client, people)
    world = people["world"]
    later = expiring_order(customer=world["customer"], paid="7000.00")
    generate()
    assert RenewalTask.objects.get(order=later).manager.username == "dan"
    services.renewal_reminders_send(today=dt.date(2026, 11, 15))
    reminded = set(Notification.objects.filter(title__contains="大单续订提醒").values_list("recipient__username",
                                                                                         flat=True))
    assert "dan" in reminded and "ren" not in reminded and "rita" not in reminded
    assert TODAY.month == 11


@pytest.mark.parametrize(("who", "status"), [("dan", 404), ("rita", 200), ("bob", 404), ("alice", 404)])
def test_only_the_distributor_main_account_names_handlers(client, people, who, status):
    task = people["tasks"]["reseller"]["renewal"]
    client.force_login(people["users"][who])
    response = client.post(reverse("renewals:task-handler", args=[task.pk]),
                           {"manager": people["users"]["dan"].pk}, follow=True)
    assert response.status_code == status
    assert not DistributorHandler.objects.exists()
    if status == 200:
        assert "只有总经销商主账号可以指定处理人" in response.content.decode()


def test_handler_must_be_one_of_the_distributors_people(client, people):
    task = people["tasks"]["reseller"]["renewal"]
    client.force_login(people["users"]["dora"])
    for foreign in ("ren", "andy"):
        response = client.post(reverse("renewals:task-handler", args=[task.pk]),
                               {"manager": people["users"][foreign].pk}, follow=True)
        assert "请选择处理人" in response.content.decode()
    assert client.post(reverse("renewals:task-handler", args=[task.pk]), {"manager": "x"}).status_code == 302
    assert not DistributorHandler.objects.exists()
    own_task = people["tasks"]["own"]["renewal"]
    client.force_login(people["users"]["alice"])
    response = client.post(reverse("renewals:task-handler", args=[own_task.pk]),
                           {"manager": people["users"]["andy"].pk}, follow=True)
    assert "只有云经销商的子客户由总经销商指定处理人" in response.content.decode()


def test_home_todo_counts_the_handlers_tasks(client, people):
    name_handler(client, people)
    client.force_login(people["users"]["dan"])
    html = client.get(reverse("home")).content.decode()
    assert "1 个大单续订任务待跟进" in html and "1 个销售拓展任务待跟进" in html
    client.force_login(people["users"]["rita"])
    assert "个大单续订任务待跟进" not in client.get(reverse("home")).content.decode()


def test_sales_task_scope_matches_renewal_scope(people):
    for who, user in people["users"].items():
        for key in ("own", "reseller"):
            renewal = RenewalTask.objects.for_user(user).filter(pk=people["tasks"][key]["renewal"].pk).exists()
            sales = SalesTask.objects.for_user(user).filter(pk=people["tasks"][key]["sales"].pk).exists()
            assert renewal is sales, (who, key)
