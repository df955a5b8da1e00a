"""Dates and times as an administrative reader writes them: dd/mm/yyyy, local time.

Runs record UTC (ISO 8601) in the manifest; whatever a reader sees is Viet Nam time
(Asia/Ho_Chi_Minh, UTC+7, no daylight saving) with leading zeros, the way Nghị định
30/2020 writes dates. The zone comes from the system's tz database or, where there is
none (Windows), from the ``tzdata`` package.
"""
from __future__ import annotations

from datetime import date, datetime, timezone
from functools import lru_cache
from zoneinfo import ZoneInfo

LOCAL_ZONE = "Asia/Ho_Chi_Minh"


@lru_cache(maxsize=1)
def local_zone() -> ZoneInfo:
    return ZoneInfo(LOCAL_ZONE)


def to_local(stamp: str | datetime | None) -> datetime:
    """An ISO timestamp or datetime (naive = UTC) in Viet Nam time; now when empty."""
    if not stamp:
        moment = datetime.now(timezone.utc)
    elif isinstance(stamp, datetime):
        moment = stamp
    else:
        moment = datetime.fromisoformat(stamp)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(local_zone())


def day_text(day: date) -> str:
    """dd/mm/yyyy, leading zeros."""
    return f"{day.day:02d}/{day.month:02d}/{day.year:04d}"


def moment_text(stamp: str | datetime | None) -> str:
    """dd/mm/yyyy HH:MM in Viet Nam time."""
    moment = to_local(stamp)
    return f"{day_text(moment)} {moment.hour:02d}:{moment.minute:02d}"


def partial_date_text(iso: str, precision: str = "day") -> str:
    """A date of the data as written: day → dd/mm/yyyy, month → mm/yyyy, year → yyyy;
    text that is not an ISO date is returned as it is."""
    text = str(iso or "").strip()
    try:
        day = date.fromisoformat(text[:10])
    except ValueError:
        return text
    if precision == "year":
        return f"{day.year:04d}"
    if precision == "month":
        return f"{day.month:02d}/{day.year:04d}"
    return day_text(day)
