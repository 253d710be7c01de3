"""Date built-ins: ``?date``/``?time``/``?datetime`` (conversion, and parsing of strings),
``?*_if_unknown``, the ``?iso_*`` family, and the date side of ``?string``.

Formatting and parsing themselves are :mod:`ftl.dateformat` (Java SimpleDateFormat
patterns, JDK 17 en_US styles, FreeMarker's ``iso``/``xs`` formats).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from .. import dateformat
from ..dateformat import DateFormatError
from ..errors import BuiltInArgumentError, NonDateError
from ..values import DateKind, TemplateDate, type_description
from . import builtin
from ._common import Formatted, MiscTemplateError, arg_count, str_arg

__all__ = ["DateParser", "ParsedDate", "string_of_date"]

_KIND_NAMES = {"date": "DATE", "time": "TIME", "datetime": "DATETIME", "unknown": "UNKNOWN"}


def _format_error(fmt: str, e: DateFormatError) -> BuiltInArgumentError:
    return BuiltInArgumentError(
        f'Can\'t create date/time/datetime format based on format string "{fmt}". '
        f"Reason given: {e.message}"
    )


def format_with(env: Any, d: TemplateDate, fmt: str) -> str:
    try:
        return dateformat.format_date(d, fmt, env.settings.time_zone, env.settings.locale)
    except DateFormatError as e:
        raise _format_error(fmt, e) from None


def string_of_date(env: Any, d: TemplateDate, args: tuple[Any, ...]) -> str:
    """``d?string`` (by the date/time/datetime_format setting, with ``.iso``, ``.short``...
    variants) or ``d?string("yyyy-MM-dd")``."""
    if args:
        arg_count("string", args, 1, 1)
        return format_with(env, d, str_arg("string", args, 0))
    return Formatted(env.format_date(d), lambda key: format_with(env, d, key))


def _to_date(name: str, v: Any) -> TemplateDate:
    if isinstance(v, TemplateDate):
        return v
    raise NonDateError(
        f'For "?{name}" left-hand operand: Expected a date, but this has evaluated to '
        f"{type_description(v)}."
    )


# -- parsed strings ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ParsedDate(TemplateDate):
    """``"..."?date``: a date parsed by the format setting that also answers ``.iso`` etc.
    (parsing the same string by that format)."""

    source: str = field(default="", compare=False)
    env: Any = field(default=None, compare=False, repr=False)

    def get(self, key: str, default: Any = None) -> Any:
        return _parse(self.env, self.source, key, self.kind)

    def __getitem__(self, key: str) -> Any:
        return self.get(key)


Mapping.register(ParsedDate)


class DateParser(dict[str, Any]):
    """``"..."?date`` when the string does not parse by the format setting: only usable as
    ``?date.iso``-style (``.key`` parses by that format); anything else fails."""

    def __init__(self, env: Any, source: str, kind: DateKind) -> None:
        super().__init__()
        self._env = env
        self._source = source
        self._kind = kind

    def get(self, key: str, default: Any = None) -> Any:
        return _parse(self._env, self._source, key, self._kind)

    def __getitem__(self, key: str) -> Any:
        return self.get(key)

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str)


def _parse(env: Any, s: str, fmt: str, kind: DateKind) -> TemplateDate:
    try:
        return dateformat.parse_date(s, fmt, kind, env.settings.time_zone, env.settings.locale)
    except DateFormatError as e:
        raise _format_error(fmt, e) from None


def _setting_format(env: Any, kind: DateKind) -> str:
    st = env.settings
    return str(
        {"date": st.date_format, "time": st.time_format, "datetime": st.datetime_format}[kind]
    )


def _date_like(name: str, kind: DateKind, env: Any, target: Any, args: tuple[Any, ...]) -> Any:
    if isinstance(target, TemplateDate):
        if args:
            arg_count(name, args, 0, 0)
        if target.kind == kind:
            return target
        if target.kind in ("unknown", "datetime"):
            return TemplateDate(target.epoch_ms, kind)
        raise MiscTemplateError(f"Cannot convert {_KIND_NAMES[target.kind]} to {_KIND_NAMES[kind]}")
    if isinstance(target, str) or (
        isinstance(target, int | float) and not isinstance(target, bool)
    ):
        s = env.to_string(target)
        if args:
            arg_count(name, args, 1, 1)
            return _parse(env, s, str_arg(name, args, 0), kind)
        fmt = _setting_format(env, kind)
        try:
            d = _parse(env, s, fmt, kind)
        except BuiltInArgumentError:
            return DateParser(env, s, kind)
        return ParsedDate(d.epoch_ms, kind, s, env)
    raise NonDateError(
        f'For "?{name}" left-hand operand: Expected a date, but this has evaluated to '
        f"{type_description(target)}."
    )


for _name, _kind in (("date", "date"), ("time", "time"), ("datetime", "datetime")):

    def _make(n: str, k: Any) -> Any:
        def fn(env: Any, target: Any, *args: Any) -> Any:
            return _date_like(n, k, env, target, args)

        fn.__name__ = f"_{n}"
        return fn

    builtin(
        _name,
        family="dates",
        accepts=("date", "string"),
        result="date",
        summary={
            "date": "The date part of a date-time; on a string, parses it as a date "
            '(?date("yyyy-MM-dd"), ?date.iso).',
            "time": "The time part of a date-time; on a string, parses it as a time.",
            "datetime": "Marks a date-like value as date-time; on a string, parses it as a "
            'date-time (?datetime("yyyy-MM-dd HH:mm"), ?datetime.iso).',
        }[_name],
        example={
            "date": '${"2023-11-14"?date("yyyy-MM-dd")?string("EEEE")}  → Tuesday',
            "time": '${"10:20"?time("HH:mm")?string("h:mm a")}  → 10:20 AM',
            "datetime": '${"2023-11-14T10:20:30Z"?datetime.iso?long?c}  → 1699957230000',
        }[_name],
        arity=(0, 1),
        params=("format",),
    )(_make(_name, _kind))


for _name, _kind in (
    ("date_if_unknown", "date"),
    ("time_if_unknown", "time"),
    ("datetime_if_unknown", "datetime"),
):

    def _make_unknown(n: str, k: Any) -> Any:
        def fn(env: Any, target: Any) -> TemplateDate:
            d = _to_date(n, target)
            return TemplateDate(d.epoch_ms, k) if d.kind == "unknown" else d

        fn.__name__ = f"_{n}"
        return fn

    builtin(
        _name,
        family="dates",
        accepts=("date",),
        result="date",
        summary=f"Marks the value as {_kind} if it is not known which parts it holds; "
        "otherwise unchanged.",
        example=f"${{1700000000000?number_to_datetime?{_name}?is_datetime?c}}  → true",
        aliases=(
            {"date": "dateIfUnknown", "time": "timeIfUnknown", "datetime": "datetimeIfUnknown"}[
                _kind
            ],
        ),
    )(_make_unknown(_name, _kind))


# -- ?iso_* -------------------------------------------------------------------------------------


def _iso(env: Any, d: TemplateDate, name: str, zone_id: str, accuracy: int, show_zone: bool) -> str:
    if d.kind == "unknown":
        raise MiscTemplateError(
            f"The value of the following has unknown date type, but ?{name} needs a value where "
            "it's known if it's a date (no time part), time, or date-time value."
        )
    return dateformat.format_iso(
        d.epoch_ms,
        date_part=d.kind != "time",
        time_part=d.kind != "date",
        offset_part=show_zone,
        accuracy=accuracy,
        z=dateformat.zone(zone_id),
    )


_ACC = {
    "": dateformat.ACC_SECONDS,
    "_ms": dateformat.ACC_MS,
    "_m": dateformat.ACC_MINUTES,
    "_h": dateformat.ACC_HOURS,
}


def _iso_claim(full: str, acc: str, nz: bool, zone: str) -> str:
    """The documented output of an ``?iso_*`` example (a whole second, so no milliseconds)."""
    cut = {"": len(full), "_ms": len(full), "_m": len(full) - 3, "_h": len(full) - 6}[acc]
    return full[:cut] + ("" if nz else zone)


def _camel(n: str) -> str:
    parts = n.split("_")
    out = parts[0]
    for p in parts[1:]:
        out += p.upper() if p in ("nz", "fz") else p.capitalize()
    return out


for _where in ("utc", "local"):
    for _acc in ("", "_ms", "_m", "_h"):
        for _nz in ("", "_nz"):
            _name = f"iso_{_where}{_acc}{_nz}"

            def _make_iso(n: str, where: str, acc: int, nz: bool) -> Any:
                def fn(env: Any, target: Any) -> str:
                    d = _to_date(n, target)
                    zone_id = "UTC" if where == "utc" else env.settings.time_zone
                    return _iso(env, d, n, zone_id, acc, not nz)

                fn.__name__ = f"_{n}"
                return fn

            builtin(
                _name,
                family="dates",
                accepts=("date",),
                result="string",
                summary=f"ISO 8601 format in {'UTC' if _where == 'utc' else 'the time_zone setting'}"
                + {"": "", "_ms": ", with milliseconds", "_m": ", to minutes", "_h": ", to hours"}[
                    _acc
                ]
                + (", without the zone offset" if _nz else "")
                + " (deprecated: use ?string.iso).",
                example=f"${{1700000000000?number_to_datetime?{_name}}}  → "
                + _iso_claim("2023-11-14T22:13:20", _acc, bool(_nz), "Z"),
                aliases=(_camel(_name),),
            )(_make_iso(_name, _where, _ACC[_acc], bool(_nz)))
    if _where == "utc":
        # iso_utc_fz: like iso_utc, forcing the zone (the only _fz variant FreeMarker has)
        builtin(
            "iso_utc_fz",
            family="dates",
            accepts=("date",),
            result="string",
            summary="ISO 8601 format in UTC, always with the zone (deprecated: use ?string.iso).",
            example="${1700000000000?number_to_datetime?iso_utc_fz}  → 2023-11-14T22:13:20Z",
            aliases=("isoUtcFZ",),
        )(
            lambda env, target: _iso(
                env,
                _to_date("iso_utc_fz", target),
                "iso_utc_fz",
                "UTC",
                dateformat.ACC_SECONDS,
                True,
            )
        )

for _acc in ("", "_ms", "_m", "_h"):
    for _nz in ("", "_nz"):
        _name = f"iso{_acc}{_nz}"

        def _make_iso_tz(n: str, acc: int, nz: bool) -> Any:
            def fn(env: Any, target: Any, *args: Any) -> str:
                d = _to_date(n, target)
                arg_count(n, args, 1, 1)
                return _iso(env, d, n, env.to_string(args[0]), acc, not nz)

            fn.__name__ = f"_{n}"
            return fn

        builtin(
            _name,
            family="dates",
            accepts=("date",),
            result="string",
            summary="ISO 8601 format in the given time zone"
            + {"": "", "_ms": ", with milliseconds", "_m": ", to minutes", "_h": ", to hours"}[_acc]
            + (", without the zone offset" if _nz else "")
            + ' (deprecated: use ?string.iso with <#setting time_zone="...">).',
            example=f'${{1700000000000?number_to_datetime?{_name}("Asia/Tokyo")}}  → '
            + _iso_claim("2023-11-15T07:13:20", _acc, bool(_nz), "+09:00"),
            arity=(1, 1),
            params=("time_zone",),
            aliases=(_camel(_name),) if _name != "iso" else (),
        )(_make_iso_tz(_name, _ACC[_acc], bool(_nz)))
