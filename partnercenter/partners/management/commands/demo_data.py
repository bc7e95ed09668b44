"""`manage.py demo_data`: fill a development or demo database with realistic partners, customers, orders,
consumption and certifications in every interesting state. Safe to run again: existing data is left alone.

Refuses to run with the production settings.
"""
import importlib
import os
import time
import unicodedata

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.db.models import Sum

from partnercenter.notifications.models import Notification
from partnercenter.partners import demo
from partnercenter.partners.models import (
    BusinessInfoApplication,
    CertifiedBusinessInfo,
    ConsumptionLine,
    Customer,
    CustomerAssignment,
    Order,
    Partner,
    Product,
    RealNameApplication,
    ServiceType,
    User,
)
from partnercenter.workflow.models import Deadline, TransitionLog

COUNTED = [
    ("云服务类型", ServiceType), ("产品", Product), ("合作伙伴", Partner), ("用户", User), ("客户", Customer),
    ("客户分配", CustomerAssignment), ("订单", Order), ("消费记录", ConsumptionLine),
    ("实名认证申请", RealNameApplication), ("商业信息认证申请", BusinessInfoApplication),
    ("已认证商业信息", CertifiedBusinessInfo), ("状态变更记录", TransitionLog), ("工作日时限", Deadline),
    ("通知", Notification),
]


def settings_module() -> str:
    return getattr(settings, "SETTINGS_MODULE", None) or os.environ.get("DJANGO_SETTINGS_MODULE", "")


WINGS = ("partnercenter.partners.onboarding", "partnercenter.api", "incentives", "incentives.fh",
         "incentives.opportunities", "payments",
         "vouchers", "renewals")


def wing_builders():
    """Each business wing may ship `<wing>/demo.py` with an idempotent `build(stdout)`; run after the platform's."""
    builders = []
    for wing in WINGS:
        try:
            module = importlib.import_module(f"{wing}.demo")
        except ModuleNotFoundError as exc:
            if exc.name != f"{wing}.demo":
                raise
            continue
        builders.append(module.build)
    return builders


def width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


def pad(text, size: int) -> str:
    text = str(text)
    return text + " " * max(0, size - width(text))


def table(header: list, rows: list) -> list[str]:
    sizes = [max(width(str(row[i])) for row in [header, *rows]) for i in range(len(header))]
    line = lambda row: "  ".join(pad(cell, size) for cell, size in zip(row, sizes, strict=True)).rstrip()  # noqa: E731
    return [line(header), line(["-" * size for size in sizes]), *[line(row) for row in rows]]


class Command(BaseCommand):
    help = "生成演示数据：伙伴、账号、客户、近13个月的订单与消费、各种状态的认证申请（可重复运行，不会重复创建）。"

    def handle(self, *args, **options):
        module = settings_module()
        if module.endswith("production"):
            raise CommandError(
                f"拒绝在生产环境配置（{module}）下生成演示数据：demo_data 只用于开发、测试和演示数据库。"
            )
        started = time.monotonic()
        before = {label: model.objects.count() for label, model in COUNTED}
        with transaction.atomic():
            result = demo.build()
        for build_wing in wing_builders():
            with transaction.atomic():
                build_wing(stdout=self.stdout if options["verbosity"] else None)
        elapsed = time.monotonic() - started
        if options["verbosity"] == 0:
            return
        counts = [(label, model.objects.count() - before[label], model.objects.count()) for label, model in COUNTED]
        out = [f"演示数据已就绪（用时 {elapsed:.1f} 秒）。", ""]
        out += table(["数据", "本次新增", "总数"], counts)
        out += ["", f"{result.cycle:%Y年%m月}账期消费（最近一个已结账期）："]
        rows = []
        for partner in result.partners:
            total = (ConsumptionLine.objects.filter(partner=partner, bill_cycle=result.cycle)
                     .aggregate(total=Sum("amount"))["total"])
            rows.append([partner.name, partner.get_partner_type_display(), partner.get_real_name_status_display(),
                         Customer.objects.filter(partner=partner).count(), f"{total or 0:,.2f}"])
        out += table(["伙伴", "类型", "实名认证", "客户数", "消费金额（元）"], rows)
        out += ["", f"演示账号（密码均为 {demo.PASSWORD}）："]
        out += table(["用户名", "姓名", "角色", "所属伙伴", "密码"],
                     [[a.username, a.full_name, a.role, a.partner, demo.PASSWORD] for a in result.accounts])
        self.stdout.write("\n".join(out))
