"""A master distributor names who handles its reseller's sub-customer; that manager records the follow-up; the
reseller then reads the record and is told who handles the task."""
import pytest
from playwright.sync_api import expect

from partnercenter.partners.models import User
from renewals.models import FollowUp
from tests.browser.test_login_and_language import log_in
from tests.factories import UserFactory
from tests.renewals.helpers import distributor_world, task_for

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_distributor_names_a_handler_who_records_and_the_reseller_reads(live_server, page, screenshot):
    world = distributor_world()
    UserFactory(username="dan", full_name="邓安", partner=world["distributor"], role=User.Role.CUSTOMER_MANAGER)
    task = task_for(world["order"])
    url = f"{live_server.url}{task.get_absolute_url()}"

    log_in(page, live_server, "dora")
    page.goto(url)
    page.get_by_role("button", name="指定处理人").click()
    dialog = page.locator("dialog#handler-dialog")
    expect(dialog).to_be_visible()
    dialog.locator("select[name=manager]").select_option(label="邓安（客户经理）")
    screenshot("renewals/handler-dialog")
    dialog.get_by_role("button", name="保存").click()
    expect(page.locator(".toast, [role=status]").first).to_contain_text("已指定处理人：邓安")
    page.context.clear_cookies()

    log_in(page, live_server, "dan")
    page.goto(f"{live_server.url}/renewals/tasks/?status=all")
    page.locator("tr", has_text="蓝海子客户有限公司").get_by_role("link", name="处理").click()
    dialog = page.locator("dialog#process-dialog")
    expect(dialog).to_be_visible()
    dialog.locator("select[name=contact_method]").select_option("phone")
    dialog.locator("select[name=result]").select_option("will_renew")
    dialog.locator("textarea[name=note]").fill("总经销商回访，客户同意续订")
    dialog.get_by_role("button", name="保存").click()
    expect(page.locator("#process")).to_contain_text("总经销商回访，客户同意续订")
    assert FollowUp.objects.get(task=task).actor_name == "邓安"
    page.context.clear_cookies()

    log_in(page, live_server, "rita")
    page.goto(url)
    expect(page.locator(".alert--info")).to_contain_text("该任务由“中科云汇分销有限公司”负责处理（处理人：邓安）")
    expect(page.locator("#process")).to_contain_text("总经销商回访，客户同意续订")
    expect(page.get_by_role("button", name="处理")).to_have_count(0)
    screenshot("renewals/reseller-read-only")
