"""Sequence built-ins: size, first/last, join, reverse, sort/sort_by, seq_contains and
friends, chunk, min/max, and the functional ones (filter, map, take_while, drop_while).

Java semantics kept: ``?sort`` orders strings with the locale's collation (see
:mod:`ftl.builtins._compare`), numbers by value whatever their Python type, and is stable;
``?join`` formats numbers and dates like ``${...}`` does and skips missing items.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from ..errors import BuiltInArgumentError, TemplateError, UnexpectedTypeError
from ..values import Lambda, Macro, Method, TemplateDate, type_description
from . import builtin
from ._common import Nothing, arg_count, int_arg, seq_strict, seq_target, str_arg
from ._compare import collation_key, compare_values, values_equal

__all__ = ["sort_sequence"]


@builtin(
    "size",
    family="sequences",
    accepts=("sequence", "hash"),
    result="number",
    summary="Number of items in a sequence (or of keys in a hash).",
    example="${[1, 2, 3]?size}  → 3",
)
def _size(env: Any, target: Any) -> int:
    if isinstance(target, list | tuple | range | Nothing):
        return len(target)
    if isinstance(target, Mapping) and not isinstance(target, str):
        return len(target)
    raise UnexpectedTypeError(
        'For "?size" left-hand operand: Expected an extended-hash or sequence or extended '
        f"collection, but this has evaluated to {type_description(target)}."
    )


@builtin(
    "first",
    family="sequences",
    accepts=("sequence",),
    result="any",
    summary="The first item (missing if the sequence is empty).",
    example='${["a", "b"]?first}  → a',
)
def _first(env: Any, target: Any) -> Any:
    seq = seq_target("first", target)
    return seq[0] if seq else None


@builtin(
    "last",
    family="sequences",
    accepts=("sequence",),
    result="any",
    summary="The last item (missing if the sequence is empty).",
    example='${["a", "b"]?last}  → b',
)
def _last(env: Any, target: Any) -> Any:
    seq = seq_strict("last", target)
    return seq[-1] if seq else None


@builtin(
    "join",
    family="sequences",
    accepts=("sequence",),
    result="string",
    summary="Joins the items into one string with the separator; optional text for an empty "
    "sequence and a suffix after the last item.",
    example='${[1, 2, 3]?join(", ")}  → 1, 2, 3',
    arity=(1, 3),
    params=("separator", "when_empty", "after_last"),
)
def _join(env: Any, target: Any, *args: Any) -> str:
    seq = seq_target("join", target)
    arg_count("join", args, 1, 3)
    sep = str_arg("join", args, 0)
    when_empty = str_arg("join", args, 1) if len(args) > 1 else None
    after_last = str_arg("join", args, 2) if len(args) > 2 else None
    parts: list[str] = []
    for idx, item in enumerate(seq):
        if item is None:
            continue
        if isinstance(item, str):
            parts.append(item)
            continue
        try:
            parts.append(env.to_string(item))
        except TemplateError as e:
            raise BuiltInArgumentError(
                f'"?join" failed at index {idx} with this error:\n\n{e.message}'
            ) from e
    if not parts:
        return when_empty or ""
    out = sep.join(parts)
    return out + after_last if after_last is not None else out


@builtin(
    "reverse",
    family="sequences",
    accepts=("sequence",),
    result="sequence",
    summary="The sequence in reverse order.",
    example='${[1, 2, 3]?reverse?join(",")}  → 3,2,1',
)
def _reverse(env: Any, target: Any) -> list[Any]:
    return list(reversed(seq_strict("reverse", target)))


_KIND_WORDS = {
    "string": ("string", "strings"),
    "number": ("number", "numbers"),
    "date": ("date/time", "date/times"),
    "boolean": ("boolean", "booleans"),
}


def _key_kind(v: Any) -> str | None:
    if isinstance(v, bool):
        return "boolean"
    if isinstance(v, str):
        return "string"
    if isinstance(v, int | float | Decimal):
        return "number"
    if isinstance(v, TemplateDate):
        return "date"
    return None


def _sort_start(by: bool, index: int) -> str:
    return f"{'?sort_by(...)' if by else '?sort'} failed at sequence index {index}" + (
        ": " if index == 0 else " (0-based): "
    )


class _NumKey:
    """Orders numbers of mixed Python types by FreeMarker's arithmetic."""

    __slots__ = ("v",)

    def __init__(self, v: Any) -> None:
        self.v = v

    def __lt__(self, other: _NumKey) -> bool:
        from .. import arith

        return arith.compare(self.v, other.v) < 0


