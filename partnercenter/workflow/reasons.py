"""Labels of the structured reason codes stored on audit rows (TransitionLog.reason_code), so a timeline shows
"证件材料不清晰或不完整" in the reader's language instead of `document_unclear`. Each wing registers its reason
choices where it declares them: `reasons.register(RejectReason)`."""
_LABELS: dict = {}


def register(choices):
    for value, label in choices.choices:
        _LABELS[str(value)] = label
    return choices


def label_of(reason_code: str) -> str:
    """One or several comma-separated codes → their labels (an unknown code is shown as it is)."""
    from django.utils.translation import get_language

    codes = [code.strip() for code in (reason_code or "").split(",") if code.strip()]
    separator = "、" if (get_language() or "zh-hans").startswith("zh") else ", "
    return separator.join(str(_LABELS.get(code, code)) for code in codes)
