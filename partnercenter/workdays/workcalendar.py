"""Working-day arithmetic over an immutable snapshot of the calendar. No Django, no I/O.

A year is reduced to two small sets — weekdays that are not worked and weekend days that are —
so one check is a set lookup and counting over a range is a formula plus a walk over ~30 exceptions
per year, whatever the length of the range.
"""
import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass

OFFICIAL = "official"
PROVISIONAL = "provisional"

ONE_DAY = dt.timedelta(days=1)


@dataclass(frozen=True)
class YearCalendar:
    year: int
    status: str  # OFFICIAL or PROVISIONAL
    days_off: frozenset[dt.date]  # Mon–Fri dates that are not worked (holidays, 调休 days off)
    days_on: frozenset[dt.date]  # Sat/Sun dates that are worked (调休上班)

    @classmethod
    def from_exceptions(cls, *, year: int, status: str, holidays: Iterable[dt.date],
                        workdays: Iterable[dt.date]) -> "YearCalendar":
        """Keep only the exceptions that change the answer: weekend holidays and weekday "workdays" are noise."""
        return cls(
            year=year,
            status=status,
            days_off=frozenset(d for d in holidays if d.year == year and d.weekday() < 5),
            days_on=frozenset(d for d in workdays if d.year == year and d.weekday() >= 5),
        )


def _weekdays_through(day: dt.date) -> int:
    """Mon–Fri days from 0001-01-01 (a Monday, ordinal 1) through `day` inclusive."""
    weeks, rest = divmod(day.toordinal(), 7)
    return weeks * 5 + min(rest, 5)


class WorkCalendar:
    """Answers working-day questions from per-year calendars supplied by `year_for(year)`."""

    def __init__(self, year_for: Callable[[int], YearCalendar]):
        self._year_for = year_for

    def year(self, year: int) -> YearCalendar:
        return self._year_for(year)

    def is_working_day(self, day: dt.date) -> bool:
        year = self._year_for(day.year)
        if day.weekday() < 5:
            return day not in year.days_off
        return day in year.days_on

    def add_working_days(self, day: dt.date, n: int) -> dt.date:
        """The |n|th working day strictly after (n > 0) or strictly before (n < 0) `day`."""
        step = ONE_DAY if n > 0 else -ONE_DAY
        remaining = abs(n)
        while remaining:
            day += step
            if self.is_working_day(day):
                remaining -= 1
        return day

    def working_days_between(self, start: dt.date, end: dt.date) -> int:
        """Working days in (start, end]; the negated count of (end, start] when end < start."""
        if end < start:
            return -self.working_days_between(end, start)
        count = _weekdays_through(end) - _weekdays_through(start)
        for year in range(start.year, end.year + 1):
            calendar = self._year_for(year)
            count -= sum(1 for d in calendar.days_off if start < d <= end)
            count += sum(1 for d in calendar.days_on if start < d <= end)
        return count

    def year_status(self, year: int) -> str:
        return self._year_for(year).status
