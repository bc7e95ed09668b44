"""Backups: scripts/backup.sh dumps the database, scripts/restore.sh restores it into a fresh database, and the
restored copy has the same rows and the same money sums to the fen."""
import subprocess
from decimal import Decimal
from pathlib import Path

import psycopg2
import pytest
from django.db import connection

from tests.factories import ConsumptionLineFactory, OrderFactory

pytestmark = pytest.mark.django_db(transaction=True)
ROOT = Path(__file__).resolve().parents[2]
RESTORED = "partnercenter_restore_check"

SUMS = """
SELECT (SELECT count(*) FROM partners_order), (SELECT coalesce(sum(paid_amount), 0) FROM partners_order),
       (SELECT count(*) FROM partners_consumptionline), (SELECT coalesce(sum(amount), 0) FROM partners_consumptionline),
       (SELECT count(*) FROM django_migrations)
"""


def url_for(name: str) -> str:
    s = connection.settings_dict
    auth = s["USER"] + (f":{s['PASSWORD']}" if s["PASSWORD"] else "")
    return f"postgres://{auth}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{name}"


def sums(url: str):
    with psycopg2.connect(url) as conn, conn.cursor() as cursor:
        cursor.execute(SUMS)
        return cursor.fetchone()


def test_dump_and_restore_into_a_fresh_database_keeps_every_fen(tmp_path):
    for amount in ("1234.56", "0.01", "98765.43"):
        OrderFactory(paid_amount=Decimal(amount))
    ConsumptionLineFactory(amount=Decimal("-12.34"))
    ConsumptionLineFactory(amount=Decimal("5000.05"))
    source = url_for(connection.settings_dict["NAME"])
    target = url_for(RESTORED)
    drop_restored()
    dump = tmp_path / "pc.dump"
    env = {"PATH": "/usr/bin:/bin", "DATABASE_URL": source}
    subprocess.run([str(ROOT / "scripts/backup.sh"), str(dump)], check=True, env=env, capture_output=True)
    subprocess.run([str(ROOT / "scripts/restore.sh"), str(dump), target], check=True, env=env, capture_output=True)
    try:
        assert sums(target) == sums(source)
        assert sums(target)[1] == Decimal("100000.00") and sums(target)[3] == Decimal("4987.71")
    finally:
        drop_restored()


def drop_restored():
    admin = psycopg2.connect(url_for("postgres"))
    admin.autocommit = True  # DROP DATABASE cannot run inside a transaction block
    try:
        admin.cursor().execute(f'DROP DATABASE IF EXISTS "{RESTORED}"')
    finally:
        admin.close()
