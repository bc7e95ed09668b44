# The browser test here uses the same Chromium set-up as tests/browser.
from tests.browser.conftest import browser_context_args, browser_type_launch_args  # noqa: F401
