"""Number and date formatting as FreeMarker 2.3.31 does it through Java's DecimalFormat and
SimpleDateFormat (locale en_US unless told otherwise).

Numbers: :func:`format_number` takes a ``number_format`` setting value (``number``,
``computer``, ``currency``, ``percent``, or a DecimalFormat pattern, optionally with
FreeMarker's extended ``;;`` options) and :func:`format_c` is what ``?c`` prints.

Java details kept here:

- DecimalFormat rounds HALF_EVEN.  A Double is rounded from its shortest decimal digits
  (``Double.toString``), except that a tie in those digits is broken by the exact binary
  value (JDK 8+ behaviour): ``0.125`` is a true tie, ``1.005`` is really below it.
- A negative number that rounds to zero keeps its sign (``-0``).
- Integer digits, fraction digits and the grouping size come from the pattern exactly as
  ``DecimalFormat.applyPattern`` derives them (``#.##`` has one minimum integer digit,
  ``.##`` none).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import ROUND_HALF_EVEN, Decimal
from functools import lru_cache
from typing import Any

from .arith import _EXACT, java_double_digits
from .dateformat import format_date, format_date_setting
from .errors import BuiltInArgumentError, ResourceLimitError, TemplateRuntimeError

__all__ = [
    "DecimalPattern",
    "NumberFormatError",
    "PatternError",
    "format_c",
    "format_date",
    "format_date_setting",
    "format_number",
    "format_number_pattern",
    "format_with_pattern",
    "parse_pattern",
]


class NumberFormatError(TemplateRuntimeError):
    """The ``number_format`` setting is malformed (FreeMarker: _MiscTemplateException)."""

    java_class = "_MiscTemplateException"


class PatternError(ValueError):
    """A number format string could not be parsed; the message is Java's reason."""


# -- locale symbols ------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Symbols:
    decimal: str = "."
    grouping: str = ","
    minus: str = "-"
    percent: str = "%"
    per_mille: str = "\u2030"
    infinity: str = "\u221e"
    nan: str = "NaN"
    exponent: str = "E"
    currency: str = "$"
    currency_code: str = "USD"
    zero: str = "0"


_EN = Symbols()


def locale_entry(locale: str) -> dict[str, Any] | None:
    """The JDK locale data for ``locale`` (exact, else its language), or None for en_US.

    The data module is large, so it is only imported when a locale other than en_US is
    used."""
    loc = locale.replace("-", "_")
    if loc in ("en_US", "en", ""):
        return None
    from ._locale_data import LOCALES

    entry = LOCALES.get(loc) or LOCALES.get(loc.split("_", 1)[0].lower())
    return entry if isinstance(entry, dict) else None


@lru_cache(maxsize=64)
def symbols_for(locale: str, money: bool = False) -> Symbols:
    """DecimalFormatSymbols of a locale (``money``: with the monetary separators)."""
    entry = locale_entry(locale)
    if entry is None:
        return _EN
    n = entry["number"]
    return Symbols(
        decimal=n["money_decimal"] if money else n["decimal"],
        grouping=n["money_grouping"] if money else n["grouping"],
        minus=n["minus"],
        percent=n["percent"],
        per_mille=n["per_mille"],
        infinity=n["infinity"],
        nan=n["nan"],
        exponent=n["exponent"],
        currency=n["currency"],
        currency_code=n["currency_code"],
        zero=n["zero"],
    )


# -- digit lists (Java's DigitList) ----------------------------------------------------


@dataclass(slots=True)
class _Digits:
    """A non-negative number as significant digits and the position of the decimal point:
    value = 0.DIGITS * 10**decimal_at.  ``digits`` has no leading or trailing zeros
    ("" means zero).  ``exact_cmp`` tells, for Doubles, whether the exact binary value is
    above (1), below (-1) or equal to (0) the digits; it only matters for ties."""

    digits: str
    decimal_at: int
    exact_cmp: int = 0

    def is_zero(self) -> bool:
        return not self.digits


