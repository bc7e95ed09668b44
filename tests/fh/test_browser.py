"""激励确认 in the browser: the partner opens the month's list from the 激励确认 tab, uploads each person's proof,
confirms through the confirm dialog and sees the list go to 初审中. Screenshots in /tmp/shots/fh/."""
import tempfile
from pathlib import Path

import pytest
from playwright.sync_api import expect

from incentives.fh.models import MonthlyIncentive
from tests.browser.conftest import DESKTOP, PHONE
from tests.browser.test_login_and_language import log_in
from tests.builders import PDF_BYTES
from tests.fh.helpers import generate, staffed

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = Path(tempfile.gettempdir()) / "shots" / "fh"


def shoot(page, name):
    SHOTS.mkdir(parents=True, exist_ok=True)
    for size in (DESKTOP, PHONE):
        page.set_viewport_size(size)
        page.screenshot(path=str(SHOTS / f"{name}-{size['width']}.png"), full_page=True)
    page.set_viewport_size(DESKTOP)


def test_confirm_a_monthly_incentive_with_materials(live_server, page, alice, operator, tmp_path):
    staffed(alice, operator, people=(("张专家", "senior"), ("钱专家", "associate")))
    generate()
    incentive = MonthlyIncentive.objects.get()
    log_in(page, live_server, "alice")
    page.goto(f"{live_server.url}/incentives/fh/")
    page.get_by_role("link", name="激励确认", exact=True).click()
    expect(page.locator("main")).to_contain_text(incentive.code)
    shoot(page, "incentive-list")
    page.get_by_role("link", name="核对激励").click()
    expect(page.locator("#fh-headcount")).to_have_text("2")
    expect(page.locator("#fh-amount")).to_contain_text("11,000.00")
    expect(page.locator("#fh-confirm")).to_be_disabled()
    expect(page.locator("#fh-confirm-blocker")).to_contain_text("尚未上传证明材料")
    shoot(page, "incentive-before-upload")
    for line in incentive.lines.all():
        proof = tmp_path / f"{line.person_name}-在岗证明.pdf"
        proof.write_bytes(PDF_BYTES)
        row = page.locator(f"#fh-line-{line.pk}")
        row.locator("input[type=file]").set_input_files(str(proof))
        row.get_by_role("button", name="上传").click()
        expect(page.locator("body")).to_contain_text(f"已上传 {line.person_name} 的证明材料")
        expect(page.locator(f"#fh-line-{line.pk}")).to_contain_text(proof.name)
    expect(page.locator("#fh-confirm")).to_be_enabled()
    shoot(page, "incentive-materials-uploaded")
    page.locator("#fh-confirm").click()
    dialog = page.locator("dialog.confirm-dialog")
    expect(dialog).to_be_visible()
    expect(dialog).to_contain_text("确认本月激励人数和金额无误并提交初审吗？")
    shoot(page, "incentive-confirm-dialog")
    dialog.locator(".dialog__actions .btn").last.click()
    expect(page.locator("body")).to_contain_text("激励已确认，华为云运营将在3个工作日内完成初审。")
    expect(page.locator("main")).to_contain_text("初审中")
    shoot(page, "incentive-confirmed")
    incentive.refresh_from_db()
    assert incentive.status == "in_review" and incentive.confirmed_by_id == alice.pk
