"""The deadline countdown badge."""
import datetime as dt

import pytest
from django.template import Context, Template

pytestmark = pytest.mark.django_db

D = dt.date
TEMPLATE = Template("{% load workdays %}{% deadline_countdown due_on provisional today=today %}")


def render(due_on, today, provisional=False) -> str:
    return TEMPLATE.render(Context({"due_on": due_on, "today": today, "provisional": provisional})).strip()


@pytest.mark.parametrize(
    ("due_on", "today", "tone", "text"),
    [
        (D(2026, 10, 10), D(2026, 9, 30), "info", "剩余 3 个工作日"),
        (D(2026, 10, 8), D(2026, 9, 30), "warning", "剩余 1 个工作日"),
        (D(2026, 10, 8), D(2026, 10, 8), "warning", "今天截止"),
        (D(2026, 9, 30), D(2026, 10, 9), "danger", "已逾期 2 个工作日"),  # Oct 8 and 9
        (D(2026, 10, 3), D(2026, 10, 4), "danger", "已逾期<"),  # a holiday deadline, no working day passed
    ],
)
def test_badge(due_on, today, tone, text):
    html = render(due_on, today)
    assert f'class="badge badge--{tone}"' in html
    assert text in html
    assert "（暂定）" not in html


def test_provisional_badge_explains_itself():
    html = render(D(2027, 1, 13), D(2026, 12, 1), provisional=True)
    assert "剩余 30 个工作日" in html
    assert "（暂定）" in html
    assert 'title="该期限所在年份的放假安排尚未公布' in html


def test_no_due_date_renders_nothing():
    assert render(None, D(2026, 1, 5)) == ""
