"""Sequence built-ins: size, first/last, join, reverse, sort/sort_by, seq_contains and
friends, chunk, min/max, and the functional ones (filter, map, take_while, drop_while).

Java semantics kept: ``?sort`` orders strings with the locale's collation (see
:mod:`ftl.builtins._compare`), numbers by value whatever their Python type, and is stable;
``?join`` formats numbers and dates like ``${...}`` does and skips missing items.

The stream built-ins (``?filter``, ``?map``, ``?take_while``, ``?drop_while``) are eager by
default, as FreeMarker's are: they return a list, and an error of the lambda propagates as it
is.  When their consumer asks for a lazily generated result at parse time (FreeMarker's
``enableLazilyGeneratedResult``: ``#list``, ``?size``, ``?first``, ``[i]``, another stream
built-in...; the compiler decides it), they return a :class:`LazySeq` instead, whose elements
are computed only when the consumer reaches them, and whose errors are wrapped as "Failed to
transform element".
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from decimal import Decimal
from typing import Any

from ..errors import (
    BuiltInArgumentError,
    MiscTemplateError,
    ResourceLimitError,
    TemplateError,
    UnexpectedTypeError,
)
from ..values import Lambda, Macro, Method, TemplateDate, type_description
from . import builtin
from ._common import Nothing, arg_count, int_arg, seq_strict, seq_target, str_arg
from ._compare import collation_key, compare_values, values_equal

__all__ = [
    "LAZY_CONSUMERS",
    "LAZY_CONSUMERS_WHEN_CALLED",
    "STREAM_OPS",
    "CountingIterator",
    "JavaIterator",
    "LazySeq",
    "blames_lambda",
    "check_element_transformer",
    "eager_stream",
    "lazy_count",
    "lazy_index",
    "lazy_slice",
    "lazy_stream",
    "sequence_lazily",
    "sort_sequence",
]

# -- lazily generated sequences ----------------------------------------------------------------


class JavaIterator:
    """FreeMarker's ``TemplateModelIterator`` protocol: ``has_next()``, then ``next()``.

    Kept rather than Python iteration because *when* an element is computed is observable
    (a lambda failing on an element is an error only if that element is reached):
    FreeMarker's lazy ``?filter`` looks for the next match in ``hasNext()``, its ``?map``
    calls the mapper only in ``next()``, and ``#list`` asks ``hasNext()`` before it runs
    the body for the current item."""

    __slots__ = ()

    def has_next(self) -> bool:
        raise NotImplementedError

    def next(self) -> Any:
        raise NotImplementedError


class _SequenceIterator(JavaIterator):
    """Over a list, tuple or range (FreeMarker's LazySequenceIterator)."""

    __slots__ = ("_i", "_n", "_seq")

    def __init__(self, seq: list[Any] | tuple[Any, ...] | range) -> None:
        self._seq = seq
        self._i = 0
        self._n = len(seq)

    def has_next(self) -> bool:
        return self._i < self._n

    def next(self) -> Any:
        v = self._seq[self._i]
        self._i += 1
        return v


class CountingIterator(JavaIterator):
    """``start..``, a right-unbounded range: endless, so every element counts against the
    render's iteration limit (``tick``) and a lazy stream over it that is never cut short
    ends with a resource-limit error instead of hanging (FreeMarker would hang)."""

    __slots__ = ("_next", "_tick")

    def __init__(self, start: int, tick: Callable[[], None]) -> None:
        self._next = start
        self._tick = tick

    def has_next(self) -> bool:
        return True

    def next(self) -> Any:
        self._tick()
        v = self._next
        self._next = v + 1
        return v


class LazySeq:
    """A lazily generated sequence (FreeMarker's LazilyGeneratedCollectionModel, always a
    sequence here): the result of a stream built-in, or of slicing or ``?sequence`` of one,
    whose consumer enabled lazy generation at parse time.  Only those consumers ever
    receive one; iterated once, by its consumer.

    ``size`` is known when it does not depend on the elements (``xs?map(f)``: FreeMarker's
    ``?size`` of it does not call the mapper), else None."""

    __slots__ = ("_it", "size")

    def __init__(self, it: JavaIterator, size: int | None = None) -> None:
        self._it = it
        self.size = size

    def iterator(self) -> JavaIterator:
        return self._it


def _elements(seq: LazySeq) -> Iterator[Any]:
    """The elements in FreeMarker's ``while (it.hasNext()) { x = it.next(); ... }`` order,
    for consumers that process every element before asking for the next one."""
    it = seq.iterator()
    while it.has_next():
        yield it.next()


def _transform_failed(cause: TemplateError) -> BuiltInArgumentError:
    """FreeMarker's "Failed to transform element": an element of a lazily generated
    sequence could not be computed, found while the consumer iterates.  (FreeMarker blames
    the instruction; the cause, with where it failed, follows the first line.)"""
    return BuiltInArgumentError(f"Failed to transform element\n\n{cause}")


_BLAMES_LAMBDA = "_ftl_blames_lambda"


def _bad_result(message: str) -> BuiltInArgumentError:
    """The lambda (or function) returned null, or a predicate returned a non-boolean:
    FreeMarker blames the lambda expression (see :func:`blames_lambda`)."""
    err = BuiltInArgumentError(message)
    setattr(err, _BLAMES_LAMBDA, True)  # the plain class: callers and tests check the type
    return err


def blames_lambda(err: TemplateError) -> bool:
    """Whether the compiler should locate ``err`` at the stream built-in's argument."""
    return getattr(err, _BLAMES_LAMBDA, False) is True


_MAP_NULL = "The element mapper function has returned no return value (has returned null)."

STREAM_OPS: dict[str, str] = {
    "filter": "filter",
    "map": "map",
    "take_while": "take_while",
    "takeWhile": "take_while",
    "drop_while": "drop_while",
    "dropWhile": "drop_while",
}
"""Built-in name (with its camelCase alias) to stream operation."""

LAZY_CONSUMERS = frozenset({"size", "first", "min", "max", "sequence", *STREAM_OPS})
"""Built-ins that let their target be lazily generated (they call FreeMarker's
``enableLazilyGeneratedResult`` on it)."""

LAZY_CONSUMERS_WHEN_CALLED = frozenset(
    {
        "join",
        "seq_contains",
        "seqContains",
        "seq_index_of",
        "seqIndexOf",
        "seq_last_index_of",
        "seqLastIndexOf",
    }
)
"""Built-ins that do so only when called right away (``xs?join(", ")``, not ``xs?join``)."""


def check_element_transformer(name: str, f: Any) -> str | None:
    """None if ``f`` can transform elements, else FreeMarker's NonMethodException text."""
    if isinstance(f, Lambda | Method) or (isinstance(f, Macro) and f.is_function):
        return None
    return (
        f'For "?{name}(...)" argument value: Expected a method or function or lambda '
        f"expression, but this has evaluated to {type_description(f)}."
    )


def _matches(env: Any, f: Any, item: Any) -> bool:
    r = env.call(f, [item])
    if isinstance(r, bool):
        return r
    if r is None:
        raise _bad_result(
            "The filter expression has returned no value (has returned null), rather than a "
            "boolean."
        )
    raise _bad_result(
        "The filter expression had to return a boolean value, but it returned "
        f"{type_description(r)} instead."
    )


def _mapped(env: Any, f: Any, item: Any) -> Any:
    r = env.call(f, [item])
    if r is None:
        raise _bad_result(_MAP_NULL)
    return r


def eager_stream(op: str, env: Any, source: Any, f: Any) -> list[Any]:
    """``op`` computed at once: every error of ``f`` propagates as it is."""
    if isinstance(source, list | tuple | range):
        if op == "filter":
            return [x for x in source if _matches(env, f, x)]
        if op == "map":
            return [_mapped(env, f, x) for x in source]
        out: list[Any] = []
        if op == "take_while":
            for x in source:
                if not _matches(env, f, x):
                    break
                out.append(x)
            return out
        for i, x in enumerate(source):
            if not _matches(env, f, x):
                return list(source[i:])
        return out
    it: JavaIterator = source.iterator()
    out = []
    if op == "filter":
        while it.has_next():
            x = it.next()
            if _matches(env, f, x):
                out.append(x)
    elif op == "map":
        while it.has_next():
            out.append(_mapped(env, f, it.next()))
    elif op == "take_while":
        while it.has_next():
            x = it.next()
            if not _matches(env, f, x):
                break
            out.append(x)
    else:
        while it.has_next():
            x = it.next()
            if not _matches(env, f, x):
                out.append(x)
                while it.has_next():
                    out.append(it.next())
                break
    return out


def lazy_stream(op: str, env: Any, source: Any, f: Any) -> LazySeq:
    """``op`` as a lazily generated sequence over ``source`` (a list, tuple, range or
    LazySeq); ``?map`` keeps the size of a source whose size is known."""
    if isinstance(source, list | tuple | range):
        it: JavaIterator = _SequenceIterator(source)
        size: int | None = len(source)
    else:
        it = source.iterator()
        size = source.size
    if op == "filter":
        return LazySeq(_FilterIterator(env, f, it))
    if op == "map":
        return LazySeq(_MapIterator(env, f, it), size)
    if op == "take_while":
        return LazySeq(_TakeWhileIterator(env, f, it))
    return LazySeq(_DropWhileIterator(env, f, it))


class _PrefetchingIterator(JavaIterator):
    """FreeMarker's filter-like iterators: ``hasNext()`` computes the next element."""

    __slots__ = ("_end", "_env", "_f", "_item", "_ready", "_src")

    def __init__(self, env: Any, f: Any, src: JavaIterator) -> None:
        self._env = env
        self._f = f
        self._src = src
        self._ready = False
        self._end = False
        self._item: Any = None

    def _test(self, item: Any) -> bool:
        try:
            return _matches(self._env, self._f, item)
        except ResourceLimitError:
            raise
        except TemplateError as e:
            raise _transform_failed(e) from e

    def _prefetch(self) -> None:
        raise NotImplementedError

    def has_next(self) -> bool:
        if not self._ready:
            self._prefetch()
        return not self._end

    def next(self) -> Any:
        if not self._ready:
            self._prefetch()
        self._ready = False
        return self._item


class _FilterIterator(_PrefetchingIterator):
    __slots__ = ()

    def _prefetch(self) -> None:
        src = self._src
        while True:
            if not src.has_next():
                self._end, self._item = True, None
                break
            x = src.next()
            if self._test(x):
                self._item = x
                break
        self._ready = True


class _TakeWhileIterator(_PrefetchingIterator):
    __slots__ = ()

    def _prefetch(self) -> None:
        src = self._src
        if src.has_next():
            x = src.next()
            if self._test(x):
                self._item = x
            else:
                self._end, self._item = True, None
        else:
            self._end, self._item = True, None
        self._ready = True


class _DropWhileIterator(_PrefetchingIterator):
    __slots__ = ("_dropping",)

    def __init__(self, env: Any, f: Any, src: JavaIterator) -> None:
        super().__init__(env, f, src)
        self._dropping = True

    def _prefetch(self) -> None:
        src = self._src
        if self._dropping:
            found = False
            while src.has_next():
                x = src.next()
                if not self._test(x):
                    self._item = x
                    found = True
                    break
            self._dropping = False
            if not found:
                self._end, self._item = True, None
        elif src.has_next():
            self._item = src.next()
        else:
            self._end, self._item = True, None
        self._ready = True


class _MapIterator(JavaIterator):
    """FreeMarker's lazy ``?map``: ``hasNext()`` is the source's, ``next()`` maps."""

    __slots__ = ("_env", "_f", "_src")

    def __init__(self, env: Any, f: Any, src: JavaIterator) -> None:
        self._env = env
        self._f = f
        self._src = src

    def has_next(self) -> bool:
        return self._src.has_next()

    def next(self) -> Any:
        try:
            return _mapped(self._env, self._f, self._src.next())
        except ResourceLimitError:
            raise
        except TemplateError as e:
            raise _transform_failed(e) from e


def lazy_count(seq: LazySeq, limit: int = 0) -> int:
    """``?size`` of a lazily generated sequence.  With ``limit`` > 0 (``?size`` compared
    with a number literal: FreeMarker's countingLimit) counting stops there, which leaves
    the comparison's outcome unchanged but computes fewer elements."""
    if seq.size is not None:
        return seq.size
    it = seq.iterator()
    n = 0
    while it.has_next():
        n += 1
        if n == limit:
            break
        it.next()
    return n


def lazy_index(seq: LazySeq, index: int) -> Any:
    """``seq[index]``: computes the elements up to ``index`` only."""
    if index < 0:
        return None
    it = seq.iterator()
    cur = 0
    while it.has_next():
        x = it.next()
        if cur == index:
            return x
        cur += 1
    return None


_INT_MAX = 2**31 - 1


def lazy_slice(
    seq: LazySeq,
    begin: int,
    size: int,
    step: int,
    unbounded: bool,
    adaptive: bool,
    lazy_result: bool,
    blame_key: Callable[[TemplateError], TemplateError],
    blame_all: Callable[[TemplateError], TemplateError],
) -> Any:
    """``seq[range]`` as FreeMarker's DynamicKeyName slices a lazily generated sequence.

    The range is given as FreeMarker's RangeModel sees it (``begin``, ``size``, ``step``,
    right-unbounded, right-adaptive).  An empty result is an empty *string*, as in
    FreeMarker; with ``lazy_result`` an increasing slice is itself lazy."""
    if not unbounded and size == 0:
        return ""
    if begin < 0:
        raise blame_key(
            MiscTemplateError(
                f"Negative range start index ({begin}) isn't allowed for a range used for slicing."
            )
        )
    target_size = seq.size
    if target_size is not None and (
        begin > target_size if adaptive and step == 1 else begin >= target_size
    ):
        raise blame_key(
            MiscTemplateError(
                f"Range start index {begin} is out of bounds, because the sliced sequence has "
                f"only {target_size} element(s). (Note that indices are 0-based)."
            )
        )
    result_size: int | None
    last = begin + (size - 1) * step
    if not unbounded:
        if last < 0:
            if not adaptive:
                raise blame_key(
                    MiscTemplateError(
                        f"Negative range end index ({last}) isn't allowed for a range used "
                        "for slicing."
                    )
                )
            result_size = begin + 1
        elif target_size is not None and last >= target_size:
            if not adaptive:
                raise blame_key(
                    MiscTemplateError(
                        f"Range end index {last} is out of bounds, because the sliced sequence "
                        f"has only {target_size} element(s). (Note that indices are 0-based)."
                    )
                )
            result_size = abs(target_size - begin)
        else:
            result_size = size
    else:
        result_size = target_size - begin if target_size is not None else None
    if result_size == 0:
        return ""
    if step == 1:
        it = _SliceIterator(seq.iterator(), begin, last, unbounded, adaptive, blame_key)
        if lazy_result:
            known = result_size if result_size is not None and target_size is not None else None
            return LazySeq(it, known)
        out: list[Any] = []
        while it.has_next():
            out.append(it.next())
        return out
    # decreasing: FreeMarker buffers the elements up to the high index
    src = seq.iterator()
    high = begin
    low = max(high - (size - 1), 0)
    buffer: list[Any] = []
    i = 0
    while i <= high and src.has_next():
        x = src.next()
        if i >= low:
            buffer.append(x)
        i += 1
    if len(buffer) != high - low + 1:
        raise blame_all(
            MiscTemplateError(
                f"Range top index {high} (0-based) is outside the sliced sequence of length {i}."
            )
        )
    buffer.reverse()
    return buffer


class _SliceIterator(JavaIterator):
    """An increasing slice of a lazily generated sequence: skips to ``begin`` on first use."""

    __slots__ = (
        "_adaptive",
        "_begin",
        "_blame",
        "_last",
        "_next_idx",
        "_skipped",
        "_src",
        "_unbounded",
    )

    def __init__(
        self,
        src: JavaIterator,
        begin: int,
        last: int,
        unbounded: bool,
        adaptive: bool,
        blame: Callable[[TemplateError], TemplateError],
    ) -> None:
        self._src = src
        self._begin = begin
        self._last = last
        self._unbounded = unbounded
        self._adaptive = adaptive
        self._blame = blame
        self._skipped = False
        self._next_idx = begin

    def _skip(self) -> None:
        if self._skipped:
            return
        src = self._src
        i = 0
        while i < self._begin:
            if not src.has_next():
                raise self._blame(
                    BuiltInArgumentError(
                        f"Range start index {self._begin} is out of bounds, as the sliced "
                        f"sequence only has {i} elements."
                    )
                )
            src.next()
            i += 1
        self._skipped = True

    def has_next(self) -> bool:
        self._skip()
        return (self._unbounded or self._next_idx <= self._last) and (
            not self._adaptive or self._src.has_next()
        )

    def next(self) -> Any:
        self._skip()
        if not self._adaptive and not self._src.has_next():
            raise self._blame(
                BuiltInArgumentError(
                    f"Range end index {self._last} is out of bounds, as sliced sequence only "
                    f"has {self._next_idx} elements."
                )
            )
        x = self._src.next()
        self._next_idx += 1
        return x


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
    if isinstance(target, LazySeq):
        return lazy_count(target)
    if isinstance(target, Mapping) and not isinstance(target, str):
        return len(target)
    from ..compiler import UnboundedRange

    if isinstance(target, UnboundedRange):
        return 2**31 - 1  # FreeMarker's right-unbounded range reports Integer.MAX_VALUE
    raise UnexpectedTypeError(
        'For "?size" left-hand operand: Expected an extended-hash or sequence or extended '
        f"collection, but this has evaluated to {type_description(target)}."
    )


def _unbounded(target: Any) -> Any:
    """``target`` if it is a right-unbounded range (FreeMarker: a sequence of
    Integer.MAX_VALUE items from its start), else None."""
    from ..compiler import UnboundedRange

    return target if isinstance(target, UnboundedRange) else None


@builtin(
    "first",
    family="sequences",
    accepts=("sequence",),
    result="any",
    summary="The first item (missing if the sequence is empty).",
    example='${["a", "b"]?first}  → a',
)
def _first(env: Any, target: Any) -> Any:
    if isinstance(target, LazySeq):
        it = target.iterator()
        return it.next() if it.has_next() else None
    if (u := _unbounded(target)) is not None:
        return u.start
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
    if (u := _unbounded(target)) is not None:
        return u.start + 2**31 - 2
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
    seq = _elements(target) if isinstance(target, LazySeq) else seq_target("join", target)
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
    if isinstance(target, LazySeq):
        return _index_in_lazy(target, args, name, last)
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


def _index_in_lazy(target: LazySeq, args: tuple[Any, ...], name: str, last: bool) -> int:
    """FreeMarker's findInCol: the search only reads as far as it has to."""
    arg_count(name, args, 1, 2)
    needle = args[0]
    lo, hi = 0, _INT_MAX
    if len(args) > 1:
        start = int_arg(name, args, 1)
        if last:
            hi = start
        else:
            lo = start
    if hi < 0:
        return -1
    it = target.iterator()
    found = -1
    idx = 0
    while it.has_next():
        if idx > hi:
            break
        item = it.next()
        if idx >= lo and item is not None and values_equal(item, needle, strict=False):
            found = idx
            if not last:
                break
        idx += 1
    return found


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
    if (u := _unbounded(target)) is not None and len(args) == 1:
        x = args[0]  # the items are the integers from start on, Integer.MAX_VALUE of them
        return (
            isinstance(x, int | float | Decimal)
            and not isinstance(x, bool)
            and x == int(x)
            and u.start <= x < u.start + 2**31 - 1
        )
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
    seq = _elements(target) if isinstance(target, LazySeq) else seq_target(name, target)
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
# The compiler calls eager_stream/lazy_stream itself (it knows whether the consumer accepts a
# lazy result, and checks the target before it evaluates the argument, as FreeMarker does);
# these entries serve the registry (documentation, completion) and method values.


def _fn_arg(name: str, args: tuple[Any, ...]) -> Any:
    arg_count(name, args, 1, 1)
    f = args[0]
    problem = check_element_transformer(name, f)
    if problem is not None:
        raise BuiltInArgumentError(problem)
    return f


def _stream(name: str, op: str, env: Any, target: Any, args: tuple[Any, ...]) -> list[Any]:
    source = target if isinstance(target, LazySeq) else seq_target(name, target)
    return eager_stream(op, env, source, _fn_arg(name, args))


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
    return _stream("filter", "filter", env, target, args)


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
    return _stream("map", "map", env, target, args)


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
    return _stream("take_while", "take_while", env, target, args)


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
    return _stream("drop_while", "drop_while", env, target, args)


@builtin(
    "sequence",
    family="sequences",
    accepts=("sequence",),
    result="sequence",
    summary="The value as a sequence (for collections that can only be listed).",
    example="${[1, 2]?sequence?size}  → 2",
)
def _sequence(env: Any, target: Any) -> list[Any] | tuple[Any, ...] | range:
    if isinstance(target, LazySeq):
        return list(_elements(target))
    return seq_target("sequence", target)


def sequence_lazily(env: Any, target: Any) -> Any:
    """``?sequence`` whose own consumer accepts a lazily generated result: a LazySeq is
    passed on as it is (FreeMarker's withIsSequenceTrue)."""
    if isinstance(target, LazySeq):
        return target
    return _sequence(env, target)
