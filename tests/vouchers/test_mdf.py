import threading
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.urls import reverse

from partnercenter.workflow.machine import TransitionNotAllowed
from partnercenter.workflow.models import Deadline
from tests.vouchers.mdf_helpers import application_data, budget_for, draft, pdf
from vouchers import mdf_services as services
from vouchers.models import MdfApplication, MdfAttachment

S = MdfApplication.Status


def test_workflow_graph():
    assert MdfApplication.workflow.graph() == {
        S.DRAFT: {S.IN_REVIEW}, S.REJECTED: {S.IN_REVIEW}, S.WITHDRAWN: {S.IN_REVIEW},
        S.IN_REVIEW: {S.APPROVED, S.REJECTED, S.WITHDRAWN}, S.APPROVED: {S.WITHDRAWN},
    }


@pytest.fixture
def budget(partner_a, operator, db):
    return budget_for(partner_a, operator)


def in_state(status, alice, operator):
    application = draft(alice)
    if status == S.DRAFT:
        return application
    services.mdf_submit(application_id=application.pk, actor=alice)
    if status == S.APPROVED:
        services.mdf_approve(application_id=application.pk, actor=operator)
    elif status == S.REJECTED:
        services.mdf_reject(application_id=application.pk, actor=operator, comment="预算明细不清楚")
    elif status == S.WITHDRAWN:
        services.mdf_withdraw(application_id=application.pk, actor=alice)
    application.refresh_from_db()
    assert application.status == status
    return application


@pytest.mark.django_db
@pytest.mark.parametrize("status,allowed", [(S.DRAFT, False), (S.IN_REVIEW, True), (S.APPROVED, True),
                                            (S.REJECTED, False), (S.WITHDRAWN, False)])
def test_withdraw_from_each_status(budget, alice, operator, status, allowed):
    application = in_state(status, alice, operator)
    if allowed:
        services.mdf_withdraw(application_id=application.pk, actor=alice)
        application.refresh_from_db()
        assert application.status == S.WITHDRAWN and application.is_editable and application.is_deletable
    else:
        with pytest.raises(TransitionNotAllowed):
            services.mdf_withdraw(application_id=application.pk, actor=alice)


@pytest.mark.django_db
def test_submit_opens_a_three_working_day_review_clock(budget, alice, operator):
    application = draft(alice)
    services.mdf_submit(application_id=application.pk, actor=alice)
    deadline = Deadline.objects.for_subject(application).open().get()
    assert deadline.working_days == 3 and deadline.owner == "vendor"
    services.mdf_approve(application_id=application.pk, actor=operator)
    assert not Deadline.objects.for_subject(application).open().exists()


@pytest.mark.django_db
def test_rejected_is_fixed_and_resubmitted(budget, alice, operator):
    application = in_state(S.REJECTED, alice, operator)
    services.mdf_application_save(actor=alice, application_id=application.pk,
                                  data=application_data(amount=Decimal("15000.00")))
    services.mdf_submit(application_id=application.pk, actor=alice)
    application.refresh_from_db()
    assert application.status == S.IN_REVIEW and application.amount == Decimal("15000.00")


@pytest.mark.django_db
def test_reject_needs_a_reason_and_partner_cannot_review(budget, alice, operator):
    application = in_state(S.IN_REVIEW, alice, operator)
    with pytest.raises(ValidationError):
        services.mdf_reject(application_id=application.pk, actor=operator, comment=" ")
    with pytest.raises(PermissionDenied):
        services.mdf_approve(application_id=application.pk, actor=alice)


@pytest.mark.django_db
def test_approvals_never_exceed_the_budget(partner_a, alice, operator):
    budget_for(partner_a, operator, "30000.00")
    first, second = draft(alice), draft(alice)
    for a in (first, second):
        services.mdf_submit(application_id=a.pk, actor=alice)
    services.mdf_approve(application_id=first.pk, actor=operator)
    with pytest.raises(ValidationError):
        services.mdf_approve(application_id=second.pk, actor=operator)
    with pytest.raises(ValidationError):  # and the submit already checks the remaining budget
        services.mdf_submit(application_id=draft(alice).pk, actor=alice)


@pytest.mark.django_db(transaction=True)
def test_concurrent_approvals_never_exceed_the_budget(partner_a, alice, operator):
    if connection.vendor != "postgresql":
        pytest.skip("row locks are a PostgreSQL guarantee")
    budget_for(partner_a, operator, "50000.00")
    applications = [draft(alice) for _ in range(6)]
    for a in applications:
        services.mdf_submit(application_id=a.pk, actor=alice)
    barrier, outcomes = threading.Barrier(6), []

    def approve(pk):
        try:
            barrier.wait()
            services.mdf_approve(application_id=pk, actor=operator)
            outcomes.append("ok")
        except ValidationError:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=approve, args=(a.pk,)) for a in applications]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert outcomes.count("ok") == 2
    assert MdfApplication.objects.filter(status=S.APPROVED).count() == 2


@pytest.mark.django_db
def test_no_budget_no_application(alice):
    with pytest.raises(ValidationError):
        draft(alice)


@pytest.mark.django_db
def test_delete_only_draft_or_withdrawn(budget, alice, operator):
    with pytest.raises(ValidationError):
        services.mdf_delete(application_id=in_state(S.IN_REVIEW, alice, operator).pk, actor=alice)
    application = in_state(S.WITHDRAWN, alice, operator)
    services.mdf_delete(application_id=application.pk, actor=alice)
    assert not MdfApplication.objects.filter(pk=application.pk).exists()


