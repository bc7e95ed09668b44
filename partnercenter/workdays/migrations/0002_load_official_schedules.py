"""Load the published schedules shipped in data/cn_official.json (2020–2026) as official years.

Self-contained on purpose (historical models, plain json): a data migration must keep working
however the app's code changes later. Years already present are left alone.
"""
import datetime as dt
import json
from pathlib import Path

from django.db import migrations

SEED_PATH = Path(__file__).resolve().parent.parent / "data" / "cn_official.json"


def _seed():
    with open(SEED_PATH, encoding="utf-8") as fh:
        return json.load(fh)


def load(apps, schema_editor):
    CalendarYear = apps.get_model("workdays", "CalendarYear")
    CalendarDay = apps.get_model("workdays", "CalendarDay")
    document = _seed()
    existing = set(CalendarYear.objects.values_list("year", flat=True))
    for entry in document["years"]:
        if entry["year"] in existing:
            continue
        year = CalendarYear.objects.create(year=entry["year"], status="official", source=document["source"])
        CalendarDay.objects.bulk_create(
            CalendarDay(year=year, date=dt.date.fromisoformat(day["date"]), kind=day["kind"], name=day["name"])
            for day in entry["days"]
        )


def unload(apps, schema_editor):
    CalendarYear = apps.get_model("workdays", "CalendarYear")
    document = _seed()
    years = [entry["year"] for entry in document["years"]]
    CalendarYear.objects.filter(year__in=years, source=document["source"]).delete()


class Migration(migrations.Migration):
    dependencies = [("workdays", "0001_initial")]

    operations = [migrations.RunPython(load, unload)]
