"""Build onboarding state through the services."""
from decimal import Decimal

from partnercenter.partners.models import PartnerDocument, User
from partnercenter.partners.onboarding import services
from tests.builders import certify_business_info, licence_pdf, verify_real_name
from tests.factories import ConsumptionLineFactory, CustomerFactory, UserFactory


def document(main, kind="plan", title="年度商业计划", **data):
    data.setdefault("file", licence_pdf(f"{kind}.pdf"))
    if kind == PartnerDocument.Kind.CASE:
        data.setdefault("customer_name", "示例客户")
    return services.document_submit(partner=main.partner, actor=main, kind=kind, data={"title": title, **data})


def approved_document(main, operator, kind="plan", title="年度商业计划"):
    doc = document(main, kind, title)
    return services.document_approve(application_id=doc.pk, actor=operator)


def staff(partner, n):
    for i in range(n):
        UserFactory(partner=partner, role=User.Role.FINANCE, full_name=f"专职{i}")


def ready_for_role(main, operator, path="service", *, certified=True):
    """Everything the role certification of `path` asks for (2 staff + the main account, 1 plan, 1 case)."""
    partner = main.partner
    if certified:
        verify_real_name(partner, main, operator)
        certify_business_info(partner, main, operator)
    services.path_join(partner=partner, actor=main, path=path)
    approved_document(main, operator, "plan")
    approved_document(main, operator, "case", "智慧园区案例")
    staff(partner, 2)
    partner.refresh_from_db()
    return partner


def performance(partner, amount):
    customer = CustomerFactory(partner=partner)
    ConsumptionLineFactory(customer=customer, amount=Decimal(amount))
