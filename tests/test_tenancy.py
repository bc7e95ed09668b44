"""Tenancy harness: walks EVERY URL pattern of the project as partner A, with partner B's object ids.

* A URL that takes an object id must declare its scoped model (CBV `model`, or `@object_view(Model)`),
  otherwise this test fails — so every later wing's URLs are covered automatically.
* With B's id, A gets 404 (GET and POST), exactly as for a missing id; with A's own id the page works.
* Every list page (no id) shown to A contains none of B's names or numbers.
"""
import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from partnercenter.tenancy import SCOPED_MODELS
from tests.builders import partner_world

pytestmark = pytest.mark.django_db

SKIP_NAMESPACES = {"admin"}  # Django admin is staff-only; its own permission tests cover it
SKIP_NAMES = {"set_language", "logout", "healthz", "readyz", "password_reset_confirm"}  # token URLs


def walk(patterns, namespace=None):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            ns = pattern.namespace or namespace
            if ns in SKIP_NAMESPACES:
                continue
            yield from walk(pattern.url_patterns, ns)
        elif isinstance(pattern, URLPattern) and pattern.name and pattern.name not in SKIP_NAMES:
            yield (f"{namespace}:{pattern.name}" if namespace else pattern.name), pattern


def scoped_model_of(callback):
    view_class = getattr(callback, "view_class", None)
    return getattr(view_class, "model", None) or getattr(callback, "scoped_model", None)


@pytest.fixture
def worlds(alice, bob, operator):
    return (partner_world(alice.partner, alice, operator, tag="甲"),
            partner_world(bob.partner, bob, operator, tag="乙"))


def test_every_url_is_tenant_safe(client, alice, worlds):
    world_a, world_b = worlds
    client.force_login(alice)
    checked, leaks = 0, []
    for name, pattern in walk(get_resolver().url_patterns):
        params = list(pattern.pattern.converters)
        if not params:
            response = client.get(reverse(name))
            content = b"".join(response.streaming_content) if response.streaming else response.content
            body = content.decode(errors="ignore")
            leaks += [f"{name}: shows {marker}" for marker in world_b["markers"] if marker in body]
            checked += 1
            continue
        model = scoped_model_of(pattern.callback)
        assert model is not None, f"{name} takes {params} but declares no scoped model (tenancy.object_view)"
        assert model in SCOPED_MODELS, f"{name}: {model.__name__} is not registered with @scoped"
        assert params == ["pk"], f"{name}: object URLs take a single <int:pk> ({params})"
        assert model.__name__ in world_b, (
            f"{name}: the tenancy world has no {model.__name__}; add one in tests/<wing>/world.py")
        theirs = reverse(name, kwargs={"pk": world_b[model.__name__].pk})
        for method in (client.get, client.post):
            status = method(theirs).status_code
            if status not in (404, 405):
                leaks.append(f"{name} {method.__name__.upper()} {theirs} answered {status}")
        if not getattr(pattern.callback, "vendor_only", False):
            mine = reverse(name, kwargs={"pk": world_a[model.__name__].pk})
            statuses = {client.get(mine).status_code, client.post(mine).status_code}
            assert statuses - {404}, f"{name}: own object {mine} also answers 404 — the check would prove nothing"
        checked += 1
    assert not leaks, "\n".join(leaks)
    assert checked > 15


def test_missing_id_and_foreign_id_answer_the_same(client, alice, worlds):
    _world_a, world_b = worlds
    client.force_login(alice)
    foreign = client.get(reverse("partners:customer-detail", args=[world_b["Customer"].pk]))
    missing = client.get(reverse("partners:customer-detail", args=[999_999_999]))
    assert foreign.status_code == missing.status_code == 404
    assert world_b["Customer"].name not in foreign.content.decode()
