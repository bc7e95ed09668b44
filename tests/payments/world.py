"""The payments wing's objects in the tenancy world (tests.builders.partner_world calls this): a delivery project
whose subsidy was paid (invoice uploaded, statement available) and a rendered 华为云付款协议."""
from payments.models import PaymentRequest

from .helpers import accepted_project, contract_for, request_to


def payments_world(world, main, operator, *, tag):
    project = accepted_project(main, operator, customer=world["Customer"], name=f"{tag}交付项目")
    payment = request_to(PaymentRequest.Status.PAID, project, main, operator)
    contract = contract_for(main)
    return {"DeliveryProject": project, "PaymentRequest": payment, "PaymentContract": contract,
            "markers": [f"{tag}交付项目", payment.code, contract.number]}
