"""Number built-ins: ``?c``, ``?round``/``?floor``/``?ceiling``, ``?abs``, the Java
conversions (``?int``, ``?long``, ``?short``, ``?byte``, ``?float``, ``?double``),
``?is_infinite``/``?is_nan``, ``?lower_abc``/``?upper_abc`` and ``?number_to_date``...

Java semantics kept: ``?round``, ``?floor`` and ``?ceiling`` go through the number's
``double`` value (as FreeMarker does), rounding half up; ``?int`` and friends wrap around
like Java's narrowing conversions (``300?byte`` is 44); ``?number_to_datetime`` rounds the
milliseconds half up.
"""

from __future__ import annotations

import math
import struct
from decimal import ROUND_CEILING, ROUND_FLOOR, ROUND_HALF_UP, Decimal
from typing import Any

from .. import formatting
from ..arith import _EXACT, to_long
from ..errors import BuiltInArgumentError, UnexpectedTypeError
from ..values import TemplateDate, type_description
from . import builtin
from ._common import Formatted, RegexMatches, arg_count, str_arg, to_number

__all__ = ["c_string", "string_of_number", "to_epoch_ms"]


# -- ?c -----------------------------------------------------------------------------------------


def c_string(v: Any) -> str:
    if isinstance(v, RegexMatches):
        v = v.matched
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int | float | Decimal):
        return formatting.format_c(v)
    raise UnexpectedTypeError(
        'For "?c" left-hand operand: Expected a number or boolean, but this has evaluated to '
        f"{type_description(v)}."
    )


@builtin(
    "c",
    family="numbers",
    accepts=("number", "boolean"),
    result="string",
    summary='"Computer" format: a number as JSON/JavaScript would write it (no grouping, '
    "INF, NaN), a boolean as true/false.",
    example="${1234567.5?c}  → 1234567.5",
)
def _c(env: Any, target: Any) -> str:
    return c_string(target)


# -- formatting with ?string ----------------------------------------------------------------------


def string_of_number(env: Any, n: Any, args: tuple[Any, ...]) -> str:
    locale = env.settings.locale
    if args:
        arg_count("string", args, 0, 1)
        return formatting.format_number_pattern(n, str_arg("string", args, 0), locale)

    def variant(key: str) -> str | None:
        return formatting.format_number_pattern(n, key, locale)

    return Formatted(env.format_number(n), variant)


# -- rounding ---------------------------------------------------------------------------------


def _double_decimal(name: str, n: Any) -> Decimal:
    d = float(n)
    if math.isnan(d) or math.isinf(d):
        raise BuiltInArgumentError(f"?{name} can't be applied to {d!r} (Infinity or NaN).")
    return Decimal(d)


def _scale0(d: Decimal, rounding: str) -> Decimal:
    """``divide(ONE, 0, rounding)``: a whole BigDecimal of scale 0."""
    return d.quantize(Decimal(1), rounding=rounding, context=_EXACT)


@builtin(
    "round",
    family="numbers",
    accepts=("number",),
    result="number",
    summary="Rounds to the nearest whole number (halves round up: 2.5 → 3, -2.5 → -2).",
    example="${2.5?round}  → 3",
)
def _round(env: Any, target: Any) -> Decimal:
    d = _EXACT.add(_double_decimal("round", to_number("round", target)), Decimal("0.5"))
    return _scale0(d, ROUND_FLOOR)


@builtin(
    "floor",
    family="numbers",
    accepts=("number",),
    result="number",
    summary="Rounds down to a whole number.",
    example="${(-2.5)?floor}  → -3",
)
def _floor(env: Any, target: Any) -> Decimal:
    return _scale0(_double_decimal("floor", to_number("floor", target)), ROUND_FLOOR)


@builtin(
    "ceiling",
    family="numbers",
    accepts=("number",),
    result="number",
    summary="Rounds up to a whole number.",
    example="${2.1?ceiling}  → 3",
)
def _ceiling(env: Any, target: Any) -> Decimal:
    return _scale0(_double_decimal("ceiling", to_number("ceiling", target)), ROUND_CEILING)


