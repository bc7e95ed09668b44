"""Working-day questions (the signatures other apps call) and the writes that change the calendar.

Speed and freshness: each process keeps a snapshot of every official year in memory, built in one
query, and keeps using it while a version token in the shared Django cache is unchanged. Every
write calls `calendar_changed()`, which drops this process's snapshot at once (so the writer sees
its own edit, even inside its transaction) and puts a new token in the shared cache after commit
(so other processes rebuild from committed rows, never from a transaction that may roll back).
The shared token is read at most once per `TOKEN_CHECK_INTERVAL` seconds, so a tight loop of calls
costs neither a query nor a cache round trip each; another process's edit shows here within that
interval. A snapshot is also rebuilt after `SNAPSHOT_MAX_AGE` seconds: with the per-process locmem
cache of the embedded mode, web and worker do not share tokens, and this bounds how stale either can be.
"""
import datetime as dt
import threading
import time
import uuid
from collections import defaultdict
from dataclasses import dataclass

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from .models import CalendarDay, CalendarYear
from .rules import library_schedule, rule_year
from .seed import SEED_SOURCE, seed_read
from .workcalendar import OFFICIAL, PROVISIONAL, WorkCalendar, YearCalendar

VERSION_KEY = "workdays:calendar-version"
TOKEN_CHECK_INTERVAL = 1.0  # seconds
SNAPSHOT_MAX_AGE = 300  # seconds


# Reads -----------------------------------------------------------------------------------------

def is_working_day(day: dt.date) -> bool:
    return _calendar().is_working_day(day)


def add_working_days(day: dt.date, n: int) -> dt.date:
    """The Nth working day strictly after `day` (before it when n < 0); `day` itself when n == 0."""
    return _calendar().add_working_days(day, n)


def working_days_between(start: dt.date, end: dt.date) -> int:
    """Working days after `start` up to and including `end`; negative when `end` is before `start`."""
    return _calendar().working_days_between(start, end)


def year_status(year: int) -> str:
    """Return "official" once the operator has entered the published schedule, else "provisional"."""
    return _calendar().year_status(year)


def range_is_provisional(start: dt.date, end: dt.date) -> bool:
    """True if any year the range touches is provisional: the answer may move once it is published."""
    calendar = _calendar()
    first, last = sorted((start.year, end.year))
    return any(calendar.year_status(year) == PROVISIONAL for year in range(first, last + 1))


# Process snapshot ------------------------------------------------------------------------------

@dataclass
class _Snapshot:
    token: str
    built_at: float
    checked_at: float  # when the shared token was last seen equal to `token`
    calendar: WorkCalendar


_snapshot: _Snapshot | None = None
_rebuild_lock = threading.Lock()


def _shared_token() -> str:
    token = cache.get(VERSION_KEY)
    if token is None:  # first use, or evicted: any fresh token forces every process to rebuild
        cache.add(VERSION_KEY, uuid.uuid4().hex, timeout=None)
        token = cache.get(VERSION_KEY)
    return token


def _calendar() -> WorkCalendar:
    global _snapshot
    now = time.monotonic()
    snapshot = _snapshot
    if snapshot and now - snapshot.built_at < SNAPSHOT_MAX_AGE:
        if now - snapshot.checked_at < TOKEN_CHECK_INTERVAL:
            return snapshot.calendar
        if _shared_token() == snapshot.token:
            snapshot.checked_at = now
            return snapshot.calendar
    with _rebuild_lock:
        token = _shared_token()  # read before the rows, so a concurrent change can only make us rebuild again
        snapshot = _Snapshot(token=token, built_at=now, checked_at=now, calendar=_load_calendar())
        _snapshot = snapshot
    return snapshot.calendar


def _load_calendar() -> WorkCalendar:
    """All official years and their exceptions in one query (a LEFT JOIN keeps years with no rows)."""
    rows = CalendarYear.objects.filter(status=CalendarYear.Status.OFFICIAL).values_list(
        "year", "days__date", "days__kind"
    )
    exceptions: dict[int, dict[str, list[dt.date]]] = {}
    for year, date, kind in rows:
        by_kind = exceptions.setdefault(year, defaultdict(list))
        if date is not None:
            by_kind[kind].append(date)
    official = {
        year: YearCalendar.from_exceptions(
            year=year,
            status=OFFICIAL,
            holidays=by_kind[CalendarDay.Kind.HOLIDAY],
            workdays=by_kind[CalendarDay.Kind.WORKDAY],
        )
        for year, by_kind in exceptions.items()
    }
    return WorkCalendar(lambda year: official.get(year) or rule_year(year))


