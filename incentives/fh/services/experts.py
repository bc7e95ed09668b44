"""Importing certified experts (专家认证) from .csv / .xlsx in the admin, on the platform's import machinery:
every row is validated (a row-level report), then all rows are written in one transaction — or none.
The 证书编号 is the business key: a known number updates that certificate, so re-importing changes nothing."""
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from partnercenter.partners.imports.cells import CellError, Column, choice_parser, parse_datetime, parse_text
from partnercenter.partners.imports.common import (
    BATCH,
    check_unique_in_file,
    clean_instance,
    collect,
    fetch_by_key,
    finish,
    read_rows,
    require_importer,
)
from partnercenter.partners.imports.report import ImportReport
from partnercenter.partners.models import Partner, User

from ..models import CertifiedExpert

EXPERTS = "fh_experts"


def parse_date(value):
    try:
        return parse_datetime(value).date()
    except CellError as exc:
        raise CellError(_("请输入有效的日期，例如 2026-10-01")) from exc


EXPERT_COLUMNS = (
    Column("certificate_no", "证书编号", parse_text, max_length=40,
           help="文件内不可重复；已导入的证书编号将更新该证书"),
    Column("domain_id", "伙伴账号ID", parse_text, aliases=("partner", "partner_domain_id"),
           help="伙伴的账号ID (domain_id)"),
    Column("username", "人员账号", parse_text, aliases=("user", "login"), help="须为该伙伴已绑定的有效成员的登录账号"),
    Column("certification", "认证名称", parse_text, max_length=100, help="例如 华为云解决方案架构师"),
    Column("level", "认证级别", choice_parser(CertifiedExpert.Level.choices), help="初级专家、中级专家、高级专家"),
    Column("valid_from", "生效日期", parse_date, help="2026-01-01"),
    Column("valid_to", "失效日期", parse_date, help="不早于生效日期"),
)
LABELS = {column.key: column.label for column in EXPERT_COLUMNS}
UPDATED_FIELDS = ["partner", "person", "certification", "level", "valid_from", "valid_to"]


def import_experts(file_obj, *, filename: str, actor=None) -> ImportReport:
    require_importer(actor)
    report = ImportReport(kind=EXPERTS, filename=filename)
    rows = read_rows(file_obj, filename=filename, columns=EXPERT_COLUMNS, report=report)
    if not report.file_errors:
        check_unique_in_file(rows, "certificate_no", LABELS["certificate_no"], report)
        try:
            with transaction.atomic():
                _validate_and_write(rows, report, actor)
        except IntegrityError:
            report.add_file_error(_("导入时数据被其他操作同时修改，未导入任何数据，请重新导入。"))
    finish(report, actor)
    return report


def _validate_and_write(rows, report: ImportReport, actor) -> None:
    partners = fetch_by_key(Partner.objects.only("pk", "domain_id"), "domain_id", collect(rows, "domain_id"))
    users = fetch_by_key(User.objects.only("pk", "username", "partner_id", "is_active"), "username",
                         collect(rows, "username"))
    existing = fetch_by_key(CertifiedExpert.objects.all(), "certificate_no", collect(rows, "certificate_no"))
    new, updated, unchanged = [], [], 0
    for row in rows:
        expert, state = _expert_for_row(row, partners, users, existing, report, actor)
        if state == "new":
            new.append(expert)
        elif state == "updated":
            updated.append(expert)
        elif state == "unchanged":
            unchanged += 1
    if not report.ok:
        return  # nothing written: the report lists every problem at once
    CertifiedExpert.objects.bulk_create(new, batch_size=BATCH)
    if updated:
        CertifiedExpert.objects.bulk_update(updated, UPDATED_FIELDS, batch_size=BATCH)
    report.created, report.updated, report.unchanged = len(new), len(updated), unchanged


def _fail(row, report, key, message):
    report.add_error(row.number, LABELS[key], message)
    row.failed.add(key)


def _expert_for_row(row, partners, users, existing, report, actor):
    values = row.values
    partner = partners.get(values.get("domain_id"))
    user = users.get(values.get("username"))
    if "domain_id" in values and partner is None:
        _fail(row, report, "domain_id", _("伙伴不存在"))
    if "username" in values:
        if user is None or not user.is_active:
            _fail(row, report, "username", _("人员账号不存在或已停用"))
        elif partner is not None and user.partner_id != partner.pk:
            _fail(row, report, "username", _("该人员不是此伙伴的成员"))
    if values.get("valid_from") and values.get("valid_to") and values["valid_to"] < values["valid_from"]:
        _fail(row, report, "valid_to", _("失效日期不能早于生效日期"))
    if row.failed:
        return None, ""
    fields = {"partner_id": partner.pk, "person_id": user.pk, "certification": values["certification"],
              "level": values["level"], "valid_from": values["valid_from"], "valid_to": values["valid_to"]}
    expert = existing.get(values["certificate_no"])
    if expert is None:
        expert, state = CertifiedExpert(certificate_no=values["certificate_no"], recorded_by=actor,
                                        recorded_at=timezone.now(), **fields), "new"
    else:
        state = "updated" if any(getattr(expert, name) != value for name, value in fields.items()) else "unchanged"
        for name, value in fields.items():
            setattr(expert, name, value)
    clean_instance(expert, row, LABELS, report)
    return (None, "") if row.failed else (expert, state)
