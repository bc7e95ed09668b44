"""TEMPORARY placeholder API (weekends only) until the workdays app lands; same signatures."""
import datetime as dt


def is_working_day(day: dt.date) -> bool:
    return day.weekday() < 5


def add_working_days(day: dt.date, n: int) -> dt.date:
    while n > 0:
        day += dt.timedelta(days=1)
        if is_working_day(day):
            n -= 1
    return day


def working_days_between(start: dt.date, end: dt.date) -> int:
    sign = 1
    if end < start:
        start, end, sign = end, start, -1
    count = sum(1 for i in range(1, (end - start).days + 1) if is_working_day(start + dt.timedelta(days=i)))
    return sign * count


def year_status(year: int) -> str:
    return "provisional"


def range_is_provisional(start: dt.date, end: dt.date) -> bool:
    return any(year_status(y) == "provisional" for y in range(start.year, end.year + 1))
