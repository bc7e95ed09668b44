"""Certified experts entered by operators: one by one in the admin, or imported (CSV/XLSX) with a row-level report,
all rows or none; partners see their own experts read-only."""
import pytest
from django.contrib.auth.models import Permission
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from incentives.fh.models import CertifiedExpert
from incentives.fh.services import import_experts
from tests.fh.helpers import expert, member
from tests.fixtures_files.spreadsheets import csv_bytes, xlsx_bytes

pytestmark = pytest.mark.django_db

HEADER = ["证书编号", "伙伴账号ID", "人员账号", "认证名称", "认证级别", "生效日期", "失效日期"]


def row(number, person, *, level="高级专家", start="2026-01-01", end="2027-12-31", domain=None):
    return [number, domain or person.partner.domain_id, person.username, "华为云解决方案架构师", level, start, end]


@pytest.fixture
def people(partner_a, partner_b):
    return member(partner_a, "张专家"), member(partner_a, "李专家"), member(partner_b, "赵专家")


@pytest.fixture
def client_importer(client, operator):
    codenames = [f"{action}_certifiedexpert" for action in ("view", "add", "change")]
    operator.user_permissions.add(*Permission.objects.filter(content_type__app_label="fh", codename__in=codenames))
    client.force_login(operator)
    return client


def run(rows, name="experts.csv", maker=csv_bytes, actor=None):
    return import_experts(SimpleUploadedFile(name, maker(HEADER, rows)), filename=name, actor=actor)


def test_valid_file_imports_every_row_and_reimport_changes_nothing(people, operator):
    zhang, li, zhao = people
    rows = [row("C-1", zhang), row("C-2", li, level="初级专家"), row("C-3", zhao, level="professional")]
    report = run(rows, actor=operator)
    assert report.ok and (report.created, report.updated) == (3, 0)
    assert CertifiedExpert.objects.get(certificate_no="C-2").level == "associate"
    again = run(rows, actor=operator)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 3)
    changed = run([row("C-1", zhang, end="2028-06-30")], name="e.xlsx", maker=xlsx_bytes, actor=operator)
    assert changed.updated == 1 and str(CertifiedExpert.objects.get(certificate_no="C-1").valid_to) == "2028-06-30"


def test_bad_rows_are_reported_and_nothing_is_half_imported(people, operator):
    zhang, li, zhao = people
    rows = [
        row("C-1", zhang),                                           # row 2: fine
        row("C-2", li, level="大师"),                                 # row 3: unknown level
        row("C-3", zhao, domain=zhang.partner.domain_id),            # row 4: person of another partner
        row("C-4", li, start="2027-01-01", end="2026-01-01"),        # row 5: range backwards
        row("C-1", li),                                              # row 6: duplicate number in the file
        ["C-6", "no-such-partner", "ghost", "认证", "初级专家", "明天", ""],  # row 7: several problems
    ]
    report = run(rows, actor=operator)
    assert not report.ok and not CertifiedExpert.objects.exists()
    messages = [str(error) for error in report.errors]
    assert "第3行 认证级别：请填写以下值之一：初级专家、中级专家、高级专家" in messages
    assert "第4行 人员账号：该人员不是此伙伴的成员" in messages
    assert "第5行 失效日期：失效日期不能早于生效日期" in messages
    assert "第6行 证书编号：与第2行重复" in messages
    assert {"第7行 伙伴账号ID：伙伴不存在", "第7行 人员账号：人员账号不存在或已停用",
            "第7行 失效日期：不能为空"} <= set(messages)
    assert any(m.startswith("第7行 生效日期：") for m in messages)
    assert "未导入任何数据" in report.summary


def test_missing_columns_and_partner_users_are_refused(people, alice):
    report = import_experts(SimpleUploadedFile("e.csv", csv_bytes(["证书编号", "伙伴账号ID"], [["C-1", "x"]])),
                            filename="e.csv")
    assert report.file_errors and "缺少必需的列" in report.file_errors[0]
    with pytest.raises(PermissionDenied):
        run([row("C-1", people[0])], actor=alice)


def test_admin_import_page_shows_the_row_report(client_importer, people):
    zhang, li, _zhao = people
    url = reverse("admin:fh_certifiedexpert_import")
    assert url in client_importer.get(reverse("admin:fh_certifiedexpert_changelist")).content.decode()
    bad = csv_bytes(HEADER, [row("C-1", zhang), row("C-2", li, level="大师")])
    body = client_importer.post(url, {"file": SimpleUploadedFile("e.csv", bad)}).content.decode()
    assert "第3行" in body and "认证级别" in body and "未导入任何数据" in body
    assert not CertifiedExpert.objects.exists()
    good = csv_bytes(HEADER, [row("C-1", zhang), row("C-2", li)])
    body = client_importer.post(url, {"file": SimpleUploadedFile("e.csv", good)}).content.decode()
    assert "新增2行" in body and CertifiedExpert.objects.count() == 2
    template = client_importer.get(reverse("admin:fh_certifiedexpert_import_template"))
    assert template.content.decode("utf-8-sig").startswith(",".join(HEADER))


def test_admin_form_refuses_a_person_of_another_partner(client_importer, people):
    zhang, _li, zhao = people
    response = client_importer.post(reverse("admin:fh_certifiedexpert_add"), {
        "partner": zhang.partner_id, "person": zhao.pk, "certificate_no": "C-9", "certification": "架构师",
        "level": "senior", "valid_from": "2026-01-01", "valid_to": "2026-12-31"})
    assert "该人员不是此伙伴的成员" in response.content.decode()
    response = client_importer.post(reverse("admin:fh_certifiedexpert_add"), {
        "partner": zhang.partner_id, "person": zhang.pk, "certificate_no": "C-9", "certification": "架构师",
        "level": "senior", "valid_from": "2026-01-01", "valid_to": "2026-12-31"})
    assert response.status_code == 302
    assert CertifiedExpert.objects.get().recorded_by is not None


def test_partners_see_only_their_experts_read_only(client_alice, people):
    zhang, _li, zhao = people
    expert(zhang, number="MINE-1")
    expert(zhao, number="THEIRS-1")
    body = client_alice.get(reverse("incentives:fh-expert-list")).content.decode()
    assert "MINE-1" in body and "THEIRS-1" not in body
    assert client_alice.get(reverse("admin:fh_certifiedexpert_changelist")).status_code == 302
