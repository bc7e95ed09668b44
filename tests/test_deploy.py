"""Production settings: Django's deployment checklist passes, and a missing SECRET_KEY stops the process."""
import os
import secrets
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# Set by the test session itself (tests/browser/conftest.py) or a developer's shell, never by a deployment.
NOT_INHERITED = {"SECRET_KEY", "DJANGO_SETTINGS_MODULE", "DJANGO_DEBUG", "DJANGO_ALLOW_ASYNC_UNSAFE"}


def run_manage(*args, **env_overrides):
    env = {k: v for k, v in os.environ.items() if k not in NOT_INHERITED}
    env.update(
        DJANGO_SETTINGS_MODULE="partnercenter.settings.production",
        ALLOWED_HOSTS="partner.example.com",
        DATABASE_URL=os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/partnercenter"),
        **env_overrides,
    )
    return subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env,  # noqa: S603 - fixed arguments
                          capture_output=True, text=True, timeout=120)


def test_check_deploy_has_no_warnings():
    secret = secrets.token_urlsafe(64)[:50]

    result = run_manage("check", "--deploy", "--fail-level", "WARNING", SECRET_KEY=secret)

    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_secret_key():
    result = run_manage("check")

    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr
