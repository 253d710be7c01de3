"""Date formatting and parsing as FreeMarker 2.3.31 does it: Java ``SimpleDateFormat``
patterns and styles (en_US, JDK 17 CLDR data) and FreeMarker's ``iso``/``xs`` formats.

Values are :class:`ftl.values.TemplateDate` (epoch milliseconds plus a kind).  The
calendar is the proleptic Gregorian one (Java switches to Julian before 1582; such dates
do not occur in payloads).  Time zones come from ``zoneinfo``; an unknown zone id is GMT,
as ``java.util.TimeZone.getTimeZone`` treats it.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from .errors import BuiltInArgumentError, TemplateRuntimeError
from .values import TemplateDate

__all__ = [
    "DateFormatError",
    "DateSettingError",
    "UnknownDateKindError",
    "format_date",
    "format_date_setting",
    "format_iso",
    "parse_date",
    "zone",
]


class DateFormatError(TemplateRuntimeError):
    """A date format setting or pattern is malformed."""

    java_class = "_TemplateModelException"


class DateSettingError(TemplateRuntimeError):
    """A ``date_format``/``time_format``/``datetime_format`` setting is malformed."""

    java_class = "_MiscTemplateException"


class UnknownDateKindError(TemplateRuntimeError):
    """The date's kind (date, time or date-time) is unknown, so no format applies."""

    java_class = "_TemplateModelException"


# -- time zones ---------------------------------------------------------------------------

_UTC = _dt.UTC
_CUSTOM_ZONE = re.compile(r"^(?:GMT|UTC)?([+-])(\d{1,2})(?::?(\d{2}))?$")


@dataclass(frozen=True, slots=True)
class Zone:
    id: str
    tz: _dt.tzinfo
    custom: bool = False  # "GMT+02:30"-style fixed offset


@lru_cache(maxsize=64)
def zone(zone_id: str) -> Zone:
    """The time zone for a ``time_zone`` setting value."""
    if zone_id in ("UTC", "GMT", "Z"):
        return Zone(zone_id if zone_id != "Z" else "UTC", _UTC)
    m = _CUSTOM_ZONE.match(zone_id)
    if m and zone_id.startswith("GMT"):
        sign = -1 if m.group(1) == "-" else 1
        h = int(m.group(2))
        mi = int(m.group(3) or 0)
        off = _dt.timedelta(hours=h, minutes=mi) * sign
        name = f"GMT{m.group(1)}{h:02d}:{mi:02d}"
        return Zone(name, _dt.timezone(off, name), custom=True)
    try:
        return Zone(zone_id, ZoneInfo(zone_id))
    except (ZoneInfoNotFoundError, ValueError):
        return Zone("GMT", _UTC)


_CYCLE_MS = 146097 * 86_400_000  # 400 Gregorian years: the calendar and weekdays repeat
_MIN_MS = -62_135_596_800_000 + 2 * 86_400_000  # a safe margin inside year 1
_MAX_MS = 253_402_300_799_999 - 2 * 86_400_000  # ... and inside year 9999


def _local(ms: int, z: Zone) -> tuple[_dt.datetime, int]:
    """The local time of ``ms`` and a number of years to add to its ``year`` (Python's
    datetime stops at 1..9999; other years are computed 400-year cycles away)."""
    shift = 0
    if ms < _MIN_MS or ms > _MAX_MS:
        cycles = (ms - 946_684_800_000) // _CYCLE_MS  # whole cycles away from 2000-01-01
        ms -= cycles * _CYCLE_MS
        shift = cycles * 400
    base = _dt.datetime(1970, 1, 1, tzinfo=_UTC) + _dt.timedelta(milliseconds=ms)
    if ms + shift * 31_556_952_000 < _JDK_FIRST_MS and not z.custom:
        # JDK 17's zone data starts in 1900: earlier instants get the 1900 offset
        return base.astimezone(_zone_1900(z)), shift
    return base.astimezone(z.tz), shift


_JDK_FIRST_MS = -2_208_988_800_000  # 1900-01-01T00:00:00Z
_GREGORIAN_CUTOVER_MS = -12_219_292_800_000  # 1582-10-15T00:00:00Z


@lru_cache(maxsize=64)
def _zone_1900(z: Zone) -> _dt.tzinfo:
    """The zone before 1900: JDK 17 applies its current standard ("raw") offset."""
    for month in (1, 7):
        at = _dt.datetime(2024, month, 15, tzinfo=_UTC).astimezone(z.tz)
        if not at.dst():
            break
    off = at.utcoffset() or _dt.timedelta(0)
    return _dt.timezone(off, at.tzname() or z.id)


@dataclass(frozen=True, slots=True)
class _Fields:
    """Calendar fields of a local time: proleptic Gregorian, or Julian before 1582-10-15
    (``java.util.GregorianCalendar``, which SimpleDateFormat uses)."""

    year: int
    month: int
    day: int
    day_of_year: int
    days_in_year: int
    weekday: int  # Monday = 0
    actual_day: int  # days since the month began (differs in October 1582 only)
    julian: bool = False


