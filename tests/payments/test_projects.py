"""交付能力提升支持: 项目报备 only from a delivering opportunity, one subsidised project per customer per period,
the workflow, and the subsidy's payment panel on the project page."""
import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from partnercenter.partners.models import Opportunity
from partnercenter.workflow.machine import TransitionNotAllowed
from payments import services
from payments.models import DeliveryProject, PaymentRequest

from .helpers import accepted_project, opportunity, project_data, request_to

pytestmark = pytest.mark.django_db
P = DeliveryProject.Status


def test_workflow_graph():
    assert DeliveryProject.workflow.graph() == {
        P.REPORTED: {P.TRACKING, P.REJECTED},
        P.TRACKING: {P.ACCEPTING},
        P.ACCEPTING: {P.ACCEPTED, P.TRACKING},
        P.ACCEPTED: {P.EVALUATED},
    }


@pytest.mark.parametrize("status", [Opportunity.Status.REPORTED, Opportunity.Status.CLOSED])
def test_only_delivering_opportunities_can_be_reported(status, ready_partner, alice):
    opp = opportunity(ready_partner, status=status)
    with pytest.raises(ValidationError) as exc:
        services.project_report(actor=alice, data=project_data(opp))
    assert "opportunity" in exc.value.error_dict


def test_one_subsidised_project_per_customer_per_period(ready_partner, alice, operator):
    first = opportunity(ready_partner)
    project = services.project_report(actor=alice, data=project_data(first))
    second = opportunity(ready_partner, customer=first.customer, status=Opportunity.Status.DELIVERED)
    with pytest.raises(ValidationError) as exc:
        services.project_report(actor=alice, data=project_data(second))
    assert project.code in exc.value.messages[0]
    services.project_review_report(project_id=project.pk, actor=operator, approve=False, comment="非交付类项目")
    again = services.project_report(actor=alice, data=project_data(second))  # a rejected report frees the slot
    assert again.status == P.REPORTED and again.period == project.period


def test_full_flow_and_refusals(ready_partner, alice, operator):
    opp = opportunity(ready_partner)
    project = services.project_report(actor=alice, data=project_data(opp))
    with pytest.raises(TransitionNotAllowed):
        services.project_request_acceptance(project_id=project.pk, actor=alice, note="完成")
    with pytest.raises(ValidationError):
        services.project_review_report(project_id=project.pk, actor=operator, approve=False, comment="")
    services.project_review_report(project_id=project.pk, actor=operator, approve=True)
    services.project_update_progress(project_id=project.pk, actor=alice, note="完成数据迁移")
    services.project_request_acceptance(project_id=project.pk, actor=alice, note="客户已签验收单")
    services.project_return_acceptance(project_id=project.pk, actor=operator, comment="缺少验收单扫描件")
    services.project_request_acceptance(project_id=project.pk, actor=alice, note="已补充")
    with pytest.raises(ValidationError):
        services.project_accept(project_id=project.pk, actor=operator, approved_subsidy="99999.00")
    services.project_accept(project_id=project.pk, actor=operator, approved_subsidy="18000.00")
    with pytest.raises(TransitionNotAllowed):
        services.project_accept(project_id=project.pk, actor=operator, approved_subsidy="1.00")
    services.project_evaluate(project_id=project.pk, actor=operator, rating=5, evaluation="交付质量高")
    project.refresh_from_db()
    assert project.status == P.EVALUATED and project.approved_subsidy == 18000


def test_detail_page_shows_the_subsidy_request(client, ready_partner, alice, operator):
    project = accepted_project(alice, operator)
    client.force_login(alice)
    page = client.get(reverse("payments:delivery-project-detail", args=[project.pk])).content.decode()
    assert "申请付款" in page and "预计付款日期" in page or "预计付款日期" in page.replace("现在申请，", "")
    response = client.post(reverse("payments:request-start"), {"kind": "delivery_project", "source_id": project.pk})
    request = PaymentRequest.objects.get()
    assert response.status_code == 302 and response["Location"] == request.get_absolute_url()
    client.post(reverse("payments:request-start"), {"kind": "delivery_project", "source_id": project.pk})
    assert PaymentRequest.objects.count() == 1  # a double click finds the first request
    request = request_to(PaymentRequest.Status.DRAFT, project, alice, operator)
    services.payment_request_submit(request_id=request.pk, actor=alice, payout_method="bank")
    page = client.get(reverse("payments:delivery-project-detail", args=[project.pk])).content.decode()
    assert request.code in page and "申请处理中" in page
