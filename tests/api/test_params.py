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


@pytest.mark.parametrize("value", ["9999-12-31T23:59:59Z", "9999-12-31T15:00:00Z", "0001-01-01T00:00:00Z"])
def test_times_without_a_beijing_day_are_a_400_not_an_overflow(value):
    """Found while reviewing: localtime(9999-12-31T23:59:59Z) overflows (it was a 500 in 查询客户列表)."""
    from partnercenter.api.bss.params import utc_time

    with pytest.raises(BssError) as raised:
        utc_time({"t": value}, "t")
    assert raised.value.code == "CBC.0100"


def test_ordinary_times_parse():
    from partnercenter.api.bss.params import utc_time

    assert utc_time({"t": "2019-05-06T08:05:01Z"}, "t").isoformat() == "2019-05-06T08:05:01+00:00"
    assert utc_time({"t": "9999-12-30T00:00:00Z"}, "t").year == 9999
