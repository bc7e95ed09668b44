"""FH pages through the client: qualification with its review, 项目专员 (邀请列表 → 项目专员申请), 激励确认 with
materials and 初审, vendor-only pages, the to-do item, and the tenancy walk over FH's URLs."""
import pytest
from django.urls import get_resolver, reverse

from incentives.fh.models import FhQualification, MonthlyIncentive, ProjectSpecialist, SpecialistRoster
from partnercenter.partners.models import Partner
from partnercenter.todo import todo_items_for
from tests.builders import partner_world
from tests.fh.helpers import QUALIFICATION, generate, make_eligible, member, pdf, qualify, staffed
from tests.test_tenancy import scoped_model_of, walk

pytestmark = pytest.mark.django_db


def text(response):
    return response.content.decode()


def test_partner_off_the_path_sees_exactly_what_is_missing(client, bob):
    Partner.objects.filter(pk=bob.partner_id).update(path=Partner.Path.SOFTWARE, stage=Partner.Stage.ROLE_CERTIFIED)
    client.force_login(bob)
    page = text(client.get(reverse("incentives:fh")))
    assert "未加入数字化转型咨询与系统集成伙伴(SI)发展路径" in page and "尚未达到能力差异化认证阶段" in page
    assert "软件合作伙伴" in page and "提交资格申请" not in page
    response = client.post(reverse("incentives:fh"), QUALIFICATION, follow=True)
    assert "暂不满足FH资格申请条件" in text(response) and not FhQualification.objects.exists()


def test_apply_review_and_see_the_progress(client, alice, operator):
    make_eligible(alice.partner)
    client.force_login(alice)
    response = client.post(reverse("incentives:fh"), {**QUALIFICATION, "agreement": ""})
    assert "这个字段是必填项" in text(response) or "必填" in text(response)
    response = client.post(reverse("incentives:fh"), QUALIFICATION, follow=True)
    page = text(response)
    assert "FH资格申请提交成功" in page and "查看详情" in page
    qualification = FhQualification.objects.get()
    detail = text(client.get(qualification.get_absolute_url()))
    assert "提交资格申请" in detail and "审核中" in detail and "审核截止" in detail

    assert client.get(reverse("incentives:fh-qualification-review", args=[qualification.pk])).status_code == 404
    client.force_login(operator)
    assert qualification.code in text(client.get(reverse("incentives:fh-review-list")))
    url = reverse("incentives:fh-qualification-review", args=[qualification.pk])
    assert "请填写审核不通过的原因" in text(client.post(url, {"decision": "reject", "comment": ""}))
    client.post(url, {"decision": "reject", "comment": "请补充专职团队说明"})
    client.force_login(alice)
    assert "FH资格申请审核不通过" in text(client.get(reverse("incentives:fh")))
    resubmit = reverse("incentives:fh-qualification-resubmit", args=[qualification.pk])
    assert "请补充专职团队说明" in text(client.get(resubmit))
    client.post(resubmit, {**QUALIFICATION, "statement": "已补充"})
    client.force_login(operator)
    client.post(url, {"decision": "approve", "comment": ""})
    client.force_login(alice)
    page = text(client.get(reverse("incentives:fh")))
    assert "FH资格申请成功" in page and "查看项目专员" in page
    timeline = text(client.get(qualification.get_absolute_url()))
    for step in ("提交资格申请", "审核不通过", "重新提交", "审核通过"):
        assert step in timeline


def test_invite_a_bound_member_as_project_specialist_then_change_and_review(client_alice, alice, operator):
    qualify(alice, operator)
    chen = member(alice.partner, "陈晨")
    page = text(client_alice.get(reverse("incentives:specialist-list") + "?tab=invite"))
    assert "陈晨" in page and "申请项目专员" in page
    response = client_alice.post(reverse("incentives:specialist-apply"), {"person": chen.pk, "position": ""},
                                 follow=True)
    assert "请选择成员并填写负责方向" in text(response)
    response = client_alice.post(reverse("incentives:specialist-apply"), {"person": chen.pk, "position": "政务云售前"},
                                 follow=True)
    assert "项目专员申请成功" in text(response) and "政务云售前" in text(response)
    specialist = ProjectSpecialist.objects.get()
    assert any("项目专员名单" in item.title for item in todo_items_for(alice))
    client_alice.post(reverse("incentives:specialist-change", args=[specialist.pk]), {"position": "金融云售前"})
    roster = SpecialistRoster.objects.get()
    assert "金融云售前" in text(client_alice.get(roster.get_absolute_url()))
    client_alice.post(reverse("incentives:specialist-roster-review", args=[roster.pk]))
    roster.refresh_from_db()
    assert roster.is_reviewed and not any("项目专员名单" in item.title for item in todo_items_for(alice))


