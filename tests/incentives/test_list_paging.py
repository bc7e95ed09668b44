"""激励明细 at volume: keyset pages (cursor in the URL), a bounded count, whitelisted clickable sorts, and a query
count that does not grow with the number of lines."""
import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from incentives import views
from incentives.models import IncentiveDetail
from tests.factories import CustomerFactory, ProductFactory

from .helpers import consumption, generate, policy

pytestmark = pytest.mark.django_db
URL = reverse("incentives:detail-list")


def make_lines(partner, n, capture):
    customer, product = CustomerFactory(partner=partner), ProductFactory()
    for i in range(n):
        consumption(partner, amount=f"{100 + (i * 37) % 50}.00", customer=customer, product=product,
                    cycle=dt.date(2026, 9, 1) if i % 3 == 0 else dt.date(2026, 10, 1))
    generate(capture=capture)


@pytest.fixture
def many(partner_a, partner_b, django_capture_on_commit_callbacks):
    policy()
    make_lines(partner_a, 45, django_capture_on_commit_callbacks)
    make_lines(partner_b, 3, django_capture_on_commit_callbacks)
    return list(IncentiveDetail.objects.filter(partner=partner_a).order_by("-period", "-id").values_list("pk",
                                                                                                        flat=True))


def pks(response):
    return [d.pk for d in response.context["object_list"]]


def test_keyset_pages_walk_forward_and_back(many, client_alice):
    first = client_alice.get(URL)
    page = first.context["page_obj"]
    assert pks(first) == many[:20] and page.has_next_page and not page.has_previous_page
    assert page.count == 45 and 'rel="next"' in first.content.decode()
    second = client_alice.get(URL, {"after": page.next_cursor})
    assert pks(second) == many[20:40]
    third = client_alice.get(URL, {"after": second.context["page_obj"].next_cursor})
    assert pks(third) == many[40:] and not third.context["page_obj"].has_next_page
    back = client_alice.get(URL, {"before": second.context["page_obj"].previous_cursor})
    assert pks(back) == many[:20] and not back.context["page_obj"].has_previous_page
    # The cursor is plain text in the URL: a hand-edited one shows the first page, never a 500.
    for bad in ("x", "202610.", "209913.abc", "202613.5", "1" * 40):
        response = client_alice.get(URL, {"after": bad})
        assert response.status_code == 200 and pks(response) == many[:20]


@pytest.mark.parametrize(("query", "lookup"), [
    ({"period": "202610"}, {"period": dt.date(2026, 10, 1)}),
    ({"period": "202609", "status": "normal"}, {"period": dt.date(2026, 9, 1), "status": "normal"}),
    ({}, {}),
])
def test_keyset_pages_of_a_filtered_list_walk_forward_and_back(many, client_alice, query, lookup):
    wanted = set(IncentiveDetail.objects.filter(pk__in=many, **lookup).values_list("pk", flat=True))
    expected = [pk for pk in many if pk in wanted]
    seen, cursor, pages = [], None, []
    while True:
        response = client_alice.get(URL, {**query, **({"after": cursor} if cursor else {})})
        pages.append(response)
        seen += pks(response)
        page = response.context["page_obj"]
        if not page.has_next_page:
            break
        cursor = page.next_cursor
    assert seen == expected and len(pages) >= 1
    if len(pages) > 1:
        back = client_alice.get(URL, {**query, "before": pages[1].context["page_obj"].previous_cursor})
        assert pks(back) == pks(pages[0])


def test_a_deep_page_seeks_to_its_cursor(many, client_alice):
    """Page N reads its 20 rows from the index at the cursor instead of filtering every row before it: the
    cursor is `id < n` when the period is pinned by the filter, the row comparison (period, id) otherwise."""
    detail = IncentiveDetail.objects.get(pk=many[25])
    cursor = f"{detail.period:%Y%m}.{detail.pk}"
    with CaptureQueriesContext(connection) as ctx:
        client_alice.get(URL, {"period": f"{detail.period:%Y%m}", "after": cursor})
    rows = next(q["sql"] for q in ctx.captured_queries if q["sql"].rstrip().endswith("LIMIT 21")
                and "incentives_incentivedetail" in q["sql"])
    assert f'"id" < {detail.pk}' in rows and " OR " not in rows
    with CaptureQueriesContext(connection) as ctx:
        client_alice.get(URL, {"after": cursor})
    rows = next(q["sql"] for q in ctx.captured_queries if q["sql"].rstrip().endswith("LIMIT 21")
                and "incentives_incentivedetail" in q["sql"])
    assert '("incentives_incentivedetail"."period", "incentives_incentivedetail"."id") <' in rows
    assert " OR " not in rows


def test_keyset_respects_filters_and_tenancy(many, client_alice, partner_b):
    foreign = IncentiveDetail.objects.filter(partner=partner_b).first()
    response = client_alice.get(URL, {"period": "202610", "after": f"202610.{foreign.pk + 1}"})
    assert all(d.partner_id != partner_b.pk and d.period == dt.date(2026, 10, 1)
               for d in response.context["object_list"])


def test_count_rides_on_the_totals_and_is_bounded_for_numbered_pages(many, client_alice, monkeypatch):
    monkeypatch.setattr(views, "COUNT_CAP", 30)
    response = client_alice.get(URL)
    assert response.context["page_obj"].count == response.context["totals"]["lines"] == 45
    response = client_alice.get(URL, {"sort": "amount"})
    assert response.context["paginator"].count == 31 and response.context["count_capped"]


@pytest.mark.parametrize("sort", ["amount", "-amount", "consumption_amount", "-consumption_amount", "period"])
def test_clickable_sorts_are_stable(many, client_alice, sort):
    seen = []
    for number in (1, 2, 3):
        response = client_alice.get(URL, {"sort": sort, "page": number})
        seen += pks(response)
    # The same order computed by the database: the chosen column, ties broken by the newest line first.
    expected = list(IncentiveDetail.objects.filter(pk__in=many).order_by(sort, "-id").values_list("pk", flat=True))
    assert seen == expected


def test_sort_headers_link_and_unknown_sort_is_refused_politely(many, client_alice):
    html = client_alice.get(URL).content.decode()
    assert "sort=-amount" in html and "sort=-consumption_amount" in html and "sort=period" in html
    html = client_alice.get(URL, {"sort": "-amount"}).content.decode()
    assert 'aria-sort="descending"' in html and "sort=amount" in html
    response = client_alice.get(URL, {"sort": "partner__name"})
    assert response.status_code == 200


def test_query_count_is_constant_in_n(partner_a, client_alice, django_capture_on_commit_callbacks):
    policy()
    counts = []
    for n in (3, 30):
        make_lines(partner_a, n, django_capture_on_commit_callbacks)
        client_alice.get(URL)
        for query in ({}, {"period": "202610", "status": "normal"}):
            with CaptureQueriesContext(connection) as ctx:
                assert client_alice.get(URL, query).status_code == 200
            counts.append(len(ctx.captured_queries))
    assert counts[0:2] == counts[2:4], counts
    # session, user with partner and unread count, the period dropdown, the page's rows, totals + count in one
    # aggregate: 5, whatever N is.
    assert max(counts) <= 5, counts
