"""2026 checked by hand against 国务院办公厅关于2026年部分节假日安排的通知 (国办发明电〔2025〕7号)."""
import datetime as dt

import holidays
import pytest

from partnercenter.workdays.services import (
    add_working_days,
    is_working_day,
    range_is_provisional,
    working_days_between,
    year_status,
)

pytestmark = pytest.mark.django_db

D = dt.date

WORKING_DAY_TABLE = [
    # 元旦: 1月1日（周四）至3日（周六）放假调休，1月4日（周日）上班。
    (D(2025, 12, 31), True),
    (D(2026, 1, 1), False),
    (D(2026, 1, 2), False),
    (D(2026, 1, 3), False),
    (D(2026, 1, 4), True),  # Sunday make-up day
    (D(2026, 1, 5), True),
    # 春节: 2月15日（周日）至23日（周一）放假调休，2月14日（周六）、2月28日（周六）上班。
    (D(2026, 2, 13), True),
    (D(2026, 2, 14), True),  # Saturday make-up day
    (D(2026, 2, 15), False),
    (D(2026, 2, 16), False),
    (D(2026, 2, 17), False),
    (D(2026, 2, 20), False),
    (D(2026, 2, 21), False),
    (D(2026, 2, 23), False),  # Monday, still off
    (D(2026, 2, 24), True),
    (D(2026, 2, 28), True),  # Saturday make-up day
    (D(2026, 3, 1), False),
    # 清明节: 4月4日（周六）至6日（周一）放假。
    (D(2026, 4, 3), True),
    (D(2026, 4, 6), False),
    (D(2026, 4, 7), True),
    # 劳动节: 5月1日（周五）至5日（周二）放假调休，5月9日（周六）上班。
    (D(2026, 4, 30), True),
    (D(2026, 5, 1), False),
    (D(2026, 5, 4), False),
    (D(2026, 5, 5), False),
    (D(2026, 5, 6), True),
    (D(2026, 5, 9), True),  # Saturday make-up day
    (D(2026, 5, 10), False),
    # 端午节: 6月19日（周五）放假，与周末连休。
    (D(2026, 6, 19), False),
    (D(2026, 6, 22), True),
    # 中秋节: 9月25日（周五）放假；国庆节: 10月1日至7日放假调休，9月20日（周日）、10月10日（周六）上班。
    (D(2026, 9, 20), True),  # Sunday make-up day
    (D(2026, 9, 25), False),
    (D(2026, 9, 30), True),
    (D(2026, 10, 1), False),
    (D(2026, 10, 4), False),
    (D(2026, 10, 6), False),
    (D(2026, 10, 7), False),
    (D(2026, 10, 8), True),
    (D(2026, 10, 9), True),
    (D(2026, 10, 10), True),  # Saturday make-up day
    (D(2026, 10, 11), False),
    # Ordinary weeks.
    (D(2026, 3, 11), True),
    (D(2026, 3, 14), False),
    (D(2026, 12, 31), True),
]


@pytest.mark.parametrize(("day", "expected"), WORKING_DAY_TABLE, ids=lambda v: str(v))
def test_is_working_day_2026(day, expected):
    assert is_working_day(day) is expected


@pytest.mark.parametrize(
    ("start", "n", "expected"),
    [
        (D(2026, 9, 30), 3, D(2026, 10, 10)),  # lands on the Saturday make-up day
        (D(2026, 2, 13), 3, D(2026, 2, 25)),  # Feb 14 make-up, Feb 15–23 off
        (D(2026, 5, 1), 3, D(2026, 5, 8)),  # May 1–5 off; May 9 would be the 4th
        (D(2026, 10, 1), 1, D(2026, 10, 8)),
        (D(2026, 12, 31), 0, D(2026, 12, 31)),
        (D(2026, 1, 5), -1, D(2026, 1, 4)),  # backwards: the Sunday make-up day
        (D(2026, 10, 8), -1, D(2026, 9, 30)),
    ],
)
def test_add_working_days(start, n, expected):
    assert add_working_days(start, n) == expected


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        (D(2026, 10, 1), D(2026, 10, 31), 18),
        (D(2026, 10, 31), D(2026, 10, 1), -18),
        (D(2026, 2, 13), D(2026, 2, 25), 3),
        (D(2026, 5, 1), D(2026, 5, 1), 0),
        # 2026: 261 weekdays − 19 weekday holidays + 6 weekend make-up days.
        (D(2025, 12, 31), D(2026, 12, 31), 248),
    ],
)
def test_working_days_between(start, end, expected):
    assert working_days_between(start, end) == expected


def test_published_years_are_official():
    assert [year_status(year) for year in range(2020, 2027)] == ["official"] * 7
    assert range_is_provisional(D(2026, 1, 1), D(2026, 12, 31)) is False


def test_seeded_years_agree_with_the_library_day_by_day():
    cn = holidays.country_holidays("CN", years=range(2020, 2027))
    day, mismatches = D(2020, 1, 1), []
    while day <= D(2026, 12, 31):
        if is_working_day(day) != cn.is_working_day(day):
            mismatches.append(day)
        day += dt.timedelta(days=1)
    assert mismatches == []
