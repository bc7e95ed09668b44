"""The header's unread count comes with the signed-in user (one query for user, partner and count), is exact, and
follows reads at once."""
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from partnercenter.notifications.models import Notification
from partnercenter.notifications.services import notify

pytestmark = pytest.mark.django_db


def test_the_bell_counts_only_my_unread_notifications_without_a_query_of_its_own(alice, bob, client_alice):
    notify(recipients=[alice], title="一", email=False)
    notify(recipients=[alice], title="二", email=False)
    notify(recipients=[alice], title="已读", email=False)
    notify(recipients=[bob], title="别人的", email=False)
    Notification.objects.filter(recipient=alice, title="已读").update(read_at=timezone.now())
    with CaptureQueriesContext(connection) as ctx:
        response = client_alice.get(reverse("home"))
    assert response.context["unread_count"] == 2
    assert 'class="bell__badge" aria-hidden="true">2<' in response.content.decode()
    counts = [q["sql"] for q in ctx.captured_queries
              if 'FROM "notifications_notification"' in q["sql"] and "partners_user" not in q["sql"]]
    assert counts == [], counts  # the count rode on the user's query


def test_reading_all_clears_the_bell_on_the_next_page(alice, client_alice):
    notify(recipients=[alice], title="一", email=False)
    assert client_alice.get(reverse("home")).context["unread_count"] == 1
    client_alice.post(reverse("notifications:read-all"))
    assert client_alice.get(reverse("home")).context["unread_count"] == 0