def sort_sequence(seq: list[Any] | tuple[Any, ...] | range, keys: list[str]) -> list[Any]:
    """``?sort`` (no keys) and ``?sort_by(keys)``."""
    if not seq:
        return list(seq)
    by = bool(keys)
    pairs: list[tuple[Any, Any]] = []
    kind: str | None = None
    for i, item in enumerate(seq):
        key = item
        for ki, name in enumerate(keys):
            if not isinstance(key, Mapping) or isinstance(key, str):
                lead = (
                    "Sequence items must be hashes when using ?sort_by. "
                    if ki == 0
                    else f'The "{keys[ki - 1]}"'
                )
                raise BuiltInArgumentError(
                    _sort_start(by, i) + lead + " subvariable is not a hash, so ?sort_by "
                    f'can\'t proceed with getting the "{name}" subvariable.'
                )
            key = key.get(name)
            if key is None:
                raise BuiltInArgumentError(
                    _sort_start(by, i) + f'The "{name}" subvariable was null or missing.'
                )
        k = _key_kind(key)
        if kind is None:
            if k is None:
                raise BuiltInArgumentError(
                    _sort_start(by, i)
                    + "Values used for sorting must be numbers, strings, date/times or booleans."
                )
            kind = k
        if k != kind:
            one, many = _KIND_WORDS[kind]
            value = "key value" if by else "value"
            raise BuiltInArgumentError(
                _sort_start(by, i) + f"All {value}s in the sequence must be {many}, because the "
                f"first {value} was that. However, the {value} of the current item isn't a "
                f"{one} but {type_description(key)}."
            )
        pairs.append((key, item))
    if kind == "string":
        pairs.sort(key=lambda p: collation_key(p[0]))
    elif kind == "number":
        pairs.sort(key=lambda p: _NumKey(p[0]))
    elif kind == "date":
        pairs.sort(key=lambda p: p[0].epoch_ms)
    else:
        pairs.sort(key=lambda p: bool(p[0]))
    return [p[1] for p in pairs]


@builtin(
    "sort",
    family="sequences",
    accepts=("sequence",),
    result="sequence",
    summary="The sequence sorted ascending (strings by the locale's collation: a, A, b, B).",
    example='${["b", "C", "a"]?sort?join(",")}  → a,b,C',
)
def _sort(env: Any, target: Any) -> list[Any]:
    return sort_sequence(seq_strict("sort", target), [])


@builtin(
    "sort_by",
    family="sequences",
    accepts=("sequence",),
    result="sequence",
    summary="Sorts a sequence of hashes by a key (or a key path given as a sequence).",
    example='${users?sort_by("name")?map(u -> u.name)?join(", ")}  → Ann, bob',
    arity=(1, 1),
    params=("key",),
    aliases=("sortBy",),
)
def _sort_by(env: Any, target: Any, *args: Any) -> list[Any]:
    seq = seq_strict("sort_by", target)
    arg_count("sort_by", args, 1, 1)
    spec = args[0]
    if isinstance(spec, str):
        keys = [spec]
    elif isinstance(spec, list | tuple | range):
        keys = []
        for i, k in enumerate(spec):
            if not isinstance(k, str):
                raise BuiltInArgumentError(
                    f"The argument to ?sort_by(key), when it's a sequence, must be a sequence of "
                    f"strings, but the item at index {i} is not a string."
                )
            keys.append(k)
    else:
        raise BuiltInArgumentError(
            "The argument to ?sort_by(key) must be a string (the name of the subvariable), or a "
            'sequence of strings (the "path" to the subvariable).'
        )
    return sort_sequence(seq, keys)


