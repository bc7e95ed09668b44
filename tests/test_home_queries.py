"""The home page costs the same number of queries whatever the length of the to-do list.

Each wing's to-do provider counts its items in a fixed number of queries, and the working-day deadlines fetch
their subjects per kind of subject, not per deadline. The world grows from 1 to 5 of every to-do kind and the
count must not move (and stays under a bound, so a new provider that adds queries is a conscious decision)."""
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from partnercenter.workflow.models import Deadline
from partnercenter.workflow.services import deadline_open
from payments.models import PaymentRequest
from renewals.expansion import sales_task_create
from renewals.models import Strategy, SubStrategy
from tests.builders import certify_business_info, verify_real_name
from tests.factories import CustomerFactory
from tests.payments.helpers import accepted_project, request_to
from tests.renewals.helpers import expiring_order, generate, managed_customer
from tests.vouchers.claim_helpers import approved_application, claim_draft
from tests.vouchers.mdf_helpers import budget_for, draft
from vouchers import claim_services, mdf_services

pytestmark = pytest.mark.django_db

# Measured in this world after the providers were reduced to one query each (December 2026): main account 23,
# customer manager 20, operator 6 (before: 26/23/6 with 1 item of each kind, 38/35/14 with 5). The bounds leave
# a little room; the operator's count grows with the kinds of subject under review, not with their number.
BOUNDS = {"main": 25, "manager": 22, "operator": 8}


@pytest.fixture
def world(partner_a, alice, andy, operator):
    verify_real_name(partner_a, alice, operator)
    certify_business_info(partner_a, alice, operator)
    budget_for(partner_a, operator, amount="10000000.00")
    return SimpleNamespace(partner=partner_a, main=alice, manager=andy, operator=operator)


def add_todo_items(world, count: int) -> None:
    """`count` more of every kind of item the home to-do list shows, for the partner and for the operator."""
    main, operator, partner = world.main, world.operator, world.partner
    S = PaymentRequest.Status
    for _i in range(count):
        # 伙伴信息 / 客户: an unassigned customer; a customer of the manager carries the tasks.
        CustomerFactory(partner=partner)
        customer = managed_customer(partner=partner, manager=world.manager, main=main)
        # 付款申请: one draft, one returned, one waiting for the invoice (the last two open partner deadlines).
        for status in (S.DRAFT, S.RETURNED, S.AWAITING_INVOICE):
            billed = managed_customer(partner=partner, manager=world.manager, main=main)  # 1 project per customer
            request_to(status, accepted_project(main, operator, customer=billed), main, operator)
        # MDF: an application rejected, one waiting for review (an operator deadline), claims returned/approved.
        rejected = draft(main, amount=Decimal("1000.00"))
        mdf_services.mdf_submit(application_id=rejected.pk, actor=main)
        mdf_services.mdf_reject(application_id=rejected.pk, actor=operator, comment="材料不全")
        pending = draft(main, amount=Decimal("1000.00"))
        mdf_services.mdf_submit(application_id=pending.pk, actor=main)
        for outcome in ("return", "approve"):
            application = approved_application(main, operator, "5000.00")
            claim = claim_draft(main, application, "3000.00", (("venue", "3000.00"),))
            claim_services.claim_submit(claim_id=claim.pk, actor=main)
            if outcome == "return":
                claim_services.claim_return(claim_id=claim.pk, actor=operator, comment="水单不清晰")
            else:
                claim_services.claim_approve(claim_id=claim.pk, actor=operator)
        # 大单续订 and 销售拓展 tasks on the manager's customer.
        expiring_order(customer=customer)
        sales_task_create(actor=operator, customer=customer, strategy=Strategy.CROSS_SELL,
                          sub_strategy=SubStrategy.SINGLE_PRODUCT, name="交叉复购任务",
                          deadline=timezone.localdate())
        # Deadlines on a third kind of subject, for each side.
        for owner in (Deadline.Owner.PARTNER, Deadline.Owner.VENDOR):
            deadline_open(obj=customer, partner=partner, kind="test", label="跟进客户", working_days=5, owner=owner)
    generate()


