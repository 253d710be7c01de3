"""The fused fast path for ``<#list>`` bodies over large user lists.

A list body made only of literal text, interpolations of the loop variable's fields
(optionally through a pure string built-in such as ``?json_string``), loop-invariant
interpolations (``${input.cohort_id}``) and a text-only ``<#sep>`` is rendered column by
column: each field is fetched for a batch of users with one list comprehension, escaped
only if some value in the batch needs it, and the batch's text is built by one
``str.join``.  Anything the fast path cannot prove byte-identical (a user that is not a
hash, a missing field, a value that is not a string) is rendered by the general closure
for that one user, with the same loop state, so output and errors stay exactly those of
the general path.  ``FTL_FORCE_GENERAL_PATH=1`` turns the fast path off (the conformance
suite runs both ways).
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from . import nodes as n
from .builtins import BuiltIn, lookup
from .errors import TemplateError
from .runtime import LoopState

if TYPE_CHECKING:
    from .compiler import Ctx, Eval, Exec, _Compiler, _Scope

__all__ = ["BATCH", "force_general_path", "try_fuse"]

BATCH = 4096
_FUSABLE_FAMILIES = frozenset({"escaping", "strings"})
# A superset of the characters each escaper changes: a batch without any of them is left
# as it is, with one regex scan instead of a call per user.
_MAY_CHANGE = {
    "json_string": re.compile(r"[\x00-\x1f\"\\/<>\x7f-\x9f\u2028\u2029]"),
    "jsonString": re.compile(r"[\x00-\x1f\"\\/<>\x7f-\x9f\u2028\u2029]"),
    "js_string": re.compile(r"[\x00-\x1f\"'\\/<>\x7f-\x9f\u2028\u2029]"),
    "jsString": re.compile(r"[\x00-\x1f\"'\\/<>\x7f-\x9f\u2028\u2029]"),
}


_SEP = "\uffff"


def _edge_sensitive(joined: str, first: str, last: str) -> bool:
    """Whether an id starts or ends with what FreeMarker's escapers treat differently at
    the edges of a string: "/" or ">" first, "]>" or "->" as the first two, "<" last."""
    return (
        first[:1] in ("/", ">")
        or first[:2] in ("]>", "->")
        or last[-1:] == "<"
        or _SEP + "/" in joined
        or _SEP + ">" in joined
        or _SEP + "]>" in joined
        or _SEP + "->" in joined
        or "<" + _SEP in joined
    )


def force_general_path() -> bool:
    return os.environ.get("FTL_FORCE_GENERAL_PATH", "") not in ("", "0")


class _Field:
    """``${var.a.b}`` or ``${var.a?json_string}``: a column computed from each user."""

    __slots__ = ("builtin", "path")

    def __init__(self, path: tuple[str, ...], builtin: BuiltIn | None) -> None:
        self.path = path
        self.builtin = builtin


class _Invariant:
    """An interpolation that does not depend on the loop variable: evaluated once."""

    __slots__ = ("ev", "node")

    def __init__(self, ev: Eval, node: n.Interpolation) -> None:
        self.ev = ev
        self.node = node


_Piece = str | _Field | _Invariant


def _references(e: n.Node, names: frozenset[str]) -> bool:
    """Whether an expression mentions one of ``names`` (or anything dynamic)."""
    if isinstance(e, n.Variable):
        return e.name in names or any(e.name.startswith(x + "_") for x in names)
    if isinstance(e, n.SpecialVariable | n.LambdaExpr | n.MethodCall):
        return True  # .vars, lambdas and calls may see the loop variable: stay general
    if isinstance(e, n.BuiltInCall) and (e.name in ("eval", "interpret") or e.args):
        return True
    return any(_references(child, names) for child in _children(e))


def _children(e: n.Node) -> list[n.Node]:
    out: list[n.Node] = []
    for field in getattr(e, "__slots__", ()):
        v = getattr(e, field, None)
        if isinstance(v, n.Expr):
            out.append(v)
        elif isinstance(v, tuple):
            for x in v:
                if isinstance(x, n.Expr):
                    out.append(x)
                elif isinstance(x, tuple):
                    out.extend(y for y in x if isinstance(y, n.Expr))
    return out


def _field_path(e: n.Expr, var: str) -> tuple[str, ...] | None:
    names: list[str] = []
    while isinstance(e, n.Dot):
        names.append(e.name)
        e = e.target
    if isinstance(e, n.Variable) and e.name == var:
        return tuple(reversed(names))
    return None


def _analyse(
    body: n.Body, var: str, c: _Compiler, scope: _Scope
) -> tuple[list[_Piece], str | None] | None:
    pieces: list[_Piece] = []
    sep: str | None = None
    for i, s in enumerate(body):
        if isinstance(s, n.Text):
            pieces.append(s.text)
        elif isinstance(s, n.Comment):
            continue
        elif isinstance(s, n.Sep) and i == len(body) - 1:
            if not all(isinstance(x, n.Text | n.Comment) for x in s.body):
                return None
            sep = "".join(x.text for x in s.body if isinstance(x, n.Text))
        elif isinstance(s, n.Interpolation) and not s.numerical:
            e = s.expr
            builtin: BuiltIn | None = None
            if isinstance(e, n.BuiltInCall) and e.args is None:
                entry = lookup(e.name)
                if (
                    entry is not None
                    and entry.kind == "plain"
                    and entry.arity is None
                    and entry.family in _FUSABLE_FAMILIES
                    and entry.result == "string"
                    and "string" in entry.accepts
                ):
                    builtin = entry
                    e = e.target
            path = _field_path(e, var)
            if path is not None:
                pieces.append(_Field(path, builtin))
            elif not _references(s.expr, frozenset({var}) | scope.loop_vars):
                pieces.append(_Invariant(c.expr(s.expr, scope), s))
            else:
                return None
        else:
            return None
    if not any(isinstance(p, _Field) for p in pieces):
        return None
    return pieces, sep


def try_fuse(
    c: _Compiler,
    node: n.List,
    scope: _Scope,
    seq_ev: Eval,
    body_exec: Exec,
    general: Exec,
) -> Exec | None:
    """The fused closure for ``node``, or None when its body does not qualify."""
    if force_general_path() or len(node.loop_vars) != 1:
        return None
    var = node.loop_vars[0]
    analysed = _analyse(node.body, var, c, scope.with_loop(node.loop_vars))
    if analysed is None:
        return None
    pieces, sep = analysed
    # merge adjacent text
    merged: list[_Piece] = []
    for p in pieces:
        if isinstance(p, str) and merged and isinstance(merged[-1], str):
            merged[-1] = merged[-1] + p
        else:
            merged.append(p)
    fields = [p for p in merged if isinstance(p, _Field)]
    invariants = [p for p in merged if isinstance(p, _Invariant)]
    compiler = c

    def run(ctx: Ctx) -> None:
        seq = seq_ev(ctx)
        if (type(seq) is not list and type(seq) is not tuple) or not seq:
            general(ctx)
            return
        env = ctx.env
        # loop-invariant interpolations: once per list (only reached when the list is
        # non-empty, as the general path would first evaluate them at item 0)
        inv_text: dict[int, str] = {}
        for inv in invariants:
            try:
                v = inv.ev(ctx)
                inv_text[id(inv)] = v if type(v) is str else env.to_string(v, output=True)
            except TemplateError:
                general(ctx)
                return
            if v is None:
                general(ctx)
                return
        template = [p if isinstance(p, str) else "" for p in merged]
        for p_i, p in enumerate(merged):
            if isinstance(p, _Invariant):
                template[p_i] = inv_text[id(p)]
        _render_fused(ctx, seq, merged, template, fields, sep, var, body_exec, compiler)

    return run


def _column(batch: Sequence[Any], f: _Field, env: Any, check_str: bool = True) -> list[Any] | None:
    """The field's values for a batch, or None if any user needs the general path.

    With ``check_str`` False the caller's ``str.join`` does the string check (it raises
    TypeError on anything else; str subclasses print as the general path prints them)."""
    col: list[Any] = batch if isinstance(batch, list) else list(batch)
    try:
        for key in f.path:
            # only plain dicts are certain to behave as the general path's hash access
            if set(map(type, col)) != {dict}:
                return None
            col = [u[key] for u in col]
    except KeyError:
        return None
    b = f.builtin
    if b is None:
        if check_str and set(map(type, col)) != {str}:
            return None
        return col
    fn = b.fn
    rx = _MAY_CHANGE.get(b.name)
    if rx is None:
        if set(map(type, col)) != {str}:
            return None
        return [fn(env, v) for v in col]
    try:
        joined = _SEP.join(col)  # also the check that every value is a string
    except TypeError:
        return None
    if rx.search(joined) is None:
        return col  # nothing in this batch to escape: the common case
    if joined.count(_SEP) == len(col) - 1 and not _edge_sensitive(joined, col[0], col[-1]):
        # One escaper call over the whole batch.  The separator passes through the
        # escaper unchanged and no context crosses it, so this equals escaping item by
        # item, except for ids whose first or last characters the escapers treat
        # specially, or that hold U+FFFF: those batches take the slow road below.
        parts: list[str] = fn(env, joined).split(_SEP)
        if len(parts) == len(col):
            return parts
    search = rx.search
    col = [fn(env, v) if search(v) else v for v in col]
    return col


def _render_fused(
    ctx: Ctx,
    seq: Sequence[Any],
    merged: list[_Piece],
    template: list[str],
    fields: list[_Field],
    sep: str | None,
    var: str,
    body_exec: Exec,
    compiler: _Compiler,
) -> None:
    out = ctx.out
    env = ctx.env
    total = len(seq)
    slots = [i for i, p in enumerate(merged) if isinstance(p, _Field)]
    single = len(slots) == 1
    if single:
        head = "".join(template[: slots[0]])
        tail = "".join(template[slots[0] + 1 :])
    joiner = (sep or "") if sep is not None else ""
    for start in range(0, total, BATCH):
        batch = seq[start : start + BATCH]
        ctx.tick(len(batch))
        cols = [_column(batch, f, env, check_str=not single) for f in fields]
        last_batch = start + BATCH >= total
        text: str | None = None
        if all(col is not None for col in cols):
            if single:
                col0 = cols[0]
                assert col0 is not None
                try:
                    text = head + (tail + joiner + head).join(col0) + tail
                except TypeError:  # a value that is not a string: the general path
                    text = None
            else:
                rows = []
                parts = list(template)
                for values in zip(*cols, strict=True):  # type: ignore[call-overload]
                    for slot, v in zip(slots, values, strict=True):
                        parts[slot] = v
                    rows.append("".join(parts))
                text = joiner.join(rows)
        if text is not None:
            out.append(text)
            if sep is not None and not last_batch:
                out.append(sep)
            continue
        # some user in this batch needs the general path: render the batch one by one
        _general_items(ctx, seq, start, len(batch), var, body_exec, compiler)


def _general_items(
    ctx: Ctx,
    seq: Sequence[Any],
    start: int,
    count: int,
    var: str,
    body_exec: Exec,
    compiler: _Compiler,
) -> None:
    """Render items [start, start+count) with the general body (loop state set up)."""
    lv = ctx.lv
    loops = ctx.loops
    old_v = lv.get(var, _UNSET)
    old_state = loops.pop(var, None)
    state = LoopState(var)
    loops[var] = state
    total = len(seq)
    try:
        for i in range(start, start + count):
            ctx.tick()
            state.index = i
            state.has_next = i + 1 < total
            item = seq[i]
            lv[var] = item
            state.item = item
            body_exec(ctx)
    finally:
        if old_v is _UNSET:
            lv.pop(var, None)
        else:
            lv[var] = old_v
        loops.pop(var, None)
        if old_state is not None:
            loops[var] = old_state


_UNSET = object()
