"""Document numbers from a locked counter row: never Max()+1, never a duplicate under concurrency."""
from django.db import IntegrityError, transaction
from django.db.models import F

from ..models import CodeCounter


def next_number(key: str) -> int:
    """The next value of counter `key` (1, 2, ...). The UPDATE holds the row lock until the caller commits, so
    concurrent callers queue on it and each gets its own value."""
    with transaction.atomic():
        if not CodeCounter.objects.filter(key=key).exists():
            try:
                with transaction.atomic():
                    CodeCounter.objects.create(key=key, value=0)
            except IntegrityError:
                pass  # created by a concurrent caller in the meantime
        CodeCounter.objects.filter(key=key).update(value=F("value") + 1)
        return CodeCounter.objects.values_list("value", flat=True).get(key=key)


def next_code(prefix: str, year: int, width: int = 6) -> str:
    return f"{prefix}{year}{next_number(f'{prefix}-{year}'):0{width}d}"
