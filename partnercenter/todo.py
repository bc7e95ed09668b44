"""The home page's to-do list: items waiting on the user's organisation, most urgent first.

Any wing registers a provider: `register(provider)` where `provider(user) -> list[TodoItem]`.
"""
import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from django.utils import timezone

PROVIDERS: list[Callable] = []


@dataclass(frozen=True)
class TodoItem:
    title: str
    url: str
    category: str
    due_on: dt.date | None = None
    provisional: bool = False
    detail: str = ""

    @property
    def working_days_left(self) -> int | None:
        if self.due_on is None:
            return None
        from partnercenter.workdays.services import working_days_between

        return working_days_between(timezone.localdate(), self.due_on)


def register(provider: Callable) -> Callable:
    PROVIDERS.append(provider)
    return provider


def todo_items_for(user) -> list[TodoItem]:
    items = [item for provider in PROVIDERS for item in provider(user)]
    far = dt.date.max
    return sorted(items, key=lambda item: (item.due_on or far, item.title))
