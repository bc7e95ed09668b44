"""Headless Chromium (Debian's /usr/bin/chromium, no Playwright browser download) against live_server."""
import os
from pathlib import Path

import pytest

# Playwright's sync API keeps an asyncio loop running in the test thread; without this Django refuses ORM
# calls made from the test body or fixtures (SynchronousOnlyOperation).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = "/usr/bin/chromium"
SCREENSHOTS = Path(__file__).resolve().parents[2] / "screenshots"
DESKTOP = {"width": 1366, "height": 900}
PHONE = {"width": 390, "height": 844}


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if not Path(CHROMIUM).exists():
        pytest.skip(f"{CHROMIUM} is missing (apt-get install chromium; scripts/ensure-system-deps.sh does it)")
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "headless": True,
        # The sandbox cannot start as root; the rest keeps Chromium off the network in a closed environment.
        "args": ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "viewport": DESKTOP, "locale": "zh-CN"}


@pytest.fixture
def screenshot(page):
    """screenshot("home-zh") saves screenshots/home-zh-1366.png and screenshots/home-zh-390.png."""
    SCREENSHOTS.mkdir(exist_ok=True)

    def take(name):
        for size in (DESKTOP, PHONE):
            page.set_viewport_size(size)
            page.screenshot(path=str(SCREENSHOTS / f"{name}-{size['width']}.png"), full_page=True)
        page.set_viewport_size(DESKTOP)

    return take