def _digits_of_decimal(d: Decimal) -> _Digits:
    _, dt, exp = d.as_tuple()
    assert isinstance(exp, int)
    s = "".join(map(str, dt)).lstrip("0")
    if not s:
        return _Digits("", 0)
    n = len(s)
    stripped = s.rstrip("0")
    return _Digits(stripped, n + exp)


def _digits_of_float(x: float) -> _Digits:
    x = abs(x)
    if x == 0:
        return _Digits("", 0)
    shortest = java_double_digits(x)
    dg = _digits_of_decimal(shortest)
    exact = Decimal(x)
    dg.exact_cmp = (exact > shortest) - (exact < shortest)
    if x == int(x) and x < 9223372036854775808.0:
        # Whole numbers take FloatingDecimal's integer path, which never reports its digits
        # as exact: DecimalFormat then rounds a tie up (250.0 with one digit is 3E2).
        dg.exact_cmp = 1
    elif dg.digits == "5" and dg.decimal_at <= -3:
        # JDK 17's FloatingDecimal reports 5E-4, 5E-5... as "already rounded up", so
        # DecimalFormat does not round them up to the next digit (0.0005 -> "0" with
        # three fraction digits), although their binary value lies above the tie.
        dg.exact_cmp = -1
    return dg


def _to_digits(value: Any) -> tuple[bool, _Digits]:
    """(negative, digits) of a finite number."""
    if isinstance(value, float):
        neg = value < 0 or (value == 0 and math.copysign(1.0, value) < 0)
        return neg, _digits_of_float(value)
    if isinstance(value, int):
        return value < 0, _digits_of_decimal(Decimal(abs(value)))
    assert isinstance(value, Decimal)
    return value.is_signed() and not value.is_zero(), _digits_of_decimal(value.copy_abs())


_ROUND_HALF_EVEN = "HALF_EVEN"


def _round(dg: _Digits, keep: int, mode: str = _ROUND_HALF_EVEN) -> _Digits:
    """Keep ``keep`` significant digits (may be <= 0), rounding as ``mode``."""
    s = dg.digits
    if keep >= len(s):
        return dg
    if keep < 0:
        return _Digits("", 0)
    head = s[:keep]
    rest = s[keep:]
    up = _should_round_up(head, rest, dg.exact_cmp, mode)
    if up:
        # increment head as a decimal string
        if not head:
            return _Digits("1", dg.decimal_at + 1)
        n = int(head) + 1
        t = str(n)
        at = dg.decimal_at + (len(t) - len(head))
        return _Digits(t.rstrip("0"), at)
    head = head.rstrip("0")
    return _Digits(head, dg.decimal_at if head else 0)


def _should_round_up(head: str, rest: str, exact_cmp: int, mode: str) -> bool:
    first = rest[0]
    beyond = rest[1:].strip("0") != ""
    if mode == "HALF_EVEN" or mode == "HALF_UP" or mode == "HALF_DOWN":
        if first > "5":
            return True
        if first < "5":
            return False
        if beyond:
            return True
        # a tie in the decimal digits; a Double's exact value may lie on either side
        if exact_cmp > 0:
            return True
        if exact_cmp < 0:
            return False
        if mode == "HALF_UP":
            return True
        if mode == "HALF_DOWN":
            return False
        return bool(head) and int(head[-1]) % 2 == 1
    nonzero = rest.strip("0") != "" or exact_cmp != 0
    if mode in ("UP", "CEILING"):  # callers map CEILING/FLOOR by sign
        return nonzero
    if mode in ("DOWN", "FLOOR"):
        return False
    if mode == "UNNECESSARY":
        if nonzero:
            raise ArithmeticError(
                "Rounding needed with the rounding mode being set to RoundingMode.UNNECESSARY"
            )
        return False
    raise ValueError(mode)


# -- DecimalFormat patterns -------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class DecimalPattern:
    pos_prefix: str
    pos_suffix: str
    neg_prefix: str
    neg_suffix: str
    min_int: int
    max_int: int
    min_frac: int
    max_frac: int
    grouping: int  # 0: no grouping
    multiplier: int
    exponential: bool
    min_exp_digits: int
    decimal_always: bool
    symbols: Symbols
    rounding: str = _ROUND_HALF_EVEN


