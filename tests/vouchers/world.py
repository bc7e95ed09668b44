"""The voucher wing's share of tests.builders.partner_world: one object per model our URLs take.

Meant to be merged into partner_world (see the report to the lead); tests/vouchers/test_tenancy.py uses it
meanwhile."""
from decimal import Decimal

from tests.vouchers.claim_helpers import approved_application, claim_draft
from tests.vouchers.helpers import grant, issue
from tests.vouchers.mdf_helpers import budget_for, pdf
from tests.vouchers.mdf_helpers import draft as mdf_draft
from vouchers import mdf_services, services


def vouchers_world(world: dict, main, operator, *, tag: str) -> dict:
    quota = grant(world["Partner"], operator, "20000.00", name=f"{tag}提货券额度")
    voucher = issue(quota, main, customers=[world["Customer"]], face_value="1000.00", memo=f"{tag}私密备注")[0]
    services.voucher_redeem(voucher_id=voucher.pk, order_id=world["Order"].pk, amount=Decimal("100.00"))
    budget_for(world["Partner"], operator)
    application = mdf_draft(main, activity_name=f"{tag}MDF活动", amount=Decimal("1000.00"))
    mdf_services.mdf_submit(application_id=application.pk, actor=main)
    # The attachment hangs on a second application: the walk's POSTs may withdraw and delete the first.
    with_file = mdf_draft(main, activity_name=f"{tag}MDF附件活动", amount=Decimal("1000.00"))
    mdf_services.mdf_application_save(actor=main, application_id=with_file.pk, files=[pdf(f"{tag}方案.pdf")],
                                      data={f: getattr(with_file, f) for f in mdf_services.FIELDS})
    claimed = approved_application(main, operator, "5000.00", activity_name=f"{tag}MDF核销活动")
    claim = claim_draft(main, claimed, "3000.00", (("venue", "2000.00"), ("meals", "1000.00")),
                        summary=f"{tag}核销总结")
    return {"VoucherQuota": quota, "Voucher": voucher, "MdfApplication": application,
            "MdfAttachment": with_file.attachments.get(), "MdfClaim": claim, "MdfReceipt": claim.receipts.first(),
            "markers": [quota.name, voucher.code, voucher.memo, application.activity_name, claimed.activity_name]}
