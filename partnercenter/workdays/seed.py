"""The committed seed file `data/cn_official.json`: the published schedules we ship with.

Regenerate it with `python manage.py workdays seed-data --first 2020 --last 2026` after upgrading
`holidays` (and review the diff: it is the State Council's schedule, not ours to guess). The data
migration and `workdays load-seed` read it; neither imports `holidays`, so the shipped calendar
does not change when the library does.
"""
import json
from pathlib import Path

from .rules import LIBRARY, library_schedule

SEED_PATH = Path(__file__).resolve().parent / "data" / "cn_official.json"
SEED_SOURCE = f"国务院办公厅通知 (via {LIBRARY})"


def seed_build(*, first: int, last: int) -> dict:
    """The seed document for the given years, as the library knows them now."""
    return {
        "source": SEED_SOURCE,
        "years": [
            {"year": year, "days": [day.as_json() for day in library_schedule(year)]}
            for year in range(first, last + 1)
        ],
    }


def seed_dumps(document: dict) -> str:
    # One day per line keeps review diffs readable when a year is added.
    lines = ["{", f'  "source": {json.dumps(document["source"], ensure_ascii=False)},', '  "years": [']
    for i, year in enumerate(document["years"]):
        days = ",\n".join(f"      {json.dumps(day, ensure_ascii=False)}" for day in year["days"])
        tail = "," if i < len(document["years"]) - 1 else ""
        lines.append(f'    {{"year": {year["year"]}, "days": [\n{days}\n    ]}}{tail}')
    lines += ["  ]", "}", ""]
    return "\n".join(lines)


def seed_read(path: Path = SEED_PATH) -> dict:
    with open(path, encoding="utf-8") as fh:
        return json.load(fh)
