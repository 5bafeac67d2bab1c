"""Dates typed as text in a returned sheet: read when there is only one way to read them.

`2027-06-30`, `30 June 2027`, `June 30, 2027` and `30/06/2027` are read; `03/04/2027` could be
3 April or March 4, so it is refused with a message that says how to write it instead.
"""

from __future__ import annotations

import datetime as dt
import re

MONTHS = {name: number for number, names in enumerate((
    ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",),
    ("june", "jun"), ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"),
    ("october", "oct"), ("november", "nov"), ("december", "dec"),
), start=1) for name in names}

_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?")
_DAY_MONTH = re.compile(r"(\d{1,2})(?:st|nd|rd|th)?\s+([a-z]+)\.?,?\s+(\d{2,4})")
_MONTH_DAY = re.compile(r"([a-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{2,4})")
_NUMERIC = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{2,4})")

HOW = "write it as 2027-06-30 or 30 June 2027"


class DateProblem(ValueError):
    """The text is not a date that can be read one way only; the message says why."""


def read_date(text: str) -> dt.date:
    """The date `text` names; raises DateProblem when it names none, or could name two."""
    value = " ".join(text.split()).casefold()
    if match := _ISO.fullmatch(value):
        return _date(int(match[1]), int(match[2]), int(match[3]), text)
    if match := _DAY_MONTH.fullmatch(value):
        return _date(_year(match[3], text), _month(match[2], text), int(match[1]), text)
    if match := _MONTH_DAY.fullmatch(value):
        return _date(_year(match[3], text), _month(match[1], text), int(match[2]), text)
    if match := _NUMERIC.fullmatch(value):
        first, second, year = int(match[1]), int(match[2]), _year(match[3], text)
        if first > 12 >= second:
            return _date(year, second, first, text)
        if second > 12 >= first:
            return _date(year, first, second, text)
        if first == second:
            return _date(year, first, first, text)
        raise DateProblem(f"'{text}' could be {first} {_name(second)} or {second} {_name(first)}; {HOW}")
    raise DateProblem(f"'{text}' is not a date; {HOW}")


def _year(digits: str, text: str) -> int:
    if len(digits) != 4:
        raise DateProblem(f"'{text}' has a {len(digits)}-digit year; {HOW}")
    return int(digits)


def _month(name: str, text: str) -> int:
    if name not in MONTHS:
        raise DateProblem(f"'{text}' is not a date; {HOW}")
    return MONTHS[name]


def _name(month: int) -> str:
    return dt.date(2000, month, 1).strftime("%B") if 1 <= month <= 12 else str(month)


def _date(year: int, month: int, day: int, text: str) -> dt.date:
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise DateProblem(f"'{text}' is not a date that exists; {HOW}") from None
