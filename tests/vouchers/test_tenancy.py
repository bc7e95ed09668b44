"""tests/test_tenancy.py's walk, with our objects added to each partner's world."""
import pytest
from django.urls import get_resolver, reverse

from tests.builders import partner_world
from tests.test_tenancy import scoped_model_of, walk

pytestmark = pytest.mark.django_db


def world_of(user, operator, tag):
    # partner_world already includes this wing's objects (tests/vouchers/world.py).
    return partner_world(user.partner, user, operator, tag=tag)


def test_voucher_urls_are_tenant_safe(client, alice, bob, operator):
    world_a, world_b = world_of(alice, operator, "甲"), world_of(bob, operator, "乙")
    client.force_login(alice)
    leaks, checked = [], 0
    for name, pattern in walk(get_resolver().url_patterns):
        if not name.startswith("vouchers:"):
            continue
        params = list(pattern.pattern.converters)
        if not params:
            body = client.get(reverse(name)).content.decode()
            leaks += [f"{name}: shows {m}" for m in world_b["markers"] if m in body]
        else:
            model = scoped_model_of(pattern.callback)
            assert params == ["pk"] and model is not None, name
            theirs = reverse(name, kwargs={"pk": world_b[model.__name__].pk})
            for method in (client.get, client.post):
                if method(theirs).status_code not in (404, 405):
                    leaks.append(f"{name} {theirs}")
            if getattr(pattern.callback, "vendor_only", False):
                checked += 1
                continue
            mine = reverse(name, kwargs={"pk": world_a[model.__name__].pk})
            assert {client.get(mine).status_code, client.post(mine).status_code} - {404}, name
        checked += 1
    assert not leaks, leaks
    assert checked >= 9
