"""Shared fixtures: two solution-provider partners (A and B), their people, and a vendor operator."""
import pytest
from django.utils import translation

from partnercenter.partners.models import Partner, User
from partnercenter.workdays import services as workdays
from partnercenter.workdays.models import CalendarYear
from tests.factories import OperatorFactory, PartnerFactory, UserFactory


@pytest.fixture
def partner_a(db):
    return PartnerFactory(name="甲方伙伴科技有限公司", partner_type=Partner.Type.SOLUTION_PROVIDER)


@pytest.fixture
def partner_b(db):
    return PartnerFactory(name="乙方伙伴信息技术有限公司", partner_type=Partner.Type.SOLUTION_PROVIDER)


@pytest.fixture
def alice(partner_a):
    return UserFactory(username="alice", full_name="王丽", partner=partner_a, role=User.Role.MAIN)


@pytest.fixture
def andy(partner_a):
    return UserFactory(username="andy", full_name="李安", partner=partner_a, role=User.Role.CUSTOMER_MANAGER)


@pytest.fixture
def bob(partner_b):
    return UserFactory(username="bob", full_name="赵博", partner=partner_b, role=User.Role.MAIN)


@pytest.fixture
def operator(db):
    return OperatorFactory(username="operator", full_name="运营小周")


@pytest.fixture
def client_alice(client, alice):
    client.force_login(alice)
    return client


@pytest.fixture
def client_operator(client, operator):
    client.force_login(operator)
    return client


@pytest.fixture(autouse=True)
def official_calendar(request):
    """Every database test starts from the shipped official schedules and a cold calendar snapshot.

    The data migration loads 2020-2026, but a transactional test flushes tables (migration data included),
    so the seed is loaded again when it is gone.
    """
    uses_db = request.node.get_closest_marker("django_db") or {"db", "transactional_db"} & set(request.fixturenames)
    if not uses_db:
        yield
        return
    request.getfixturevalue("transactional_db" if _is_transactional(request) else "db")
    if not CalendarYear.objects.filter(year=2026).exists():
        workdays.calendar_seed_load()
    workdays.calendar_changed()
    yield
    workdays.calendar_changed()


def _is_transactional(request) -> bool:
    marker = request.node.get_closest_marker("django_db")
    return bool(marker and marker.kwargs.get("transaction")) or "transactional_db" in request.fixturenames


@pytest.fixture(autouse=True)
def default_language_afterwards():
    """A request with the English cookie leaves English active in this thread (LocaleMiddleware activates it and
    nothing deactivates it): put the default back so every test starts in Chinese, whatever ran before it."""
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def celery_join_allowed():
    """Every test may wait for a task's result. Celery's "a task runs here, do not block" flag is one per process,
    saved and restored around each eager task; an eager task in the live server's thread that overlaps one in the
    test's thread (browser tests) can leave it set, and a later `result.get()` would refuse (seen in make test)."""
    from celery.result import allow_join_result

    with allow_join_result():
        yield