@builtin(
    "abs",
    family="numbers",
    accepts=("number",),
    result="number",
    summary="The absolute value.",
    example="${(-5)?abs}  → 5",
)
def _abs(env: Any, target: Any) -> Any:
    n = to_number("abs", target)
    if isinstance(n, Decimal):
        return n.copy_abs() if n.is_signed() else n
    return -n if n < 0 else n


# -- Java conversions ----------------------------------------------------------------------------


def _wrap(v: int, bits: int) -> int:
    mask = (1 << bits) - 1
    v &= mask
    return v - (1 << bits) if v >= 1 << (bits - 1) else v


def _java_int(n: Any) -> int:
    """``Number.intValue()``."""
    if isinstance(n, float):
        if math.isnan(n):
            return 0
        if math.isinf(n):
            return 2**31 - 1 if n > 0 else -(2**31)
        return max(-(2**31), min(2**31 - 1, int(n)))
    return _wrap(to_long(n), 32)


@builtin(
    "int",
    family="numbers",
    accepts=("number",),
    result="number",
    summary="The integer part (truncated toward zero, as a Java int).",
    example="${-2.9?int}  → -2",
)
def _int(env: Any, target: Any) -> int:
    return _java_int(to_number("int", target))


@builtin(
    "long",
    family="numbers",
    accepts=("number", "date"),
    result="number",
    summary="The integer part as a Java long; for a date, its milliseconds since the epoch.",
    example="${2.9?long}  → 2",
)
def _long(env: Any, target: Any) -> int:
    if isinstance(target, TemplateDate):
        return target.epoch_ms
    return to_long(to_number("long", target))


@builtin(
    "short",
    family="numbers",
    accepts=("number",),
    result="number",
    summary="The number as a Java short (16-bit, wraps around).",
    example="${300?short}  → 300",
)
def _short(env: Any, target: Any) -> int:
    n = to_number("short", target)
    return _wrap(_java_int(n) if isinstance(n, float) else to_long(n), 16)


@builtin(
    "byte",
    family="numbers",
    accepts=("number",),
    result="number",
    summary="The number as a Java byte (8-bit, wraps around: 300 → 44).",
    example="${100?byte}  → 100",
)
def _byte(env: Any, target: Any) -> int:
    n = to_number("byte", target)
    return _wrap(_java_int(n) if isinstance(n, float) else to_long(n), 8)


@builtin(
    "double",
    family="numbers",
    accepts=("number",),
    result="number",
    summary="The number as a double-precision floating point value.",
    example="${1?double}  → 1",
)
def _double(env: Any, target: Any) -> float:
    return float(to_number("double", target))


@builtin(
    "float",
    family="numbers",
    accepts=("number",),
    result="number",
    summary="The number as a single-precision floating point value.",
    example="${1?float}  → 1",
)
def _float(env: Any, target: Any) -> float:
    f = float(to_number("float", target))
    if math.isnan(f) or math.isinf(f):
        return f
    try:
        return float(struct.unpack("f", struct.pack("f", f))[0])
    except OverflowError:
        return math.copysign(math.inf, f)


@builtin(
    "is_infinite",
    family="numbers",
    accepts=("number",),
    result="boolean",
    summary="Whether the number is positive or negative infinity.",
    example='${"INF"?number?is_infinite?c}  → true',
    aliases=("isInfinite",),
)
def _is_infinite(env: Any, target: Any) -> bool:
    n = to_number("is_infinite", target)
    return isinstance(n, float) and math.isinf(n)


@builtin(
    "is_nan",
    family="numbers",
    accepts=("number",),
    result="boolean",
    summary="Whether the number is NaN (not a number).",
    example='${"NaN"?number?is_nan?c}  → true',
    aliases=("isNan",),
)
def _is_nan(env: Any, target: Any) -> bool:
    n = to_number("is_nan", target)
    return isinstance(n, float) and math.isnan(n)


