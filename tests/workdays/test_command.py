"""`manage.py workdays`: bare answers on stdout, clear errors without tracebacks."""
import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from partnercenter.workdays.seed import SEED_PATH

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]


def run(*args) -> str:
    out = io.StringIO()
    call_command("workdays", *args, stdout=out)
    return out.getvalue().strip()


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (("add", "2026-05-01", "3"), "2026-05-08"),
        (("add", "2026-09-30", "3"), "2026-10-10"),
        (("add", "2026-02-13", "3"), "2026-02-25"),
        (("add", "2026-10-08", "-1"), "2026-09-30"),
        (("between", "2026-10-01", "2026-10-31"), "18"),
        (("between", "2026-10-31", "2026-10-01"), "-18"),
        (("year", "2027"), "provisional"),
        (("year", "2026"), "official"),
    ],
)
def test_answers(args, expected):
    assert run(*args) == expected


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("add", "2026-02-30", "3"), "不是有效的日期"),
        (("add", "2026-05-01", "three"), "不是整数"),
        (("between", "yesterday", "2026-10-31"), "不是有效的日期"),
        (("year", "20x7"), "不是整数"),
        (("year", "0"), "年份超出范围"),
        (("add", "2026-05-01", "1000000"), "N 的绝对值不能超过"),
        (("add", "9999-12-31", "1"), "超出可表示的日期范围"),
    ],
)
def test_bad_input_is_a_command_error(args, message):
    with pytest.raises(CommandError, match=message):
        run(*args)


def test_missing_subcommand_is_a_command_error():
    with pytest.raises(CommandError):
        run()


@pytest.mark.parametrize("args", [("add", "2026-13-01", "3"), ("year", "0")])
def test_shell_exit_code_without_traceback(args):
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "partnercenter.settings.test"}
    result = subprocess.run(  # noqa: S603 - fixed arguments
        [sys.executable, "manage.py", "workdays", *args], cwd=ROOT, env=env, capture_output=True, text=True,
        check=False,
    )
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert result.stdout == ""


def test_seed_data_regenerates_the_committed_file():
    out = io.StringIO()
    call_command("workdays", "seed-data", "--output", "-", stdout=out)
    assert out.getvalue() == SEED_PATH.read_text(encoding="utf-8"), (
        "data/cn_official.json differs from what holidays generates: run `manage.py workdays seed-data`"
        " and review the diff"
    )
