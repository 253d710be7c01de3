"""Shared helpers of the built-in families: argument checks with FreeMarker's messages,
coercions, and the value types some built-ins return."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import Any

from .. import errors as _errors
from ..errors import (
    BuiltInArgumentError,
    NonNumericalError,
    NonSequenceError,
    NonSequenceOrCollectionError,
)
from ..values import Lambda, Macro, Method, type_description

__all__ = [
    "NOTHING",
    "Formatted",
    "MiscTemplateError",
    "Nothing",
    "RegexMatch",
    "RegexMatches",
    "arg_count",
    "bool_arg",
    "callable_arg",
    "int_arg",
    "number_arg",
    "ordinal",
    "seq_strict",
    "seq_target",
    "str_arg",
    "to_number",
]


MiscTemplateError = _errors.MiscTemplateError  # one class, defined in ftl.errors


# built-ins whose arguments FreeMarker binds at parse time: its messages name them "?map(...)"
PARSE_TIME_ARGS = frozenset(
    {"filter", "map", "take_while", "takeWhile", "drop_while", "dropWhile", "then", "switch"}
)


def builtin_role(name: str) -> str:
    """How FreeMarker's messages name a built-in's target: ``"?size" left-hand operand``."""
    return f'"?{name}{"(...)" if name in PARSE_TIME_ARGS else ""}" left-hand operand'


def _type_word(v: Any) -> str:
    """``a string`` → ``string`` (for "received a string")."""
    return type_description(v)


def _count_word(n: int) -> str:
    return "none" if n == 0 else str(n)


def arg_count(name: str, args: tuple[Any, ...] | list[Any], lo: int, hi: int) -> None:
    """Raise FreeMarker's message when the number of arguments is outside ``lo..hi``
    (``hi`` -1: unlimited)."""
    n = len(args)
    if lo <= n and (hi < 0 or n <= hi):
        return
    if hi < 0:
        expected = f"{lo} or more (unlimited) arguments"
    elif lo == hi:
        expected = f"{lo} argument{'s' if lo != 1 else ''}"
    elif hi == lo + 1:
        expected = f"{lo} or {hi} arguments"
    else:
        expected = f"{lo} to {hi} arguments"
    raise BuiltInArgumentError(
        f"?{name}(...) expects {expected} but has received {_count_word(n)}."
    )


def ordinal(i: int) -> str:
    return f"#{i + 1}"


def str_arg(name: str, args: tuple[Any, ...] | list[Any], i: int) -> str:
    v = args[i]
    if isinstance(v, str):
        return v
    raise BuiltInArgumentError(
        f"?{name}(...) expects a string as argument {ordinal(i)}, but received {_type_word(v)}."
    )


def number_arg(name: str, args: tuple[Any, ...] | list[Any], i: int) -> int | float | Decimal:
    v = args[i]
    if isinstance(v, int | float | Decimal) and not isinstance(v, bool):
        return v
    raise BuiltInArgumentError(
        f"?{name}(...) expects a number as argument {ordinal(i)}, but received {_type_word(v)}."
    )


def int_arg(name: str, args: tuple[Any, ...] | list[Any], i: int) -> int:
    """A number argument truncated to a Java int (``Number.intValue()``)."""
    from ..arith import to_long

    v = to_long(number_arg(name, args, i)) & 0xFFFFFFFF
    return v - (1 << 32) if v >= 1 << 31 else v


def bool_arg(name: str, args: tuple[Any, ...] | list[Any], i: int) -> bool:
    v = args[i]
    if isinstance(v, bool):
        return v
    raise BuiltInArgumentError(
        f"?{name}(...) expects a boolean as argument {ordinal(i)}, but received {_type_word(v)}."
    )


def callable_arg(name: str, args: tuple[Any, ...] | list[Any], i: int) -> Any:
    v = args[i]
    if isinstance(v, Lambda | Method) or (isinstance(v, Macro) and v.is_function):
        return v
    raise BuiltInArgumentError(
        f"?{name}(...) parameter #{i + 1} must be a lambda expression, a function or a method, "
        f"but it was {_type_word(v)}."
    )


def to_number(name: str, v: Any) -> int | float | Decimal:
    if isinstance(v, int | float | Decimal) and not isinstance(v, bool):
        return v
    raise NonNumericalError(
        f"For {builtin_role(name)}: Expected a number, but this has evaluated to {_type_word(v)}."
    )


def _refuse_unbounded(v: Any) -> None:
    from ..compiler import UnboundedRange

    if isinstance(v, UnboundedRange):
        raise BuiltInArgumentError(
            "The input sequence is a right-unbounded numerical range, thus, it's infinitely "
            "long, and can't processed with this built-in."
        )


def seq_strict(name: str, v: Any) -> list[Any] | tuple[Any, ...] | range:
    """For the built-ins that FreeMarker types as sequence-only (NonSequenceException)."""
    if isinstance(v, list | tuple | range):
        return v
    if isinstance(v, Nothing):
        return ()
    _refuse_unbounded(v)
    raise NonSequenceError(
        f"For {builtin_role(name)}: Expected a sequence, but this has evaluated to {_type_word(v)}."
    )


def seq_target(name: str, v: Any) -> list[Any] | tuple[Any, ...] | range:
    if isinstance(v, list | tuple | range):
        return v
    if isinstance(v, Nothing):
        return ()
    _refuse_unbounded(v)
    raise NonSequenceOrCollectionError(
        f"For {builtin_role(name)}: Expected a sequence or collection, but this has "
        f"evaluated to {_type_word(v)}."
    )


class Formatted(str):
    """The result of ``x?string`` on a number or date: a string that also answers
    ``.computer``, ``.currency``, ``.iso``, ``.short``... (FreeMarker's formatter value is
    both a scalar and a hash).  Indexing by a string key gives a variant; by an integer it
    is a normal string."""

    __slots__ = ("_variant",)
    _variant: Callable[[str], str | None]

    def __new__(cls, text: str, variant: Callable[[str], str | None]) -> Formatted:
        obj = super().__new__(cls, text)
        obj._variant = variant
        return obj

    def get(self, key: str, default: Any = None) -> Any:
        r = self._variant(key)
        return default if r is None else r

    def __getitem__(self, key: Any) -> Any:  # type: ignore[override]
        if isinstance(key, str):
            return self._variant(key)
        return str.__getitem__(self, key)

    def __reduce__(self) -> tuple[Any, ...]:
        return (str, (str(self),))


Mapping.register(Formatted)


class Nothing(str):
    """``x!`` and ``?if_exists`` of a missing value: an empty string that is also an empty
    sequence and hash (FreeMarker's EmptyStringAndSequenceAndHash), so ``<#list xs! as x>``
    lists nothing and ``(h.k!)?size`` is 0."""

    __slots__ = ()


NOTHING = Nothing()


class RegexMatch(str):
    """One match of ``?matches``: the matched text, with its groups for ``?groups``
    (None for a group that did not participate)."""

    __slots__ = ("groups_",)
    groups_: tuple[str | None, ...]

    def __new__(cls, text: str, groups: tuple[str | None, ...]) -> RegexMatch:
        obj = super().__new__(cls, text)
        obj.groups_ = groups
        return obj


class RegexMatches(list[RegexMatch]):
    """The result of ``s?matches(re)``: a sequence of the matches, that is also a boolean
    (whether the whole string matched) and has ``?groups`` (of the whole-string match)."""

    __slots__ = ("groups_", "matched")

    def __init__(
        self, found: list[RegexMatch], matched: bool, groups: tuple[str | None, ...]
    ) -> None:
        super().__init__(found)
        self.matched = matched
        self.groups_ = groups

    def __bool__(self) -> bool:
        return self.matched

    def __ftl_boolean__(self) -> bool:
        return self.matched
