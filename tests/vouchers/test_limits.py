"""Per-customer caps on a quota (count and amount; refused naming the rule; safe under concurrent issues on
PostgreSQL) and the eligible-partner check on quota grants."""
import threading
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from partnercenter.partners.models import Partner
from tests.builders import verify_real_name
from tests.factories import CustomerFactory, PartnerFactory, UserFactory
from tests.vouchers.helpers import grant, issue, make_eligible
from vouchers import services
from vouchers.eligibility import grant_refusals
from vouchers.models import Voucher
from vouchers.selectors import ledger_adds_up


@pytest.mark.django_db
def test_per_customer_count_cap_names_the_rule(partner_a, alice, operator):
    quota = grant(partner_a, operator, "10000.00", per_customer_count=2)
    customer = CustomerFactory(partner=partner_a)
    issue(quota, alice, customers=[customer], face_value="100.00")
    issue(quota, alice, customers=[customer], face_value="100.00")
    with pytest.raises(ValidationError) as err:
        issue(quota, alice, customers=[customer], face_value="100.00")
    assert err.value.message_dict["customers"] == [
        f"超出每客户限额：客户“{customer.name}”已持有该额度的 2 张提货券，每客户最多 2 张。"]
    assert [e.code for e in err.value.error_dict["customers"]] == ["per_customer_limit"]
    issue(quota, alice, face_value="100.00")  # another customer is not affected
    # A recalled voucher no longer counts: the customer may receive one again.
    services.vouchers_recall(voucher_ids=[Voucher.objects.filter(customer=customer).first().pk], actor=alice)
    issue(quota, alice, customers=[customer], face_value="100.00")
    quota.refresh_from_db()
    assert ledger_adds_up(quota)


@pytest.mark.django_db
def test_per_customer_amount_cap(partner_a, alice, operator):
    quota = grant(partner_a, operator, "10000.00", per_customer_amount="500.00")
    customer = CustomerFactory(partner=partner_a)
    issue(quota, alice, customers=[customer], face_value="300.00")
    with pytest.raises(ValidationError, match="已从该额度获发 300.00 元，再发 200.01 元将超过每客户最高 500.00 元"):
        issue(quota, alice, customers=[customer], face_value="200.01")
    issue(quota, alice, customers=[customer], face_value="200.00")
    quota.refresh_from_db()
    assert quota.balance == Decimal("9500.00")


@pytest.mark.django_db
def test_a_batch_with_one_capped_customer_issues_nothing(partner_a, alice, operator):
    quota = grant(partner_a, operator, "10000.00", per_customer_count=1)
    capped, fresh = CustomerFactory.create_batch(2, partner=partner_a)
    issue(quota, alice, customers=[capped], face_value="100.00")
    with pytest.raises(ValidationError, match="超出每客户限额"):
        issue(quota, alice, customers=[fresh, capped], face_value="100.00")
    assert not Voucher.objects.filter(customer=fresh).exists()
    with pytest.raises(ValidationError, match="只能选择一次"):
        issue(quota, alice, customers=[fresh, fresh], face_value="100.00")


@pytest.mark.django_db
@pytest.mark.parametrize("field, value, message", [
    ("per_customer_amount", "0", "每客户最高金额须大于0"),
    ("per_customer_amount", "20000.00", "不能超过额度总额"),
    ("per_customer_count", 0, "至少为1"),
])
def test_bad_caps_are_refused(partner_a, operator, field, value, message):
    with pytest.raises(ValidationError, match=message):
        grant(partner_a, operator, "10000.00", **{field: value})


def run_together(work, count):
    barrier = threading.Barrier(count)
    outcomes, messages = [], []

    def target(i):
        try:
            barrier.wait()
            work(i)
            outcomes.append("ok")
        except ValidationError as exc:
            outcomes.append("refused")
            messages.extend(exc.messages)
        finally:
            connection.close()

    threads = [threading.Thread(target=target, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes, messages


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("caps, expected", [({"per_customer_count": 2}, 2), ({"per_customer_amount": "300.00"}, 3)])
def test_concurrent_issues_to_one_customer_respect_the_cap(partner_a, alice, operator, caps, expected):
    if connection.vendor != "postgresql":
        pytest.skip("row locks are a PostgreSQL guarantee")
    quota = grant(partner_a, operator, "10000.00", **caps)
    customer = CustomerFactory(partner=partner_a)
    outcomes, messages = run_together(lambda i: issue(quota, alice, customers=[customer], face_value="100.00"), 8)
    assert outcomes.count("ok") == expected and outcomes.count("refused") == 8 - expected
    assert all(m.startswith("超出每客户限额") for m in messages)
    assert Voucher.objects.filter(quota=quota, customer=customer).count() == expected
    quota.refresh_from_db()
    assert quota.balance == Decimal("10000.00") - expected * Decimal("100.00") and ledger_adds_up(quota)


@pytest.mark.django_db
def test_grant_refused_for_a_partner_without_real_name(partner_a, operator):
    with pytest.raises(ValidationError) as err:
        grant(partner_a, operator, eligible=False)
    assert err.value.message_dict["partner"] == [
        "伙伴未完成实名认证（当前：未实名认证），不能授予提货券额度。",
        "伙伴未完成商业信息认证（当前：未认证），不能授予提货券额度。",
    ]
    assert [e.code for e in err.value.error_dict["partner"]] == ["not_eligible_real_name",
                                                                 "not_eligible_business_info"]
    assert not partner_a.voucher_quotas.exists()


@pytest.mark.django_db
def test_grant_refused_until_business_info_is_certified(partner_a, alice, operator):
    verify_real_name(partner_a, alice, operator)
    partner_a.refresh_from_db()
    assert [r.rule for r in grant_refusals(partner_a)] == ["business_info"]
    with pytest.raises(ValidationError, match="伙伴未完成商业信息认证"):
        grant(partner_a, operator, eligible=False)
    make_eligible(partner_a, operator)
    assert grant(partner_a, operator, eligible=False).balance == Decimal("10000.00")


@pytest.mark.django_db
def test_reseller_needs_a_verified_distributor(operator):
    distributor = PartnerFactory(name="总经销", partner_type=Partner.Type.DISTRIBUTOR)
    reseller = PartnerFactory(name="经销商", partner_type=Partner.Type.RESELLER, distributor=distributor)
    UserFactory(partner=reseller)
    make_eligible(reseller, operator)
    assert [r.rule for r in grant_refusals(reseller)] == ["distributor"]
    with pytest.raises(ValidationError, match="云经销商所属的总经销商未完成实名认证"):
        grant(reseller, operator, eligible=False)
    UserFactory(partner=distributor)
    make_eligible(distributor, operator)
    reseller.refresh_from_db()
    assert grant_refusals(reseller) == []
    assert grant(reseller, operator, eligible=False).partner == reseller