def test_confirm_with_materials_and_initial_review_pages(client, alice, operator):
    staffed(alice, operator)
    generate()
    incentive = MonthlyIncentive.objects.get()
    line = incentive.lines.get()
    client.force_login(alice)
    listing = text(client.get(reverse("incentives:fh-incentive-list") + "?status=pending"))
    assert incentive.code in listing and "核对激励" in listing and "个工作日" in listing
    assert incentive.code not in text(client.get(reverse("incentives:fh-incentive-list") + "?status=approved"))
    detail = text(client.get(incentive.get_absolute_url()))
    assert "尚未上传证明材料" in detail and "张专家" in detail
    response = client.post(reverse("incentives:fh-incentive-confirm", args=[incentive.pk]), follow=True)
    assert "尚未上传证明材料" in text(response)
    response = client.post(reverse("incentives:fh-material-upload", args=[line.pk]),
                           {"file": pdf("张专家-2026.pdf")}, follow=True)
    assert "已上传 张专家 的证明材料" in text(response)
    material = line.materials.get()
    download = client.get(reverse("incentives:fh-material-download", args=[material.pk]))
    assert download.status_code == 200 and download["Content-Disposition"].startswith("attachment")
    response = client.post(reverse("incentives:fh-incentive-confirm", args=[incentive.pk]), follow=True)
    assert "激励已确认" in text(response) and "初审中" in text(response)

    client.force_login(operator)
    review = reverse("incentives:fh-incentive-review", args=[incentive.pk])
    assert "张专家-2026.pdf" in text(client.get(review))
    assert "请填写审核不通过的原因" in text(client.post(review, {"decision": "reject", "comment": ""}))
    client.post(review, {"decision": "reject", "comment": "材料缺少盖章"})
    client.force_login(alice)
    detail = text(client.get(incentive.get_absolute_url()))
    assert "材料缺少盖章" in detail and "重新上传" in detail


def test_vendor_pages_are_hidden_from_partners_and_work_for_operators(client, alice, operator):
    client.force_login(alice)
    for name in ("incentives:fh-review-list", "incentives:fh-run-list"):
        assert client.get(reverse(name)).status_code == 404
    qualify(alice, operator)
    client.force_login(operator)
    assert "甲方伙伴科技有限公司" in text(client.get(reverse("incentives:fh")))
    response = client.post(reverse("incentives:fh-run-list"), follow=True)
    assert "已开始生成" in text(response)


def test_fh_urls_are_tenant_safe(client, alice, bob, operator):
    """The project walk restricted to FH's URLs (their models come from tests/fh/world.py)."""
    world_a = partner_world(alice.partner, alice, operator, tag="甲")
    world_b = partner_world(bob.partner, bob, operator, tag="乙")
    assert "MonthlyIncentive" in world_b, "tests/fh/world.py is part of the tenancy world"
    client.force_login(alice)
    leaks, checked = [], 0
    for name, pattern in walk(get_resolver().url_patterns):
        if not (name.startswith("incentives:fh") or name.startswith("incentives:specialist")):
            continue
        checked += 1
        if not pattern.pattern.converters:
            body = text(client.get(reverse(name)))
            leaks += [f"{name}: shows {m}" for m in world_b["markers"] if m in body]
            continue
        model = scoped_model_of(pattern.callback)
        theirs = reverse(name, kwargs={"pk": world_b[model.__name__].pk})
        for method in (client.get, client.post):
            if method(theirs).status_code not in (404, 405):
                leaks.append(f"{name} {theirs}")
        if not getattr(pattern.callback, "vendor_only", False):
            mine = reverse(name, kwargs={"pk": world_a[model.__name__].pk})
            assert {client.get(mine).status_code, client.post(mine).status_code} - {404}, name
    assert not leaks, leaks
    assert checked >= 20
