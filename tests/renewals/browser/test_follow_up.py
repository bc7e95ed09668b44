"""A customer manager opens a task from the queue with 处理, records a follow-up in the dialog, and sees it."""
import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from renewals.models import FollowUp, RenewalTask
from tests.browser.test_login_and_language import log_in
from tests.renewals.helpers import expiring_order, managed_customer, task_for

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_customer_manager_records_a_follow_up(live_server, page, alice, andy, screenshot):
    customer = managed_customer(partner=alice.partner, manager=andy, main=alice, name="苏州云帆制造有限公司")
    task = task_for(expiring_order(customer=customer, paid="18000.00"))
    log_in(page, live_server, "andy")
    page.goto(f"{live_server.url}/renewals/tasks/")
    row = page.locator("tr", has_text="苏州云帆制造有限公司")
    row.get_by_role("link", name="处理").click()
    dialog = page.locator("dialog#process-dialog")
    expect(dialog).to_be_visible()
    dialog.locator("select[name=contact_method]").select_option("phone")
    dialog.locator("select[name=result]").select_option("will_renew")
    dialog.locator("textarea[name=note]").fill("客户采购流程中，预计下周付款")
    next_day = timezone.localdate() + dt.timedelta(days=4)
    dialog.locator("input[name=next_follow_up_on]").fill(next_day.isoformat())
    screenshot("renewals/process-dialog")
    dialog.get_by_role("button", name="保存").click()
    expect(page.locator(".toast, [role=status]").first).to_contain_text("已记录处理")
    expect(page.locator("#process")).to_contain_text("客户采购流程中，预计下周付款")
    task.refresh_from_db()
    assert task.status == RenewalTask.Status.IN_PROGRESS
    assert FollowUp.objects.get(task=task).next_follow_up_on == next_day
