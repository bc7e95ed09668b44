"""Deadline labels are stored as msgid + parameters and shown in the reader's language."""
import pytest
from django.utils import translation
from django.utils.translation import gettext_noop

from partnercenter.partners.models import PartnerDocument
from partnercenter.stored_text import shown, stored
from partnercenter.workflow.models import Deadline
from partnercenter.workflow.services import deadline_open

pytestmark = pytest.mark.django_db


def test_a_label_made_in_english_shows_in_chinese_and_the_other_way_round():
    with translation.override("en"):
        text = stored(gettext_noop("确认 %(period)s 期激励对账单"), {"period": "202611"})
        english = shown(text)
    with translation.override("zh-hans"):
        assert shown(text) == "确认 202611 期激励对账单"
    assert "202611" in english and english != "确认 202611 期激励对账单"


def test_choice_labels_are_stored_as_msgids_whatever_the_request_language():
    document = PartnerDocument(kind=PartnerDocument.Kind.PLAN, title="2027 商业计划")
    with translation.override("en"):
        text = stored(gettext_noop("%(kind)s审核：%(title)s"), {"kind": document.get_kind_display,
                                                               "title": document.title})
        english = shown(text)
    with translation.override("zh-hans"):
        assert shown(text) == "商业计划审核：2027 商业计划"
    assert "商业计划审核" not in english and "2027 商业计划" in english


def test_plain_old_labels_and_broken_ones_show_as_they_are():
    assert shown("确认期限") == "确认期限"
    assert shown("i18n:{not json") == "i18n:{not json"
    assert shown("") == ""


def test_a_deadline_label_too_long_for_the_column_is_kept_as_plain_text(alice):
    deadline = deadline_open(obj=alice.partner, partner=alice.partner, kind="k", working_days=3, owner="vendor",
                             label=stored(gettext_noop("%(kind)s审核：%(title)s"),
                                          {"kind": "案例", "title": "长" * 250}))
    deadline.refresh_from_db()
    assert len(deadline.label) == 200 and deadline.label.startswith("案例审核：长")
    assert Deadline.objects.get(pk=deadline.pk).label_shown == deadline.label


def test_the_home_to_do_shows_the_label_in_the_readers_language(alice, client_alice):
    deadline_open(obj=alice.partner, partner=alice.partner, kind="k", working_days=3, owner="partner",
                  label=stored(gettext_noop("确认 %(period)s 期激励对账单"), {"period": "202611"}))
    chinese = client_alice.get("/").content.decode()
    assert "确认 202611 期激励对账单" in chinese and "i18n:" not in chinese
    client_alice.cookies["django_language"] = "en"
    english = client_alice.get("/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "i18n:" not in english and "确认 202611 期激励对账单" not in english
