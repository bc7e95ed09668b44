"""Demo data of the onboarding wing: alice's partner on the 服务合作伙伴 path with an approved business plan,
cases (approved and pending) and an approved 角色认证 with a certificate; bob's partner has joined the
软件合作伙伴 path with a rejected case. Idempotent: skips a partner that already has documents."""
from django.core.files.base import ContentFile
from django.db import transaction

from ..models import PartnerDocument, User
from . import services

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _doc(main, kind, title, customer=""):
    return services.document_submit(partner=main.partner, actor=main, kind=kind, data={
        "title": title, "customer_name": customer, "summary": "", "file": ContentFile(PDF, name=f"{kind}.pdf")})


def build(stdout=None) -> None:
    operator = User.objects.filter(username="operator").first()
    alice = User.objects.filter(username="alice").select_related("partner").first()
    bob = User.objects.filter(username="bob").select_related("partner").first()
    made = []
    with transaction.atomic():
        if operator and alice and alice.partner and not PartnerDocument.objects.filter(partner=alice.partner).exists():
            partner = alice.partner
            if not partner.stage:
                services.path_join(partner=partner, actor=alice, path="service")
            plan = _doc(alice, "plan", "2026年度华为云业务商业计划")
            services.document_approve(application_id=plan.pk, actor=operator, comment="计划清晰")
            case = _doc(alice, "case", "杭州某制造企业上云迁移", "杭州精工制造有限公司")
            services.document_approve(application_id=case.pk, actor=operator)
            _doc(alice, "case", "智慧园区视频分析平台", "西湖智慧园区运营公司")
            partner.refresh_from_db()
            if partner.stage == "joined":
                try:
                    app = services.certification_apply(partner=partner, actor=alice, kind="role",
                                                       statement="已具备专职团队与标杆案例")
                    services.certification_approve(application_id=app.pk, actor=operator, comment="材料齐全")
                except Exception as exc:  # requirements not met in this demo world: leave the page showing why
                    if stdout is not None:
                        stdout.write(f"onboarding: role certification skipped ({exc})\n")
            made.append("alice")
        if operator and bob and bob.partner and not PartnerDocument.objects.filter(partner=bob.partner).exists():
            if not bob.partner.stage:
                services.path_join(partner=bob.partner, actor=bob, path="software")
            case = _doc(bob, "case", "某零售企业SaaS上线", "某零售连锁")
            services.document_reject(application_id=case.pk, actor=operator, opinion="请补充客户验收报告",
                                     reason_code="document_unclear")
            made.append("bob")
    if stdout is not None:
        stdout.write(f"onboarding demo: {', '.join(made) or 'nothing new'}\n")
