"""Runtime values: what a template can see, and how its types are named.

The data model is plain Python.  FreeMarker's types map onto it like this:

==========  ===========================================  ===========================
FTL type    Python value                                 FreeMarker (DefaultObjectWrapper)
==========  ===========================================  ===========================
string      ``str``                                      SimpleScalar
number      ``int`` (Integer/Long), ``float`` (Double),   SimpleNumber
            ``Decimal`` (BigDecimal; number literals
            and arithmetic results)
boolean     ``bool``                                     TemplateBooleanModel
date-like   :class:`TemplateDate`                        SimpleDate
sequence    ``list`` / ``tuple``                         DefaultListAdapter
hash        ``dict`` (string keys, insertion order)      DefaultMapAdapter
macro       :class:`Macro` (``is_function`` False)       Macro
function    :class:`Macro` (``is_function`` True)        Macro (function)
method      :class:`Method` (built-ins with arguments)   TemplateMethodModelEx
lambda      :class:`Lambda` (only as a built-in arg)     LocalLambdaExpression
missing     ``None`` (or an absent key)                  null
==========  ===========================================  ===========================

No Python attribute, method or dunder of a data-model value is ever reachable from a
template: hashes are read with ``dict.get`` and sequences by integer index only.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Literal

__all__ = [
    "DateKind",
    "Lambda",
    "Macro",
    "Method",
    "TemplateDate",
    "is_hash",
    "is_number",
    "is_sequence",
    "is_string",
    "type_description",
    "type_name",
    "utf16_len",
]

DateKind = Literal["date", "time", "datetime", "unknown"]


@dataclass(frozen=True, slots=True)
class TemplateDate:
    """A FreeMarker date-like value: milliseconds since the epoch (UTC) and which part is meaningful."""

    epoch_ms: int
    kind: DateKind = "datetime"


@dataclass(eq=False, slots=True)
class Method:
    """A callable value: a built-in that takes arguments (``s?left_pad``), or a helper method.

    ``call`` receives the already evaluated arguments.
    """

    name: str
    call: Callable[[list[Any]], Any]


@dataclass(eq=False, slots=True)
class Lambda:
    """``x -> expr`` (or ``(x, y) -> expr``); only legal as the argument of a built-in."""

    params: tuple[str, ...]
    call: Callable[[list[Any]], Any]


@dataclass(eq=False, slots=True)
class Macro:
    """A ``<#macro>`` or ``<#function>`` definition, as a value."""

    name: str
    params: tuple[tuple[str, Any], ...]  # (name, default-evaluator or None)
    catch_all: str | None
    body: Any
    is_function: bool
    namespace: dict[str, Any] = field(default_factory=dict)
    bound_named: dict[str, Any] | None = None
    """Argument defaults added by ``?with_args({...})``."""
    bound_positional: tuple[Any, ...] | None = None
    """Arguments added by ``?with_args([...])`` (before the call's, or after with ``_last``)."""
    bound_last: bool = False


class BooleanString(str):
    """``b?string``: a string that FreeMarker formats only when it is printed, so a later
    ``<#setting boolean_format>`` still applies to it (the text is today's formatting)."""

    __slots__ = ("boolean",)
    boolean: bool

    def __new__(cls, text: str, boolean: bool) -> BooleanString:
        obj = super().__new__(cls, text)
        obj.boolean = boolean
        return obj


def is_string(v: Any) -> bool:
    return isinstance(v, str)


def is_number(v: Any) -> bool:
    return isinstance(v, int | float | Decimal) and not isinstance(v, bool)


def is_sequence(v: Any) -> bool:
    return isinstance(v, list | tuple)


def is_hash(v: Any) -> bool:
    return isinstance(v, Mapping)


class PlainHash:
    """A hash that can be read but not listed: FreeMarker's plain TemplateHashModel, which
    ``.vars`` and ``.globals`` are (``.vars[name]`` works, ``.vars?keys`` and
    ``<#list .vars as k, v>`` fail, ``?is_hash_ex`` is false)."""

    __slots__ = ("_data",)

    def __init__(self, data: Mapping[str, Any]) -> None:
        self._data = data

    def get(self, key: str, default: Any = None) -> Any:
        return self._data.get(key, default)


def type_name(v: Any) -> str:
    """The FTL type of a value, as used in the registry (``accepts``/``result``)."""
    if v is None:
        return "missing"
    if isinstance(v, bool):
        return "boolean"
    if isinstance(v, str):
        return "string"
    if isinstance(v, int | float | Decimal):
        return "number"
    if isinstance(v, TemplateDate):
        return "date"
    if isinstance(v, list | tuple):
        return "sequence"
    if isinstance(v, Mapping | PlainHash):
        return "hash"
    if isinstance(v, Macro):
        return "function" if v.is_function else "macro"
    if isinstance(v, Method):
        return "method"
    if isinstance(v, Lambda):
        return "lambda"
    if isinstance(v, Sequence):
        return "sequence"
    return "unsupported"


_DESCRIPTIONS = {
    "missing": "null or missing",
    "boolean": "a boolean",
    "string": "a string",
    "number": "a number",
    "date": "a date-like value",
    "sequence": "a sequence",
    "hash": "an extended_hash",
    "function": "a function",
    "macro": "a macro",
    "method": "a method",
    "lambda": "a lambda",
    "unsupported": "an unsupported value",
}


def type_description(v: Any) -> str:
    """How FreeMarker's messages describe a value's type ("a sequence", "a string", ...)."""
    if isinstance(v, list | tuple):
        return "a sequence"
    if isinstance(v, PlainHash):
        return "a hash"
    return _DESCRIPTIONS[type_name(v)]


def utf16_len(s: str) -> int:
    """Length of ``s`` in UTF-16 code units, as Java's ``String.length()`` counts."""
    n = len(s)
    if s.isascii():
        return n
    return n + sum(1 for ch in s if ord(ch) > 0xFFFF)