_MAX_INT = 2**31 - 1


_PHASE1 = "#0,."  # digit, zero digit, grouping and decimal separators (not localized)


class _SubPattern:
    """What one side of ``positive;negative`` says: its affixes and digit counts."""

    __slots__ = (
        "decimal_pos",
        "digit_left",
        "digit_right",
        "grouping",
        "multiplier",
        "prefix",
        "suffix",
        "zero",
    )

    def __init__(self) -> None:
        self.prefix: list[str] = []
        self.suffix: list[str] = []
        self.decimal_pos = -1
        self.multiplier = 1
        self.digit_left = self.zero = self.digit_right = 0
        self.grouping = -1


@lru_cache(maxsize=256)
def parse_pattern(pattern: str, locale: str = "en_US") -> DecimalPattern:
    """Parse a Java DecimalFormat pattern (``#,##0.00;(#,##0.00)``) as JDK 17's
    ``DecimalFormat.applyPattern`` does, quirks included: the affixes are read in
    phases 0 and 2, and a digit, ``,`` or ``.`` met in the suffix goes back to the number
    part (``0ting.00`` is ``0.00`` with the suffix ``ting``); without a ``;`` the whole
    pattern is read again as the negative one."""
    sym = symbols_for(locale, money="\u00a4" in pattern)
    exponential = False
    min_exp = 0
    positive: _SubPattern | None = None
    negative: _SubPattern | None = None
    start = 0
    j = 1
    while j >= 0 and start < len(pattern):
        sub = _SubPattern()
        start, exp = _read_subpattern(pattern, start, j, sub, sym, exponential)
        if exp is not None:
            exponential, min_exp = True, exp
        if sub.zero == 0 and sub.digit_left > 0 and sub.decimal_pos >= 0:
            # "##.###" -> "#0.###", ".###" -> ".0##"
            n = sub.decimal_pos if sub.decimal_pos != 0 else 1
            sub.digit_right = sub.digit_left - n
            sub.digit_left = n - 1
            sub.zero = 1
        if (
            (sub.decimal_pos < 0 and sub.digit_right > 0)
            or (
                sub.decimal_pos >= 0
                and not sub.digit_left <= sub.decimal_pos <= sub.digit_left + sub.zero
            )
            or sub.grouping == 0
        ):
            raise PatternError(f'Malformed pattern "{pattern}"')
        if j == 1:
            positive = sub
        else:
            negative = sub
        j -= 1
    if positive is None:  # the empty pattern
        positive = _SubPattern()
        total = 0
        min_int, max_int, min_frac, max_frac = 0, _MAX_INT, 0, 340
        decimal_always = False
    else:
        dl, z, dr, dp = (
            positive.digit_left,
            positive.zero,
            positive.digit_right,
            positive.decimal_pos,
        )
        total = dl + z + dr
        min_int = (dp if dp >= 0 else total) - dl
        max_int = dl + min_int if exponential else _MAX_INT
        max_frac = total - dp if dp >= 0 else 0
        min_frac = dl + z - dp if dp >= 0 else 0
        decimal_always = dp == 0 or dp == total
    pos_prefix, pos_suffix = "".join(positive.prefix), "".join(positive.suffix)
    if negative is None or (
        "".join(negative.prefix) == pos_prefix and "".join(negative.suffix) == pos_suffix
    ):
        neg_prefix, neg_suffix = sym.minus + pos_prefix, pos_suffix
    else:
        neg_prefix, neg_suffix = "".join(negative.prefix), "".join(negative.suffix)
    return DecimalPattern(
        pos_prefix=pos_prefix,
        pos_suffix=pos_suffix,
        neg_prefix=neg_prefix,
        neg_suffix=neg_suffix,
        min_int=max(min_int, 0),
        max_int=max_int,
        min_frac=max(min_frac, 0),
        max_frac=max(max_frac, 0),
        grouping=positive.grouping if positive.grouping > 0 else 0,
        multiplier=positive.multiplier,
        exponential=exponential,
        min_exp_digits=min_exp,
        decimal_always=decimal_always,
        symbols=sym,
    )