def _julian_from_jdn(jdn: int) -> tuple[int, int, int]:
    c = jdn + 32082
    d = (4 * c + 3) // 1461
    e = c - (1461 * d) // 4
    m = (5 * e + 2) // 153
    day = e - (153 * m + 2) // 5 + 1
    month = m + 3 - 12 * (m // 10)
    return d - 4800 + m // 10, month, day


def _jdn_from_julian(year: int, month: int, day: int) -> int:
    a = (14 - month) // 12
    y = year + 4800 - a
    m = month + 12 * a - 3
    return day + (153 * m + 2) // 5 + 365 * y + y // 4 - 32083


_CUTOVER_ORDINAL = _dt.date(1582, 10, 15).toordinal()
_JDN_OFFSET = 1_721_425  # Julian day number of proleptic Gregorian ordinal 0


def _fields(t: _dt.datetime, shift: int) -> _Fields:
    weekday = t.weekday()
    ordinal = t.toordinal() + (shift // 400) * 146_097  # proleptic Gregorian day number
    if ordinal >= _CUTOVER_ORDINAL:
        year = t.year + shift
        leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
        doy = t.timetuple().tm_yday
        actual_day = t.day
        if year == 1582:  # GregorianCalendar counts the real days of the cutover year
            doy -= 10
            if t.month == 10:
                actual_day -= 10
        return _Fields(year, t.month, t.day, doy, 366 if leap else 365, weekday, actual_day)
    jdn = ordinal + _JDN_OFFSET
    year, month, day = _julian_from_jdn(jdn)
    doy = jdn - _jdn_from_julian(year, 1, 1) + 1
    return _Fields(year, month, day, doy, 366 if year % 4 == 0 else 365, weekday, day, True)


def _offset_seconds(t: _dt.datetime) -> int:
    off = t.utcoffset()
    return int(off.total_seconds()) if off is not None else 0


# Java (CLDR) names of the zones a payload is likely to use: (standard, daylight) pairs.
_LONG_NAMES: dict[str, tuple[str, str]] = {
    "UTC": ("Coordinated Universal Time", "Coordinated Universal Time"),
    "GMT": ("Greenwich Mean Time", "Greenwich Mean Time"),
    "Europe/London": ("Greenwich Mean Time", "British Summer Time"),
    "Europe/Dublin": ("Greenwich Mean Time", "Irish Standard Time"),
    "Europe/Lisbon": ("Western European Standard Time", "Western European Summer Time"),
    "Europe/Berlin": ("Central European Standard Time", "Central European Summer Time"),
    "Europe/Paris": ("Central European Standard Time", "Central European Summer Time"),
    "Europe/Madrid": ("Central European Standard Time", "Central European Summer Time"),
    "Europe/Rome": ("Central European Standard Time", "Central European Summer Time"),
    "Europe/Amsterdam": ("Central European Standard Time", "Central European Summer Time"),
    "Europe/Stockholm": ("Central European Standard Time", "Central European Summer Time"),
    "Europe/Warsaw": ("Central European Standard Time", "Central European Summer Time"),
    "Europe/Zurich": ("Central European Standard Time", "Central European Summer Time"),
    "Europe/Vienna": ("Central European Standard Time", "Central European Summer Time"),
    "Europe/Athens": ("Eastern European Standard Time", "Eastern European Summer Time"),
    "Europe/Helsinki": ("Eastern European Standard Time", "Eastern European Summer Time"),
    "Europe/Kiev": ("Eastern European Standard Time", "Eastern European Summer Time"),
    "Europe/Moscow": ("Moscow Standard Time", "Moscow Summer Time"),
    "America/New_York": ("Eastern Standard Time", "Eastern Daylight Time"),
    "America/Toronto": ("Eastern Standard Time", "Eastern Daylight Time"),
    "America/Chicago": ("Central Standard Time", "Central Daylight Time"),
    "America/Denver": ("Mountain Standard Time", "Mountain Daylight Time"),
    "America/Phoenix": ("Mountain Standard Time", "Mountain Daylight Time"),
    "America/Los_Angeles": ("Pacific Standard Time", "Pacific Daylight Time"),
    "America/Anchorage": ("Alaska Standard Time", "Alaska Daylight Time"),
    "Pacific/Honolulu": ("Hawaii-Aleutian Standard Time", "Hawaii-Aleutian Daylight Time"),
    "America/Sao_Paulo": ("Brasilia Standard Time", "Brasilia Summer Time"),
    "America/Mexico_City": ("Central Standard Time", "Central Daylight Time"),
    "Asia/Kolkata": ("India Standard Time", "India Standard Time"),
    "Asia/Calcutta": ("India Standard Time", "India Standard Time"),
    "Asia/Tokyo": ("Japan Standard Time", "Japan Daylight Time"),
    "Asia/Seoul": ("Korean Standard Time", "Korean Daylight Time"),
    "Asia/Shanghai": ("China Standard Time", "China Daylight Time"),
    "Asia/Hong_Kong": ("Hong Kong Standard Time", "Hong Kong Summer Time"),
    "Asia/Singapore": ("Singapore Standard Time", "Singapore Standard Time"),
    "Asia/Dubai": ("Gulf Standard Time", "Gulf Standard Time"),
    "Australia/Sydney": (
        "Australian Eastern Standard Time",
        "Australian Eastern Daylight Time",
    ),
    "Australia/Melbourne": (
        "Australian Eastern Standard Time",
        "Australian Eastern Daylight Time",
    ),
    "Pacific/Auckland": ("New Zealand Standard Time", "New Zealand Daylight Time"),
}
_SHORT_OVERRIDES: dict[str, tuple[str, str]] = {
    # Java names a zone by its current standard/daylight names, whatever the tz database
    # called it in the past (Kolkata's 1900 "MMT" is "IST", London's 1970 "BST" is "GMT").
    "Europe/London": ("GMT", "BST"),
    "Asia/Kolkata": ("IST", "IST"),
    "Asia/Calcutta": ("IST", "IST"),
    "Pacific/Auckland": ("NZST", "NZDT"),
    "America/New_York": ("EST", "EDT"),
    "America/Chicago": ("CST", "CDT"),
    "America/Denver": ("MST", "MDT"),
    "America/Los_Angeles": ("PST", "PDT"),
    "Europe/Berlin": ("CET", "CEST"),
    "Europe/Paris": ("CET", "CEST"),
    "Asia/Tokyo": ("JST", "JDT"),
    "Australia/Sydney": ("AEST", "AEDT"),
    "America/Sao_Paulo": ("BRT", "BRST"),
    "Asia/Dubai": ("GST", "GST"),
    "Asia/Singapore": ("SGT", "SGT"),
    "Europe/Moscow": ("MSK", "MSD"),
    "Europe/Dublin": ("GMT", "IST"),
}


def _gmt_offset_name(seconds: int) -> str:
    sign = "-" if seconds < 0 else "+"
    s = abs(seconds) // 60
    return f"GMT{sign}{s // 60:02d}:{s % 60:02d}"


def _zone_name(t: _dt.datetime, z: Zone, long: bool, loc: Any = None) -> str:
    if z.custom:
        return z.id
    dst = bool(t.dst())
    names = loc.zones.get(z.id) if loc is not None else None
    if names:
        return str(names[(2 if dst else 0) + (1 if long else 0)])
    if long:
        names = _LONG_NAMES.get(z.id)
        if names:
            return names[1 if dst else 0]
    if z.id in _SHORT_OVERRIDES:
        return _SHORT_OVERRIDES[z.id][1 if dst else 0]
    if z.id in ("UTC", "GMT"):
        return z.id
    abbr = t.tzname() or ""
    if abbr.isalpha():
        return abbr
    return _gmt_offset_name(_offset_seconds(t))


# -- SimpleDateFormat ------------------------------------------------------------------------

_MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
_DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
_PATTERN_LETTERS = set("GyYMLwWDdFEuaHkKhmsSzZX")

# en_US styles of JDK 17 (CLDR 39): date, time, and how they combine.
_DATE_STYLES = {
    "short": "M/d/yy",
    "medium": "MMM d, y",
    "long": "MMMM d, y",
    "full": "EEEE, MMMM d, y",
}
_TIME_STYLES = {
    "short": "h:mm a",
    "medium": "h:mm:ss a",
    "long": "h:mm:ss a z",
    "full": "h:mm:ss a zzzz",
}


def _datetime_style(date_style: str, time_style: str) -> str:
    # JDK 17 glues with " 'at' " only when both parts are long or full
    if date_style not in ("long", "full") or time_style not in ("long", "full"):
        return f"{_DATE_STYLES[date_style]}, {_TIME_STYLES[time_style]}"
    return f"{_DATE_STYLES[date_style]} 'at' {_TIME_STYLES[time_style]}"


Token = tuple[str, int] | str  # (letter, count) or literal text


@lru_cache(maxsize=256)
def _compile_sdf(pattern: str) -> tuple[Token, ...]:
    out: list[Token] = []
    i = 0
    n = len(pattern)
    lit: list[str] = []
    while i < n:
        c = pattern[i]
        if c == "'":
            if i + 1 < n and pattern[i + 1] == "'":
                lit.append("'")
                i += 2
                continue
            j = i + 1
            while True:
                k = pattern.find("'", j)
                if k < 0:
                    raise DateFormatError("Unterminated quote")
                lit.append(pattern[j:k])
                if k + 1 < n and pattern[k + 1] == "'":
                    lit.append("'")
                    j = k + 2
                    continue
                i = k + 1
                break
            continue
        if ("a" <= c <= "z") or ("A" <= c <= "Z"):
            if c not in _PATTERN_LETTERS:
                raise DateFormatError(f"Illegal pattern character '{c}'")
            j = i
            while j < n and pattern[j] == c:
                j += 1
            if lit:
                out.append("".join(lit))
                lit = []
            out.append((c, j - i))
            i = j
            continue
        lit.append(c)
        i += 1
    if lit:
        out.append("".join(lit))
    return tuple(out)


@dataclass(frozen=True, slots=True)
class DateLocale:
    """Names, patterns and week rules of one locale (JDK 17 data)."""

    months: tuple[str, ...]
    short_months: tuple[str, ...]
    days: tuple[str, ...]  # Monday first
    short_days: tuple[str, ...]
    ampm: tuple[str, str]
    eras: tuple[str, str]
    first_day: int  # java.util.Calendar: Sunday = 1 ... Saturday = 7
    min_days: int
    styles: Mapping[str, str]
    zones: Mapping[str, list[str]]
    minus: str = "-"


_EN_LOCALE = DateLocale(
    months=tuple(_MONTHS),
    short_months=tuple(m[:3] for m in _MONTHS),
    days=tuple(_DAYS),
    short_days=tuple(d[:3] for d in _DAYS),
    ampm=("AM", "PM"),
    eras=("BC", "AD"),
    first_day=1,
    min_days=1,
    styles={},
    zones={},
)


@lru_cache(maxsize=32)
def date_locale(locale: str) -> DateLocale:
    """en_US from the tables above; any other locale from the JDK data."""
    from .formatting import locale_entry

    entry = locale_entry(locale)
    if entry is None:
        return _EN_LOCALE
    return DateLocale(
        months=tuple(entry["months"]),
        short_months=tuple(entry["short_months"]),
        days=tuple(entry["days"]),
        short_days=tuple(entry["short_days"]),
        ampm=(entry["ampm"][0], entry["ampm"][1]),
        eras=(entry["eras"][0], entry["eras"][1]),
        first_day=int(entry["first_day"]),
        min_days=int(entry["min_days"]),
        styles=entry["styles"],
        zones=entry["zones"],
        minus=str(entry["number"]["minus"]),
    )


def _pad(v: int, count: int) -> str:
    s = str(abs(v))
    s = "0" * max(0, count - len(s)) + s
    return "-" + s if v < 0 else s


def _week_fields(f: _Fields, loc: DateLocale = _EN_LOCALE) -> tuple[int, int]:
    """(week of year, week year) by the locale's first day of the week and minimal days in
    the first week (US: Sunday, 1 day; most of Europe: Monday, 4 days)."""
    java_dow = (f.weekday + 1) % 7 + 1  # Sunday = 1
    rel = (java_dow - loc.first_day) % 7  # days since the week began
    jan1_rel = (rel - (f.day_of_year - 1)) % 7

    def week1_start(jan1: int) -> int:  # day of year where week 1 begins (may be <= 0)
        return 1 - jan1 if 7 - jan1 >= loc.min_days else 8 - jan1

    start = week1_start(jan1_rel)
    next_jan1_rel = (jan1_rel + f.days_in_year) % 7
    if f.day_of_year >= f.days_in_year + week1_start(next_jan1_rel):
        return 1, f.year + 1
    if f.day_of_year < start:  # the last week of the previous year
        prev_days = _days_in_year(f.year - 1, julian=f.julian)
        prev_jan1_rel = (jan1_rel - prev_days) % 7
        return (f.day_of_year + prev_days - week1_start(prev_jan1_rel)) // 7 + 1, f.year - 1
    return (f.day_of_year - start) // 7 + 1, f.year


def _week_of_month(f: _Fields, loc: DateLocale) -> int:
    java_dow = (f.weekday + 1) % 7 + 1
    rel = (java_dow - loc.first_day) % 7
    first_rel = (rel - (f.actual_day - 1)) % 7  # of the 1st of the month
    start = 1 - first_rel if 7 - first_rel >= loc.min_days else 8 - first_rel
    return (f.actual_day - start) // 7 + 1


def _days_in_year(year: int, *, julian: bool) -> int:
    if julian:
        return 366 if year % 4 == 0 else 365
    return 366 if year % 4 == 0 and (year % 100 != 0 or year % 400 == 0) else 365


def _sdf_format(ms: int, tokens: tuple[Token, ...], z: Zone, loc: DateLocale = _EN_LOCALE) -> str:
    t, shift = _local(ms, z)
    f = _fields(t, shift)
    out: list[str] = []
    for tok in tokens:
        if isinstance(tok, str):
            out.append(tok)
            continue
        c, cnt = tok
        if c == "G":
            out.append(loc.eras[1] if f.year > 0 else loc.eras[0])
        elif c == "y":
            year = f.year if f.year > 0 else 1 - f.year  # era years: 1 BC, 2 BC...
            out.append(_pad(year % 100, 2) if cnt == 2 else _pad(year, cnt))
        elif c == "Y":  # the week year is not an era year: 2 BC prints as -1
            year = _week_fields(f, loc)[1]
            sign = loc.minus if year < 0 else ""
            out.append(sign + _pad(abs(year) % 100 if cnt == 2 else abs(year), max(cnt, 1)))
        elif c == "M" or c == "L":
            if cnt >= 4:
                out.append(loc.months[f.month - 1])
            elif cnt == 3:
                out.append(loc.short_months[f.month - 1])
            else:
                out.append(_pad(f.month, cnt))
        elif c == "d":
            out.append(_pad(f.day, cnt))
        elif c == "E":
            out.append(loc.days[f.weekday] if cnt >= 4 else loc.short_days[f.weekday])
        elif c == "u":
            out.append(_pad(t.weekday() + 1, cnt))
        elif c == "a":
            out.append(loc.ampm[0] if t.hour < 12 else loc.ampm[1])
        elif c == "H":
            out.append(_pad(t.hour, cnt))
        elif c == "k":
            out.append(_pad(t.hour or 24, cnt))
        elif c == "K":
            out.append(_pad(t.hour % 12, cnt))
        elif c == "h":
            out.append(_pad(t.hour % 12 or 12, cnt))
        elif c == "m":
            out.append(_pad(t.minute, cnt))
        elif c == "s":
            out.append(_pad(t.second, cnt))
        elif c == "S":
            out.append(_pad(t.microsecond // 1000, cnt))
        elif c == "D":
            out.append(_pad(f.day_of_year, cnt))
        elif c == "F":
            out.append(_pad((f.actual_day - 1) // 7 + 1, cnt))
        elif c == "w":
            out.append(_pad(_week_fields(f, loc)[0], cnt))
        elif c == "W":
            out.append(_pad(_week_of_month(f, loc), cnt))
        elif c == "z":
            out.append(_zone_name(t, z, cnt >= 4, loc))
        elif c == "Z":
            secs = _offset_seconds(t)
            sign = "-" if secs < 0 else "+"
            off = abs(secs) // 60
            out.append(f"{sign}{off // 60:02d}{off % 60:02d}")
        elif c == "X":
            secs = _offset_seconds(t)
            off = abs(secs) // 60
            if off == 0:
                out.append("Z")
                continue
            sign = "-" if secs < 0 else "+"
            if cnt == 1:
                out.append(f"{sign}{off // 60:02d}")
            elif cnt == 2:
                out.append(f"{sign}{off // 60:02d}{off % 60:02d}")
            elif cnt == 3:
                out.append(f"{sign}{off // 60:02d}:{off % 60:02d}")
            else:
                raise DateFormatError("invalid ISO 8601 format: length=" + str(cnt))
    return "".join(out)


# -- ISO 8601 / XML Schema ---------------------------------------------------------------------

ACC_HOURS, ACC_MINUTES, ACC_SECONDS, ACC_MS, ACC_MS_FORCED = 4, 5, 6, 7, 8


@dataclass(frozen=True, slots=True)
class IsoOptions:
    xs: bool
    accuracy: int = ACC_MS
    show_offset: bool | None = None
    force_utc: bool | None = False  # None: "u" (UTC unless zoneless input)


@lru_cache(maxsize=64)
def _parse_iso_options(fmt: str) -> IsoOptions:
    xs = fmt.startswith("xs")
    rest = fmt[2:] if xs else fmt[3:]
    accuracy = ACC_MS
    show: bool | None = None
    force: bool | None = False
    after_sep = False
    i = 0
    n = len(rest)
    while i < n:
        c = rest[i]
        i += 1
        if c in "_ ":
            after_sep = True
            continue
        if not after_sep:
            raise DateFormatError(f'Missing space or "_" before "{c}" (at char pos. {i}).')
        if c in "hms":
            if accuracy != ACC_MS:
                raise DateFormatError(
                    f'Character "{c}" is unexpected as accuracy was already specified earlier '
                    f"(at char pos. {i})."
                )
            if c == "h":
                if xs:
                    raise DateFormatError(
                        "Less than seconds accuracy isn't allowed by the XML Schema format"
                    )
                accuracy = ACC_HOURS
            elif c == "m":
                if i < n and rest[i] == "s":
                    i += 1
                    accuracy = ACC_MS_FORCED
                else:
                    if xs:
                        raise DateFormatError(
                            "Less than seconds accuracy isn't allowed by the XML Schema format"
                        )
                    accuracy = ACC_MINUTES
            else:
                accuracy = ACC_SECONDS
        elif c == "f" and i < n and rest[i] == "u":
            if force is not False:
                raise DateFormatError("The UTC usage option was already set earlier.")
            i += 1
            force = True
        elif c in "nf":
            if show is not None:
                raise DateFormatError(
                    f'Character "{c}" is unexpected as zone offset visibility was already '
                    f"specified earlier. (at char pos. {i})."
                )
            if i < n and rest[i] == "z":
                i += 1
                show = c == "f"
            else:
                raise DateFormatError(f'"{c}" must be followed by "z" (at char pos. {i}).')
        elif c == "u":
            if force is not False:
                raise DateFormatError("The UTC usage option was already set earlier.")
            force = None
        else:
            raise DateFormatError(
                f'Unexpected character, "{c}". Expected the beginning of one of: '
                f"h, m, s, ms, nz, fz, u (at char pos. {i})."
            )
        after_sep = False
    return IsoOptions(xs, accuracy, show, force)


def format_iso(
    ms: int,
    *,
    date_part: bool,
    time_part: bool,
    offset_part: bool,
    accuracy: int,
    z: Zone,
    xs: bool = False,
) -> str:
    """FreeMarker's ``DateUtil.dateToISO8601String`` / ``dateToXSString``."""
    if not xs:
        offset_part = offset_part and time_part
    t, shift = _local(ms, z)
    out: list[str] = []
    if date_part:
        year = t.year + shift
        if xs and year <= 0:  # XML Schema has no year 0: 1 BC is -1
            year -= 1
        if 0 <= year < 9999:
            out.append(f"{year:04d}")
        else:
            out.append(str(year))
        out.append(f"-{t.month:02d}-{t.day:02d}")
        if time_part:
            out.append("T")
    if time_part:
        out.append(f"{t.hour:02d}")
        if accuracy >= ACC_MINUTES:
            out.append(f":{t.minute:02d}")
            if accuracy >= ACC_SECONDS:
                out.append(f":{t.second:02d}")
                if accuracy >= ACC_MS:
                    x = t.microsecond // 1000
                    forced = 3 if accuracy == ACC_MS_FORCED else 0
                    if x or forced:
                        out.append(".")
                        while True:
                            out.append(str(x // 100))
                            forced -= 1
                            x = x % 100 * 10
                            if not (x != 0 or forced > 0):
                                break
    if offset_part:
        off = _offset_seconds(t)
        if z.tz is _UTC or off == 0:
            out.append("Z")
        else:
            sign = "+" if off >= 0 else "-"
            off = abs(off)
            hh, rem = divmod(off, 3600)
            mm, ss = divmod(rem, 60)
            out.append(f"{sign}{hh:02d}:{mm:02d}")
            if ss:
                out.append(f":{ss:02d}")
    return "".join(out)


# -- entry points ---------------------------------------------------------------------------

_STYLE_NAMES = ("short", "medium", "long", "full")


def _style_pattern(fmt: str, kind: str, loc: DateLocale = _EN_LOCALE) -> str | None:
    """The SimpleDateFormat pattern of a style name like "short" or "long_short", or None."""
    toks = [t for t in fmt.split("_") if t] if fmt else []
    first = toks[0] if toks else "medium"
    if first not in _STYLE_NAMES:
        return None
    if kind == "date":
        return loc.styles.get(f"date_{first}") or _DATE_STYLES[first]
    if kind == "time":
        return loc.styles.get(f"time_{first}") or _TIME_STYLES[first]
    second = toks[1] if len(toks) > 1 else first
    if second not in _STYLE_NAMES:
        return None
    return loc.styles.get(f"{first}_{second}") or _datetime_style(first, second)


def _unknown_kind() -> UnknownDateKindError:
    return UnknownDateKindError(
        "Can't convert the date to string, because it isn't known if it's a date (no time "
        "part), time or date-time value.",
    )


def format_date(d: TemplateDate, pattern: str, tz: str = "UTC", locale: str = "en_US") -> str:
    """Format ``d`` with a FreeMarker date format string: a style name (``short``,
    ``medium_long``...), ``iso``/``xs`` with options, or a SimpleDateFormat pattern."""
    z = zone(tz)
    if pattern.startswith("iso") or pattern.startswith("xs"):
        rest = pattern[3:] if pattern.startswith("iso") else pattern[2:]
        if not rest or rest[0] in "_ ":
            if d.kind == "unknown":
                raise _unknown_kind()
            opts = _parse_iso_options(pattern)
            use_utc = opts.force_utc is None or opts.force_utc
            return format_iso(
                d.epoch_ms,
                date_part=d.kind != "time",
                time_part=d.kind != "date",
                offset_part=True if opts.show_offset is None else opts.show_offset,
                accuracy=opts.accuracy,
                z=zone("UTC") if use_utc else z,
                xs=opts.xs,
            )
    if pattern.startswith("@"):
        raise DateFormatError(f"No custom date format was defined with name {pattern[1:]!r}")
    loc = date_locale(locale)
    style = _style_pattern(pattern, d.kind, loc) if d.kind != "unknown" else None
    if style is None:
        toks = [t for t in pattern.split("_") if t] if pattern else []
        if d.kind == "unknown" and (not toks or toks[0] in _STYLE_NAMES):
            raise _unknown_kind()
        style = pattern
    return _sdf_format(d.epoch_ms, _compile_sdf(style), z, loc)


def format_date_setting(d: TemplateDate, settings: Any) -> str:
    """Format ``d`` by the ``date_format``/``time_format``/``datetime_format`` setting that
    matches its kind (as ``${d}`` does)."""
    if d.kind == "unknown":
        raise _unknown_kind()
    fmt = {
        "date": settings.date_format,
        "time": settings.time_format,
        "datetime": settings.datetime_format,
    }[d.kind]
    try:
        return format_date(d, fmt, settings.time_zone, settings.locale)
    except DateFormatError as e:
        setting = {"date": "date_format", "time": "time_format", "datetime": "datetime_format"}[
            d.kind
        ]
        raise DateSettingError(
            f'The value of the "{setting}" FreeMarker configuration setting is a malformed '
            f'date/time/datetime format string: "{fmt}". Reason given: {e.message}'
        ) from None


# -- parsing -------------------------------------------------------------------------------


def parse_date(
    s: str, pattern: str, kind: str, tz: str = "UTC", locale: str = "en_US"
) -> TemplateDate:
    """Parse ``s`` as ``?date(pattern)``/``?time``/``?datetime`` do; raises
    BuiltInArgumentError when it does not match."""
    z = zone(tz)
    if pattern.startswith("iso") or pattern.startswith("xs"):
        return _parse_iso(s, kind, z, xs=pattern.startswith("xs"), pattern=pattern)
    loc = date_locale(locale)
    style = _style_pattern(pattern, kind, loc)
    tokens = _compile_sdf(style if style is not None else pattern)
    ms = _sdf_parse(s, tokens, z, pattern, loc)
    return TemplateDate(ms, kind)  # type: ignore[arg-type]


_ISO_DATE = r"(?P<y>[+-]?\d{4,})-(?P<mo>\d{2})-(?P<d>\d{2})"
_ISO_TIME = r"(?P<h>\d{2})(?::?(?P<mi>\d{2})(?::?(?P<s>\d{2})(?:[.,](?P<f>\d+))?)?)?"
_ISO_ZONE = r"(?P<z>Z|[+-]\d{2}(?::?\d{2})?)?"
_ISO_DATE_BASIC = r"(?P<y>[+-]?\d{4})(?P<mo>\d{2})(?P<d>\d{2})"
_ISO_TIME_BASIC = r"(?P<h>\d{2})(?:(?P<mi>\d{2})(?:(?P<s>\d{2})(?:[.,](?P<f>\d+))?)?)?"


def _parse_iso(s: str, kind: str, z: Zone, *, xs: bool, pattern: str) -> TemplateDate:
    if kind == "date":
        rx = _ISO_DATE + (_ISO_ZONE if xs else "")
    elif kind == "time":
        rx = _ISO_TIME + _ISO_ZONE
    else:
        rx = _ISO_DATE + "T" + _ISO_TIME + _ISO_ZONE
    m = re.fullmatch(rx, s)
    if not m and not xs:  # ISO 8601 basic format: 20231114, 20231114T102030Z
        basic = rx.replace(_ISO_DATE, _ISO_DATE_BASIC).replace(_ISO_TIME, _ISO_TIME_BASIC)
        m = re.fullmatch(basic, s)
    if not m:
        what = {"date": "date", "time": "time", "datetime": "date-time"}[kind]
        raise BuiltInArgumentError(
            f"The string doesn't match the expected {'XML Schema' if xs else 'ISO 8601'} "
            f"{what} format: {s!r}"
        )
    g = m.groupdict()
    year = int(g.get("y") or 1970)
    month = int(g.get("mo") or 1)
    day = int(g.get("d") or 1)
    hour = int(g.get("h") or 0)
    minute = int(g.get("mi") or 0)
    sec = int(g.get("s") or 0)
    frac = g.get("f") or ""
    ms = int((frac + "000")[:3]) if frac else 0
    zs = g.get("z")
    tzinfo: _dt.tzinfo
    if zs:
        if zs == "Z":
            tzinfo = _UTC
        else:
            sign = -1 if zs[0] == "-" else 1
            digits = zs[1:].replace(":", "")
            off = _dt.timedelta(hours=int(digits[:2]), minutes=int(digits[2:4] or 0))
            tzinfo = _dt.timezone(sign * off)
    else:
        tzinfo = z.tz
    try:
        t = _dt.datetime(year, month, day, hour % 24, minute, sec, ms * 1000, tzinfo=tzinfo)
    except ValueError as e:
        raise BuiltInArgumentError(f"Invalid date/time value: {s!r} ({e})") from e
    if hour == 24:
        t += _dt.timedelta(days=1)
    epoch = _dt.datetime(1970, 1, 1, tzinfo=_UTC)
    return TemplateDate(
        (t - epoch) // _dt.timedelta(milliseconds=1),
        kind,  # type: ignore[arg-type]
    )


# Zone names SimpleDateFormat parses (minutes east of UTC).
_ZONE_ABBREVIATIONS = {
    "EST": -300, "EDT": -240, "CST": -360, "CDT": -300, "MST": -420, "MDT": -360,
    "PST": -480, "PDT": -420, "AKST": -540, "AKDT": -480, "HST": -600, "CET": 60,
    "CEST": 120, "EET": 120, "EEST": 180, "WET": 0, "WEST": 60, "BST": 60, "IST": 330,
    "JST": 540, "KST": 540, "AEST": 600, "AEDT": 660, "NZST": 720, "NZDT": 780,
}  # fmt: skip


def _sdf_parse(
    s: str, tokens: tuple[Token, ...], z: Zone, pattern: str, loc: DateLocale = _EN_LOCALE
) -> int:
    fields: dict[str, int] = {}
    pm: bool | None = None
    pos = 0
    offset: int | None = None

    def fail() -> BuiltInArgumentError:
        return BuiltInArgumentError(
            f"The string doesn't match the expected date/time/date-time format. The string to "
            f'parse was: "{s}". The expected format was: "{pattern}".'
        )

    def read_int(maxlen: int | None) -> int:
        nonlocal pos
        m = re.compile(r"[+-]?\d+").match(s, pos)
        if not m:
            raise fail()
        txt = m.group(0)
        if maxlen is not None:
            txt = txt[:maxlen]
        pos += len(txt)
        return int(txt)

    def read_name(names: Sequence[str], short: Sequence[str] = ()) -> int:
        nonlocal pos
        best = -1
        best_len = 0
        for idx, name in enumerate(names):
            for cand in (name, short[idx] if short else name[:3]):
                if s[pos : pos + len(cand)].lower() == cand.lower() and len(cand) > best_len:
                    best, best_len = idx, len(cand)
        if best < 0:
            raise fail()
        pos += best_len
        return best

    for i, tok in enumerate(tokens):
        nxt = tokens[i + 1] if i + 1 < len(tokens) else None
        adjacent_num = isinstance(nxt, tuple)
        if isinstance(tok, str):
            if s[pos : pos + len(tok)] != tok:
                # SimpleDateFormat is lenient about white space
                if tok.strip() == "" and s[pos : pos + 1].isspace():
                    while pos < len(s) and s[pos].isspace():
                        pos += 1
                    continue
                raise fail()
            pos += len(tok)
            continue
        c, cnt = tok
        maxlen = cnt if adjacent_num else None
        if c in "yY":
            v = read_int(maxlen)
            if cnt <= 2 and 0 <= v < 100 and len(str(v)) <= 2:
                now_year = _dt.datetime.now(_UTC).year
                base = now_year - 80
                v = base - base % 100 + v
                if v < base:
                    v += 100
            fields["y"] = v
        elif c in "ML":
            if cnt >= 3:
                fields["M"] = read_name(loc.months, loc.short_months) + 1
            else:
                fields["M"] = read_int(maxlen)
        elif c == "d":
            fields["d"] = read_int(maxlen)
        elif c == "E":
            read_name(loc.days, loc.short_days)
        elif c == "a":
            pm = read_name(loc.ampm, loc.ampm) == 1
        elif c == "H":
            fields["H"] = read_int(maxlen)  # lenient: 25:61 rolls over to the next day
        elif c == "k":
            fields["H"] = read_int(maxlen) % 24
        elif c in "Kh":
            fields["h"] = read_int(maxlen) % 12
        elif c == "m":
            fields["m"] = read_int(maxlen)
        elif c == "s":
            fields["s"] = read_int(maxlen)
        elif c == "S":
            fields["S"] = read_int(maxlen)
        elif c in "zZX":
            m = re.compile(
                r"Z|[+-]\d{2}:?\d{2}|[+-]\d{2}|GMT[+-]\d{1,2}:\d{2}|UTC|GMT|[A-Z]{3,4}"
            ).match(s, pos)
            if not m:
                raise fail()
            txt = m.group(0)
            pos += len(txt)
            if txt in ("Z", "UTC", "GMT"):
                offset = 0
            elif txt[0] in "+-" or txt.startswith("GMT"):
                body = txt[3:] if txt.startswith("GMT") else txt
                sign = -1 if body[0] == "-" else 1
                hm = body[1:].replace(":", "")
                if len(hm) <= 2:
                    offset = sign * int(hm) * 60
                else:
                    offset = sign * (int(hm[:-2]) * 60 + int(hm[-2:]))
            else:
                offset = _ZONE_ABBREVIATIONS.get(txt)
        else:
            read_int(maxlen)
    # SimpleDateFormat ignores trailing text
    hour = fields.get("H", 0)
    if "h" in fields:
        hour = fields["h"] + (12 if pm else 0)
    elif pm is not None and "H" not in fields:
        hour = 12 if pm else 0
    try:
        naive = _dt.datetime(fields.get("y", 1970), 1, 1)
        naive = _add_months(naive, fields.get("M", 1) - 1)
        naive += _dt.timedelta(
            days=fields.get("d", 1) - 1,
            hours=hour,
            minutes=fields.get("m", 0),
            seconds=fields.get("s", 0),
            milliseconds=fields.get("S", 0),
        )
    except (ValueError, OverflowError) as e:
        raise fail() from e
    if naive < _dt.datetime(1582, 10, 15):
        # GregorianCalendar reads dates before the cutover as Julian ones
        jdn = _jdn_from_julian(naive.year, naive.month, naive.day)
        naive = _dt.datetime.fromordinal(jdn - 1_721_425).replace(
            hour=naive.hour, minute=naive.minute, second=naive.second, microsecond=naive.microsecond
        )
    if offset is not None:
        tz: _dt.tzinfo = _dt.timezone(_dt.timedelta(minutes=offset))
    elif naive < _dt.datetime(1900, 1, 1) and not z.custom:
        tz = _zone_1900(z)
    else:
        tz = z.tz
    aware = naive.replace(tzinfo=tz)
    epoch = _dt.datetime(1970, 1, 1, tzinfo=_UTC)
    return (aware - epoch) // _dt.timedelta(milliseconds=1)


def _add_months(t: _dt.datetime, months: int) -> _dt.datetime:
    y, m = divmod(t.month - 1 + months, 12)
    return t.replace(year=t.year + y, month=m + 1)
