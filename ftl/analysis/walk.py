"""Generic AST traversal: the child nodes of any node, and a parent map."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import fields
from typing import Any

from .. import nodes as n

__all__ = ["LineIndex", "children", "descendants", "line_index", "node_at", "parent_map"]


def _nodes_in(value: Any) -> Iterator[n.Node]:
    if isinstance(value, n.Node):
        yield value
    elif isinstance(value, tuple):
        for v in value:
            yield from _nodes_in(v)


_CHILD_FIELDS: dict[type, tuple[str, ...]] = {}


def _child_fields(cls: type) -> tuple[str, ...]:
    names = _CHILD_FIELDS.get(cls)
    if names is None:
        names = _CHILD_FIELDS[cls] = tuple(
            f.name
            for f in fields(cls)
            if f.name not in ("span", "name_span", "tag_span")
            and f.type not in ("str", "bool", "int | None", "Decimal | bool | str")
        )
    return names


def children(node: n.Node) -> Iterator[n.Node]:
    """Direct child nodes, in field order (source order for every node class we have)."""
    for name in _child_fields(type(node)):
        value = getattr(node, name)
        if isinstance(value, n.Node):
            yield value
        elif isinstance(value, tuple):
            yield from _nodes_in(value)


def descendants(node: n.Node) -> Iterator[n.Node]:
    """The node and everything under it, depth first, in source order."""
    stack = [node]
    while stack:
        cur = stack.pop()
        yield cur
        stack.extend(reversed(list(children(cur))))


def parent_map(root: n.Node) -> dict[int, n.Node]:
    out: dict[int, n.Node] = {}
    for node in descendants(root):
        for c in children(node):
            out[id(c)] = node
    return out


def node_at(root: n.Node, line: int, column: int, *, inclusive_end: bool = True) -> list[n.Node]:
    """The chain of nodes whose span holds the position, outermost first.  With
    ``inclusive_end`` a position just after a node (where the cursor sits after typing it)
    also counts."""
    chain: list[n.Node] = []

    def holds(sp: n.Span) -> bool:
        if sp.line <= 0:
            return False
        if sp.contains(line, column):
            return True
        return inclusive_end and (sp.end_line, sp.end_column) == (line, column)

    cur: n.Node | None = root
    while cur is not None:
        chain.append(cur)
        nxt = None
        for c in children(cur):
            if (holds(c.span) and not isinstance(c, n.StringLit | n.Literal)) or (
                isinstance(c, n.StringLit | n.Literal) and c.span.contains(line, column)
            ):
                nxt = c
        cur = nxt
    return chain


class LineIndex:
    """Offsets of line starts, for (line, column) <-> offset conversions in O(log n)."""

    __slots__ = ("starts", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        starts = [0]
        pos = text.find("\n")
        while pos >= 0:
            starts.append(pos + 1)
            pos = text.find("\n", pos + 1)
        self.starts = starts

    def offset(self, line: int, column: int) -> int:
        """Offset of a 1-based position, clamped to the end of its line."""
        if line < 1:
            return 0
        if line > len(self.starts):
            return len(self.text)
        start = self.starts[line - 1]
        end = self.starts[line] - 1 if line < len(self.starts) else len(self.text)
        return min(start + max(column - 1, 0), end)

    def position(self, offset: int) -> tuple[int, int]:
        line = bisect_right(self.starts, offset)
        return line, offset - self.starts[line - 1] + 1


_INDEX_CACHE: dict[int, LineIndex] = {}


def line_index(text: str) -> LineIndex:
    """A (small, identity-keyed) cache of line indexes."""
    idx = _INDEX_CACHE.get(id(text))
    if idx is None or idx.text is not text:
        if len(_INDEX_CACHE) > 16:
            _INDEX_CACHE.clear()
        idx = _INDEX_CACHE[id(text)] = LineIndex(text)
    return idx