def _abc(name: str, target: Any, upper: bool) -> str:
    n = to_number(name, target)
    if isinstance(n, float) and (math.isnan(n) or math.isinf(n) or n != int(n)):
        raise BuiltInArgumentError(
            f"The left side operand value isn't compatible with ?{name}: {n!r} is not an integer."
        )
    if isinstance(n, Decimal) and n != n.to_integral_value():
        raise BuiltInArgumentError(
            f"The left side operand value isn't compatible with ?{name}: {n} is not an integer."
        )
    v = int(n)
    if v > 2**31 - 1 or v < -(2**31):
        raise BuiltInArgumentError(
            f"The left side operand value isn't compatible with ?{name}: {v} doesn't fit into an int."
        )
    if v <= 0:
        raise BuiltInArgumentError(
            f"The left side operand of to ?{name} must be at least 1, but was {v}."
        )
    base = ord("A" if upper else "a")
    out: list[str] = []
    while v > 0:
        v -= 1
        out.append(chr(base + v % 26))
        v //= 26
    return "".join(reversed(out))


@builtin(
    "lower_abc",
    family="numbers",
    accepts=("number",),
    result="string",
    summary="1 → a, 2 → b, ..., 26 → z, 27 → aa (spreadsheet-column style).",
    example="${28?lower_abc}  → ab",
    aliases=("lowerAbc",),
)
def _lower_abc(env: Any, target: Any) -> str:
    return _abc("lower_abc", target, False)


@builtin(
    "upper_abc",
    family="numbers",
    accepts=("number",),
    result="string",
    summary="1 → A, 2 → B, ..., 26 → Z, 27 → AA (spreadsheet-column style).",
    example="${28?upper_abc}  → AB",
    aliases=("upperAbc",),
)
def _upper_abc(env: Any, target: Any) -> str:
    return _abc("upper_abc", target, True)


# -- numbers to dates ----------------------------------------------------------------------------

_LONG_MAX = 2**63 - 1
_LONG_MIN = -(2**63)


def to_epoch_ms(n: Any) -> int:
    """``safeToLong``: a Double rounds with ``Math.round``, a BigDecimal half up."""
    if isinstance(n, float):
        if math.isnan(n):
            return 0
        r = math.floor(n + 0.5) if not math.isinf(n) else n
        if r > _LONG_MAX or r < _LONG_MIN:
            raise BuiltInArgumentError(
                f"Number doesn't fit into a 64 bit signed integer (long): {r}"
            )
        return int(r)
    if isinstance(n, Decimal):
        r2 = n.quantize(Decimal(1), rounding=ROUND_HALF_UP, context=_EXACT)
        if r2 > _LONG_MAX or r2 < _LONG_MIN:
            raise BuiltInArgumentError(
                f"Number doesn't fit into a 64 bit signed integer (long): {r2}"
            )
        return int(r2)
    return int(n)


def _num_to_date(name: str, target: Any, kind: Any) -> TemplateDate:
    return TemplateDate(to_epoch_ms(to_number(name, target)), kind)


@builtin(
    "number_to_datetime",
    family="numbers",
    accepts=("number",),
    result="date",
    summary="Milliseconds since the epoch (1970-01-01 UTC) to a date-time. For epoch seconds, "
    "multiply by 1000 first.",
    example="${(1700000000 * 1000)?number_to_datetime?string.iso}  → 2023-11-14T22:13:20Z",
    aliases=("numberToDatetime",),
)
def _number_to_datetime(env: Any, target: Any) -> TemplateDate:
    return _num_to_date("number_to_datetime", target, "datetime")


@builtin(
    "number_to_date",
    family="numbers",
    accepts=("number",),
    result="date",
    summary="Milliseconds since the epoch to a date (without time of day).",
    example="${1700000000000?number_to_date?string.iso}  → 2023-11-14",
    aliases=("numberToDate",),
)
def _number_to_date(env: Any, target: Any) -> TemplateDate:
    return _num_to_date("number_to_date", target, "date")


@builtin(
    "number_to_time",
    family="numbers",
    accepts=("number",),
    result="date",
    summary="Milliseconds since the epoch to a time of day.",
    example="${1700000000000?number_to_time?string.iso}  → 22:13:20Z",
    aliases=("numberToTime",),
)
def _number_to_time(env: Any, target: Any) -> TemplateDate:
    return _num_to_date("number_to_time", target, "time")
