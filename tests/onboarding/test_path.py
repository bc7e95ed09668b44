from decimal import Decimal

import pytest
from django.urls import reverse

from partnercenter.partners.models import CertificationApplication, Partner, PartnerDocument, ReviewStatus, User
from partnercenter.partners.onboarding import requirements, services
from partnercenter.workflow.machine import TransitionNotAllowed
from partnercenter.workflow.models import TransitionLog
from tests.onboarding.helpers import approved_document, document, performance, ready_for_role, staff

pytestmark = pytest.mark.django_db


def status_of(partner, stage):
    return {s.key: s.met for s in requirements.stage_status(partner, stage)}


def test_workflow_is_declared_once():
    wf = CertificationApplication.workflow
    assert wf is PartnerDocument.workflow
    assert {(t.name, tuple(t.sources), t.target) for t in wf.transitions.values()} == {
        ("resubmit", (ReviewStatus.REJECTED, ReviewStatus.WITHDRAWN), ReviewStatus.PENDING),
        ("withdraw", (ReviewStatus.PENDING,), ReviewStatus.WITHDRAWN),
        ("approve", (ReviewStatus.PENDING,), ReviewStatus.APPROVED),
        ("reject", (ReviewStatus.PENDING,), ReviewStatus.REJECTED),
    }


def test_join_path_from_the_page(client_alice, partner_a):
    response = client_alice.post(reverse("partners:path-join"), {"path": "dtcsi"}, follow=True)
    assert "加入数字化转型咨询与系统集成伙伴发展路径成功" in response.content.decode()
    partner_a.refresh_from_db()
    assert (partner_a.path, partner_a.stage) == ("dtcsi", Partner.Stage.JOINED)


def test_bad_path_and_non_main_account_are_refused(client, andy, alice, partner_a):
    client.force_login(alice)
    response = client.post(reverse("partners:path-join"), {"path": "nonsense"}, follow=True)
    assert "请选择有效的发展路径" in response.content.decode()
    client.force_login(andy)
    response = client.post(reverse("partners:path-join"), {"path": "service"}, follow=True)
    assert "只有伙伴主账号" in response.content.decode()
    partner_a.refresh_from_db()
    assert partner_a.path == ""


@pytest.mark.parametrize("key", ["realname", "business_info", "plan", "cases", "staff"])
def test_each_role_requirement_met_and_unmet(alice, operator, partner_a, key):
    partner = ready_for_role(alice, operator, certified=key not in ("realname", "business_info"))
    status = status_of(partner, requirements.ROLE)
    if key in ("realname", "business_info"):
        assert status[key] is False
        partner = ready_for_role(alice, operator)  # certify now
    assert status_of(partner, requirements.ROLE)[key] is True


def test_unmet_requirements_are_named_with_what_to_do(client_alice, alice, partner_a):
    client_alice.post(reverse("partners:path-join"), {"path": "service"})
    page = client_alice.get(reverse("partners:path")).content.decode()
    assert "未满足" in page and "提交企业实名认证并等待审核通过" in page
    response = client_alice.post(reverse("partners:certification-apply"), {"kind": "role"}, follow=True)
    assert "尚未满足以下要求" in response.content.decode() and "企业实名认证" in response.content.decode()
    assert not CertificationApplication.objects.exists()


def test_staff_counter_counts_active_non_readonly_members(partner_a, alice):
    staff(partner_a, 2)
    from tests.factories import UserFactory
    UserFactory(partner=partner_a, role=User.Role.READ_ONLY)
    UserFactory(partner=partner_a, role=User.Role.FINANCE, is_active=False)
    assert requirements.count_dedicated_staff(partner_a) == 3  # alice + 2


def test_performance_requirement(alice, operator, partner_a):
    partner = ready_for_role(alice, operator)
    assert status_of(partner, requirements.CAPABILITY)["performance"] is False
    performance(partner, "600000.00")
    assert requirements.annual_performance(partner) >= Decimal("500000.00")
    assert status_of(partner, requirements.CAPABILITY)["performance"] is True


def test_role_then_capability_certification_changes_stage_and_level(client, alice, operator, partner_a):
    partner = ready_for_role(alice, operator)
    client.force_login(alice)
    client.post(reverse("partners:certification-apply"), {"kind": "role", "statement": "我们有2名专职人员"})
    application = CertificationApplication.objects.get()
    assert application.status == ReviewStatus.PENDING
    # a second application while one is pending is refused
    with pytest.raises(TransitionNotAllowed):
        services.certification_apply(partner=partner, actor=alice, kind="role")

    client.force_login(operator)
    queue = client.get(reverse("review:queue") + "?tab=certification").content.decode()
    assert application.get_review_url() in queue
    client.post(application.get_review_url(), {"decision": "approve", "opinion": "材料齐全"})
    application.refresh_from_db()
    partner.refresh_from_db()
    assert application.status == ReviewStatus.APPROVED and application.certificate_no
    assert (partner.stage, partner.level) == (Partner.Stage.ROLE_CERTIFIED, Partner.Level.CERTIFIED)
    assert TransitionLog.objects.for_subject(application).filter(action="approve").exists()

    # certified partners cannot switch paths
    with pytest.raises(TransitionNotAllowed):
        services.path_join(partner=partner, actor=alice, path="software")

    client.force_login(alice)
    response = client.get(reverse("partners:certification-pdf", args=[application.pk]))
    assert response.status_code == 200 and response.content.startswith(b"%PDF")

    # capability: needs 5 staff, 3 cases and performance
    with pytest.raises(TransitionNotAllowed, match="专职人员数"):
        services.certification_apply(partner=partner, actor=alice, kind="capability")
    staff(partner, 3)
    approved_document(alice, operator, "case", "案例二")
    approved_document(alice, operator, "case", "案例三")
    performance(partner, "500000.00")
    capability = services.certification_apply(partner=partner, actor=alice, kind="capability")
    services.certification_approve(application_id=capability.pk, actor=operator)
    partner.refresh_from_db()
    assert (partner.stage, partner.level) == (Partner.Stage.CAPABILITY, Partner.Level.ADVANCED)


