"""Dates and periods as written in staffing tables and on the command line, as day intervals.

A unit list is chosen by the date the data describe: ``--as-of 2024-06``, a date column
("15/06/2024", an Excel date), a period column ("2024", "Quý I/2025", "tháng 6 năm 2024").
Every form becomes an interval of days (first, last) as ``date.toordinal()`` numbers, so
"is this unit valid then?" is two integer comparisons. A year or a month is the whole
period: a unit is a candidate when it existed on at least one of its days.
"""
from __future__ import annotations

import calendar
import datetime as dt
import re

from pilotlib.core.text import strip_marks

# Open ends of validity intervals (unknown start, still valid).
BEGINNING = 0
FOREVER = dt.date(9999, 12, 31).toordinal()

Interval = tuple[int, int]

_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}
_YEAR = r"((?:19|20)\d\d)"
_FORMS: tuple[tuple[re.Pattern[str], str], ...] = tuple((re.compile(p), kind) for p, kind in (
    (rf"^(?:nam\s*)?{_YEAR}$", "year"),
    (rf"^{_YEAR}-(\d{{1,2}})-(\d{{1,2}})(?:[t ][\d:.]+)?$", "ymd"),
    (rf"^{_YEAR}-(\d{{1,2}})$", "ym"),
    (rf"^(?:ngay\s*)?(\d{{1,2}})\s*[/.-]\s*(\d{{1,2}})\s*[/.-]\s*{_YEAR}$", "dmy"),
    (rf"^(?:ngay\s*)?(\d{{1,2}})\s+thang\s+(\d{{1,2}})\s+nam\s+{_YEAR}$", "dmy"),
    (rf"^(?:thang\s*)?(\d{{1,2}})\s*[/.-]\s*{_YEAR}$", "my"),
    (rf"^thang\s*(\d{{1,2}})\s+(?:nam\s+)?{_YEAR}$", "my"),
    (rf"^(?:quy|q)\s*(\d|i{{1,3}}|iv)\s*(?:[/.-]|\s+nam\s+|\s+)?\s*{_YEAR}$", "qy"),
    (rf"^{_YEAR}\s*[/.-]?\s*q\s*(\d)$", "yq"),
))


def _day(year: int, month: int, day: int) -> int | None:
    try:
        return dt.date(year, month, day).toordinal()
    except ValueError:
        return None


def _month(year: int, month: int) -> Interval | None:
    if not 1 <= month <= 12:
        return None
    return dt.date(year, month, 1).toordinal(), dt.date(year, month, calendar.monthrange(year, month)[1]).toordinal()


def _quarter(year: int, quarter: str) -> Interval | None:
    number = int(quarter) if quarter.isdigit() else _ROMAN.get(quarter, 0)
    if not 1 <= number <= 4:
        return None
    first, last = _month(year, 3 * number - 2), _month(year, 3 * number)
    return first[0], last[1]  # type: ignore[index]


def parse_period(value: object) -> Interval | None:
    """The days a date or period covers; None when the value is no date ("" included).

    >>> parse_period("2024-06") == parse_period("06/2024") == parse_period("tháng 6 năm 2024")
    True
    >>> a, b = parse_period("Quý I/2025"); (dt.date.fromordinal(a), dt.date.fromordinal(b))
    (datetime.date(2025, 1, 1), datetime.date(2025, 3, 31))
    """
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return value.toordinal(), value.toordinal()
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if value == value and float(value).is_integer() and 1900 <= value <= 2099:
            return parse_period(str(int(value)))
        return None
    if value is None:
        return None
    text = " ".join(strip_marks(str(value)).lower().split())
    for pattern, kind in _FORMS:
        match = pattern.match(text)
        if not match:
            continue
        parts = match.groups()
        if kind == "year":
            year = int(parts[0])
            return dt.date(year, 1, 1).toordinal(), dt.date(year, 12, 31).toordinal()
        if kind == "ymd":
            day = _day(int(parts[0]), int(parts[1]), int(parts[2]))
            return (day, day) if day else None
        if kind == "dmy":
            day = _day(int(parts[2]), int(parts[1]), int(parts[0]))
            return (day, day) if day else None
        if kind == "ym":
            return _month(int(parts[0]), int(parts[1]))
        if kind == "my":
            return _month(int(parts[1]), int(parts[0]))
        if kind == "qy":
            return _quarter(int(parts[1]), parts[0])
        return _quarter(int(parts[0]), parts[1])
    return None


def narrow(own: Interval, option: Interval | None) -> Interval:
    """A row's own period narrowed by ``--as-of`` where the two overlap: a row dated "2025"
    read with ``--as-of 2025-08`` is read on 2025-08, but a row dated 15/06/2024 keeps its
    date — the option fills in what the file leaves open, it never contradicts the file.

    >>> year, august = parse_period("2025"), parse_period("2025-08")
    >>> narrow(year, august) == august, narrow(parse_period("2024-06"), august) == parse_period("2024-06")
    (True, True)
    """
    if option is None:
        return own
    first, last = max(own[0], option[0]), min(own[1], option[1])
    return (first, last) if first <= last else own


def day_number(iso: str, default: int) -> int:
    """An ISO date of a reference table ("2024-11-30") as a day number; ``default`` when empty."""
    return dt.date.fromisoformat(iso).toordinal() if iso else default


def show_day(number: int) -> str:
    """A day number as an ISO date ("2024-11-30")."""
    return dt.date.fromordinal(number).isoformat()


def show_period(interval: Interval) -> str:
    """An interval as written back to a user: one day, or "first … last"."""
    first, last = interval
    return show_day(first) if first == last else f"{show_day(first)} … {show_day(last)}"
