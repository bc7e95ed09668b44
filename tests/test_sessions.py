"""partnercenter.sessions reads a session as Django's database store does (live sessions load; expired, unknown
and malformed keys are empty and lose their key, so a new one is issued) and brings the signed-in user along in
the same statement: one query for session and user on every signed-in request."""
import datetime as dt

import pytest
from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.backends import db
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from partnercenter.partners import auth
from partnercenter.partners.models import PortalSession, User
from partnercenter.sessions import SessionStore

pytestmark = pytest.mark.django_db


class DjangoRead(SessionStore):
    """Our table, read by Django's own ORM query (same salt: the store's class name signs the data)."""
    __qualname__ = SessionStore.__qualname__
    _get_session_from_db = db.SessionStore._get_session_from_db


def saved(**data) -> str:
    store = SessionStore()
    store.update(data)
    store.save()
    return store.session_key


def test_a_live_session_loads_like_djangos():
    key = saved(user="42", language="en", nested={"a": [1, 2]})
    assert SessionStore(key).load() == DjangoRead(key).load() == {"user": "42", "language": "en",
                                                                  "nested": {"a": [1, 2]}}
    assert SessionStore(key).session_key == key


@pytest.mark.parametrize("key", ["expired", "unknown", "short", "", None])
def test_expired_unknown_and_malformed_keys_are_empty(key):
    if key == "expired":
        key = saved(user="42")
        PortalSession.objects.filter(session_key=key).update(expire_date=timezone.now() - dt.timedelta(seconds=1))
    elif key == "unknown":
        key = "x" * 32
    elif key == "short":
        key = "abc"
    ours, django = SessionStore(key), DjangoRead(key)
    assert ours.load() == django.load() == {}
    assert ours.session_key is None and django.session_key is None


def test_the_session_row_keeps_the_signed_in_users_id(alice):
    key = saved(**{SESSION_KEY: str(alice.pk)})
    assert PortalSession.objects.get(session_key=key).user_id == alice.pk
    store = SessionStore(key)
    store.load()
    store.pop(SESSION_KEY)
    store.save()
    assert PortalSession.objects.get(session_key=key).user_id is None
    assert PortalSession.objects.get(session_key=saved(**{SESSION_KEY: "not-a-number"})).user_id is None


def test_a_signed_in_request_reads_session_and_user_in_one_query(client, alice):
    client.force_login(alice)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get("/notifications/")
    assert response.context["user"] == alice
    user_reads = [q["sql"] for q in ctx.captured_queries if '"partners_user"' in q["sql"]
                  and "FROM" in q["sql"] and "notifications_notification" in q["sql"]]
    assert len(user_reads) == 1 and '"partners_portalsession"' in user_reads[0]
    shown = response.context["user"]
    fresh = auth.load_user(alice.pk)
    for field in User._meta.concrete_fields:
        assert getattr(shown, field.attname) == getattr(fresh, field.attname), field.name
    assert shown.partner == fresh.partner and shown.partner.name == fresh.partner.name
    assert shown.unread_notifications == fresh.unread_notifications


def test_a_signed_in_client_keeps_its_session(client, alice):
    client.force_login(alice)
    assert client.get("/").status_code == 200
    assert client.get("/notifications/").context["user"] == alice


def test_two_users_alternating_each_get_their_own_user(alice, bob, operator):
    clients = {}
    for user in (alice, bob, operator):
        clients[user.pk] = Client()
        clients[user.pk].force_login(user)
    for _ in range(2):
        for user in (alice, bob, operator, alice):
            assert clients[user.pk].get("/notifications/").context["user"].pk == user.pk


def test_an_inactive_or_deleted_user_is_signed_out(client, alice, bob):
    client.force_login(alice)
    User.objects.filter(pk=alice.pk).update(is_active=False)
    assert client.get("/notifications/").status_code == 302
    other = Client()
    other.force_login(bob)
    bob.delete()
    assert other.get("/notifications/").status_code == 302


def test_a_password_change_elsewhere_ends_the_session(client, alice):
    client.force_login(alice)
    alice.set_password("a-new-password-1234")
    alice.save()
    assert client.get("/notifications/").status_code == 302


def test_expired_sessions_are_deleted_nightly(alice):
    from django.conf import settings

    from partnercenter.partners.tasks import clear_expired_sessions

    live, expired = saved(**{SESSION_KEY: str(alice.pk)}), saved(user="1")
    PortalSession.objects.filter(session_key=expired).update(expire_date=timezone.now() - dt.timedelta(seconds=1))
    assert clear_expired_sessions() == 1
    assert list(PortalSession.objects.values_list("session_key", flat=True)) == [live]
    entry = settings.CELERY_BEAT_SCHEDULE["partners-clear-expired-sessions"]
    assert entry["task"] == clear_expired_sessions.name
