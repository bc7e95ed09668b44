import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "partnercenter.settings.local")
application = get_wsgi_application()

from partnercenter import gc_tuning  # noqa: E402 — after Django is set up

gc_tuning.tune()