def _read_subpattern(
    pattern: str, start: int, j: int, sub: _SubPattern, sym: Symbols, exponential: bool
) -> tuple[int, int | None]:
    """Read one subpattern from ``start`` into ``sub`` (``j`` is 1 for the positive one,
    0 for the negative one).  Returns where the next subpattern starts (``start`` itself
    when there is no ``;``) and the exponent's minimum digits if an ``E`` was read."""
    in_quote = False
    phase = 0
    affix = sub.prefix
    min_exp: int | None = None
    pos = start
    end = len(pattern)
    while pos < end:
        ch = pattern[pos]
        if phase != 1:
            if ch == "'":  # '' is a quote, in quotes or not; a single one opens or closes them
                if pos + 1 < end and pattern[pos + 1] == "'":
                    pos += 1
                    affix.append("'")
                else:
                    in_quote = not in_quote
                pos += 1
                continue
            if in_quote:
                pass
            elif ch in _PHASE1:
                phase = 1
                continue  # the number part reads this character again
            elif ch == "\u00a4":
                doubled = pos + 1 < end and pattern[pos + 1] == "\u00a4"
                affix.append(sym.currency_code if doubled else sym.currency)
                pos += 2 if doubled else 1
                continue
            elif ch == ";":
                if phase == 0 or j == 0:
                    raise PatternError(f"Unquoted special character ';' in pattern \"{pattern}\"")
                return pos + 1, min_exp
            elif ch in "%\u2030":
                if sub.multiplier != 1:
                    raise PatternError(
                        f'Too many percent/per mille characters in pattern "{pattern}"'
                    )
                sub.multiplier = 100 if ch == "%" else 1000
                affix.append(sym.percent if ch == "%" else sym.per_mille)
                pos += 1
                continue
            elif ch == "-":
                affix.append(sym.minus)
                pos += 1
                continue
            affix.append(ch)
            pos += 1
            continue
        if j == 0:
            # the negative subpattern only gives affixes: its number part is skipped
            while pos < end and pattern[pos] in _PHASE1 + "E":
                pos += 1
            phase, affix = 2, sub.suffix
            continue
        if ch == "#":
            if sub.zero > 0:
                sub.digit_right += 1
            else:
                sub.digit_left += 1
            if sub.grouping >= 0 and sub.decimal_pos < 0:
                sub.grouping += 1
        elif ch == "0":
            if sub.digit_right > 0:
                raise PatternError(f"Unexpected '0' in pattern \"{pattern}\"")
            sub.zero += 1
            if sub.grouping >= 0 and sub.decimal_pos < 0:
                sub.grouping += 1
        elif ch == ",":
            sub.grouping = 0
        elif ch == ".":
            if sub.decimal_pos >= 0:
                raise PatternError(f'Multiple decimal separators in pattern "{pattern}"')
            sub.decimal_pos = sub.digit_left + sub.zero + sub.digit_right
        elif ch == "E":
            if exponential or min_exp is not None:
                raise PatternError(f'Multiple exponential symbols in pattern "{pattern}"')
            pos += 1
            min_exp = 0
            while pos < end and pattern[pos] == "0":
                min_exp += 1
                pos += 1
            if sub.digit_left + sub.zero < 1 or min_exp < 1:
                raise PatternError(f'Malformed exponential pattern "{pattern}"')
            phase, affix = 2, sub.suffix
            continue
        else:
            phase, affix = 2, sub.suffix
            continue
        pos += 1
    if in_quote:
        raise PatternError(f'Malformed pattern "{pattern}"')
    return start, min_exp


def _group(int_digits: str, size: int, sep: str) -> str:
    if size <= 0 or len(int_digits) <= size:
        return int_digits
    parts = []
    end = len(int_digits)
    while end > 0:
        parts.append(int_digits[max(0, end - size) : end])
        end -= size
    return sep.join(reversed(parts))


