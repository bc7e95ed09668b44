import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from tests.factories import CustomerFactory
from tests.vouchers.helpers import grant, issue, make_eligible, order_for, today
from vouchers.models import Voucher, VoucherQuota

pytestmark = pytest.mark.django_db


@pytest.fixture
def quota(partner_a, operator):
    return grant(partner_a, operator, "10000.00", name="甲提货券额度")


def test_tabs_render(client_alice, quota, alice):
    issue(quota, alice)
    for name in ("vouchers:quota-list", "vouchers:voucher-list", "vouchers:movement-list"):
        response = client_alice.get(reverse(name))
        assert response.status_code == 200
        body = response.content.decode()
        assert "提货券额度" in body and "已发放提货券" in body and "操作记录" in body
    assert "甲提货券额度" in client_alice.get(reverse("vouchers:quota-list")).content.decode()


def test_empty_state(client_alice):
    assert "还没有提货券额度" in client_alice.get(reverse("vouchers:quota-list")).content.decode()


def test_issue_through_the_page(client_alice, quota, partner_a):
    customers = CustomerFactory.create_batch(2, partner=partner_a)
    url = reverse("vouchers:voucher-issue", args=[quota.pk])
    assert client_alice.get(url).status_code == 200
    response = client_alice.post(url, {
        "customers": [c.pk for c in customers], "face_value": "1200.00", "valid_from": today().isoformat(),
        "valid_to": quota.valid_to.isoformat(), "ratio_limit": "50", "order_types": ["new", "renew"],
        "memo": "仅发放方可见的备注"}, follow=True)
    assert "提货券发放成功" in response.content.decode()
    quota.refresh_from_db()
    assert quota.balance == Decimal("7600.00")
    assert Voucher.objects.filter(quota=quota, ratio_limit=50).count() == 2


def test_issue_over_balance_shows_the_error_on_the_form(client_alice, quota, partner_a):
    response = client_alice.post(reverse("vouchers:voucher-issue", args=[quota.pk]), {
        "customers": [CustomerFactory(partner=partner_a).pk], "face_value": "10000.01",
        "valid_from": today().isoformat(), "valid_to": quota.valid_to.isoformat(), "ratio_limit": "100",
        "order_types": ["new"]})
    assert response.status_code == 200
    assert "超过额度可用余额" in response.content.decode()


def test_issue_with_garbage_is_a_form_error_not_a_500(client_alice, quota):
    response = client_alice.post(reverse("vouchers:voucher-issue", args=[quota.pk]),
                                 {"customers": ["x"], "face_value": "abc", "valid_from": "nope"})
    assert response.status_code == 200


def test_issue_customer_dropdown_shows_only_own_customers(client_alice, quota, partner_b):
    theirs = CustomerFactory(partner=partner_b, name="乙的客户")
    body = client_alice.get(reverse("vouchers:voucher-issue", args=[quota.pk])).content.decode()
    assert theirs.name not in body


def test_recall_confirm_then_recall(client_alice, quota, alice, partner_a):
    vouchers = issue(quota, alice, customers=CustomerFactory.create_batch(2, partner=partner_a), face_value="500")
    url = reverse("vouchers:voucher-recall")
    ids = [v.pk for v in vouchers]
    page = client_alice.post(url, {"vouchers": ids})
    assert "确定回收以下提货券吗?" in page.content.decode()
    assert Voucher.objects.filter(status="available").count() == 2
    done = client_alice.post(url, {"vouchers": ids, "confirm": "1"}, follow=True)
    assert "已回收 2 张提货券，共 1000.00 元返还至额度" in done.content.decode()
    quota.refresh_from_db()
    assert quota.balance == Decimal("10000.00")