def _index_of(env: Any, target: Any, args: tuple[Any, ...], name: str, last: bool) -> int:
    seq = seq_target(name, target)
    arg_count(name, args, 1, 2)
    needle = args[0]
    n = len(seq)
    if len(args) > 1:
        start = int_arg(name, args, 1)
        if last:
            rng = range(min(start, n - 1), -1, -1)
        else:
            rng = range(max(start, 0), n)
    else:
        rng = range(n - 1, -1, -1) if last else range(n)
    for i in rng:
        item = seq[i]
        if item is not None and values_equal(item, needle, strict=False):
            return i
    return -1


@builtin(
    "seq_contains",
    family="sequences",
    accepts=("sequence",),
    result="boolean",
    summary="Whether the sequence contains the value (values of another type never match).",
    example='${["a", "b"]?seq_contains("b")?c}  → true',
    arity=(1, 1),
    params=("value",),
    aliases=("seqContains",),
)
def _seq_contains(env: Any, target: Any, *args: Any) -> bool:
    return _index_of(env, target, args, "seq_contains", False) >= 0


@builtin(
    "seq_index_of",
    family="sequences",
    accepts=("sequence",),
    result="number",
    summary="Index of the first item equal to the value, or -1.",
    example='${["a", "b"]?seq_index_of("b")}  → 1',
    arity=(1, 2),
    params=("value", "start_index"),
    aliases=("seqIndexOf",),
)
def _seq_index_of(env: Any, target: Any, *args: Any) -> int:
    return _index_of(env, target, args, "seq_index_of", False)


@builtin(
    "seq_last_index_of",
    family="sequences",
    accepts=("sequence",),
    result="number",
    summary="Index of the last item equal to the value, or -1.",
    example="${[1, 2, 1]?seq_last_index_of(1)}  → 2",
    arity=(1, 2),
    params=("value", "start_index"),
    aliases=("seqLastIndexOf",),
)
def _seq_last_index_of(env: Any, target: Any, *args: Any) -> int:
    return _index_of(env, target, args, "seq_last_index_of", True)


@builtin(
    "chunk",
    family="sequences",
    accepts=("sequence",),
    result="sequence",
    summary="Splits the sequence into chunks of the given size (the last one filled with the "
    "optional filler).",
    example='<#list [1,2,3,4,5]?chunk(2) as c>[${c?join(",")}]</#list>  → [1,2][3,4][5]',
    arity=(1, 2),
    params=("size", "filler"),
)
def _chunk(env: Any, target: Any, *args: Any) -> list[list[Any]]:
    seq = seq_strict("chunk", target)
    arg_count("chunk", args, 1, 2)
    size = int_arg("chunk", args, 0)
    if size < 1:
        raise BuiltInArgumentError("The 1st argument to ?chunk (...) must be at least 1.")
    out = [list(seq[i : i + size]) for i in range(0, len(seq), size)]
    if len(args) > 1 and out and len(out[-1]) < size:
        out[-1].extend([args[1]] * (size - len(out[-1])))
    return out


def _min_max(name: str, target: Any, want: int) -> Any:
    seq = seq_target(name, target)
    best: Any = None
    op = "less-than" if want < 0 else "greater-than"
    for item in seq:
        if item is None:
            continue
        if best is None:  # a lone item is returned uncompared, whatever its type (FreeMarker)
            best = item
            continue
        if compare_values(item, best, op) == want:
            best = item
    return best


@builtin(
    "min",
    family="sequences",
    accepts=("sequence",),
    result="any",
    summary="The smallest number or date in the sequence (missing if empty).",
    example="${[3, 1, 2]?min}  → 1",
)
def _min(env: Any, target: Any) -> Any:
    return _min_max("min", target, -1)


