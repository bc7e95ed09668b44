"""The Celery application. Settings live in Django settings under the CELERY_ namespace."""
import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "partnercenter.settings.local")

app = Celery("partnercenter")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


def _observability():
    # Request ids travel with tasks; workers count their tasks in Redis for /metrics.
    from partnercenter.ops import metrics, requestid

    requestid.attach_to_celery(app)
    metrics.attach_to_celery(app)


_observability()
