"""Reuse the project's headless-Chromium settings for this wing's browser tests."""
from tests.browser.conftest import browser_context_args, browser_type_launch_args  # noqa: F401
from tests.payments.conftest import ready_partner  # noqa: F401
