"""The vendor back office: every admin page renders, imports run from the changelist, certification decisions go
through the review services, audit rows are read-only, and partner users never get in."""
import datetime as dt

import pytest
from django.contrib import admin
from django.contrib.admin import helpers
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from partnercenter.partners import services
from partnercenter.partners.models import ConsumptionLine, Order, Partner, RealNameApplication, ReviewStatus, User
from partnercenter.workflow.models import TransitionLog
from tests.builders import business_data, partner_world, realname_data, verify_real_name
from tests.factories import CustomerFactory, ProductFactory, UserFactory
from tests.fixtures_files.spreadsheets import (
    CONSUMPTION_HEADER,
    ORDER_HEADER,
    consumption_row,
    csv_bytes,
    order_row,
    xlsx_bytes,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def superuser(db):
    return UserFactory(username="root", partner=None, role="", is_staff=True, is_superuser=True)


@pytest.fixture
def client_superuser(client, superuser):
    client.force_login(superuser)
    return client


@pytest.fixture
def importer(operator):
    """The operator with exactly the permissions an import needs (not relying on the group's set-up)."""
    codenames = [f"{action}_{model}" for action in ("view", "add", "change") for model in ("order", "consumptionline")]
    operator.user_permissions.add(*Permission.objects.filter(content_type__app_label="partners",
                                                             codename__in=codenames))
    return operator


@pytest.fixture
def client_importer(client, importer):
    client.force_login(importer)
    return client


@pytest.fixture
def customer(partner_a):
    return CustomerFactory(partner=partner_a, customer_id="c-admin")


@pytest.fixture
def product():
    return ProductFactory(code="obs-standard")


def changelist(model):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")


# Every page renders ----------------------------------------------------------------------------------------


def test_every_registered_model_has_working_admin_pages(client_superuser, superuser, alice, operator, rf):
    partner_world(alice.partner, alice, operator, tag="甲")
    request = rf.get("/admin/")
    request.user = superuser
    for model, model_admin in admin.site._registry.items():
        opts = model._meta
        response = client_superuser.get(changelist(model))
        assert response.status_code == 200, f"{opts.label} changelist answered {response.status_code}"
        search = client_superuser.get(changelist(model), {"q": "甲 123"})
        assert search.status_code == 200, f"{opts.label} search"
        obj = model._default_manager.first()
        if obj is not None:
            change = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])
            assert client_superuser.get(change).status_code == 200, f"{opts.label} change page"
        if model_admin.has_add_permission(request):
            add = reverse(f"admin:{opts.app_label}_{opts.model_name}_add")
            assert client_superuser.get(add).status_code == 200, f"{opts.label} add page"


@pytest.mark.parametrize("url", ["/admin/", "/admin/partners/order/", "/admin/partners/order/import/"])
def test_partner_users_cannot_reach_the_admin(client_alice, url):
    response = client_alice.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


# Imports ---------------------------------------------------------------------------------------------------


def test_changelist_shows_the_import_button_to_importers_only(client, importer, customer):
    client.force_login(importer)
    import_url = reverse("admin:partners_order_import")
    assert import_url in client.get(changelist(Order)).content.decode()

    viewer = UserFactory(partner=None, role="", is_staff=True)
    viewer.user_permissions.add(Permission.objects.get(codename="view_order"))
    client.force_login(viewer)
    assert import_url not in client.get(changelist(Order)).content.decode()
    assert client.get(import_url).status_code == 403
    assert client.post(import_url).status_code == 403


def test_operator_imports_orders_from_the_admin(client_importer, customer, product):
    page = client_importer.get(reverse("admin:partners_order_import"))
    assert page.status_code == 200 and "订单号" in page.content.decode()

    content = csv_bytes(ORDER_HEADER, [order_row(f"ADM{n}", customer, product) for n in range(3)])
    response = client_importer.post(reverse("admin:partners_order_import"),
                                    {"file": SimpleUploadedFile("orders.csv", content)})
    body = response.content.decode()
    assert response.status_code == 200
    assert "新增3行" in body
    assert Order.objects.filter(order_no__startswith="ADM").count() == 3


def test_admin_import_shows_the_validation_report(client_importer, customer, product):
    rows = [order_row("OK1", customer, product), order_row("BAD", customer, product, amount="abc")]
    response = client_importer.post(reverse("admin:partners_order_import"),
                                    {"file": SimpleUploadedFile("orders.csv", csv_bytes(ORDER_HEADER, rows))})
    body = response.content.decode()
    assert "第3行" in body and "实付金额" in body and "请输入有效的金额" in body
    assert "未导入任何数据" in body
    assert not Order.objects.exists()


