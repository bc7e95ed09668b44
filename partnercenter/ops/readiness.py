"""Readiness checks for /readyz: each returns "ok" or a short reason (never raises)."""
from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.executor import MigrationExecutor


def _database() -> str:
    with connections[DEFAULT_DB_ALIAS].cursor() as cursor:
        cursor.execute("SELECT 1")
    return "ok"


def _migrations() -> str:
    executor = MigrationExecutor(connections[DEFAULT_DB_ALIAS])
    pending = executor.migration_plan(executor.loader.graph.leaf_nodes())
    return "ok" if not pending else f"{len(pending)} migrations not applied"


def _cache() -> str:
    cache.set("readyz", "1", 5)
    return "ok" if cache.get("readyz") == "1" else "cache did not keep a value"


def _broker() -> str:
    from partnercenter.celery import app

    with app.connection_for_write() as connection:
        connection.ensure_connection(max_retries=1, timeout=2)
    return "ok"


CHECKS = {"database": _database, "migrations": _migrations, "cache": _cache, "broker": _broker}


def readiness_checks() -> dict[str, str]:
    results = {}
    for name, check in CHECKS.items():
        try:
            results[name] = check()
        except Exception as exc:  # noqa: BLE001 - readiness reports any failure instead of raising
            results[name] = f"{type(exc).__name__}: {exc}"[:200]
        if name == "database" and results[name] != "ok":
            results["migrations"] = "skipped: database unavailable"
            break
    return results
