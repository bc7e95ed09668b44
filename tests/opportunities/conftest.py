"""机会点激励 tests: the project's headless-Chromium settings for tests/opportunities/test_browser.py."""
from tests.browser.conftest import browser_context_args, browser_type_launch_args  # noqa: F401
