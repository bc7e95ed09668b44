"""tests/test_tenancy.py's walk over the payments URLs (and 激励管理 > 申请记录), with our objects in each
partner's world; plus private downloads: invoices, statements and contract PDFs of another partner answer 404."""
import pytest
from django.urls import get_resolver, reverse

from tests.builders import partner_world
from tests.test_tenancy import scoped_model_of, walk

pytestmark = pytest.mark.django_db

OURS = ("payments:", "incentives:application-list")


@pytest.fixture
def worlds(alice, bob, operator):
    return partner_world(alice.partner, alice, operator, tag="甲"), partner_world(bob.partner, bob, operator, tag="乙")


def test_payment_urls_are_tenant_safe(client, alice, worlds):
    world_a, world_b = worlds
    client.force_login(alice)
    leaks, checked = [], 0
    for name, pattern in walk(get_resolver().url_patterns):
        if not name.startswith(OURS):
            continue
        params = list(pattern.pattern.converters)
        if not params:
            response = client.get(reverse(name))
            assert response.status_code in (200, 302, 405) or getattr(pattern.callback, "vendor_only", False), name
            body = response.content.decode()
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
            statuses = {client.get(mine).status_code, client.post(mine).status_code}
            assert statuses - {404}, name
            assert 500 not in statuses, name
        checked += 1
    assert not leaks, leaks
    assert checked >= 20


def test_private_documents_answer_only_their_partner(client, alice, worlds):
    world_a, world_b = worlds
    client.force_login(alice)
    own, theirs = world_a["PaymentRequest"], world_b["PaymentRequest"]
    assert client.get(reverse("payments:request-invoice-file", args=[own.pk])).status_code == 200
    assert client.get(reverse("payments:request-invoice-file", args=[theirs.pk])).status_code == 404
    mine = client.get(reverse("payments:request-statement", args=[own.pk]))
    assert mine.status_code == 200 and mine["Content-Type"] == "application/pdf"
    assert client.get(reverse("payments:request-statement", args=[theirs.pk])).status_code == 404
    contract = client.get(reverse("payments:contract-download", args=[world_a["PaymentContract"].pk]))
    assert contract.status_code == 200 and b"".join(contract.streaming_content).startswith(b"%PDF-")
    assert client.get(reverse("payments:contract-download", args=[world_b["PaymentContract"].pk])).status_code == 404
    # The stored files live under private/, never under a public URL.
    assert own.invoice_file.name.startswith("private/invoices/")
    assert world_a["PaymentContract"].pdf_file.name.startswith("private/contracts/")
