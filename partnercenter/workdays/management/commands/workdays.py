"""`manage.py workdays …`: answer working-day questions from the shell and maintain the seed file.

    workdays add 2026-05-01 3            → 2026-05-08
    workdays between 2026-10-01 2026-10-31 → 18
    workdays year 2027                   → provisional
    workdays seed-data --first 2020 --last 2026 [--output PATH]   regenerate data/cn_official.json
    workdays load-seed [--replace]       load the seed file into the database as official years

Output is the bare answer so scripts can use it; bad input is a CommandError (exit 1, no traceback).
"""
import argparse
import datetime as dt
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from partnercenter.workdays import services
from partnercenter.workdays.models import FIRST_YEAR, LAST_YEAR
from partnercenter.workdays.seed import SEED_PATH, seed_build, seed_dumps

MAX_WORKING_DAYS = 100_000  # ~400 years: beyond that the question is a typo


def iso_date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(_("不是有效的日期（应为 YYYY-MM-DD）：%(value)s") % {"value": value}) from None


def integer(value: str) -> int:
    try:
        return int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(_("不是整数：%(value)s") % {"value": value}) from None


class Command(BaseCommand):
    help = "中国工作日历：计算工作日、查询年份状态、维护种子数据。"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="subcommand", required=True, metavar="{add,between,year,seed-data,load-seed}")

        add = sub.add_parser("add", help="DATE 之后第 N 个工作日（N 为负数时向前）")
        add.add_argument("date", type=iso_date)
        add.add_argument("n", type=integer)

        between = sub.add_parser("between", help="START 之后至 END（含）的工作日数")
        between.add_argument("start", type=iso_date)
        between.add_argument("end", type=iso_date)

        year = sub.add_parser("year", help="年份状态：official 或 provisional")
        year.add_argument("year", type=integer)

        seed = sub.add_parser("seed-data", help="从 holidays 库重新生成种子数据文件")
        seed.add_argument("--first", type=integer, default=2020)
        seed.add_argument("--last", type=integer, default=2026)
        seed.add_argument("--output", default=str(SEED_PATH), help="写入的文件；“-” 表示输出到标准输出")

        load = sub.add_parser("load-seed", help="把种子数据文件中尚未录入的年份载入数据库（正式）")
        load.add_argument("--replace", action="store_true", help="覆盖数据库中已有的同一年份")

    def handle(self, *args, subcommand, **options):
        handler = getattr(self, "handle_" + subcommand.replace("-", "_"))
        try:
            handler(**options)
        except OverflowError:
            raise CommandError(_("结果超出可表示的日期范围。")) from None

    def handle_add(self, *, date, n, **options):
        if abs(n) > MAX_WORKING_DAYS:
            raise CommandError(_("N 的绝对值不能超过 %(max)s。") % {"max": MAX_WORKING_DAYS})
        self.stdout.write(services.add_working_days(date, n).isoformat())

    def handle_between(self, *, start, end, **options):
        self.stdout.write(str(services.working_days_between(start, end)))

    def handle_year(self, *, year, **options):
        if not 1 <= year <= 9999:
            raise CommandError(_("年份超出范围：%(year)s") % {"year": year})
        self.stdout.write(services.year_status(year))

    def handle_seed_data(self, *, first, last, output, **options):
        if not FIRST_YEAR <= first <= last <= LAST_YEAR:
            raise CommandError(
                _("年份范围应在 %(first)s–%(last)s 之间且 first <= last。") % {"first": FIRST_YEAR, "last": LAST_YEAR}
            )
        text = seed_dumps(seed_build(first=first, last=last))
        if output == "-":
            self.stdout.write(text, ending="")
            return
        Path(output).write_text(text, encoding="utf-8")
        message = _("已写入 %(output)s（%(first)s–%(last)s）。请核对差异后提交，并用 load-seed 或数据迁移载入。")
        self.stderr.write(message % {"output": output, "first": first, "last": last})

    def handle_load_seed(self, *, replace, **options):
        years = services.calendar_seed_load(replace=replace)
        self.stdout.write(" ".join(str(year) for year in years) if years else _("无需载入：所有年份已在数据库中。"))
