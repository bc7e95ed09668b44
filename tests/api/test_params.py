"""Parameter parsing edge cases found by fuzzing (JSON allows Infinity/NaN, Python's json accepts them)."""
import pytest

from partnercenter.api.bss.params import integer
from partnercenter.api.errors import BssError


@pytest.mark.parametrize("value", [float("inf"), float("-inf"), float("nan"), 1.5, "12a", True, [1]])
def test_non_integers_are_a_400_parameter_error(value):
    with pytest.raises(BssError) as raised:
        integer({"limit": value}, "limit", minimum=1, maximum=500)
    assert raised.value.status == 400 and raised.value.code == "CBC.0100"


def test_integral_values_pass():
    assert integer({"limit": 20.0}, "limit", minimum=1, maximum=500) == 20
    assert integer({"limit": "7"}, "limit") == 7
