"""Generic AST traversal: the child nodes of any node, and a parent map."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import fields
from typing import Any

from .. import nodes as n

__all__ = ["children", "descendants", "node_at", "parent_map"]


def _nodes_in(value: Any) -> Iterator[n.Node]:
    if isinstance(value, n.Node):
        yield value
    elif isinstance(value, tuple):
        for v in value:
            yield from _nodes_in(v)


def children(node: n.Node) -> Iterator[n.Node]:
    """Direct child nodes, in field order (source order for every node class we have)."""
    for f in fields(node):
        if f.name in ("span", "name_span", "tag_span"):
            continue
        yield from _nodes_in(getattr(node, f.name))


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
