"""Build realistic state through the services (not by inserting rows), for tests that need a whole world."""
import datetime as dt
import importlib
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile

from partnercenter.notifications.services import notify
from partnercenter.partners import services
from partnercenter.partners.models import Partner, User
from tests.factories import ConsumptionLineFactory, CustomerFactory, OrderFactory, UserFactory

PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def licence_pdf(name="licence.pdf"):
    return SimpleUploadedFile(name, PDF_BYTES, content_type="application/pdf")


def realname_data(partner: Partner, **overrides) -> dict:
    data = {
        "certificate_type": 0,
        "corp_name": partner.name,
        "credit_code": "91110108MA01ABCD3X",
        "legal_person": "张三",
        "reg_address": "北京市海淀区中关村大街1号",
        "licence": licence_pdf(),
    }
    data.update(overrides)
    return data


def business_data(partner: Partner, **overrides) -> dict:
    name = partner.certified_name or partner.name
    data = {
        "company_name": name,
        "bank_name": "中国工商银行",
        "bank_branch": "北京中关村支行",
        "bank_account_name": name,
        "bank_account_no": "6222020200112233445",
        "taxpayer_type": "general",
        "tax_id": "91110108MA01ABCD3X",
        "settlement_currency": "CNY",
        "finance_contact": "刘会计",
        "finance_email": "finance@example.com",
        "finance_phone": "010-88886666",
    }
    data.update(overrides)
    return data


def verify_real_name(partner: Partner, main: User, operator: User):
    application = services.realname_submit(partner=partner, actor=main, data=realname_data(partner))
    services.realname_approve(application_id=application.pk, actor=operator)
    partner.refresh_from_db()
    return application


def certify_business_info(partner: Partner, main: User, operator: User):
    application = services.businessinfo_submit(partner=partner, actor=main, data=business_data(partner))
    services.businessinfo_approve(application_id=application.pk, actor=operator)
    return application


def partner_world(partner: Partner, main: User, operator: User, *, tag: str) -> dict:
    """One of everything a partner owns, each object reachable by its model."""
    manager = UserFactory(partner=partner, role=User.Role.CUSTOMER_MANAGER, full_name=f"{tag}客户经理")
    customer = CustomerFactory(partner=partner, name=f"{tag}专属客户有限公司")
    services.customer_assign(customer_id=customer.pk, manager=manager, actor=main, on=dt.date(2026, 1, 1))
    order = OrderFactory(customer=customer, order_no=f"{tag.upper()}ORDER0001", paid_amount=Decimal("8800.00"))
    ConsumptionLineFactory(customer=customer, order=order, amount=Decimal("321.09"))
    realname_app = verify_real_name(partner, main, operator)
    business_app = certify_business_info(partner, main, operator)
    note = notify(recipients=[main], title=f"{tag}的通知", email=False)[0]
    world = {
        "Partner": partner, "User": manager, "Customer": customer,
        "CustomerAssignment": customer.assignments.first(), "Order": order,
        "ConsumptionLine": order.consumption_lines.first(),
        "RealNameApplication": realname_app, "BusinessInfoApplication": business_app,
        "CertifiedBusinessInfo": partner.business_info, "Notification": note,
        "markers": [partner.name, customer.name, order.order_no, manager.full_name, f"{tag}的通知"],
    }
    return _extend_with_wings(world, main, operator, tag)


WING_WORLDS = ("incentives", "payments", "vouchers", "renewals", "api", "onboarding", "opportunities", "fh")


def _extend_with_wings(world: dict, main, operator, tag: str) -> dict:
    """Each wing adds one of each of its partner-owned objects: `tests/<wing>/world.py` defines
    `<wing>_world(world, main, operator, *, tag) -> {ModelName: obj, ..., "markers": [...]}`."""
    for wing in WING_WORLDS:
        try:
            module = importlib.import_module(f"tests.{wing}.world")
        except ModuleNotFoundError as exc:
            if exc.name not in (f"tests.{wing}", f"tests.{wing}.world"):
                raise
            continue
        extra = getattr(module, f"{wing}_world")(world, main, operator, tag=tag)
        world["markers"] += extra.pop("markers", [])
        world.update(extra)
    return world
