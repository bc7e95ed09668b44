"""Texts stored for later display in the reader's language: deadline labels (the home to-do, the banners on an
object's page). A label is stored as its Chinese msgid with its parameters, `stored(gettext_noop("确认 %(period)s
期激励对账单"), {"period": "202611"})`, and `shown(text)` translates it when it is displayed — so a bill opened by
an English-speaking operator does not put English text on a Chinese partner's to-do list, and the other way
round. Parameters are translated too when they are msgids themselves (e.g. a document kind's label); names and
codes come back unchanged. A parameter may itself be a stored text (a deadline's label inside a reminder): it is
shown in the reader's language too. Older rows holding plain text are shown as they are."""
import json

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext

PREFIX = "i18n:"


def stored(msgid: str, params: dict | None = None) -> str:
    """The text to store: `msgid` (wrapped in gettext_noop at the call site, so makemessages finds it).

    A parameter may be a lazy translation or a callable such as `obj.get_kind_display`: it is evaluated in the
    source language, so the stored value is a msgid that `shown()` can translate for any reader."""
    with translation.override(settings.LANGUAGE_CODE):
        params = {key: str(value() if callable(value) else value) for key, value in (params or {}).items()}
    return PREFIX + json.dumps({"m": str(msgid), "p": params}, ensure_ascii=False, separators=(",", ":"))


def fitting(text, limit: int | None) -> str:
    """`text` as it can be stored in a column of `limit` characters: a stored text too long for it (a long name
    among its parameters) becomes plain text in the default language, cut to the column."""
    text = str(text)
    if limit is not None and len(text) > limit:
        with translation.override(settings.LANGUAGE_CODE):
            text = shown(text)[:limit]
    return text


def shown(text: str) -> str:
    """The stored text in the active language."""
    if not text or not text.startswith(PREFIX):
        return text or ""
    try:
        data = json.loads(text[len(PREFIX):])
        message = gettext(data["m"])
        params = {key: shown(value) if value.startswith(PREFIX) else gettext(value)
                  for key, value in data.get("p", {}).items()}
        return message % params if params else message
    except (ValueError, KeyError, TypeError, AttributeError):
        return text
