"""Resubmission of rejected 商业计划/案例 and of rejected 角色/能力认证: the partner reads the reviewer's
opinion, edits and sends again; the next version is kept (revision, audit trail) and the review clock restarts."""
import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from partnercenter.partners.models import CertificationApplication, Partner, PartnerDocument, ReviewStatus, User
from partnercenter.partners.onboarding import services
from partnercenter.workflow.machine import TransitionNotAllowed
from partnercenter.workflow.models import Deadline, TransitionLog
from tests.builders import licence_pdf
from tests.onboarding.helpers import document, ready_for_role

pytestmark = pytest.mark.django_db


def rejected_case(alice, operator, opinion="请补充客户验收报告"):
    doc = document(alice, "case", "智慧园区案例")
    return services.document_reject(application_id=doc.pk, actor=operator, opinion=opinion,
                                    reason_code="document_unclear")


def rejected_role(alice, operator, opinion="案例不足以证明交付能力"):
    ready_for_role(alice, operator)
    application = services.certification_apply(partner=alice.partner, actor=alice, kind="role", statement="初次申请")
    return services.certification_reject(application_id=application.pk, actor=operator, opinion=opinion)


def open_clock(obj):
    return Deadline.objects.for_subject(obj).open()


def actions(obj):
    return list(TransitionLog.objects.filter(object_id=obj.pk, content_type__model=type(obj)._meta.model_name)
                .order_by("pk").values_list("action", flat=True))


# 商业计划 / 案例 ------------------------------------------------------------------------------------------

def test_rejected_document_shows_opinion_and_is_resubmitted_with_a_new_file(client_alice, alice, operator):
    doc = rejected_case(alice, operator)
    assert not open_clock(doc).exists()
    old_file = doc.file.name
    page = client_alice.get(doc.get_absolute_url()).content.decode()
    resubmit_url = reverse("partners:document-resubmit", args=[doc.pk])
    assert "请补充客户验收报告" in page and resubmit_url in page

    form_page = client_alice.get(resubmit_url).content.decode()
    assert "请补充客户验收报告" in form_page and "智慧园区案例" in form_page
    assert old_file not in form_page  # no link to the private storage path
    response = client_alice.post(resubmit_url, {"title": "智慧园区案例（含验收报告）", "customer_name": "某园区",
                                                "summary": "附客户验收报告", "file": licence_pdf("v2.pdf")})
    assert response.status_code == 302 and response.url == doc.get_absolute_url()

    doc.refresh_from_db()
    assert doc.status == ReviewStatus.PENDING and doc.revision == 2
    assert doc.title == "智慧园区案例（含验收报告）" and doc.file.name != old_file
    assert doc.reviewed_by is None and doc.opinion == "请补充客户验收报告"  # kept for the reviewer
    assert actions(doc) == ["submit", "reject", "resubmit"]
    assert TransitionLog.objects.for_subject(doc).filter(action="resubmit").get().comment == "第2版"
    [clock] = open_clock(doc)
    assert clock.owner == "vendor" and clock.working_days == 3
    assert Deadline.objects.for_subject(doc).count() == 2  # the first clock closed, a new one started
    # the operator sees it in the queue again and can approve the new version
    services.document_approve(application_id=doc.pk, actor=operator)
    doc.refresh_from_db()
    assert doc.status == ReviewStatus.APPROVED and doc.revision == 2
    assert client_alice.get(reverse("partners:document-file", args=[doc.pk])).status_code == 200


def test_resubmit_without_a_new_file_keeps_the_current_one(client_alice, alice, operator):
    doc = rejected_case(alice, operator)
    old_file = doc.file.name
    response = client_alice.post(reverse("partners:document-resubmit", args=[doc.pk]),
                                 {"title": "智慧园区案例", "customer_name": "某园区", "summary": "补充说明"})
    assert response.status_code == 302
    doc.refresh_from_db()
    assert doc.status == ReviewStatus.PENDING and doc.file.name == old_file and doc.summary == "补充说明"


def test_resubmit_bad_input_is_a_form_error(client_alice, alice, operator):
    doc = rejected_case(alice, operator)
    url = reverse("partners:document-resubmit", args=[doc.pk])
    bad = SimpleUploadedFile("x.pdf", b"not a pdf", content_type="application/pdf")
    response = client_alice.post(url, {"title": "智慧园区案例", "customer_name": "某园区", "file": bad})
    assert response.status_code == 200 and "文件内容与扩展名不符" in response.content.decode()
    response = client_alice.post(url, {"title": "智慧园区案例", "customer_name": ""})
    assert response.status_code == 200 and "这个字段是必填项" in response.content.decode()
    doc.refresh_from_db()
    assert doc.status == ReviewStatus.REJECTED and doc.revision == 1


def test_pending_or_approved_documents_cannot_be_resubmitted(client_alice, alice, operator):
    doc = document(alice, "plan")
    response = client_alice.post(reverse("partners:document-resubmit", args=[doc.pk]), {"title": "改"}, follow=True)
    assert "当前材料不能修改后重新提交" in response.content.decode()
    with pytest.raises(TransitionNotAllowed):
        services.document_resubmit(document_id=doc.pk, actor=alice, data={"title": "改"})
    doc.refresh_from_db()
    assert doc.title == "年度商业计划" and doc.revision == 1


