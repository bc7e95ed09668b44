"""The onboarding wing's share of tests.builders.partner_world."""
from partnercenter.partners.onboarding import services
from tests.onboarding.helpers import approved_document, document, staff


def onboarding_world(world: dict, main, operator, *, tag: str) -> dict:
    partner = world["Partner"]
    services.path_join(partner=partner, actor=main, path="service")
    approved_document(main, operator, "plan", f"{tag}商业计划书")
    approved_document(main, operator, "case", f"{tag}标杆案例")
    pending = document(main, "case", f"{tag}待审案例")
    staff(partner, 2)
    application = services.certification_apply(partner=partner, actor=main, kind="role", statement=f"{tag}申请说明")
    services.certification_approve(application_id=application.pk, actor=operator)
    application.refresh_from_db()
    return {"PartnerDocument": pending, "CertificationApplication": application,
            "markers": [f"{tag}商业计划书", f"{tag}标杆案例", f"{tag}待审案例", application.certificate_no]}
