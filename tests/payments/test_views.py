"""Pages: the list's status and kind filters, the selector, statements, the review pages (bad input is a form
error, never a 500), the invoice form, 项目报备 and the home to-do."""
import pytest
from django.urls import reverse

from partnercenter.todo import todo_items_for
from payments import selectors
from payments.models import DeliveryProject, PaymentRequest

from .helpers import TAX_ID, accepted_project, invoice_pdf, opportunity, request_to

pytestmark = pytest.mark.django_db
S = PaymentRequest.Status


@pytest.fixture
def requests(ready_partner, alice, operator):
    return {status: request_to(status, accepted_project(alice, operator, name=f"项目{status}"), alice, operator)
            for status in (S.DRAFT, S.RETURNED, S.AWAITING_INVOICE, S.PAID)}


def test_list_filters_by_status_and_kind(client, alice, requests):
    client.force_login(alice)
    url = reverse("payments:request-list")
    page = client.get(url, {"status": "returned"}).content.decode()
    assert requests[S.RETURNED].code in page and requests[S.PAID].code not in page
    page = client.get(url, {"kind": "delivery_project"}).content.decode()
    assert all(r.code in page for r in requests.values()) and "交付能力提升支持" in page
    page = client.get(url, {"kind": "fh_quarter"}).content.decode()
    assert "没有符合条件的付款申请" in page and requests[S.PAID].code not in page
    assert list(selectors.requests_for_kind(alice, "delivery_project")) == sorted(
        requests.values(), key=lambda r: (r.created_at, r.pk), reverse=True)
    assert not selectors.requests_for_kind(alice, "incentive_bill").exists()


def test_statements_list_only_paid(client, alice, requests):
    client.force_login(alice)
    page = client.get(reverse("payments:bill-list")).content.decode()
    assert requests[S.PAID].code in page and requests[S.AWAITING_INVOICE].code not in page
    pdf = client.get(reverse("payments:request-statement", args=[requests[S.PAID].pk]))
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF-")
    unpaid = client.get(reverse("payments:request-statement", args=[requests[S.DRAFT].pk]))
    assert unpaid.status_code == 302


def test_detail_shows_the_return_reason_inline(client, alice, requests):
    client.force_login(alice)
    page = client.get(requests[S.RETURNED].get_absolute_url()).content.decode()
    assert "退回修改：" in page and "开户行有误" in page and "修改后重新提交" in page


def test_invoice_form_errors_are_on_the_fields(client, alice, requests):
    client.force_login(alice)
    request = requests[S.AWAITING_INVOICE]
    url = reverse("payments:request-invoice", args=[request.pk])
    bad = client.post(url, {"invoice_no": "12AB", "invoice_date": "2026-11-01", "invoice_tax_id": "123",
                            "invoice_amount": str(request.amount), "invoice_file": invoice_pdf()})
    body = bad.content.decode()
    assert bad.status_code == 200 and "发票号码应为8位或20位" in body and "纳税人识别号应为18位" in body
    wrong = client.post(url, {"invoice_no": "12345678", "invoice_date": "2026-11-01", "invoice_tax_id": TAX_ID,
                              "invoice_amount": "1.00", "invoice_file": invoice_pdf()})
    assert "须与申请金额" in wrong.content.decode()
    request.refresh_from_db()
    assert request.status == S.AWAITING_INVOICE


def test_review_pages_refuse_bad_input_without_500(client, operator, ready_partner, alice):
    processing = request_to(S.PROCESSING, accepted_project(alice, operator), alice, operator)
    client.force_login(operator)
    url = reverse("payments:request-review", args=[processing.pk])
    response = client.post(url, {"decision": "reject", "comment": ""})
    assert response.status_code == 200 and "请填写审核意见" in response.content.decode()
    assert client.post(url, {"decision": "nonsense"}).status_code == 200
    response = client.post(url, {"decision": "return", "comment": "请补充开户许可证"})
    assert response.status_code == 302
    processing.refresh_from_db()
    assert processing.status == S.RETURNED
    client.get(reverse("payments:request-review-list"))  # consumes the flash message
    queue = client.get(reverse("payments:request-review-list")).content.decode()
    assert processing.code not in queue and "没有待处理的付款申请" in queue


def test_partners_do_not_see_the_review_pages(client, alice, requests):
    client.force_login(alice)
    assert client.get(reverse("payments:request-review-list")).status_code == 404
    assert client.get(reverse("payments:request-review", args=[requests[S.DRAFT].pk])).status_code == 404


def test_project_report_page(client, ready_partner, alice, operator):
    opp = opportunity(ready_partner, name="数据中台机会点")
    opportunity(ready_partner, name="未交付机会点", status="reported")
    client.force_login(alice)
    url = reverse("payments:delivery-project-create")
    page = client.get(url).content.decode()
    assert "数据中台机会点" in page and "未交付机会点" not in page
    response = client.post(url, {"opportunity": opp.pk, "name": "数据中台交付", "scope": "建设数据中台",
                                 "staff_count": 4, "workload_days": 80, "requested_subsidy": "25000.00"})
    project = DeliveryProject.objects.get()
    assert response.status_code == 302 and response["Location"] == project.get_absolute_url()
    again = client.post(url, {"opportunity": opp.pk, "name": "重复", "scope": "x", "staff_count": 1,
                              "workload_days": 1, "requested_subsidy": "1.00"})
    assert again.status_code == 200 and "仅支持申请1个项目的补贴" in again.content.decode()


def test_home_todo_lists_what_waits_for_the_partner(alice, requests):
    titles = [item.title for item in todo_items_for(alice)]
    assert "1 个付款申请被退回修改，请修改后重新提交" in titles and "1 个付款申请待开票" in titles


def test_incentive_tab_lists_only_incentive_sources(client, alice, requests):
    client.force_login(alice)
    page = client.get(reverse("incentives:application-list")).content.decode()
    assert "申请记录" in page and requests[S.PAID].code not in page  # delivery-project requests are not incentives


def test_admin_pages_render(client, requests):
    from tests.factories import OperatorFactory

    admin = OperatorFactory(is_superuser=True)
    client.force_login(admin)
    for name in ("paymentrequest", "deliveryproject", "paymentcontract", "codecounter"):
        assert client.get(reverse(f"admin:payments_{name}_changelist")).status_code == 200, name
    assert client.get(reverse("admin:payments_paymentrequest_change", args=[requests[S.PAID].pk])).status_code == 200


def test_statement_pdf_text(client, alice, requests):
    import subprocess
    from pathlib import Path

    shots = Path("/tmp/shots/pay")  # noqa: S108 - where the brief wants the screenshots
    shots.mkdir(parents=True, exist_ok=True)
    client.force_login(alice)
    paid = requests[S.PAID]
    path = shots / "statement.pdf"
    path.write_bytes(client.get(reverse("payments:request-statement", args=[paid.pk])).content)
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    for expected in ["华为云激励付款凭证", paid.code, "15000.00", "HW001", "银行转账付款", "**** 3445"]:
        assert expected in text, expected
    subprocess.run(["pdftoppm", "-png", "-r", "50", "-singlefile", str(path), str(shots / "statement")], check=True)
