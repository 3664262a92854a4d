"""Converting between the stored time (naive UTC) and a person's local time, across DST changes.

The database keeps naive UTC (lectern/models/timestamps.py); people read and type the time
on their own clock. Two local times need a rule, and the choice here is Python's default
(fold=0), written down so nobody has to rediscover it:

- A local time that does not exist (the clocks jump from 02:00 to 03:00) is read with the
  offset in force before the change, so 02:30 becomes 03:30 after it: the same number of
  minutes after the change as the teacher typed after 02:00. Nothing is refused.
- A local time that happens twice (the clocks go back from 03:00 to 02:00) means the first
  of the two, the earlier moment: a quiz set to open at 02:30 opens at the first 02:30.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

# IANA names are letters, digits and _ + - in parts joined by "/"; anything else (a path,
# a dot, a very long string) is refused before the file system is asked.
_ZONE_NAME = re.compile(r"[A-Za-z][A-Za-z0-9_+\-]*(/[A-Za-z0-9_+\-]+){0,2}")
MAX_ZONE_NAME = 64


def zone_named(name: str | None) -> ZoneInfo | None:
    """The time zone with this IANA name (e.g. "Europe/Berlin"), or None if there is none."""
    if not name or len(name) > MAX_ZONE_NAME or not _ZONE_NAME.fullmatch(name):
        return None
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):  # OSError: a folder such as "America"
        return None


def to_local(utc_naive: datetime, zone: ZoneInfo) -> datetime:
    """A stored naive-UTC time as an aware time on the zone's clock."""
    return utc_naive.replace(tzinfo=UTC).astimezone(zone)


def to_utc(local_naive: datetime, zone: ZoneInfo) -> datetime:
    """A time read off the zone's clock as naive UTC, for storing (gaps and overlaps as above)."""
    return local_naive.replace(tzinfo=zone, fold=0).astimezone(UTC).replace(tzinfo=None)


def zone_abbreviation(local: datetime) -> str:
    """The short name of the zone at that moment ("CET", "EDT"); "UTC-03" where it has none."""
    name = local.tzname() or ""
    return f"UTC{name}" if name[:1] in "+-" and name else name


def local_text(utc_naive: datetime, zone: ZoneInfo) -> str:
    """A stored time as people read it on their clock: "01 Dec 2026, 09:30 CET"."""
    try:
        local = to_local(utc_naive, zone)
    except OverflowError:  # a time at the very edge of the calendar (year 1 or 9999) stays in UTC
        return f"{utc_naive:%d %b %Y, %H:%M} UTC"
    return f"{local:%d %b %Y, %H:%M} {zone_abbreviation(local)}"


def local_clock_text(utc_naive: datetime, zone: ZoneInfo) -> str:
    """Just the time of day on the zone's clock, to the second: "09:30:05 CET"."""
    try:
        local = to_local(utc_naive, zone)
    except OverflowError:
        return f"{utc_naive:%H:%M:%S} UTC"
    return f"{local:%H:%M:%S} {zone_abbreviation(local)}"