@pytest.mark.django_db
def test_budget_dashboard_totals(budget, alice, operator):
    in_state(S.IN_REVIEW, alice, operator)
    in_state(S.APPROVED, alice, operator)
    totals = budget.totals()
    assert totals["requested"] == Decimal("20000.00") and totals["approved"] == Decimal("20000.00")
    assert totals["remaining"] == Decimal("80000.00")


# ---- pages -----------------------------------------------------------------------------------------------

@pytest.mark.django_db
def test_create_submit_withdraw_through_pages(client_alice, budget):
    data = application_data()
    data.update({"start_date": data["start_date"].isoformat(), "end_date": data["end_date"].isoformat(),
                 "attachments": [pdf()]})
    response = client_alice.post(reverse("vouchers:mdf-create"), data, follow=True)
    assert response.status_code == 200
    application = MdfApplication.objects.get()
    assert application.attachments.count() == 1
    detail = client_alice.get(application.get_absolute_url()).content.decode()
    assert "确认提交使用申请吗?" in detail
    response = client_alice.post(reverse("vouchers:mdf-submit", args=[application.pk]), follow=True)
    assert "MDF使用申请提交成功!" in response.content.decode()
    response = client_alice.post(reverse("vouchers:mdf-withdraw", args=[application.pk]), follow=True)
    application.refresh_from_db()
    assert application.status == S.WITHDRAWN
    list_page = client_alice.get(reverse("vouchers:mdf-list")).content.decode()
    assert "华为云城市峰会" in list_page and "已撤销" in list_page


@pytest.mark.django_db
def test_bad_attachment_is_a_form_error(client_alice, budget):
    data = application_data()
    data.update({"start_date": data["start_date"].isoformat(), "end_date": data["end_date"].isoformat(),
                 "attachments": [pdf("x.exe")]})
    response = client_alice.post(reverse("vouchers:mdf-create"), data)
    assert response.status_code == 200 and not MdfApplication.objects.exists()
    assert "PDF" in response.content.decode()


@pytest.mark.django_db
def test_attachment_is_private(client, alice, bob, operator, budget):
    application = services.mdf_application_save(actor=alice, data=application_data(), files=[pdf()])
    attachment = MdfAttachment.objects.get(application=application)
    url = reverse("vouchers:mdf-attachment", args=[attachment.pk])
    client.force_login(alice)
    assert client.get(url).status_code == 200
    client.force_login(bob)
    assert client.get(url).status_code == 404


@pytest.mark.django_db
def test_review_page_is_vendor_only_and_decides(client, alice, operator, budget):
    application = in_state(S.IN_REVIEW, alice, operator)
    url = reverse("vouchers:mdf-review", args=[application.pk])
    client.force_login(alice)
    assert client.get(url).status_code == 404
    assert client.get(reverse("vouchers:mdf-review-list")).status_code == 404
    client.force_login(operator)
    assert application.activity_name in client.get(reverse("vouchers:mdf-review-list")).content.decode()
    assert client.post(url, {"decision": "reject", "comment": ""}).status_code == 200  # reason required
    client.post(url, {"decision": "reject", "comment": "请补充预算明细"})
    application.refresh_from_db()
    assert application.status == S.REJECTED and application.review_comment == "请补充预算明细"


@pytest.mark.django_db
def test_budget_page(client, operator, partner_a):
    client.force_login(operator)
    response = client.post(reverse("vouchers:mdf-budget"), {"partner": partner_a.pk, "year": 2026,
                                                            "amount": "50000"}, follow=True)
    assert response.status_code == 200
    assert partner_a.mdf_budgets.get(year=2026).amount == Decimal("50000.00")


@pytest.mark.django_db
def test_todo_items(budget, alice, operator, client):
    from partnercenter.todo import todo_items_for
    in_state(S.IN_REVIEW, alice, operator)
    items = [i for i in todo_items_for(operator) if "MDF使用申请审核：华为云城市峰会" in i.title]
    assert items and items[0].due_on is not None
    in_state(S.REJECTED, alice, operator)
    assert any("审核不通过" in i.title for i in todo_items_for(alice))
    client.force_login(operator)
    assert client.get("/").status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("n", [1, 8])
def test_mdf_list_queries_do_not_grow(client_alice, budget, alice, n, django_assert_max_num_queries):
    for i in range(n):
        draft(alice, activity_name=f"活动{i}", amount=Decimal("100.00"))
    with django_assert_max_num_queries(14):
        assert client_alice.get(reverse("vouchers:mdf-list")).status_code == 200


@pytest.mark.django_db
def test_dashboard_totals_in_one_query_equal_the_budgets_own(partner_a, partner_b, alice, bob, operator):
    from tests.vouchers.claim_helpers import approved_claim
    from vouchers.models import MdfBudget

    budget_for(partner_a, operator)
    budget_for(partner_b, operator, amount="50000.00")
    approved_claim(alice, operator)  # an approved application (20,000) with a claim counted as used (15,000)
    in_state(S.IN_REVIEW, alice, operator)
    in_state(S.APPROVED, bob, operator)
    annotated = {b.pk: b.totals() for b in MdfBudget.objects.with_totals()}
    for budget in MdfBudget.objects.all():
        assert annotated[budget.pk] == budget.totals()
    assert annotated[MdfBudget.objects.get(partner=partner_a).pk]["used"] == Decimal("15000.00")


@pytest.mark.django_db
@pytest.mark.parametrize("partners", [1, 6])
def test_operator_dashboard_queries_do_not_grow_with_budgets(client_operator, operator, partners,
                                                             django_assert_max_num_queries):
    from tests.factories import PartnerFactory

    for _ in range(partners):
        budget_for(PartnerFactory(), operator)
    with django_assert_max_num_queries(14):
        assert client_operator.get(reverse("vouchers:mdf-list")).status_code == 200
