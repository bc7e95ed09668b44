"""Every test here starts from the shipped official schedules and a cold process snapshot."""
import pytest

from partnercenter.workdays import services
from partnercenter.workdays.models import CalendarYear


@pytest.fixture(autouse=True)
def official_calendar(db):
    # The data migration loads 2020–2026, but a transactional test elsewhere in the run flushes
    # tables (migration data included), so load the seed again if it is gone.
    if not CalendarYear.objects.filter(year=2026).exists():
        services.calendar_seed_load()
    services.calendar_changed()  # cold snapshot: nothing left over from another test's transaction
    yield
    services.calendar_changed()  # and leave none built from this test's soon-rolled-back rows
