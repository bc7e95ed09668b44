"""The `holidays` library as a source: seed data for published years, the rule for unpublished ones.

We never trust the library silently at run time for a year the operator has entered: it only
(1) generates the committed seed file, (2) pre-fills a draft year in the admin, and (3) answers for
years nobody has entered, which are then reported as provisional. Its 调休 data for a year is used
as a whole or not at all, so a "day off (substituted from …)" never appears without the make-up
workday it was traded for.
"""
import datetime as dt
import functools
from dataclasses import dataclass

import holidays

from .models import FIRST_YEAR, LAST_YEAR, CalendarDay
from .workcalendar import PROVISIONAL, YearCalendar

LIBRARY = f"holidays {holidays.__version__}"

# Suffixes the library appends to a festival's name for extra days: （补假）, （推定）, （补假，推定）.
_SUFFIX_START = "（"
_SUBSTITUTED_MARK = "调休"  # in the library's "休息日（由 2026-01-04 调休）"
_FESTIVAL_ALIASES = {"农历除夕": "春节", "春节延长假期": "春节"}


@dataclass(frozen=True)
class ScheduleDay:
    date: dt.date
    kind: str  # CalendarDay.Kind value
    name: str

    def as_json(self) -> dict:
        return {"date": self.date.isoformat(), "kind": self.kind, "name": self.name}


def _china(years) -> holidays.HolidayBase:
    return holidays.country_holidays("CN", years=years, language="zh_CN", categories=("public",))


def _festivals_of(day_off: dt.date, named: dict[dt.date, str]) -> str:
    """The festival(s) a 调休 day off belongs to, from the names in its block of consecutive days off.

    A block can hold two festivals (2025: 国庆节 and 中秋节, Oct 1–8), as the notice itself says.
    """
    block = [day_off]
    for step in (-1, 1):
        day = day_off + dt.timedelta(days=step)
        while day in named or day.weekday() >= 5:  # an ordinary working day ends the block
            block.append(day)
            day += dt.timedelta(days=step)
    festivals: list[str] = []
    for day in sorted(block):
        for name in named.get(day, "").split("; "):
            base = name.split(_SUFFIX_START, 1)[0]
            base = _FESTIVAL_ALIASES.get(base, base)
            if base and _SUBSTITUTED_MARK not in name and base not in festivals:
                festivals.append(base)
    return "、".join(festivals)


def library_schedule(year: int) -> list[ScheduleDay]:
    """The library's exceptions for `year`, named in Chinese, sorted by date.

    Neighbouring years are loaded too because a make-up workday can pay for a day off in the next
    year (e.g. 2001-12-29 for New Year 2002).
    """
    if not FIRST_YEAR <= year <= LAST_YEAR:
        return []
    cn = _china(range(max(year - 1, FIRST_YEAR), min(year + 1, LAST_YEAR) + 1))
    named = dict(cn.items())
    days = [ScheduleDay(d, CalendarDay.Kind.HOLIDAY.value, name) for d, name in named.items() if d.year == year]
    for workday in cn.weekend_workdays:
        if workday.year != year:
            continue
        day_off = next((d for d, name in named.items() if workday.isoformat() in name), None)
        festival = _festivals_of(day_off, named) if day_off else ""
        days.append(ScheduleDay(workday, CalendarDay.Kind.WORKDAY.value, f"{festival}调休上班"))
    return sorted(days, key=lambda day: day.date)


@functools.cache
def rule_year(year: int) -> YearCalendar:
    """A year nobody has entered: the library's statutory holidays (and its 调休, if it knows any).

    For a year the State Council has not published yet the library knows no make-up workdays, so
    this is "not a weekend and not a statutory holiday". Depends only on the installed library, so
    it is cached for the life of the process.
    """
    days = library_schedule(year)
    return YearCalendar.from_exceptions(
        year=year,
        status=PROVISIONAL,
        holidays=[day.date for day in days if day.kind == CalendarDay.Kind.HOLIDAY],
        workdays=[day.date for day in days if day.kind == CalendarDay.Kind.WORKDAY],
    )
