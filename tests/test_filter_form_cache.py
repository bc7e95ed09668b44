"""PortalFilterSet builds its form class once per filter set and language; per-request choices stay per request."""
import datetime as dt

import django_filters
import pytest
from django.test import RequestFactory
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from incentives.filters import BillFilterSet
from incentives.models import ReconciliationBill
from partnercenter.filters import PortalFilterSet
from partnercenter.partners.filters import CustomerFilterSet
from partnercenter.partners.models import Customer

pytestmark = pytest.mark.django_db


def build(filterset_class, user, data=None):
    request = RequestFactory().get("/")
    request.user = user
    return filterset_class(data, queryset=filterset_class._meta.model.objects.all(), request=request)


class UnlabelledFilterSet(PortalFilterSet):
    """A filter without a label: django-filter names it from the model field, as a str, when it builds the field."""
    name = django_filters.CharFilter(lookup_expr="icontains")
    level = django_filters.ChoiceFilter(label=_("客户等级"), choices=Customer.Level.choices)

    class Meta:
        model = Customer
        fields = ["name", "level"]


def test_one_form_class_per_language_with_that_languages_labels(alice):
    with translation.override("zh-hans"):
        first, second = build(UnlabelledFilterSet, alice), build(UnlabelledFilterSet, alice)
        assert type(first.form) is type(second.form)
        assert first.form is not second.form and first.form.fields["name"] is not second.form.fields["name"]
        chinese = str(first.form["name"].label)
    with translation.override("en"):
        english = build(UnlabelledFilterSet, alice)
        assert type(english.form) is not type(first.form)
        assert str(english.form["name"].label) != chinese
        assert str(english.form["level"].label) == "Customer level"


def test_per_request_choices_stay_with_their_request(alice, bob):
    ReconciliationBill.objects.create(partner=alice.partner, period=dt.date(2026, 9, 1))
    ReconciliationBill.objects.create(partner=bob.partner, period=dt.date(2026, 8, 1))
    mine, theirs = build(BillFilterSet, alice), build(BillFilterSet, bob)
    assert type(mine.form) is type(theirs.form)
    assert [value for value, _label in mine.form.fields["period"].choices] == ["", "202609"]
    assert [value for value, _label in theirs.form.fields["period"].choices] == ["", "202608"]


def test_filter_sets_with_a_request_queryset_build_their_own_class(alice, bob):
    mine, theirs = build(CustomerFilterSet, alice), build(CustomerFilterSet, bob)
    assert type(mine.form) is not type(theirs.form)
    assert set(mine.form.fields["manager"].queryset) == set(
        alice.partner.users.filter(role__in=["customer_manager", "main"]))


def test_each_filter_set_has_its_own_filters(alice, bob):
    """Filter sets copy the declared filters shallowly (partnercenter.filters.copy_filter): what one instance sets
    on its filters — choices in `extra`, a queryset, the filter set a method filter calls — stays with it."""
    ReconciliationBill.objects.create(partner=alice.partner, period=dt.date(2026, 9, 1))
    ReconciliationBill.objects.create(partner=bob.partner, period=dt.date(2026, 8, 1))
    mine, theirs = build(BillFilterSet, alice), build(BillFilterSet, bob)
    assert mine.filters["period"] is not theirs.filters["period"]
    assert mine.filters["period"].extra["choices"] == [("202609", "202609")]
    assert theirs.filters["period"].extra["choices"] == [("202608", "202608")]
    assert BillFilterSet.base_filters["period"].extra["choices"] == []
    # the method filter resolves filter_period on its own filter set
    assert mine.filters["period"].filter.f is mine.filters["period"] and mine.filters["period"].parent is mine
    assert not hasattr(BillFilterSet.base_filters["period"], "parent")
    mine.filters["status"].extra["choices"] = [("x", "x")]
    assert theirs.filters["status"].extra["choices"] == list(ReconciliationBill.Status.choices)
    # and the filtering itself: each sees its own period
    both = build(BillFilterSet, alice, {"period": "202609"})
    assert [bill.partner_id for bill in both.qs] == [alice.partner_id]
