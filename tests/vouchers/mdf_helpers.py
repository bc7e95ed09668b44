import datetime as dt
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from vouchers import mdf_services


def pdf(name="方案.pdf"):
    return SimpleUploadedFile(name, b"%PDF-1.4\n%test\n", content_type="application/pdf")


def budget_for(partner, operator, amount="100000.00"):
    return mdf_services.mdf_budget_set(partner=partner, year=timezone.localdate().year, amount=Decimal(amount),
                                       actor=operator)


def application_data(**overrides):
    today = timezone.localdate()
    end = min(today + dt.timedelta(days=10), today.replace(month=12, day=31))
    data = {"activity_name": "华为云城市峰会", "activity_type": "event", "start_date": today, "end_date": end,
            "expected_outcome": "新增10个客户", "amount": Decimal("20000.00")}
    data.update(overrides)
    return data


def draft(actor, **overrides):
    return mdf_services.mdf_application_save(actor=actor, data=application_data(**overrides))