def test_admin_imports_consumption_from_xlsx(client_importer, customer, product):
    content = xlsx_bytes(CONSUMPTION_HEADER, [consumption_row("ADM-L1", customer, product, amount=-10)])
    response = client_importer.post(reverse("admin:partners_consumptionline_import"),
                                    {"file": SimpleUploadedFile("消费.xlsx", content)})
    assert response.status_code == 200
    assert ConsumptionLine.objects.get(source_ref="ADM-L1").partner == customer.partner


def test_admin_upload_refuses_other_file_types(client_importer):
    response = client_importer.post(reverse("admin:partners_order_import"),
                                    {"file": SimpleUploadedFile("orders.pdf", b"%PDF-1.4")})
    assert "仅支持 .csv 和 .xlsx 文件" in response.content.decode()


def test_import_template_download(client_importer):
    response = client_importer.get(reverse("admin:partners_consumptionline_import_template"))
    assert response.status_code == 200
    assert response.content.decode("utf-8-sig").startswith("来源流水号,账期,客户账号ID")


# Read-only audit -------------------------------------------------------------------------------------------


def test_audit_trail_is_read_only_even_for_superusers(client_superuser, superuser, alice, operator, rf):
    verify_real_name(alice.partner, alice, operator)
    log = TransitionLog.objects.first()
    model_admin = admin.site._registry[TransitionLog]
    request = rf.get("/admin/")
    request.user = superuser
    assert not model_admin.has_add_permission(request)
    assert not model_admin.has_change_permission(request, log)
    assert not model_admin.has_delete_permission(request, log)

    assert client_superuser.get("/admin/workflow/transitionlog/add/").status_code == 403
    assert client_superuser.get(f"/admin/workflow/transitionlog/{log.pk}/delete/").status_code == 403
    view = client_superuser.get(f"/admin/workflow/transitionlog/{log.pk}/change/")
    assert view.status_code == 200 and 'name="_save"' not in view.content.decode()
    client_superuser.post(f"/admin/workflow/transitionlog/{log.pk}/change/", {"comment": "改写"})
    log.refresh_from_db()
    assert log.comment != "改写"


# Certification decisions through the services -------------------------------------------------------------


@pytest.fixture
def pending_realname(alice):
    return services.realname_submit(partner=alice.partner, actor=alice, data=realname_data(alice.partner))


def run_action(client, model, action, pks, **extra):
    return client.post(changelist(model), {"action": action, helpers.ACTION_CHECKBOX_NAME: pks, **extra})


def test_application_change_page_is_view_only_and_links_to_review(client_superuser, pending_realname):
    url = reverse("admin:partners_realnameapplication_change", args=[pending_realname.pk])
    body = client_superuser.get(url).content.decode()
    assert pending_realname.get_review_url() in body
    assert 'name="_save"' not in body
    client_superuser.post(url, {"status": "approved"})
    pending_realname.refresh_from_db()
    assert pending_realname.status == ReviewStatus.PENDING
    assert pending_realname.get_review_url() in client_superuser.get(changelist(RealNameApplication)).content.decode()


def test_approve_action_calls_the_review_service(client_superuser, superuser, alice, pending_realname):
    response = run_action(client_superuser, RealNameApplication, "approve_selected", [pending_realname.pk], index=0)
    assert response.status_code == 302
    pending_realname.refresh_from_db()
    alice.partner.refresh_from_db()
    assert pending_realname.status == ReviewStatus.APPROVED
    assert alice.partner.real_name_status == Partner.RealName.VERIFIED
    assert TransitionLog.objects.for_subject(pending_realname).filter(action="approve", actor=superuser).exists()


def test_approving_a_decided_application_reports_why_not(client_superuser, pending_realname):
    run_action(client_superuser, RealNameApplication, "approve_selected", [pending_realname.pk], index=0)
    response = run_action(client_superuser, RealNameApplication, "approve_selected", [pending_realname.pk],
                          index=0)
    page = client_superuser.get(response["Location"]).content.decode()
    assert "不能执行" in page and "审核通过" in page
    assert TransitionLog.objects.for_subject(pending_realname).filter(action="approve").count() == 1