def test_redeem_through_the_page_names_the_rule(client_alice, quota, alice):
    voucher = issue(quota, alice, order_types=["renew"])[0]
    order = order_for(voucher)
    response = client_alice.post(reverse("vouchers:voucher-redeem", args=[voucher.pk]),
                                 {"order": order.pk, "amount": "10.00"}, follow=True)
    assert "订购类型：" in response.content.decode()
    order.order_type = "renew"
    order.save()
    response = client_alice.post(reverse("vouchers:voucher-redeem", args=[voucher.pk]),
                                 {"order": order.pk, "amount": "10.00"}, follow=True)
    assert "已使用提货券抵扣订单" in response.content.decode()
    detail = client_alice.get(voucher.get_absolute_url()).content.decode()
    assert order.order_no in detail


def test_usage_csv(client_alice, quota, alice):
    voucher = issue(quota, alice)[0]
    from vouchers import services
    order = order_for(voucher)
    services.voucher_redeem(voucher_id=voucher.pk, order_id=order.pk, amount=Decimal("12.34"))
    response = client_alice.get(reverse("vouchers:quota-usage-export", args=[quota.pk]))
    text = response.content.decode("utf-8-sig")
    assert response["Content-Type"].startswith("text/csv")
    assert voucher.code in text and "12.34" in text and order.order_no in text


def test_memo_is_hidden_from_the_vendor(client, operator, quota, alice):
    voucher = issue(quota, alice, memo="内部备注XYZ")[0]
    client.force_login(alice)
    assert "内部备注XYZ" in client.get(voucher.get_absolute_url()).content.decode()
    client.force_login(operator)
    assert "内部备注XYZ" not in client.get(voucher.get_absolute_url()).content.decode()


def test_grant_page_is_vendor_only(client_alice, client, operator, partner_a):
    assert client_alice.get(reverse("vouchers:quota-grant")).status_code == 404
    client.force_login(operator)
    start = today()
    data = {"partner": partner_a.pk, "name": "新额度", "amount": "888.88", "valid_from": start.isoformat(),
            "valid_to": (start + dt.timedelta(days=30)).isoformat(), "per_customer_count": "2",
            "per_customer_amount": "300.00"}
    refused = client.post(reverse("vouchers:quota-grant"), data)
    assert refused.status_code == 200
    assert "伙伴未完成实名认证" in refused.content.decode()  # the reason, on the form next to the partner
    assert not VoucherQuota.objects.filter(name="新额度").exists()
    make_eligible(partner_a, operator)
    response = client.post(reverse("vouchers:quota-grant"), data, follow=True)
    assert response.status_code == 200
    quota = VoucherQuota.objects.get(name="新额度")
    assert (quota.balance, quota.per_customer_count, quota.per_customer_amount) == (Decimal("888.88"), 2,
                                                                                   Decimal("300.00"))
    assert "最多 2 张" in client.get(quota.get_absolute_url()).content.decode()


@pytest.mark.parametrize("n", [2, 12])
def test_voucher_list_queries_do_not_grow(client_alice, quota, alice, partner_a, n, django_assert_max_num_queries):
    issue(quota, alice, customers=CustomerFactory.create_batch(n, partner=partner_a), face_value="10")
    with django_assert_max_num_queries(12):
        assert client_alice.get(reverse("vouchers:voucher-list")).status_code == 200
    with django_assert_max_num_queries(12):
        assert client_alice.get(reverse("vouchers:movement-list")).status_code == 200


def test_customer_manager_sees_only_his_customers_vouchers(client, quota, alice, andy, partner_a):
    from partnercenter.partners import services as partner_services
    his, other = CustomerFactory(partner=partner_a), CustomerFactory(partner=partner_a)
    partner_services.customer_assign(customer_id=his.pk, manager=andy, actor=alice, on=dt.date(2026, 1, 1))
    mine, theirs = issue(quota, alice, customers=[his, other])
    client.force_login(andy)
    body = client.get(reverse("vouchers:voucher-list")).content.decode()
    assert mine.code in body and theirs.code not in body
    assert client.get(theirs.get_absolute_url()).status_code == 404
