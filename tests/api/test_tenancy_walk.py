"""tests/test_tenancy.py's walk restricted to this app's URLs (runs even while other wings' worlds are missing)."""
import pytest
from django.urls import get_resolver, reverse

from tests.builders import partner_world
from tests.test_tenancy import scoped_model_of, walk

pytestmark = pytest.mark.django_db


def test_api_urls_are_tenant_safe(client, alice, bob, operator):
    world_a = partner_world(alice.partner, alice, operator, tag="甲")
    world_b = partner_world(bob.partner, bob, operator, tag="乙")
    client.force_login(alice)
    checked = 0
    for name, pattern in walk(get_resolver().url_patterns):
        if not name.startswith("api:"):
            continue
        if not pattern.pattern.converters:
            for method in (client.get, client.post):
                response = method(reverse(name))
                assert response.status_code in (200, 302, 401, 405), (name, response.status_code)
                body = response.content.decode(errors="ignore")
                assert not [m for m in world_b["markers"] if m in body], name
        else:
            model = scoped_model_of(pattern.callback)
            theirs = reverse(name, kwargs={"pk": world_b[model.__name__].pk})
            assert client.post(theirs).status_code == 404 and client.get(theirs).status_code in (404, 405)
            mine = reverse(name, kwargs={"pk": world_a[model.__name__].pk})
            assert client.post(mine).status_code == 302
        checked += 1
    assert checked == 14