def home_queries(client, user):
    client.force_login(user)
    client.get("/")  # warm the per-process caches (content types, working-day calendar)
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/")
    assert response.status_code == 200
    return len(queries), [item.title for item in response.context["todo_items"]]


@pytest.mark.parametrize("who", ["main", "manager", "operator"])
def test_home_query_count_does_not_grow_with_the_to_do_list(client, world, who):
    user = getattr(world, who)
    add_todo_items(world, 1)
    few, few_titles = home_queries(client, user)
    add_todo_items(world, 4)
    many, many_titles = home_queries(client, user)

    assert few == many, f"{few} queries with 1 of each to-do kind, {many} with 5"
    assert many <= BOUNDS[who]
    # The world did grow in what this user sees: more deadlines or larger counts.
    assert few_titles and many_titles != few_titles


def test_the_main_account_sees_every_count_of_the_world(client, world):
    add_todo_items(world, 2)
    _count, titles = home_queries(client, world.main)
    for expected in ("2 个付款申请待提交", "2 个付款申请被退回修改，请修改后重新提交", "2 个付款申请待开票",
                     "2 个MDF使用申请审核不通过，待修改后重新提交", "2 个MDF核销被退回修改，待修改后重新提交",
                     "2 个MDF核销已审核通过，可申请付款", "2 个大单续订任务待跟进", "2 个销售拓展任务待跟进",
                     "2 位客户尚未分配客户经理"):
        assert expected in titles
    assert titles.count("跟进客户") == 2


def test_the_fh_items_come_from_one_query_and_link_to_their_objects(world, django_assert_num_queries):
    from incentives.fh import services as fh_services
    from incentives.fh.models import FhQualification, SpecialistRoster
    from incentives.fh.todo import fh_items
    from tests.fh.helpers import member, qualify

    main = world.main
    with django_assert_num_queries(1):
        assert fh_items(main) == []
    qualification = qualify(main, world.operator)
    fh_services.specialist_add(actor=main, person_id=member(world.partner, "项目专员").pk, position="政务云售前")
    roster = SpecialistRoster.objects.get(partner=world.partner)
    FhQualification.objects.filter(pk=qualification.pk).update(status=FhQualification.Status.REJECTED)
    with django_assert_num_queries(1):
        items = fh_items(main)
    assert [item.url for item in items] == [qualification.get_absolute_url(), roster.get_absolute_url()]
    SpecialistRoster.objects.filter(pk=roster.pk).update(reviewed_at=timezone.now())
    assert [item.url for item in fh_items(main)] == [qualification.get_absolute_url()]


def test_operators_items_name_the_partner(client, world, partner_b):
    """Two partners' alike-named items waiting on the vendor are told apart by the partner's name."""
    for partner in (world.partner, partner_b):
        customer = CustomerFactory(partner=partner)
        deadline_open(obj=customer, partner=partner, kind="test", label="跟进客户", working_days=5,
                      owner=Deadline.Owner.VENDOR)
    client.force_login(world.operator)
    items = [item for item in client.get("/").context["todo_items"] if item.title == "跟进客户"]
    assert sorted(item.detail for item in items) == sorted([world.partner.name, partner_b.name])
    deadline_open(obj=CustomerFactory(partner=world.partner), partner=world.partner, kind="test", label="跟进客户",
                  working_days=5, owner=Deadline.Owner.PARTNER)
    client.force_login(world.main)
    mine = [item for item in client.get("/").context["todo_items"] if item.title == "跟进客户"]
    assert [item.detail for item in mine] == [""]  # a partner's own items need no name
    deadline_open(obj=CustomerFactory(partner=partner_b), partner=partner_b, kind="test",
                  label=f"认证审核：{partner_b.name}", working_days=5, owner=Deadline.Owner.VENDOR)
    client.force_login(world.operator)
    named = [item for item in client.get("/").context["todo_items"] if item.title.startswith("认证审核")]
    assert [item.detail for item in named] == [""]  # the title names the partner already