def test_rejection_needs_an_opinion_and_the_partner_sees_it(client, alice, operator, partner_a):
    ready_for_role(alice, operator)
    application = services.certification_apply(partner=partner_a, actor=alice, kind="role")
    client.force_login(operator)
    response = client.post(application.get_review_url(), {"decision": "reject", "reason_code": "other",
                                                           "opinion": ""})
    assert "请填写审核不通过的原因" in response.content.decode()
    client.post(application.get_review_url(), {"decision": "reject", "reason_code": "other", "opinion": "案例不足"})
    client.force_login(alice)
    page = client.get(application.get_absolute_url()).content.decode()
    assert "案例不足" in page
    assert client.get(reverse("partners:certification-pdf", args=[application.pk])).status_code == 404
    partner_a.refresh_from_db()
    assert partner_a.stage == Partner.Stage.JOINED


def test_document_upload_review_and_private_file(client, alice, andy, bob, operator, partner_a):
    client.force_login(alice)
    from tests.builders import licence_pdf
    response = client.post(reverse("partners:case-list"), {"title": "智慧工厂", "customer_name": "某制造",
                                                           "summary": "上云", "file": licence_pdf("case.pdf")})
    assert response.status_code == 302
    doc = PartnerDocument.objects.get()
    assert doc.kind == "case" and doc.status == ReviewStatus.PENDING
    # a file that is not what it claims is refused on the form
    from django.core.files.uploadedfile import SimpleUploadedFile
    bad = SimpleUploadedFile("x.pdf", b"not a pdf", content_type="application/pdf")
    response = client.post(reverse("partners:plan-list"), {"title": "计划", "file": bad})
    assert response.status_code == 200 and "文件内容与扩展名不符" in response.content.decode()
    # customer manager sees but cannot upload
    client.force_login(andy)
    assert client.get(reverse("partners:case-list")).status_code == 200
    client.post(reverse("partners:plan-list"), {"title": "x", "file": licence_pdf()})
    assert PartnerDocument.objects.count() == 1
    # other partner: 404 for the file
    client.force_login(bob)
    assert client.get(reverse("partners:document-file", args=[doc.pk])).status_code == 404
    # operator approves through the queue
    client.force_login(operator)
    assert doc.get_review_url() in client.get(reverse("review:queue") + "?tab=documents").content.decode()
    client.post(doc.get_review_url(), {"decision": "approve", "opinion": ""})
    doc.refresh_from_db()
    assert doc.status == ReviewStatus.APPROVED
    client.force_login(alice)
    assert client.get(reverse("partners:document-file", args=[doc.pk])).status_code == 200


def test_partner_users_get_404_on_review_pages(client_alice, alice):
    doc = document(alice)
    assert client_alice.get(doc.get_review_url()).status_code == 404


def test_path_page_query_count_is_constant(client_alice, alice, operator):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    ready_for_role(alice, operator)

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client_alice.get(reverse("partners:path")).status_code == 200
        return len(ctx.captured_queries)

    before = count()
    for i in range(5):
        approved_document(alice, operator, "case", f"案例{i}")
    services.certification_apply(partner=alice.partner, actor=alice, kind="role")
    after = count()
    assert after <= before + 1 and before < 40, before


def test_document_list_query_count_is_constant(client_alice, alice, operator):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count():
        with CaptureQueriesContext(connection) as ctx:
            client_alice.get(reverse("partners:case-list"))
        return len(ctx.captured_queries)

    document(alice, "case", "一")
    before = count()
    for i in range(6):
        document(alice, "case", f"案例{i}")
    assert count() == before, before


def test_staff_hint_points_to_the_certified_experts(client_alice, alice, operator, partner_a):
    """Dedicated staff are counted from FH certified experts (entered by operators): the unmet row says so and
    links to 认证专家, where the partner sees who counts; adding a member alone no longer raises the count."""
    import datetime as dt

    from tests.fh.helpers import expert

    services.path_join(partner=partner_a, actor=alice, path="service")
    alice_expert = expert(alice, valid_from=dt.date(2020, 1, 1), valid_to=dt.date(2099, 12, 31))
    staff(partner_a, 3)  # members without an expert certification do not count once experts are recorded
    assert requirements.count_dedicated_staff(partner_a) == 1
    page = client_alice.get(reverse("partners:path")).content.decode()
    assert "按有效期内的认证专家人数统计" in page and "华为云运营人员录入其专家认证" in page
    assert reverse("incentives:fh-expert-list") in page
    assert "在“组织成员”中添加专职人员" not in page
    expert_page = client_alice.get(reverse("incentives:fh-expert-list")).content.decode()
    assert alice_expert.certificate_no in expert_page
