"""partnercenter.sessions reads a session as Django's database store does: live sessions load, expired, unknown
and malformed keys are empty and lose their key (so a new one is issued)."""
import datetime as dt

import pytest
from django.contrib.sessions.backends.db import SessionStore as DjangoStore
from django.contrib.sessions.models import Session
from django.utils import timezone

from partnercenter.sessions import SessionStore

pytestmark = pytest.mark.django_db


def saved(**data) -> str:
    store = SessionStore()
    store.update(data)
    store.save()
    return store.session_key


def test_a_live_session_loads_like_djangos():
    key = saved(user="42", language="en", nested={"a": [1, 2]})
    assert SessionStore(key).load() == DjangoStore(key).load() == {"user": "42", "language": "en",
                                                                  "nested": {"a": [1, 2]}}
    assert SessionStore(key).session_key == key


@pytest.mark.parametrize("key", ["expired", "unknown", "short", "", None])
def test_expired_unknown_and_malformed_keys_are_empty(key):
    if key == "expired":
        key = saved(user="42")
        Session.objects.filter(session_key=key).update(expire_date=timezone.now() - dt.timedelta(seconds=1))
    elif key == "unknown":
        key = "x" * 32
    elif key == "short":
        key = "abc"
    ours, django = SessionStore(key), DjangoStore(key)
    assert ours.load() == django.load() == {}
    assert ours.session_key is None and django.session_key is None


def test_a_signed_in_client_keeps_its_session(client, alice):
    client.force_login(alice)
    assert client.get("/").status_code == 200
    assert client.get("/notifications/").context["user"] == alice