def test_reject_action_asks_for_an_opinion_first(client_superuser, alice, pending_realname):
    ask = run_action(client_superuser, RealNameApplication, "reject_selected", [pending_realname.pk], index=0)
    assert ask.status_code == 200 and "审核意见" in ask.content.decode()

    missing = run_action(client_superuser, RealNameApplication, "reject_selected", [pending_realname.pk],
                         apply="1", reason_code="document_unclear", opinion="")
    assert missing.status_code == 200 and "errorlist" in missing.content.decode()
    pending_realname.refresh_from_db()
    assert pending_realname.status == ReviewStatus.PENDING

    done = run_action(client_superuser, RealNameApplication, "reject_selected", [pending_realname.pk],
                      apply="1", reason_code="document_unclear", opinion="营业执照不清晰")
    assert done.status_code == 302
    pending_realname.refresh_from_db()
    alice.partner.refresh_from_db()
    assert (pending_realname.status, pending_realname.opinion) == (ReviewStatus.REJECTED, "营业执照不清晰")
    assert alice.partner.real_name_status == Partner.RealName.REJECTED
    log = TransitionLog.objects.get(object_id=pending_realname.pk, action="reject")
    assert (log.reason_code, log.comment) == ("document_unclear", "营业执照不清晰")


def test_businessinfo_actions(client_superuser, alice, operator):
    from partnercenter.partners.models import BusinessInfoApplication

    verify_real_name(alice.partner, alice, operator)
    first = services.businessinfo_submit(partner=alice.partner, actor=alice, data=business_data(alice.partner))
    run_action(client_superuser, BusinessInfoApplication, "reject_selected", [first.pk], apply="1",
               reason_code="bank_invalid", opinion="银行账号无法核实")
    first.refresh_from_db()
    assert first.status == ReviewStatus.REJECTED

    services.businessinfo_resubmit(application_id=first.pk, actor=alice, data=business_data(alice.partner))
    run_action(client_superuser, BusinessInfoApplication, "approve_selected", [first.pk], index=0)
    first.refresh_from_db()
    assert first.status == ReviewStatus.APPROVED
    assert alice.partner.business_info.application == first


# Users -----------------------------------------------------------------------------------------------------


def test_user_admin_keeps_partner_and_role_together(client_superuser, partner_a):
    url = reverse("admin:partners_user_add")
    base = {"username": "newbie", "usable_password": "true", "password1": "S3cure-pass-2026",
            "password2": "S3cure-pass-2026", "full_name": "新人", "email": "", "phone": ""}
    refused = client_superuser.post(url, {**base, "partner": partner_a.pk, "role": ""})
    assert refused.status_code == 200 and "伙伴用户必须选择组织角色" in refused.content.decode()

    created = client_superuser.post(url, {**base, "partner": partner_a.pk, "role": User.Role.FINANCE})
    assert created.status_code == 302
    user = User.objects.get(username="newbie")
    assert (user.partner, user.role, user.full_name) == (partner_a, "finance", "新人")


def test_partner_users_cannot_be_made_staff(client_superuser, alice):
    url = reverse("admin:partners_user_change", args=[alice.pk])
    data = {"username": alice.username, "full_name": alice.full_name, "email": alice.email, "phone": "",
            "partner": alice.partner_id, "role": alice.role, "is_active": "on", "is_staff": "on",
            "last_login_0": "", "last_login_1": "", "date_joined_0": "2026-01-01", "date_joined_1": "00:00:00"}
    response = client_superuser.post(url, data)
    assert "伙伴用户不能登录管理后台" in response.content.decode()
    alice.refresh_from_db()
    assert not alice.is_staff


def test_customer_changelist_shows_the_current_manager(client_superuser, alice, andy, customer):
    services.customer_assign(customer_id=customer.pk, manager=andy, actor=alice, on=dt.date(2026, 1, 1))
    assert "李安" in client_superuser.get(changelist(type(customer))).content.decode()


@pytest.mark.parametrize("url", [
    "/admin/fh/certifiedexpert/", "/admin/fh/certifiedexpert/add/", "/admin/incentives/incentivepolicy/add/",
    "/admin/vouchers/mdfclaim/", "/admin/payments/paymentrequest/", "/admin/partners/opportunity/add/",
    "/admin/renewals/renewaltask/",
])
def test_operators_who_are_not_superusers_reach_the_wings_back_office(client_operator, operator, url):
    assert not operator.is_superuser
    assert client_operator.get(url).status_code == 200


def test_operators_view_but_do_not_edit_wing_applications(client_operator, operator):
    assert operator.has_perm("payments.view_paymentrequest")
    assert not operator.has_perm("payments.change_paymentrequest")
    assert operator.has_perm("fh.add_certifiedexpert")
