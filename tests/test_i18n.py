"""The English catalog: complete, compiled, and actually used once a user switches to English.

The UI is written in zh-hans (every msgid is Chinese); locale/en/LC_MESSAGES/django.po translates it.
"""
import ast
import gettext
import re
from pathlib import Path

import pytest
from django.conf import settings

from tests.factories import CustomerFactory

pytestmark = pytest.mark.django_db

LOCALE_DIR = Path(settings.BASE_DIR) / "locale" / "en" / "LC_MESSAGES"
PO_FILE = LOCALE_DIR / "django.po"
MO_FILE = LOCALE_DIR / "django.mo"
CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")
PLACEHOLDER = re.compile(r"%\(\w+\)[-#0 +]*\d*(?:\.\d+)?[sdif]")


def parse_po(path: Path) -> list[dict]:
    """A small .po reader: one dict per entry with msgctxt/msgid/msgid_plural/msgstr/msgstr[n] and flags.

    Obsolete entries (#~) are skipped; the header (empty msgid) is included as the first entry.
    """
    entries, entry, key = [], None, None

    def finish():
        if entry is not None and "msgid" in entry:
            entries.append(entry)

    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith("#~"):
            continue
        if line.startswith("#,"):
            finish()
            entry, key = {"flags": {f.strip() for f in line[2:].split(",")}}, None
            continue
        if line.startswith("#"):
            if entry is not None and "msgid" in entry:  # a comment after a complete entry starts the next one
                finish()
                entry, key = None, None
            continue
        if line.startswith('"'):
            entry[key] += ast.literal_eval(line)
            continue
        keyword, _, value = line.partition(" ")
        if keyword in ("msgctxt", "msgid") and entry is not None and "msgid" in entry:
            finish()
            entry = None
        if entry is None:
            entry = {"flags": set()}
        key = keyword
        entry[key] = ast.literal_eval(value)
    finish()
    return entries


@pytest.fixture(scope="module")
def po_entries():
    return parse_po(PO_FILE)


def translations(entry: dict) -> list[str]:
    if "msgid_plural" in entry:
        return [value for key, value in sorted(entry.items()) if key.startswith("msgstr[")]
    return [entry["msgstr"]]


def test_po_header_is_not_fuzzy_and_declares_english_plurals(po_entries):
    header = po_entries[0]
    assert header["msgid"] == ""
    assert "fuzzy" not in header["flags"]
    assert "Language: en\n" in header["msgstr"]
    assert "Plural-Forms: nplurals=2; plural=(n != 1);" in header["msgstr"]


def test_every_msgid_is_translated_and_none_is_fuzzy(po_entries):
    messages = po_entries[1:]
    assert len(messages) > 500

    fuzzy = [e["msgid"] for e in messages if "fuzzy" in e["flags"]]
    untranslated = [e["msgid"] for e in messages if not all(translations(e))]
    still_chinese = [e["msgid"] for e in messages if any(CJK.search(s) for s in translations(e))]
    assert fuzzy == []
    assert untranslated == []
    assert still_chinese == []


def test_translations_keep_every_placeholder(po_entries):
    wrong = []
    for entry in po_entries[1:]:
        expected = set(PLACEHOLDER.findall(entry["msgid"]))
        for text in translations(entry):
            if set(PLACEHOLDER.findall(text)) != expected:
                wrong.append((entry["msgid"], text))
    assert wrong == []


def test_plural_entries_have_both_english_forms(po_entries):
    plurals = [e for e in po_entries if "msgid_plural" in e]
    assert plurals
    for entry in plurals:
        assert set(k for k in entry if k.startswith("msgstr[")) == {"msgstr[0]", "msgstr[1]"}, entry["msgid"]


def test_compiled_mo_matches_the_po(po_entries):
    """django.mo is committed next to the .po: it must hold every entry, exactly as translated."""
    with MO_FILE.open("rb") as fh:
        catalog = gettext.GNUTranslations(fh)

    stale = []
    for entry in po_entries[1:]:
        msgid = entry["msgid"]
        if "msgctxt" in entry:
            msgid = f"{entry['msgctxt']}\x04{msgid}"
        if "msgid_plural" in entry:
            got = [catalog.ngettext(msgid, entry["msgid_plural"], n) for n in (1, 2)]
        else:
            got = [catalog.gettext(msgid)]
        if got != translations(entry):
            stale.append(msgid)
    assert stale == [], "run: manage.py compilemessages --ignore=.venv"
    assert len(catalog._catalog) - 1 == sum(len(translations(e)) for e in po_entries[1:])  # minus the header


def switch_to_english(client):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert response.status_code == 302


def test_home_page_in_english(client_alice):
    switch_to_english(client_alice)

    html = client_alice.get("/").content.decode()

    assert '<html lang="en">' in html
    assert "To-do" in html
    assert "Huawei Cloud Partner Center" in html
    assert "待办事项" not in html
    assert "Customer assignment" in html  # the top navigation


def test_customer_list_in_english(client_alice, partner_a):
    CustomerFactory(partner=partner_a)
    switch_to_english(client_alice)

    html = client_alice.get("/partner/customers/").content.decode()

    assert '<html lang="en">' in html
    assert '<th scope="col">Customer name</th>' in html
    assert "客户名称" not in html
    assert "Resale" in html  # a model choice label


def test_member_form_errors_in_english(client_alice):
    switch_to_english(client_alice)

    response = client_alice.post("/partner/members/new/", {"username": "bad name!", "full_name": "", "email": "x"})

    html = response.content.decode()
    assert response.status_code == 200
    assert "Username" in html  # field labels
    assert "Organization role" in html
    assert "Usernames may contain only letters, digits and @/./+/-/_." in html  # the form's own message
    assert "This field is required." in html  # Django's catalog
    assert "Enter a valid email address." in html
    assert "Please correct the fields marked in red." in html
    assert "用户名" not in html


def test_review_queue_in_english_for_the_operator(client_operator):
    switch_to_english(client_operator)

    html = client_operator.get("/review/").content.decode()

    assert '<html lang="en">' in html
    assert "Review workbench" in html
    assert "审核工作台" not in html


def test_chinese_stays_the_default(client_alice):
    html = client_alice.get("/").content.decode()

    assert '<html lang="zh-hans">' in html
    assert "待办事项" in html