def calendar_changed() -> None:
    """Call after any write to CalendarYear/CalendarDay (services and admin do).

    Known gap: if the writing transaction rolls back, this process may keep a snapshot built from
    the uncommitted rows until the next change or `SNAPSHOT_MAX_AGE`; no other process is affected.
    """
    global _snapshot
    _snapshot = None
    transaction.on_commit(lambda: cache.set(VERSION_KEY, uuid.uuid4().hex, timeout=None))


# Writes ----------------------------------------------------------------------------------------

def _year_get_or_create(year: int) -> CalendarYear:
    calendar_year = CalendarYear.objects.filter(pk=year).first()
    if calendar_year is None:
        calendar_year = CalendarYear(year=year, status=CalendarYear.Status.PROVISIONAL)
        calendar_year.full_clean()
        calendar_year.save()
    return calendar_year


def calendar_day_set(*, day: dt.date, kind: str, name: str = "") -> CalendarDay:
    """Enter or change one exception. In a year not yet marked official it is a draft until it is."""
    with transaction.atomic():
        calendar_year = _year_get_or_create(day.year)
        calendar_day = CalendarDay.objects.filter(date=day).first() or CalendarDay(date=day)
        calendar_day.year = calendar_year
        calendar_day.kind = kind
        calendar_day.name = name
        calendar_day.full_clean()
        calendar_day.save()
        calendar_changed()
    return calendar_day


def calendar_day_delete(*, day: dt.date) -> bool:
    """Remove an exception: the day goes back to the Mon–Fri rule. False if there was none."""
    deleted, _detail = CalendarDay.objects.filter(date=day).delete()
    if deleted:
        calendar_changed()
    return bool(deleted)


def calendar_year_mark_official(*, year: int, source: str, note: str | None = None) -> CalendarYear:
    """The operator confirms the entered dates match the State Council's notice; they now count."""
    with transaction.atomic():
        calendar_year = CalendarYear.objects.select_for_update().get(pk=year)
        calendar_year.status = CalendarYear.Status.OFFICIAL
        calendar_year.source = source
        if note is not None:
            calendar_year.note = note
        calendar_year.full_clean()
        calendar_year.save()
        calendar_changed()
    return calendar_year


def calendar_year_import_rule_dates(*, year: int) -> int:
    """Pre-fill a draft year with the library's dates; dates already entered are left alone.

    Refused for an official year: its dates come from the notice, and mixing in rule-based guesses
    (e.g. the library's estimated "observed" days) would silently change deadlines.
    """
    with transaction.atomic():
        calendar_year = _year_get_or_create(year)
        if calendar_year.is_official:
            raise ValidationError(_("%(year)s 年已是正式日历，不能再导入规则日期。") % {"year": year})
        entered = set(CalendarDay.objects.filter(year=calendar_year).values_list("date", flat=True))
        new_days = [
            CalendarDay(date=day.date, year=calendar_year, kind=day.kind, name=day.name)
            for day in library_schedule(year)
            if day.date not in entered
        ]
        for calendar_day in new_days:
            calendar_day.full_clean(exclude=["year"], validate_unique=False, validate_constraints=False)
        CalendarDay.objects.bulk_create(new_days)
        calendar_changed()
    return len(new_days)


def calendar_seed_load(*, replace: bool = False, document: dict | None = None) -> list[int]:
    """Load the committed seed file as official years; returns the years written.

    Years already in the database are skipped unless `replace`: an operator's corrections win over
    a regenerated file.
    """
    document = document or seed_read()
    written = []
    with transaction.atomic():
        existing = set(CalendarYear.objects.values_list("year", flat=True))
        for entry in document["years"]:
            year = entry["year"]
            if year in existing and not replace:
                continue
            CalendarDay.objects.filter(year_id=year).delete()
            calendar_year, _created = CalendarYear.objects.update_or_create(
                year=year,
                defaults={"status": CalendarYear.Status.OFFICIAL, "source": document.get("source", SEED_SOURCE)},
            )
            days = [
                CalendarDay(year=calendar_year, date=dt.date.fromisoformat(day["date"]), kind=day["kind"],
                            name=day["name"])
                for day in entry["days"]
            ]
            for calendar_day in days:
                calendar_day.full_clean(exclude=["year"], validate_unique=False, validate_constraints=False)
            CalendarDay.objects.bulk_create(days)
            written.append(year)
        if written:
            calendar_changed()
    return written
