from django.db import models
from django.utils import translation

from partnercenter.workflow import reasons


class Sample(models.TextChoices):
    ALPHA = "sample_alpha", "甲原因"
    BETA = "sample_beta", "乙原因"


reasons.register(Sample)


def test_codes_become_labels_and_unknown_codes_stay_visible():
    assert reasons.label_of("sample_alpha") == "甲原因"
    assert reasons.label_of("sample_alpha,sample_beta") == "甲原因、乙原因"
    assert reasons.label_of("nobody_knows") == "nobody_knows"
    assert reasons.label_of("") == ""


def test_registered_labels_follow_the_reader_language():
    from partnercenter.partners.models import RejectReason

    with translation.override("en"):
        english = reasons.label_of(RejectReason.DOCUMENT_UNCLEAR)
    assert english and english != reasons.label_of(RejectReason.DOCUMENT_UNCLEAR)
