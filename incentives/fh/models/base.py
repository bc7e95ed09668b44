"""What FH's models share."""
import datetime as dt

MONEY = {"max_digits": 12, "decimal_places": 2}


def month_label(month: dt.date) -> str:
    return f"{month:%Y-%m}"