def test_only_the_main_account_resubmits_and_other_partners_get_404(client, alice, andy, bob, operator):
    doc = rejected_case(alice, operator)
    url = reverse("partners:document-resubmit", args=[doc.pk])
    with pytest.raises(PermissionDenied):
        services.document_resubmit(document_id=doc.pk, actor=andy, data={"title": "x"})
    client.force_login(andy)
    page = client.get(doc.get_absolute_url()).content.decode()
    assert "请补充客户验收报告" in page and url not in page
    assert "当前材料不能修改后重新提交" in client.get(url, follow=True).content.decode()
    client.force_login(bob)
    assert client.get(url).status_code == 404
    assert client.post(url, {"title": "x", "customer_name": "y"}).status_code == 404
    doc.refresh_from_db()
    assert doc.status == ReviewStatus.REJECTED


# 角色认证 / 能力差异化认证 -------------------------------------------------------------------------------

def test_rejected_certification_is_resubmitted_and_approved(client, alice, operator, partner_a):
    application = rejected_role(alice, operator)
    client.force_login(alice)
    page = client.get(application.get_absolute_url()).content.decode()
    url = reverse("partners:certification-resubmit", args=[application.pk])
    assert "案例不足以证明交付能力" in page and url in page
    form_page = client.get(url).content.decode()
    assert "案例不足以证明交付能力" in form_page and "初次申请" in form_page and "已满足" in form_page

    response = client.post(url, {"statement": "补充了两个交付案例"})
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == ReviewStatus.PENDING and application.revision == 2
    assert application.statement == "补充了两个交付案例" and application.reviewed_by is None
    assert actions(application) == ["submit", "reject", "resubmit"]
    assert open_clock(application).count() == 1
    assert CertificationApplication.objects.count() == 1  # the same application, its next version

    client.force_login(operator)
    client.post(application.get_review_url(), {"decision": "approve", "opinion": "已补充"})
    application.refresh_from_db()
    partner_a.refresh_from_db()
    assert application.status == ReviewStatus.APPROVED and application.certificate_no
    assert (partner_a.stage, partner_a.level) == (Partner.Stage.ROLE_CERTIFIED, Partner.Level.CERTIFIED)


def test_certification_resubmit_rechecks_the_requirements(client, alice, operator, partner_a):
    application = rejected_role(alice, operator)
    # a staff member leaves: the stage is no longer met
    User.objects.filter(partner=partner_a, role=User.Role.FINANCE).update(is_active=False)
    client.force_login(alice)
    url = reverse("partners:certification-resubmit", args=[application.pk])
    page = client.get(url).content.decode()
    assert "未满足" in page and "专职人员数" in page
    response = client.post(url, {"statement": "再试"}, follow=True)
    assert "尚未满足以下要求" in response.content.decode() and "专职人员数" in response.content.decode()
    application.refresh_from_db()
    assert application.status == ReviewStatus.REJECTED and application.revision == 1
    assert not open_clock(application).exists()


def test_certification_resubmit_refused_when_another_is_pending_or_path_changed(alice, operator, partner_a):
    application = rejected_role(alice, operator)
    services.certification_apply(partner=partner_a, actor=alice, kind="role", statement="新申请")
    with pytest.raises(TransitionNotAllowed, match="已有审核中的认证申请"):
        services.certification_resubmit(application_id=application.pk, actor=alice, statement="x")

    other = CertificationApplication.objects.exclude(pk=application.pk).get()
    services.certification_withdraw(application_id=other.pk, actor=alice)
    services.path_join(partner=partner_a, actor=alice, path="software")
    with pytest.raises(TransitionNotAllowed, match="发展路径或阶段已变化"):
        services.certification_resubmit(application_id=application.pk, actor=alice, statement="x")
    application.refresh_from_db()
    assert application.status == ReviewStatus.REJECTED


def test_certification_resubmit_permissions_and_tenancy(client, alice, andy, bob, operator):
    application = rejected_role(alice, operator)
    url = reverse("partners:certification-resubmit", args=[application.pk])
    with pytest.raises(PermissionDenied):
        services.certification_resubmit(application_id=application.pk, actor=andy, statement="x")
    client.force_login(andy)
    assert "当前申请不能修改后重新提交" in client.post(url, {"statement": "x"}, follow=True).content.decode()
    client.force_login(bob)
    assert client.get(url).status_code == 404
    assert client.post(url, {"statement": "x"}).status_code == 404
    application.refresh_from_db()
    assert application.status == ReviewStatus.REJECTED and application.statement == "初次申请"


def test_pending_certification_cannot_be_resubmitted(alice, operator, partner_a):
    ready_for_role(alice, operator)
    application = services.certification_apply(partner=partner_a, actor=alice, kind="role")
    with pytest.raises(TransitionNotAllowed):
        services.certification_resubmit(application_id=application.pk, actor=alice, statement="x")
    assert PartnerDocument.objects.filter(status=ReviewStatus.PENDING).count() == 0
