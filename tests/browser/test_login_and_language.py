"""A person's first minute: log in through the form, land on the home page in Chinese, switch to English."""
import re

import pytest
from playwright.sync_api import expect

from tests.factories import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def log_in(page, live_server, username):
    page.goto(f"{live_server.url}/accounts/login/")
    form = page.locator("form:has(input[name=password])")
    form.locator("input[name=username]").fill(username)
    form.locator("input[name=password]").fill(PASSWORD)
    form.locator("[type=submit]").click()
    expect(page).to_have_url(f"{live_server.url}/")


def test_alice_logs_in_and_sees_home_in_chinese(live_server, page, alice, screenshot):
    page.goto(f"{live_server.url}/")
    expect(page).to_have_url(re.compile(r"/accounts/login/\?next=/$"))  # anonymous: sent to the login form
    screenshot("login")

    log_in(page, live_server, "alice")

    expect(page.locator("html")).to_have_attribute("lang", "zh-hans")
    expect(page.locator("header").first).to_contain_text("王丽")
    screenshot("home-zh")


def test_language_switch_changes_to_english(live_server, page, alice, screenshot):
    log_in(page, live_server, "alice")
    html = page.locator("html")
    expect(html).to_have_attribute("lang", "zh-hans")

    switch = page.locator("form[action$='/i18n/setlang/']").first
    switch.locator("select[name=language]").select_option("en")
    # app.js submits on change and hides the button; without JavaScript the button is the way.
    button = switch.locator("[type=submit]")
    if button.is_visible():
        button.click()

    expect(html).to_have_attribute("lang", "en")
    expect(page).to_have_url(f"{live_server.url}/")  # set_language returns to the page it came from
    expect(page.locator("header").first).to_contain_text("王丽")
    screenshot("home-en")

    # The choice sticks (language cookie) for the next page load.
    page.reload()
    expect(html).to_have_attribute("lang", "en")