def format_with_pattern(value: Any, p: DecimalPattern) -> str:
    """Format a number with a parsed DecimalFormat pattern."""
    sym = p.symbols
    if isinstance(value, bool):
        raise TypeError("boolean is not a number")
    if isinstance(value, float) and math.isnan(value):
        return sym.nan
    if isinstance(value, Decimal) and not value.is_finite():
        value = float(value)
        if math.isnan(value):
            return sym.nan
    negative: bool
    if isinstance(value, float) and math.isinf(value):
        negative = value < 0
        return (
            (p.neg_prefix if negative else p.pos_prefix)
            + sym.infinity
            + (p.neg_suffix if negative else p.pos_suffix)
        )
    if p.multiplier != 1:
        if isinstance(value, float):
            value = value * p.multiplier
            if math.isinf(value):
                negative = value < 0
                return (
                    (p.neg_prefix if negative else p.pos_prefix)
                    + sym.infinity
                    + (p.neg_suffix if negative else p.pos_suffix)
                )
        elif isinstance(value, int):
            value = value * p.multiplier
        else:
            value = _EXACT.multiply(value, Decimal(p.multiplier))
    negative, dg = _to_digits(value)
    mode = p.rounding
    if mode in ("CEILING", "FLOOR"):
        mode = "UP" if (mode == "CEILING") != negative else "DOWN"
    if p.exponential:
        body = _format_exponential(dg, p, mode)
    else:
        dg = _round(dg, dg.decimal_at + p.max_frac, mode)
        body = _format_fixed(dg, p)
    if negative:
        return p.neg_prefix + body + p.neg_suffix
    return p.pos_prefix + body + p.pos_suffix


def _format_fixed(dg: _Digits, p: DecimalPattern) -> str:
    sym = p.symbols
    digits = dg.digits
    at = dg.decimal_at
    if at > 0:
        int_part = digits[:at] + "0" * max(0, at - len(digits))
        frac_digits = digits[at:]
    else:
        int_part = ""
        frac_digits = "0" * (-at) + digits
    if len(int_part) < p.min_int:
        int_part = "0" * (p.min_int - len(int_part)) + int_part
    if len(int_part) > p.max_int:
        int_part = int_part[len(int_part) - p.max_int :]
    frac = frac_digits[: p.max_frac]
    if len(frac) < p.min_frac:
        frac += "0" * (p.min_frac - len(frac))
    out = _group(int_part, p.grouping, sym.grouping)
    if sym.zero != "0":
        out = _zero_shift(out, sym.zero)
        frac = _zero_shift(frac, sym.zero)
    if not frac and not out:
        out = sym.zero
    if frac or p.decimal_always:
        out += sym.decimal + frac
    return out


def _zero_shift(s: str, zero: str) -> str:
    delta = ord(zero) - ord("0")
    return "".join(chr(ord(c) + delta) if "0" <= c <= "9" else c for c in s)


