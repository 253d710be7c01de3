"""FreeMarker's default arithmetic engine (``ArithmeticEngine.BIGDECIMAL_ENGINE``).

Numbers are Python ``int`` (Java Integer/Long/BigInteger), ``float`` (Double) and
``Decimal`` (BigDecimal).  As in FreeMarker:

- ``+ - *`` convert both operands to BigDecimal and return a ``Decimal``; a product
  whose scale exceeds 12 is rounded to 12 decimals, HALF_UP.
- ``/`` divides to a scale of ``max(scale1, scale2, 12)``, HALF_UP.
- ``%`` truncates both operands to Java longs and returns a Java ``long`` remainder
  (sign of the dividend).
- Unary minus keeps the operand's type (FreeMarker multiplies by Integer -1 with the
  conservative engine).
- Comparison looks at signs first, so ``Infinity > 0`` works, and NaN cannot be compared.

Python's ``decimal`` rounds to the context precision (28 digits by default); Java's
BigDecimal does not, so every operation here runs in an unbounded context.  A Double
enters BigDecimal arithmetic through its shortest decimal representation (as
``new BigDecimal(Double.toString(d))`` does), never through its exact binary value.
"""

from __future__ import annotations

import decimal
import math
from decimal import Decimal
from typing import Any

from .errors import NonNumericalError, TemplateRuntimeError

__all__ = [
    "ArithmeticFailure",
    "NumberConversionError",
    "add",
    "compare",
    "div",
    "java_double_digits",
    "mod",
    "mul",
    "neg",
    "scale_of",
    "sub",
    "to_decimal",
    "to_long",
]

Number = int | float | Decimal

_EXACT = decimal.Context(
    prec=decimal.MAX_PREC,
    Emax=decimal.MAX_EMAX,
    Emin=decimal.MIN_EMIN,
    rounding=decimal.ROUND_HALF_UP,
    traps=[decimal.InvalidOperation, decimal.DivisionByZero, decimal.Overflow],
)
MAX_SCALE = 12
MIN_SCALE = 12
_LONG_MIN = -(1 << 63)
_LONG_MAX = (1 << 63) - 1


class ArithmeticFailure(TemplateRuntimeError):
    """An arithmetic operation failed (FreeMarker wraps Java's ArithmeticException)."""

    java_class = "_MiscTemplateException"


class NumberConversionError(TemplateRuntimeError):
    """Infinity or NaN reached BigDecimal arithmetic: FreeMarker lets Java's
    NumberFormatException through unwrapped."""

    java_class = "NumberFormatException"


def _fail(reason: str) -> ArithmeticFailure:
    return ArithmeticFailure(f"Arithmetic operation failed: {reason}")


def to_decimal(x: Any) -> Decimal:
    """BigDecimal value of a number, as ``ArithmeticEngine.toBigDecimal`` computes it."""
    if isinstance(x, Decimal):
        if x.is_zero() and x.is_signed():
            return x.copy_abs()
        if not x.is_finite():
            raise _fail(f"Can't convert this to BigDecimal: {x}")
        return x
    if isinstance(x, bool):
        raise NonNumericalError("Expected a number, but this has evaluated to a boolean.")
    if isinstance(x, int):
        return Decimal(x)
    if isinstance(x, float):
        if math.isinf(x):
            kind = "Infinity" if x > 0 else "-Infinity"
            raise NumberConversionError(
                f"It's impossible to convert an infinte value (Double {kind}) to BigDecimal."
            )
        if math.isnan(x):
            raise NumberConversionError('Can\'t parse this as BigDecimal number: "NaN"')
        return _double_to_decimal(x)
    raise NonNumericalError(f"Expected a number, but got {type(x).__name__}.")


# FloatingDecimal's table of decimal digits below a power of two that cannot matter.
_INSIGNIFICANT = (
    0, 0, 0, 0, 1, 1, 1, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 5, 5, 5, 6, 6, 6, 6, 7, 7, 7, 8, 8,
    8, 9, 9, 9, 9, 10, 10, 10, 11, 11, 11, 12, 12, 12, 12, 13, 13, 13, 14, 14, 14, 15, 15,
    15, 15, 16, 16, 16, 17, 17, 17, 18, 18, 18, 19,
)  # fmt: skip


def java_double_digits(x: float) -> Decimal:
    """The value ``Double.toString(x)`` writes in JDK 17, as a Decimal.

    That is Python's shortest repr, except for whole numbers between 2^54 and 2^63: the
    JDK writes those from the long value, dropping only the digits a table deems
    insignificant (5.097654563224752E18 prints as 5.0976545632247521E18).  Beyond 2^63
    a few values still differ (the JDK's digits are not always the shortest there)."""
    ax = abs(x)
    if 18014398509481984.0 <= ax < 9223372036854775808.0 and ax == int(ax):
        p2 = math.frexp(ax)[1] - 1 - 54
        ins = _INSIGNIFICANT[p2] if 1 < p2 < len(_INSIGNIFICANT) else 0
        v = int(ax)
        if ins:
            pow10 = 10**ins
            v, residue = divmod(v, pow10)
            if residue >= pow10 // 2:
                v += 1
        d = Decimal(v).scaleb(ins)
        return d.copy_negate() if x < 0 else d
    return Decimal(repr(x))


