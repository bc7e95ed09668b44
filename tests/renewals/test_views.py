"""The 营销任务 page as people use it: default view, filters, remembered columns, 处理, and who sees what."""
import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from partnercenter.partners.models import User
from renewals.models import ColumnPreference, FollowUp, RenewalTask
from tests.factories import CustomerFactory, UserFactory
from tests.renewals.helpers import (
    at,
    distributor_world,
    expiring_order,
    generate,
    managed_customer,
    renew,
    task_for,
)

pytestmark = pytest.mark.django_db
LIST = reverse("renewals:task-list")


@pytest.fixture
def queue(alice, andy, bob):
    """A's andy-managed task, A's unassigned-customer task, an October (overdue) task, and B's task."""
    mine = managed_customer(partner=alice.partner, manager=andy, main=alice, name="安迪的客户有限公司")
    other = CustomerFactory(partner=alice.partner, name="无人管理客户有限公司")
    theirs = CustomerFactory(partner=bob.partner, name="乙方的客户有限公司")
    orders = {
        "andy": expiring_order(customer=mine, order_no="AORDER-ANDY"),
        "other": expiring_order(customer=other, order_no="AORDER-OTHER"),
        "overdue": expiring_order(customer=other, order_no="AORDER-OCT", expires=at(2026, 10, 20)),
        "bob": expiring_order(customer=theirs, order_no="BORDER-BOB"),
    }
    generate(dt.date(2026, 10, 9))
    generate()
    renew(orders["other"], "1000.00")
    generate()
    return {key: RenewalTask.objects.get(order=order) for key, order in orders.items()}


def body(response):
    return response.content.decode()


def test_default_view_is_pending_and_scoped_to_the_partner(client_alice, queue):
    response = client_alice.get(LIST)
    assert response.status_code == 200
    html = body(response)
    assert "AORDER-ANDY" in html and "AORDER-OTHER" in html and "AORDER-OCT" in html
    assert "BORDER-BOB" not in html and "乙方的客户有限公司" not in html
    assert reverse("partners:order-detail", args=[queue["andy"].order_id]) in html
    assert queue["andy"].get_absolute_url() in html


def test_filters(client_alice, queue, andy):
    from renewals import services

    services.follow_up_record(task_id=queue["andy"].pk, actor=andy, contact_method="phone", result="considering")
    assert "AORDER-ANDY" not in body(client_alice.get(LIST))
    assert "AORDER-ANDY" in body(client_alice.get(LIST, {"status": "in_progress"}))
    renewed = body(client_alice.get(LIST, {"status": "all", "renewed": "yes"}))
    assert "AORDER-OTHER" in renewed and "AORDER-OCT" not in renewed
    # 是否逾期 is judged against the real today: put the deadlines on either side of it (today itself is not late).
    today = timezone.localdate()
    RenewalTask.objects.filter(pk=queue["overdue"].pk).update(deadline=today - dt.timedelta(days=1))
    RenewalTask.objects.filter(pk=queue["other"].pk).update(deadline=today)
    overdue = body(client_alice.get(LIST, {"status": "all", "overdue": "yes"}))
    assert "AORDER-OCT" in overdue and "AORDER-OTHER" not in overdue
    october = body(client_alice.get(LIST, {"status": "all", "expires_from": "2026-10-01", "expires_to": "2026-10-31"}))
    assert "AORDER-OCT" in october and "AORDER-ANDY" not in october
    found = body(client_alice.get(LIST, {"status": "all", "q": "安迪"}))
    assert "AORDER-ANDY" in found and "AORDER-OTHER" not in found
    assert client_alice.get(LIST, {"status": "nonsense", "expires_from": "not-a-date"}).status_code == 200


def test_customer_manager_sees_only_own_customers_tasks(client, queue, andy):
    client.force_login(andy)
    html = body(client.get(LIST, {"status": "all"}))
    assert "AORDER-ANDY" in html
    assert "AORDER-OTHER" not in html and "AORDER-OCT" not in html
    assert client.get(queue["other"].get_absolute_url()).status_code == 404


def test_other_partner_gets_404_for_task_and_process(client, queue, bob):
    client.force_login(bob)
    task = queue["andy"]
    assert client.get(task.get_absolute_url()).status_code == 404
    response = client.post(reverse("renewals:task-process", args=[task.pk]),
                           {"contact_method": "phone", "result": "considering"})
    assert response.status_code == 404
    assert not FollowUp.objects.exists()