@builtin(
    "max",
    family="sequences",
    accepts=("sequence",),
    result="any",
    summary="The largest number or date in the sequence (missing if empty).",
    example="${[3, 1, 2]?max}  → 3",
)
def _max(env: Any, target: Any) -> Any:
    return _min_max("max", target, 1)


# -- functional --------------------------------------------------------------------------------


def _fn_arg(name: str, args: tuple[Any, ...]) -> Any:
    arg_count(name, args, 1, 1)
    f = args[0]
    if isinstance(f, Lambda | Method) or (isinstance(f, Macro) and f.is_function):
        return f
    raise BuiltInArgumentError(
        f"?{name}(...) expects a lambda expression (like x -> x + 1), a function or a method as "
        f"its argument, but received {type_description(f)}."
    )


def _apply(env: Any, f: Any, item: Any) -> Any:
    try:
        return env.call(f, [item])
    except TemplateError as e:
        raise BuiltInArgumentError(f"Failed to transform element\n\n{e.message}") from e


def _test(env: Any, f: Any, item: Any) -> bool:
    r = _apply(env, f, item)
    if isinstance(r, bool):
        return r
    if r is None:
        raise BuiltInArgumentError(
            "The filter expression has returned no value (has returned null), rather than a "
            "boolean."
        )
    raise BuiltInArgumentError(
        "The filter expression had to return a boolean value, but it returned "
        f"{type_description(r)} instead."
    )


@builtin(
    "filter",
    family="sequences",
    accepts=("sequence",),
    result="sequence",
    summary="The items for which the lambda (or function) returns true.",
    example='${[1, 2, 3]?filter(x -> x > 1)?join(",")}  → 2,3',
    arity=(1, 1),
    params=("predicate",),
)
def _filter(env: Any, target: Any, *args: Any) -> list[Any]:
    seq = seq_target("filter", target)
    f = _fn_arg("filter", args)
    return [x for x in seq if _test(env, f, x)]


@builtin(
    "map",
    family="sequences",
    accepts=("sequence",),
    result="sequence",
    summary="Each item transformed by the lambda (or function).",
    example='${[1, 2, 3]?map(x -> x * 10)?join(",")}  → 10,20,30',
    arity=(1, 1),
    params=("mapper",),
)
def _map(env: Any, target: Any, *args: Any) -> list[Any]:
    seq = seq_target("map", target)
    f = _fn_arg("map", args)
    return [_apply(env, f, x) for x in seq]


@builtin(
    "take_while",
    family="sequences",
    accepts=("sequence",),
    result="sequence",
    summary="The leading items for which the lambda returns true.",
    example='${[1, 2, 3, 1]?take_while(x -> x < 3)?join(",")}  → 1,2',
    arity=(1, 1),
    params=("predicate",),
    aliases=("takeWhile",),
)
def _take_while(env: Any, target: Any, *args: Any) -> list[Any]:
    seq = seq_target("take_while", target)
    f = _fn_arg("take_while", args)
    out: list[Any] = []
    for x in seq:
        if not _test(env, f, x):
            break
        out.append(x)
    return out


@builtin(
    "drop_while",
    family="sequences",
    accepts=("sequence",),
    result="sequence",
    summary="The items after the leading ones for which the lambda returns true.",
    example='${[1, 2, 3, 1]?drop_while(x -> x < 3)?join(",")}  → 3,1',
    arity=(1, 1),
    params=("predicate",),
    aliases=("dropWhile",),
)
def _drop_while(env: Any, target: Any, *args: Any) -> list[Any]:
    seq = seq_target("drop_while", target)
    f = _fn_arg("drop_while", args)
    for i, x in enumerate(seq):
        if not _test(env, f, x):
            return list(seq[i:])
    return []


@builtin(
    "sequence",
    family="sequences",
    accepts=("sequence",),
    result="sequence",
    summary="The value as a sequence (for collections that can only be listed).",
    example="${[1, 2]?sequence?size}  → 2",
)
def _sequence(env: Any, target: Any) -> list[Any] | tuple[Any, ...] | range:
    return seq_target("sequence", target)
