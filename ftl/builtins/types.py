"""Type-test built-ins (``?is_string``, ``?is_number``...) and ``?switch``.

The answers are those of FreeMarker's DefaultObjectWrapper for the Python data model: a
``list`` is a sequence but not a collection (``DefaultListAdapter``), a ``dict`` is an
extended hash, a ``<#function>`` is also a macro and a directive.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import replace
from decimal import Decimal
from typing import Any

from ..errors import UnexpectedTypeError
from ..values import Macro, Method, PlainHash, TemplateDate, type_description
from . import builtin
from ._common import MiscTemplateError, Nothing, arg_count
from ._compare import values_equal

__all__: list[str] = []


def _is_unbounded(v: Any) -> bool:
    """A right-unbounded range (1..) is a sequence and a collection in FreeMarker."""
    from ..compiler import UnboundedRange

    return isinstance(v, UnboundedRange)


def _is_date(kind: str | None) -> Callable[[Any], bool]:
    def test(v: Any) -> bool:
        return isinstance(v, TemplateDate) and (kind is None or v.kind == kind)

    return test


_TESTS: list[tuple[str, Callable[[Any], bool], str, str, tuple[str, ...]]] = [
    (
        "is_string",
        lambda v: isinstance(v, str),
        "a string",
        '${"a"?is_string?c}  → true',
        ("isString",),
    ),
    (
        "is_number",
        lambda v: isinstance(v, int | float | Decimal) and not isinstance(v, bool),
        "a number",
        "${1?is_number?c}  → true",
        ("isNumber",),
    ),
    (
        "is_boolean",
        lambda v: isinstance(v, bool),
        "a boolean",
        "${true?is_boolean?c}  → true",
        ("isBoolean",),
    ),
    (
        "is_sequence",
        lambda v: isinstance(v, list | tuple | range | Nothing) or _is_unbounded(v),
        "a sequence",
        "${[1]?is_sequence?c}  → true",
        ("isSequence",),
    ),
    (
        "is_hash",
        lambda v: isinstance(v, Mapping | Nothing | PlainHash),
        "a hash",
        '${{"a": 1}?is_hash?c}  → true',
        ("isHash",),
    ),
    (
        "is_hash_ex",
        lambda v: isinstance(v, Mapping | Nothing),
        "an extended hash (one that can list its keys)",
        '${{"a": 1}?is_hash_ex?c}  → true',
        ("isHashEx",),
    ),
    (
        "is_collection",
        lambda v: _is_unbounded(v),
        "a collection (lists of the data model are sequences, not collections)",
        "${[1]?is_collection?c}  → false",
        ("isCollection",),
    ),
    (
        "is_collection_ex",
        lambda v: False,
        "an extended collection",
        "${[1]?is_collection_ex?c}  → false",
        ("isCollectionEx",),
    ),
    (
        "is_enumerable",
        lambda v: isinstance(v, list | tuple | range | Nothing) or _is_unbounded(v),
        "something <#list> can iterate (a sequence)",
        "${[1]?is_enumerable?c}  → true",
        ("isEnumerable",),
    ),
    (
        "is_indexable",
        lambda v: isinstance(v, list | tuple | range | Nothing) or _is_unbounded(v),
        "a sequence that can be indexed",
        "${[1]?is_indexable?c}  → true",
        ("isIndexable",),
    ),
    (
        "is_macro",
        lambda v: isinstance(v, Macro),
        "a macro or function",
        "<#macro m></#macro>${m?is_macro?c}  → true",
        ("isMacro",),
    ),
    (
        "is_directive",
        lambda v: isinstance(v, Macro),
        "a directive (macro)",
        "<#macro m></#macro>${m?is_directive?c}  → true",
        ("isDirective",),
    ),
    (
        "is_method",
        lambda v: isinstance(v, Method),
        "a method",
        '${"a"?is_method?c}  → false',
        ("isMethod",),
    ),
    (
        "is_transform",
        lambda v: False,
        "a transform",
        '${"a"?is_transform?c}  → false',
        ("isTransform",),
    ),
    ("is_node", lambda v: False, "an XML node", '${"a"?is_node?c}  → false', ("isNode",)),
    (
        "is_markup_output",
        lambda v: False,
        "a markup output value",
        '${"a"?is_markup_output?c}  → false',
        ("isMarkupOutput",),
    ),
    (
        "is_date_like",
        _is_date(None),
        "a date, time or date-time",
        "${1?number_to_date?is_date_like?c}  → true",
        ("isDateLike",),
    ),
    (
        "is_date",
        _is_date(None),
        "date-like (a misnomer kept for compatibility: use ?is_date_like)",
        "${1?number_to_date?is_date?c}  → true",
        ("isDate",),
    ),
    (
        "is_date_only",
        _is_date("date"),
        "a date without time of day",
        "${1?number_to_date?is_date_only?c}  → true",
        ("isDateOnly",),
    ),
    (
        "is_time",
        _is_date("time"),
        "a time of day",
        "${1?number_to_time?is_time?c}  → true",
        ("isTime",),
    ),
    (
        "is_datetime",
        _is_date("datetime"),
        "a date-time",
        "${1?number_to_datetime?is_datetime?c}  → true",
        ("isDatetime",),
    ),
    (
        "is_unknown_date_like",
        _is_date("unknown"),
        "a date-like value whose kind is unknown",
        "${1?number_to_datetime?is_unknown_date_like?c}  → false",
        ("isUnknownDateLike",),
    ),
]


def _make(test: Callable[[Any], bool]) -> Callable[[Any, Any], bool]:
    def fn(env: Any, target: Any) -> bool:
        return test(target)

    return fn


for _name, _test, _what, _example, _aliases in _TESTS:
    builtin(
        _name,
        family="types",
        accepts=("any",),
        result="boolean",
        summary=f"Whether the value is {_what}.",
        example=_example,
        aliases=_aliases,
    )(_make(_test))


@builtin(
    "switch",
    family="types",
    accepts=("any",),
    result="any",
    summary="Picks the value after the first case equal to the target: "
    "x?switch(case1, value1, case2, value2, ..., default).",
    example='${2?switch(1, "one", 2, "two", "many")}  → two',
    arity=(2, -1),
    params=("case", "value"),
    kind="lazy",
)
def _switch(env: Any, target: Any, *args: Callable[[], Any]) -> Any:
    arg_count("switch", args, 2, -1)
    n = len(args)
    i = 0
    while i + 1 < n:
        if values_equal(target, args[i]()):
            return args[i + 1]()
        i += 2
    if n % 2 == 1:
        return args[-1]()
    raise MiscTemplateError(
        "The value before ?switch(case1, value1, case2, value2, ...) didn't match any of the "
        "case parameters, and there was no default value parameter (an additional last "
        "parameter) eithter."
    )


@builtin(
    "namespace",
    family="types",
    accepts=("macro", "function"),
    result="hash",
    summary="The namespace (a hash of its top-level variables) a macro or function belongs to.",
    example="<#macro m></#macro>${m?namespace?is_hash?c}  → true",
)
def _namespace(env: Any, target: Any) -> Any:
    if isinstance(target, Macro):
        return target.namespace
    raise UnexpectedTypeError(
        'For "?namespace" left-hand operand: Expected a macro or function, but this has '
        f"evaluated to {type_description(target)}."
    )


def _with_args(target: Any, args: Any, last: bool, name: str) -> Any:
    if isinstance(target, Macro):
        if isinstance(args, Mapping):
            if target.is_function:
                raise MiscTemplateError(
                    f"?{name}(...) of a function needs a sequence: functions take only "
                    "positional arguments."
                )
            return replace(target, bound_named={**(target.bound_named or {}), **args})
        if isinstance(args, list | tuple | range):
            return replace(target, bound_positional=tuple(args), bound_last=last)
    elif isinstance(target, Method):
        if not isinstance(args, list | tuple | range):
            raise MiscTemplateError(f"?{name}(...) of a method needs a sequence of arguments.")
        bound = list(args)
        inner = target.call
        if last:
            return Method(target.name, lambda call_args: inner([*call_args, *bound]))
        return Method(target.name, lambda call_args: inner([*bound, *call_args]))
    else:
        raise UnexpectedTypeError(
            f'For "?{name}" left-hand operand: Expected a macro, function, directive, or method, '
            f"but this has evaluated to {type_description(target)}."
        )
    raise UnexpectedTypeError(
        f"?{name}(...) expects a hash or a sequence of arguments, but got {type_description(args)}."
    )


@builtin(
    "with_args",
    family="types",
    accepts=("macro", "function", "method"),
    result="macro",
    summary="The macro or function with arguments added: a hash (named) or a sequence "
    "(positional, before the call's own).",
    example="<#function f a b><#return a + b></#function>${f?with_args([1])(2)}  → 3",
    arity=(1, 1),
    params=("arguments",),
    aliases=("withArgs",),
)
def _with_args_first(env: Any, target: Any, args: Any) -> Any:
    return _with_args(target, args, False, "with_args")


@builtin(
    "with_args_last",
    family="types",
    accepts=("macro", "function", "method"),
    result="macro",
    summary="Like ?with_args, but sequence arguments go after the call's own.",
    example='<#function f a b><#return a + "," + b></#function>${f?with_args_last(["z"])("a")}  → a,z',
    arity=(1, 1),
    params=("arguments",),
    aliases=("withArgsLast",),
)
def _with_args_after(env: Any, target: Any, args: Any) -> Any:
    return _with_args(target, args, True, "with_args_last")
