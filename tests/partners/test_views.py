"""Partner pages through the test client: forms keep input on errors, uploads are checked, roles are respected."""
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from partnercenter.partners import services
from partnercenter.partners.models import Partner, RealNameApplication, User
from tests.builders import PDF_BYTES, business_data, realname_data, verify_real_name
from tests.factories import CustomerFactory, UserFactory

pytestmark = pytest.mark.django_db


def realname_post(partner, **overrides):
    data = realname_data(partner, **overrides)
    return data


def test_realname_submit_through_the_page(client_alice, alice):
    response = client_alice.post(reverse("partners:realname"), realname_post(alice.partner))
    application = RealNameApplication.objects.get()
    assert response.status_code == 302 and response["Location"] == application.get_absolute_url()
    page = client_alice.get(application.get_absolute_url())
    assert "审核中" in page.content.decode() and "剩余" in page.content.decode()


@pytest.mark.parametrize(("name", "content", "message"), [
    ("licence.exe", b"MZ\x90\x00", "仅支持 PDF、JPG、PNG"),
    ("licence.pdf", b"<html>not a pdf</html>", "文件内容与扩展名不符"),
])
def test_bad_upload_is_refused_and_input_kept(client_alice, alice, name, content, message):
    data = realname_post(alice.partner, licence=SimpleUploadedFile(name, content), corp_name="保留我输入的名称")
    response = client_alice.post(reverse("partners:realname"), data)
    body = response.content.decode()
    assert response.status_code == 200
    assert message in body
    assert "保留我输入的名称" in body
    assert not RealNameApplication.objects.exists()


def test_bad_credit_code_shows_field_error(client_alice, alice):
    response = client_alice.post(reverse("partners:realname"), realname_post(alice.partner, credit_code="123"))
    assert response.status_code == 200
    assert "统一社会信用代码应为18位" in response.content.decode()


def test_licence_download_is_private(client, alice, bob, operator):
    application = services.realname_submit(partner=alice.partner, actor=alice, data=realname_data(alice.partner))
    url = reverse("partners:realname-licence", args=[application.pk])
    client.force_login(bob)
    assert client.get(url).status_code == 404
    client.force_login(operator)
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert b"".join(response.streaming_content) == PDF_BYTES


def test_customer_manager_cannot_submit_and_sees_why(client, andy):
    client.force_login(andy)
    body = client.get(reverse("partners:realname")).content.decode()
    assert "只有伙伴主账号可以提交实名认证" in body


def test_business_info_form_errors_are_next_to_fields(client_alice, alice, operator):
    verify_real_name(alice.partner, alice, operator)
    data = business_data(alice.partner, bank_account_name="另一家公司", bank_account_no="12ab")
    response = client_alice.post(reverse("partners:businessinfo-apply"), data)
    body = response.content.decode()
    assert response.status_code == 200
    assert "开户名必须与实名认证名称" in body
    assert "银行账号应为8至30位数字" in body
    assert "另一家公司" in body  # what the user typed is kept


def test_review_approve_through_the_page(client, alice, operator):
    application = services.realname_submit(partner=alice.partner, actor=alice, data=realname_data(alice.partner))
    client.force_login(operator)
    queue = client.get(reverse("review:queue")).content.decode()
    assert alice.partner.name in queue
    url = reverse("review:realname-review", args=[application.pk])
    missing = client.post(url, {"decision": "reject", "opinion": ""})
    assert "审核不通过时请选择原因" in missing.content.decode()
    response = client.post(url, {"decision": "approve", "opinion": "材料齐全"})
    assert response.status_code == 302
    alice.partner.refresh_from_db()
    assert alice.partner.real_name_status == Partner.RealName.VERIFIED


def test_review_pages_are_404_for_partners(client_alice):
    assert client_alice.get(reverse("review:queue")).status_code == 404


def test_customer_list_scoping_by_role(client, alice, andy, bob):
    mine = CustomerFactory(partner=alice.partner, name="安迪的客户")
    other = CustomerFactory(partner=alice.partner, name="别人的客户")
    CustomerFactory(partner=bob.partner, name="乙方的客户")
    services.customer_assign(customer_id=mine.pk, manager=andy, actor=alice)
    client.force_login(andy)
    body = client.get(reverse("partners:customer-list")).content.decode()
    assert "安迪的客户" in body and "别人的客户" not in body and "乙方的客户" not in body
    assert client.get(reverse("partners:customer-detail", args=[other.pk])).status_code == 404
    client.force_login(alice)
    body = client.get(reverse("partners:customer-list")).content.decode()
    assert "安迪的客户" in body and "别人的客户" in body and "乙方的客户" not in body


def test_customer_list_filters_and_query_count(client_alice, alice, andy, django_assert_max_num_queries):
    for i in range(30):
        customer = CustomerFactory(partner=alice.partner, name=f"客户{i:02d}")
        if i % 2:
            services.customer_assign(customer_id=customer.pk, manager=andy, actor=alice)
    url = reverse("partners:customer-list")
    with django_assert_max_num_queries(14):
        response = client_alice.get(url, {"assignment": "unassigned"})
    assert response.context["page_obj"].paginator.count == 15
    response = client_alice.get(url, {"manager": andy.pk, "q": "客户0"})
    assert {c.name for c in response.context["object_list"]} == {"客户01", "客户03", "客户05", "客户07", "客户09"}
    bogus = client_alice.get(url, {"manager": "not-a-number", "page": "999"})
    assert bogus.status_code == 200


def test_assign_keeps_management_periods(client_alice, alice, andy):
    other_manager = UserFactory(partner=alice.partner, role=User.Role.CUSTOMER_MANAGER, full_name="周经理")
    customer = CustomerFactory(partner=alice.partner)
    url = reverse("partners:customer-assign", args=[customer.pk])
    client_alice.post(url, {"manager": andy.pk})
    response = client_alice.post(url, {"manager": other_manager.pk})
    assert response.status_code == 302
    assert customer.assignments.count() == 1  # same-day reassignment replaces, no empty period
    foreign = UserFactory(role=User.Role.CUSTOMER_MANAGER)
    response = client_alice.post(url, {"manager": foreign.pk}, follow=True)
    assert "选择一个有效的选项" in response.content.decode() or "请选择" in response.content.decode()


def test_customer_export_has_exactly_the_filtered_scoped_rows(client_alice, alice, andy, bob):
    mine = CustomerFactory(partner=alice.partner, name="导出客户甲")
    CustomerFactory(partner=alice.partner, name="未分配客户乙")
    CustomerFactory(partner=bob.partner, name="乙方客户丙")
    services.customer_assign(customer_id=mine.pk, manager=andy, actor=alice)
    response = client_alice.get(reverse("partners:customer-export"), {"assignment": "assigned"})
    body = b"".join(response.streaming_content).decode("utf-8")
    assert response["Content-Type"].startswith("text/csv")
    assert body.startswith("\ufeff客户名称")
    lines = body.strip().splitlines()
    assert len(lines) == 2 and "导出客户甲" in lines[1] and "李安" in lines[1]
    assert "乙方客户丙" not in body and "未分配客户乙" not in body
