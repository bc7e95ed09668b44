"""The signed-in user's one hand-written query (partnercenter.partners.auth.load_user) gives the same objects the
ORM would: every field of the user and of the partner, converted the same way, the partner cached on the user,
and the unread count."""
import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from partnercenter.notifications.services import notify
from partnercenter.partners.auth import PartnerModelBackend, load_user
from partnercenter.partners.models import Partner

pytestmark = pytest.mark.django_db


def field_values(obj) -> dict:
    return {field.attname: getattr(obj, field.attname) for field in obj._meta.concrete_fields}


def test_a_partner_user_loads_like_the_orm_in_one_query(alice, bob):
    notify(recipients=[alice], title="一", email=False)
    notify(recipients=[alice], title="二", email=False)
    notify(recipients=[bob], title="别人的", email=False)
    Partner.objects.filter(pk=alice.partner_id).update(real_name_status=Partner.RealName.VERIFIED)
    expected = get_user_model().objects.select_related("partner").get(pk=alice.pk)
    with CaptureQueriesContext(connection) as queries:
        user = load_user(str(alice.pk))  # the session keeps the id as text
        partner = user.partner
        assert user.unread_notifications == 2
    assert len(queries) == 1
    assert field_values(user) == field_values(expected)
    assert field_values(partner) == field_values(expected.partner)
    assert type(user.last_login) is type(expected.last_login) and user.date_joined.tzinfo is not None
    assert not user._state.adding and user._state.db == "default" and partner._state.db == "default"


def test_a_vendor_operator_has_no_partner(operator):
    with CaptureQueriesContext(connection) as queries:
        user = load_user(operator.pk)
        assert user.partner is None
    assert len(queries) == 1
    assert user.unread_notifications == 0
    assert field_values(user) == field_values(get_user_model().objects.get(pk=operator.pk))


def test_unknown_malformed_and_inactive_ids_are_nobody(alice):
    backend = PartnerModelBackend()
    assert backend.get_user(alice.pk) == alice
    assert backend.get_user(10**9) is None
    assert backend.get_user("not-a-number") is None
    get_user_model().objects.filter(pk=alice.pk).update(is_active=False, last_login=timezone.now())
    assert backend.get_user(alice.pk) is None


def test_a_saved_loaded_user_updates_in_place(alice):
    """An instance from from_db saves as an UPDATE of the same row (login() stamps last_login on it)."""
    user = load_user(alice.pk)
    user.full_name = "改名后"
    user.save(update_fields=["full_name"])
    assert get_user_model().objects.get(pk=alice.pk).full_name == "改名后"
    assert user.pk == alice.pk and not user._state.adding
