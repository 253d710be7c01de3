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


@lru_cache(maxsize=4096)
def _char_key(c: str) -> tuple[tuple[int, str | int], int, int]:
    decomposed = unicodedata.normalize("NFD", c)
    base = decomposed[0]
    accent = sum(ord(a) for a in decomposed[1:])
    cat = unicodedata.category(base)
    if cat.startswith("L"):
        low = base.lower()
        primary: tuple[int, str | int] = (2, low)
        tertiary = 0 if base == low else 1
    elif cat == "Nd":
        primary = (1, unicodedata.digit(base, 0))
        tertiary = 0
    else:
        primary = (0, ord(base))
        tertiary = 0
    return primary, accent, tertiary


def collation_key(s: str) -> tuple[tuple[Any, ...], tuple[int, ...], tuple[int, ...]]:
    """A sort key approximating ``Collator.getInstance(Locale.US)`` at tertiary strength."""
    keys = [_char_key(c) for c in s if unicodedata.category(c) != "Cc"]
    return (
        tuple(k[0] for k in keys),
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
