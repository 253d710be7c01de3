"""Comparisons as FreeMarker's ``EvalUtil.compare`` does them, and Java's en_US collation.

Collation: FreeMarker sorts strings with ``java.text.Collator`` for the locale (tertiary
strength).  Python's default ordering is by code point (``B`` < ``a``); here a key mimics
the JDK's rules: punctuation and symbols first, then digits, then letters alphabetically
ignoring case and accents; among equal letters the unaccented one first, then lower case
before upper case (``a, A, á, b, B, C``).
"""

from __future__ import annotations

import unicodedata
from decimal import Decimal
from functools import lru_cache
from typing import Any

from .. import arith
from ..values import TemplateDate
from ._common import MiscTemplateError

__all__ = ["collation_key", "compare_values", "values_equal"]


# Characters the JDK's rules make ignorable at the primary level (white space, then the
# dashes), in their secondary order: "ab" < "a b" < "a-b".
_IGNORABLE = {
    c: i + 1
    for i, c in enumerate(
        " \u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a"
        "\u3000\r\t\n\f\x0b-\u00ad\u2010\u2011\u2012\u2013\u2014\u2015\u2212"
    )
}
# Primary order of punctuation and symbols before the digits (java.text CollationRules).
_PUNCT_ORDER = {
    c: i
    for i, c in enumerate(
        "_\u00af,;:!\u00a1?\u00bf/.\u00b4`^\u00a8~\u00b7\u00b8'\"\u00ab\u00bb()[]{}"
        "\u00a7\u00b6\u00a9\u00ae@*\\&#%\u2030\u2020\u2021\u2022+\u00b1\u00f7\u00d7"
        "<=>\u00ac|\u00a6\u00b0\u00b5$\u00a2\u00a3\u00a4\u00a5\u20ac"
    )
}

Weight = tuple[tuple[int, int | str], tuple[int, int], int]

# Letters the JDK spells out as several (ß sorts as "ss", æ as "ae"), with the tertiary
# difference that keeps them after the plain spelling.
_EXPANSIONS = {"ß": "ss", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "ĳ": "ij", "Ĳ": "IJ"}
# Letters outside the JDK's en_US rules (Greek, Cyrillic, CJK, ǆ, ŉ...), symbols and emoji
# are "unmapped": they sort after every mapped character, by UTF-16 code unit.
_MAPPED_EXTRA = frozenset("æÆøØßđĐðÐþÞłŁœŒ")
_UNMAPPED = 9


def _utf16_units(c: str) -> tuple[int, ...]:
    o = ord(c)
    if o < 0x10000:
        return (o,)
    o -= 0x10000
    return (0xD800 + (o >> 10), 0xDC00 + (o & 0x3FF))


def _unmapped(c: str) -> tuple[Weight, ...]:
    return tuple(((_UNMAPPED, u), (0, 0), 0) for u in _utf16_units(c))


@lru_cache(maxsize=4096)
def _char_keys(c: str) -> tuple[Weight, ...]:
    """The collation elements of one character: (primary, secondary, tertiary) each."""
    ign = _IGNORABLE.get(c)
    if ign is not None:
        return (((-1, 0), (1, ign), 0),)
    if c in _EXPANSIONS:
        parts = tuple(k for ch in _EXPANSIONS[c] for k in _char_keys(ch))
        last = parts[-1]
        return (*parts[:-1], (last[0], last[1], last[2] + 2))
    decomposed = unicodedata.normalize("NFD", c)
    base = decomposed[0]
    accent = sum(ord(a) for a in decomposed[1:])
    cat = unicodedata.category(base)
    if cat == "Cf":
        return ()
    if cat == "Cc":  # ignorable, but below the white space at the secondary level
        return (((-1, 0), (1, 0), 0),)
    if cat.startswith("L"):
        if not (base.isascii() or base in _MAPPED_EXTRA):
            return _unmapped(c)
        low = base.lower()
        return (((3, low), (0, accent), 0 if base == low else 1),)
    if cat == "Nd":
        return (((2, unicodedata.digit(base, 0)), (0, accent), 0),)
    if cat.startswith("M"):  # a lone combining mark: a secondary difference only
        return (((-1, 0), (0, ord(base)), 0),)
    order = _PUNCT_ORDER.get(base)
    if order is None:
        return _unmapped(c)
    return (((1, order), (0, accent), 0),)


def collation_key(s: str) -> tuple[tuple[Any, ...], tuple[Any, ...], tuple[int, ...]]:
    """A sort key approximating ``Collator.getInstance(Locale.US)`` at tertiary strength:
    primary weights without the ignorable characters, then secondary weights of every
    character in order, then the case of every character."""
    keys = [k for ch in s for k in _char_keys(ch)]
    return (
        tuple(k[0] for k in keys if k[0][0] != -1),
        tuple(k[1] for k in keys),
        tuple(k[2] for k in keys),
    )


def _kind(v: Any) -> str:
    if isinstance(v, bool):
        return "boolean"
    if isinstance(v, int | float | Decimal):
        return "number"
    if isinstance(v, str):
        return "string"
    if isinstance(v, TemplateDate):
        return "date"
    return "other"


_TYPE_ERROR = (
    "Can't compare values of these types. Allowed comparisons are between two numbers, two "
    "strings, two dates, or two booleans."
)


def values_equal(a: Any, b: Any, *, strict: bool = True) -> bool:
    """FTL ``==``.  With ``strict`` False, values of different types are simply unequal
    (as ``?seq_contains`` treats them); otherwise that is an error."""
    ka, kb = _kind(a), _kind(b)
    if ka != kb or ka == "other":
        if strict:
            raise MiscTemplateError(_TYPE_ERROR)
        return False
    if ka == "number":
        return arith.compare(a, b) == 0
    if ka == "date":
        return bool(a.epoch_ms == b.epoch_ms)
    return bool(a == b)


def compare_values(a: Any, b: Any, op: str = "less-than") -> int:
    """Ordering for ``<``/``>`` and ``?min``/``?max``: numbers and dates only."""
    ka, kb = _kind(a), _kind(b)
    if ka != kb or ka == "other":
        raise MiscTemplateError(_TYPE_ERROR)
    if ka == "number":
        return arith.compare(a, b)
    if ka == "date":
        return int((a.epoch_ms > b.epoch_ms) - (a.epoch_ms < b.epoch_ms))
    raise MiscTemplateError(f'Can\'t use operator "{op}" on {ka} values.')