def test_columns_are_remembered_per_user(client_alice, queue, alice, andy):
    response = client_alice.post(reverse("renewals:task-columns"),
                                 {"columns": ["order", "incentive", "bogus"], "next": LIST})
    assert response.status_code == 302
    assert ColumnPreference.objects.get(user=alice).columns == ["order", "incentive"]
    html = body(client_alice.get(LIST))
    assert "续订可得激励</th>" in html and "客户经理</th>" not in html
    client_alice.force_login(andy)
    assert "客户经理</th>" in body(client_alice.get(LIST))


def test_columns_need_at_least_one(client_alice, queue):
    response = client_alice.post(reverse("renewals:task-columns"), {"next": "https://evil.example/"}, follow=True)
    assert response.redirect_chain[-1][0] == LIST
    assert "请至少选择一列" in body(response)


def test_process_dialog_records_a_follow_up(client, queue, andy):
    client.force_login(andy)
    task = queue["andy"]
    next_day = (timezone.localdate() + dt.timedelta(days=2)).isoformat()
    response = client.post(reverse("renewals:task-process", args=[task.pk]), {
        "contact_method": "wechat", "result": "will_renew", "note": "客户同意续订一年", "next_follow_up_on": next_day,
    }, follow=True)
    assert response.status_code == 200
    html = body(response)
    assert "已记录处理" in html and "客户同意续订一年" in html and "微信" in html
    task.refresh_from_db()
    assert task.status == RenewalTask.Status.IN_PROGRESS


def test_process_errors_stay_on_the_form(client, queue, andy):
    client.force_login(andy)
    task = queue["andy"]
    past = (timezone.localdate() - dt.timedelta(days=1)).isoformat()
    response = client.post(reverse("renewals:task-process", args=[task.pk]),
                           {"contact_method": "phone", "result": "considering", "next_follow_up_on": past})
    assert response.status_code == 400
    assert "下次跟进日期不能早于今天" in body(response)
    assert "data-dialog-autoopen" in body(response)
    assert client.post(reverse("renewals:task-process", args=[task.pk]), {}).status_code == 400


def test_distributor_sees_and_handles_reseller_tasks_reseller_reads_only(client):
    world = distributor_world()
    task = task_for(world["order"])
    client.force_login(world["dora"])
    assert "蓝海子客户有限公司" in body(client.get(LIST))
    detail = body(client.get(task.get_absolute_url()))
    assert 'data-dialog-open="process-dialog"' in detail
    client.post(reverse("renewals:task-process", args=[task.pk]), {"contact_method": "phone", "result": "will_renew"})
    assert FollowUp.objects.filter(task=task).count() == 1

    client.force_login(world["rita"])
    assert "蓝海子客户有限公司" in body(client.get(LIST, {"status": "all"}))
    detail = body(client.get(task.get_absolute_url()))
    assert 'data-dialog-open="process-dialog"' not in detail
    assert "中科云汇分销有限公司" in detail and "负责处理" in detail
    assert "有续订意向" in detail  # the 处理记录 are visible
    response = client.post(reverse("renewals:task-process", args=[task.pk]),
                           {"contact_method": "phone", "result": "declined"}, follow=True)
    assert "由中科云汇分销有限公司负责处理" in body(response)
    assert FollowUp.objects.filter(task=task).count() == 1


def test_unrelated_distributor_sees_nothing(client):
    world = distributor_world()
    task_for(world["order"])
    from tests.factories import PartnerFactory

    stranger = UserFactory(partner=PartnerFactory(partner_type="distributor"), role=User.Role.MAIN)
    client.force_login(stranger)
    assert "蓝海子客户有限公司" not in body(client.get(LIST, {"status": "all"}))


def test_list_query_count_is_constant(client_alice, alice, andy, django_assert_max_num_queries):
    for _i in range(3):
        expiring_order(customer=managed_customer(partner=alice.partner, manager=andy, main=alice))
    generate()
    with django_assert_max_num_queries(40) as few:
        client_alice.get(LIST)
    for _i in range(12):
        expiring_order(customer=managed_customer(partner=alice.partner, manager=andy, main=alice))
    generate()
    with django_assert_max_num_queries(len(few.captured_queries)):
        client_alice.get(LIST)


def test_home_todo_lists_open_tasks(client, queue, andy):
    client.force_login(andy)
    assert "1 个大单续订任务待跟进" in body(client.get(reverse("home")))


def test_operator_sees_every_partner_read_only(client_operator, queue, alice, bob):
    html = body(client_operator.get(LIST, {"status": "all"}))
    assert "AORDER-ANDY" in html and "BORDER-BOB" in html
    assert alice.partner.name in html and bob.partner.name in html
    detail = body(client_operator.get(queue["bob"].get_absolute_url()))
    assert 'data-dialog-open="process-dialog"' not in detail
