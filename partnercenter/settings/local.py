"""Embedded local defaults for `make run`: SQLite, filesystem broker, console e-mail, DEBUG on."""
from pathlib import Path

from .base import *  # noqa: F403
from .base import env

DEBUG = env.bool("DJANGO_DEBUG", default=True)
SECRET_KEY = env("SECRET_KEY", default="local-only-insecure-key-do-not-use-in-production")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"])

# The embedded mode keeps its SQLite file, broker queue, static files and uploads under var/.
_QUEUE = CELERY_QUEUE_DIR  # noqa: F405
_FOLDERS = (VAR_DIR, Path(str(STATIC_ROOT)), *(_QUEUE / name for name in ("queue", "processed", "results", "control")))  # noqa: F405
for folder in _FOLDERS:
    folder.mkdir(parents=True, exist_ok=True)
