"""A request id for every request, carried into the log lines it causes and into the Celery tasks it enqueues.

The id comes from the `X-Request-Id` header when a proxy set one (so logs line up across hops), else a new
uuid; it is echoed back in the response header. Celery tasks get it as a message header at publish time and
restore it before running, so a task's log lines share the id of the request that queued it.
"""
import contextvars
import json
import logging
import re
import uuid

request_id_var: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default="-")
HEADER = "X-Request-Id"
_VALID = re.compile(r"^[A-Za-z0-9._-]{1,64}$")


def current_request_id() -> str:
    return request_id_var.get()


class RequestIdMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        incoming = request.headers.get(HEADER, "")
        request_id = incoming if _VALID.match(incoming) else uuid.uuid4().hex
        request.request_id = request_id
        token = request_id_var.set(request_id)
        try:
            response = self.get_response(request)
        finally:
            request_id_var.reset(token)
        response[HEADER] = request_id
        return response


class RequestIdFilter(logging.Filter):
    def filter(self, record):
        record.request_id = request_id_var.get()
        return True


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time, level, logger, message, request_id, and the exception if any."""

    def format(self, record):
        entry = {
            "time": self.formatTime(record, "%Y-%m-%dT%H:%M:%S%z"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": getattr(record, "request_id", request_id_var.get()),
        }
        for key in ("task_id", "task_name", "status_code", "path", "duration_ms"):
            if hasattr(record, key):
                entry[key] = getattr(record, key)
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False)


def attach_to_celery(app) -> None:
    """Publish the current request id with every task; restore it in the worker around the task."""
    from celery.signals import before_task_publish, task_postrun, task_prerun

    tokens = {}

    @before_task_publish.connect(weak=False)
    def add_request_id(headers=None, **kwargs):
        if headers is not None and "request_id" not in headers:
            headers["request_id"] = request_id_var.get()

    @task_prerun.connect(weak=False)
    def restore_request_id(task_id=None, task=None, **kwargs):
        request_id = getattr(task.request, "request_id", None) or "-"
        tokens[task_id] = request_id_var.set(request_id)

    @task_postrun.connect(weak=False)
    def clear_request_id(task_id=None, **kwargs):
        token = tokens.pop(task_id, None)
        if token is not None:
            request_id_var.reset(token)