def _double_to_decimal(x: float) -> Decimal:
    """``new BigDecimal(Double.toString(x))``: the shortest digits, with Java's scale."""
    sign, digits, exp = java_double_digits(x).as_tuple()
    assert isinstance(exp, int)
    ds = list(digits)
    while len(ds) > 1 and ds[-1] == 0:  # repr may carry trailing zeros ("100.0")
        ds.pop()
        exp += 1
    point = len(ds) + exp  # position of the decimal point from the left of the digits
    ax = abs(x)
    if ax == 0 or 1e-3 <= ax < 1e7:
        frac = max(len(ds) - point, 1)  # plain form: at least one fraction digit
    else:
        exp10 = point - 1  # d.ddddE<exp10>
        frac = max(len(ds) - 1, 1) - exp10
    scale = frac
    cur = -exp
    if scale > cur:
        ds = ds + [0] * (scale - cur)
    return Decimal((sign, tuple(ds), -scale))


def scale_of(d: Decimal) -> int:
    """Java's ``BigDecimal.scale()``: digits after the decimal point (may be negative)."""
    exp = d.as_tuple().exponent
    assert isinstance(exp, int)
    return -exp


def _set_scale_half_up(d: Decimal, scale: int) -> Decimal:
    return d.quantize(Decimal(1).scaleb(-scale), rounding=decimal.ROUND_HALF_UP, context=_EXACT)


def add(a: Any, b: Any) -> Decimal:
    return _EXACT.add(to_decimal(a), to_decimal(b))


def sub(a: Any, b: Any) -> Decimal:
    return _EXACT.subtract(to_decimal(a), to_decimal(b))


def mul(a: Any, b: Any) -> Decimal:
    r = _EXACT.multiply(to_decimal(a), to_decimal(b))
    if scale_of(r) > MAX_SCALE:
        r = _set_scale_half_up(r, MAX_SCALE)
    return r


def div(a: Any, b: Any) -> Decimal:
    left = to_decimal(a)
    right = to_decimal(b)
    if right.is_zero():
        raise _fail("/ by zero")
    scale = max(scale_of(left), scale_of(right), MIN_SCALE)
    # left / right * 10^scale, rounded HALF_UP, computed on integers to avoid double rounding.
    ls, ld, le = left.as_tuple()
    rs, rd, re = right.as_tuple()
    assert isinstance(le, int) and isinstance(re, int)
    lu = int("".join(map(str, ld)) or "0")
    ru = int("".join(map(str, rd)) or "0")
    shift = le - re + scale
    num = lu * 10**shift if shift >= 0 else lu
    den = ru if shift >= 0 else ru * 10 ** (-shift)
    q, r = divmod(num, den)
    if 2 * r >= den:
        q += 1
    negative = bool(ls) != bool(rs)
    return Decimal((1 if negative and q else 0, tuple(int(c) for c in str(q)), -scale))


def _decimal_low_bits(x: Decimal) -> int:
    """``int(x)`` (truncated toward zero), or, for a huge exponent, a value congruent to it
    modulo 2**64: all that ``longValue()``/``intValue()`` keep, without building a number of
    millions of digits (``1e2000000?int`` is then instant, and still 0 as in Java)."""
    sign, digits, exp = x.as_tuple()
    assert isinstance(exp, int)
    if exp < 0:
        if -exp >= len(digits):
            return 0  # |x| < 1
        return int(x)  # at most as many digits as the literal itself
    if exp <= 40:
        return int(x)
    coefficient = int("".join(map(str, digits)) or "0")
    low = coefficient * pow(10, exp, 1 << 64) % (1 << 64)
    return -low if sign else low


def to_long(x: Any) -> int:
    """Java's ``Number.longValue()``."""
    if isinstance(x, bool):
        raise NonNumericalError("Expected a number, but this has evaluated to a boolean.")
    if isinstance(x, float):
        if math.isnan(x):
            return 0
        if math.isinf(x):
            return _LONG_MAX if x > 0 else _LONG_MIN
        v = int(x)
        return max(_LONG_MIN, min(_LONG_MAX, v))
    if isinstance(x, Decimal):
        if not x.is_finite():
            return 0
        v = _decimal_low_bits(x)  # truncates toward zero
    else:
        v = int(x)
    if _LONG_MIN <= v <= _LONG_MAX:
        return v
    v &= (1 << 64) - 1  # BigInteger.longValue(): the low-order 64 bits
    return v - (1 << 64) if v >= 1 << 63 else v


def mod(a: Any, b: Any) -> int:
    left = to_long(a)
    right = to_long(b)
    if right == 0:
        raise _fail("/ by zero")
    r = abs(left) % abs(right)
    return -r if left < 0 else r


def neg(a: Any) -> Number:
    """Unary minus, keeping the operand's type."""
    if isinstance(a, bool):
        raise NonNumericalError("Expected a number, but this has evaluated to a boolean.")
    if isinstance(a, Decimal):
        return a if a.is_zero() else a.copy_negate()
    if isinstance(a, int | float):
        return -a
    raise NonNumericalError(f"Expected a number, but got {type(a).__name__}.")


def _signum(x: Any) -> int:
    if isinstance(x, float):
        if math.isnan(x):
            raise _fail(f"The signum of {x} is not defined.")
        return (x > 0) - (x < 0)
    if isinstance(x, Decimal):
        if x.is_nan():
            raise _fail("The signum of NaN is not defined.")
        return (x > 0) - (x < 0)
    return int((x > 0) - (x < 0))


def compare(a: Any, b: Any) -> int:
    """-1, 0 or 1, as ``BigDecimalEngine.compareNumbers``."""
    sa = _signum(a)
    sb = _signum(b)
    if sa != sb:
        return -1 if sa < sb else 1
    if sa == 0:
        return 0
    if isinstance(a, float) and math.isinf(a):
        if isinstance(b, float) and math.isinf(b):
            return 0
        return -1 if a < 0 else 1
    if isinstance(b, float) and math.isinf(b):
        return 1 if b < 0 else -1
    if type(a) is type(b):
        return int((a > b) - (a < b))
    da = to_decimal(a)
    db = to_decimal(b)
    return (da > db) - (da < db)
