"""The project's tenancy walk restricted to this wing's URLs (the whole walk lives in tests/test_tenancy.py;
this one keeps the incentive pages covered even while another wing's part of that walk is red)."""
import pytest
from django.urls import get_resolver, reverse

from tests.builders import partner_world
from tests.test_tenancy import scoped_model_of, walk

pytestmark = pytest.mark.django_db


def test_incentive_urls_are_tenant_safe(client, alice, bob, operator):
    world_a = partner_world(alice.partner, alice, operator, tag="甲")
    world_b = partner_world(bob.partner, bob, operator, tag="乙")
    client.force_login(alice)
    leaks, checked = [], 0
    for name, pattern in walk(get_resolver().url_patterns):
        if not name.startswith("incentives:"):
            continue
        checked += 1
        if not pattern.pattern.converters:
            response = client.get(reverse(name))
            body = (b"".join(response.streaming_content) if response.streaming else response.content).decode()
            leaks += [f"{name}: shows {m}" for m in world_b["markers"] if m in body]
            continue
        model = scoped_model_of(pattern.callback)
        theirs = reverse(name, kwargs={"pk": world_b[model.__name__].pk})
        for method in (client.get, client.post):
            if method(theirs).status_code not in (404, 405):
                leaks.append(f"{name} {theirs}")
        if not getattr(pattern.callback, "vendor_only", False):
            mine = reverse(name, kwargs={"pk": world_a[model.__name__].pk})
            assert {client.get(mine).status_code, client.post(mine).status_code} - {404}, name
    assert not leaks, leaks
    assert checked >= 18
    body = b"".join(client.get(reverse("incentives:detail-export")).streaming_content).decode("utf-8-sig")
    assert "甲激励客户有限公司" in body and "乙激励客户有限公司" not in body
