"""The platform's tenancy walk applied to this wing's URLs, with worlds that contain our objects."""
import pytest
from django.urls import get_resolver, reverse

from tests.builders import partner_world
from tests.test_tenancy import scoped_model_of, walk

pytestmark = pytest.mark.django_db


@pytest.fixture
def worlds(alice, bob, operator):
    result = []
    for main, tag in ((alice, "甲"), (bob, "乙")):
        # partner_world already includes this wing's objects (tests/renewals/world.py).
        result.append(partner_world(main.partner, main, operator, tag=tag))
    return result


def test_renewals_urls_are_tenant_safe(client, alice, worlds):
    world_a, world_b = worlds
    client.force_login(alice)
    checked, leaks = 0, []
    for name, pattern in walk(get_resolver().url_patterns):
        if not name.startswith("renewals:"):
            continue
        params = list(pattern.pattern.converters)
        if not params:
            for query in ({}, {"status": "all"}):
                response = client.get(reverse(name), query)
                body = response.content.decode()
                leaks += [f"{name}: shows {marker}" for marker in world_b["markers"] if marker in body]
            checked += 1
            continue
        model = scoped_model_of(pattern.callback)
        assert model is not None and params == ["pk"]
        theirs = reverse(name, kwargs={"pk": world_b[model.__name__].pk})
        for method in (client.get, client.post):
            if method(theirs).status_code not in (404, 405):
                leaks.append(f"{name} {method.__name__} {theirs}")
        mine = reverse(name, kwargs={"pk": world_a[model.__name__].pk})
        assert {client.get(mine).status_code, client.post(mine).status_code} - {404}
        checked += 1
    assert not leaks, "\n".join(leaks)
    assert checked == 12