def _format_exponential(dg: _Digits, p: DecimalPattern, mode: str) -> str:
    sym = p.symbols
    max_sig = p.max_int + p.max_frac
    if max_sig > 0:
        dg = _round(dg, max_sig, mode)
    exponent = dg.decimal_at
    repeat = p.max_int
    min_int_digits = p.min_int
    if repeat > 1 and repeat > p.min_int:
        if exponent >= 1:
            exponent = ((exponent - 1) // repeat) * repeat
        else:
            exponent = -((-(exponent - repeat)) // repeat) * repeat  # Java truncating division
        min_int_digits = 1
    else:
        exponent -= min_int_digits
    minimum_digits = p.min_int + p.min_frac
    integer_digits = min_int_digits if dg.is_zero() else dg.decimal_at - exponent
    minimum_digits = max(minimum_digits, integer_digits)
    total = max(len(dg.digits), minimum_digits)
    out: list[str] = []
    for i in range(total):
        if i == integer_digits:
            out.append(sym.decimal)
        out.append(dg.digits[i] if i < len(dg.digits) else "0")
    if p.decimal_always and total == integer_digits:
        out.append(sym.decimal)
    if dg.is_zero():
        exponent = 0
    out.append(sym.exponent)
    if exponent < 0:
        out.append(sym.minus)
        exponent = -exponent
    e = str(exponent)
    out.append("0" * max(0, p.min_exp_digits - len(e)) + e)
    return "".join(out)


# -- the number_format setting ------------------------------------------------------------

_C_PATTERN = DecimalPattern(
    pos_prefix="",
    pos_suffix="",
    neg_prefix="-",
    neg_suffix="",
    min_int=1,
    max_int=_MAX_INT,
    min_frac=0,
    max_frac=16,
    grouping=0,
    multiplier=1,
    exponential=False,
    min_exp_digits=0,
    decimal_always=False,
    symbols=Symbols(infinity="INF", nan="NaN"),
)


MAX_PRINTED_DIGITS = 10_000_000
"""No number is printed with more integer digits than this: ``1e999999999?c`` would build a
billion-character string in one C call before any limit could look (FreeMarker itself would
try and run out of memory)."""


def _check_printable(value: Any) -> None:
    if isinstance(value, Decimal) and value.is_finite() and value.adjusted() >= MAX_PRINTED_DIGITS:
        raise ResourceLimitError(
            f"The number has {value.adjusted() + 1:,} digits; printing it would go over the "
            f"limit of {MAX_PRINTED_DIGITS:,} digits."
        )


def format_c(value: Any) -> str:
    """What ``?c`` prints for a number in FreeMarker 2.3.31 (``INF``, ``-INF``, ``NaN``;
    at most 16 fraction digits, HALF_EVEN; no grouping, no exponent)."""
    _check_printable(value)
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    if isinstance(value, Decimal) and value.is_finite():
        # Fast path: with at most 16 fraction digits nothing is rounded, so the plain
        # digits (trailing zeros dropped) are DecimalFormat's "0.################" output.
        if value.is_zero():
            return "0"
        exp = value.as_tuple().exponent
        if isinstance(exp, int) and exp >= -16:
            text = format(value, "f")
            return text.rstrip("0").rstrip(".") if "." in text else text
    elif isinstance(value, float):
        if math.isnan(value):
            return "NaN"
        if math.isinf(value):
            return "INF" if value > 0 else "-INF"
    return format_with_pattern(value, _C_PATTERN)


_THOUSANDTH = Decimal("0.001")

_STANDARD = {
    "number": "#,##0.###",
    "currency": "\u00a4#,##0.00",
    "percent": "#,##0%",
}
_ROUNDING_MODES = {
    "up": "UP",
    "down": "DOWN",
    "ceiling": "CEILING",
    "floor": "FLOOR",
    "halfDown": "HALF_DOWN",
    "halfEven": "HALF_EVEN",
    "halfUp": "HALF_UP",
    "unnecessary": "UNNECESSARY",
}


@lru_cache(maxsize=256)
def compile_number_format(fmt: str, locale: str) -> DecimalPattern:
    """The DecimalPattern for a ``number_format`` value (other than ``computer``)."""
    if fmt in _STANDARD:
        entry = locale_entry(locale)
        pattern = entry["number"][f"pattern_{fmt}"] if entry else _STANDARD[fmt]
        return parse_pattern(pattern, locale)
    if fmt.startswith("@"):
        raise PatternError(f"No custom number format was defined with name {fmt[1:]!r}")
    if ";;" in fmt:
        std, _, opts = fmt.partition(";;")
        p = parse_pattern(std, locale)
        return _apply_extended_options(p, opts, fmt)
    return parse_pattern(fmt, locale)


def _apply_extended_options(p: DecimalPattern, opts: str, fmt: str) -> DecimalPattern:
    from dataclasses import replace

    sym = p.symbols
    changes: dict[str, Any] = {}
    sym_changes: dict[str, str] = {}
    for part in opts.split():
        name, eq, raw = part.partition("=")
        if not eq:
            raise PatternError(f"Malformed extended number format {fmt!r}: expected name=value")
        val = raw
        if len(val) >= 2 and val[0] == val[-1] and val[0] in "'\"":
            val = val[1:-1]
        if name == "roundingMode":
            if val not in _ROUNDING_MODES:
                raise PatternError(f"Invalid roundingMode {val!r} in number format {fmt!r}")
            changes["rounding"] = _ROUNDING_MODES[val]
        elif name == "multiplier" or name == "multipier":
            changes["multiplier"] = int(val)
        elif name == "decimalSeparator":
            sym_changes["decimal"] = val
        elif name == "groupingSeparator":
            sym_changes["grouping"] = val
        elif name == "exponentSeparator":
            sym_changes["exponent"] = val
        elif name == "minusSign":
            sym_changes["minus"] = val
        elif name == "infinity":
            sym_changes["infinity"] = val
        elif name == "nan":
            sym_changes["nan"] = val
        elif name == "percent":
            sym_changes["percent"] = val
        elif name == "perMill":
            sym_changes["per_mille"] = val
        elif name == "zeroDigit":
            sym_changes["zero"] = val
        elif name == "currencySymbol":
            sym_changes["currency"] = val
        elif name == "currencyCode":
            sym_changes["currency_code"] = val
        else:
            raise PatternError(f"Unsupported parameter name {name!r} in number format {fmt!r}")
    if sym_changes:
        changes["symbols"] = replace(sym, **sym_changes)
    return replace(p, **changes)


def format_number(value: Any, fmt: str, locale: str = "en_US") -> str:
    """Format a number by a ``number_format`` setting value."""
    _check_printable(value)
    if fmt == "computer":
        return format_c(value)
    if fmt == "number" and locale in ("en_US", "en"):
        # Fast paths for "#,##0.###" (HALF_EVEN); Python's "," grouping is Java's.
        if isinstance(value, int) and not isinstance(value, bool):
            return f"{value:,}"
        if isinstance(value, float):
            text = repr(value)
            if "e" not in text and "n" not in text:  # no exponent, not inf/nan
                whole, _, frac = text.partition(".")
                if len(frac) <= 3:  # nothing to round: Java prints these digits
                    frac = frac.rstrip("0")
                    sign = "-" if whole.startswith("-") else ""
                    grouped = f"{int(whole.lstrip('-')):,}"
                    return f"{sign}{grouped}.{frac}" if frac else f"{sign}{grouped}"
        if isinstance(value, Decimal) and value.is_finite():
            q = value.quantize(_THOUSANDTH, rounding=ROUND_HALF_EVEN, context=_EXACT)
            text = f"{q:,f}"
            if "." in text:
                text = text.rstrip("0").rstrip(".")
            # a negative number rounding to zero keeps its sign; BigDecimal has no -0
            return "0" if text == "-0" and value.is_zero() else text
    try:
        p = compile_number_format(fmt, locale)
    except PatternError as e:
        raise NumberFormatError(
            f'Failed to get number format object for the current number format string, "{fmt}": {e}'
        ) from None
    try:
        return format_with_pattern(value, p)
    except ArithmeticError as e:
        raise NumberFormatError(
            f'Failed to format number with format "{fmt}": This format can\'t format the '
            f"{value} number. Reason: {e}"
        ) from None


def format_number_pattern(value: Any, fmt: str, locale: str = "en_US") -> str:
    """``n?string(fmt)``: like :func:`format_number`, with ``?string``'s error."""
    _check_printable(value)
    if fmt == "computer":
        return format_c(value)
    try:
        p = compile_number_format(fmt, locale)
    except PatternError as e:
        raise BuiltInArgumentError(
            f'Failed to get number format object for the "{fmt}" number format string: {e}'
        ) from None
    try:
        return format_with_pattern(value, p)
    except ArithmeticError as e:
        raise BuiltInArgumentError(str(e)) from e
