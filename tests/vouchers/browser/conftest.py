"""Reuse the project's headless-Chromium settings for this wing's browser tests."""
from tests.browser.conftest import browser_context_args, browser_type_launch_args, screenshot  # noqa: F401
