"""Checks that read the template as the JSON it writes, and as text.

- :func:`json_string_context`: for each interpolation, whether the output is inside a JSON
  string literal there (the text around it is scanned in output order);
- :func:`broken_directives` (FTL103): ``< #list``, ``< /#if>``, ``$ {`` in template text;
- :func:`missing_separators` (FTL104, static): a list writing JSON objects with no comma.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from .. import nodes as n
from ..nodes import Span
from .model import Analysis, Diagnostic, Fix, TextEdit
from .walk import descendants, line_index

__all__ = ["broken_directives", "json_string_context", "looks_like_json", "missing_separators"]

_BROKEN_RX = re.compile(r"(<)([ \t]+)(/?[#@][A-Za-z_]\w*)|(\$)([ \t]+)(\{)")


def json_string_context(body: n.Body) -> dict[int, bool]:
    ctx = _JsonContext()
    ctx.body(body, False)
    return ctx.result


def position_of(source: str, offset: int) -> tuple[int, int]:
    return line_index(source).position(offset)


def offset_of(source: str, line: int, column: int) -> int:
    return line_index(source).offset(line, column)


# ----------------------------------------------------------------------------- JSON context


def looks_like_json(body: n.Body) -> bool:
    for s in body:
        if isinstance(s, n.Text):
            stripped = s.text.lstrip()
            if stripped:
                return stripped[0] in "{["
        elif not isinstance(
            s,
            n.Comment | n.Assign | n.AssignCapture | n.MacroDef | n.Setting | n.FtlHeader | n.Trim,
        ):
            return False
    return False


class _JsonContext:
    """Tracks, through the template in output order, whether the output is inside a JSON
    string literal; records it for every interpolation."""

    def __init__(self) -> None:
        self.result: dict[int, bool] = {}

    def body(self, stmts: n.Body, in_string: bool) -> bool:
        for s in stmts:
            in_string = self.stmt(s, in_string)
        return in_string

    def stmt(self, s: n.Stmt, in_string: bool) -> bool:
        if isinstance(s, n.Text):
            return _scan_json(s.text, in_string)
        if isinstance(s, n.Interpolation):
            self.result[id(s)] = in_string
            return in_string
        if isinstance(s, n.If):
            after = [self.body(b, in_string) for _, b, _ in s.branches]
            if s.else_body is not None:
                after.append(self.body(s.else_body, in_string))
            return after[0] if after else in_string
        if isinstance(s, n.Switch):
            after = [self.body(c.body, in_string) for c in s.cases]
            return after[0] if after else in_string
        if isinstance(s, n.List):
            self.result[id(s)] = in_string
            out = self.body(s.body, in_string)
            if s.else_body is not None:
                self.body(s.else_body, in_string)
            return out
        if isinstance(s, n.Items | n.Sep | n.Compress):
            return self.body(s.body, in_string)
        if isinstance(s, n.Attempt):
            out = self.body(s.body, in_string)
            self.body(s.recover, in_string)
            return out
        if isinstance(s, n.MacroDef):
            self.body(s.body, False)
            return in_string
        if isinstance(s, n.MacroCall) and s.body is not None:
            return self.body(s.body, in_string)
        return in_string


def _scan_json(text: str, in_string: bool) -> bool:
    escape = False
    for c in text:
        if in_string:
            if escape:
                escape = False
            elif c == "\\":
                escape = True
            elif c == '"':
                in_string = False
        elif c == '"':
            in_string = True
    return in_string


# ----------------------------------------------------------------------------- text checks


def broken_directives(a: Analysis, source: str) -> list[Diagnostic]:
    """FTL103: ``< #list``, ``< /#if>``, ``$ {`` in template text."""
    if a.ast is None:
        return []
    out: list[Diagnostic] = []
    for node in descendants(a.ast):
        if not isinstance(node, n.Text):
            continue
        start = offset_of(source, node.span.line, node.span.column)
        end = offset_of(source, node.span.end_line, node.span.end_column)
        for m in _BROKEN_RX.finditer(source, start, end):
            if m.group(1):
                ws_start, ws_end = m.start(2), m.end(2)
                shown = "<" + m.group(3)
                what = "directive" if "#" in m.group(3) else "macro call"
                if m.group(3).startswith("/"):
                    what = "end tag"
            else:
                ws_start, ws_end = m.start(5), m.end(5)
                shown = "${"
                what = "interpolation"
            l1, c1 = position_of(source, m.start())
            l2, c2 = position_of(source, m.end())
            wl1, wc1 = position_of(source, ws_start)
            wl2, wc2 = position_of(source, ws_end)
            out.append(
                Diagnostic(
                    "FTL103",
                    "warning",
                    f"This looks like a broken {what}: {source[m.start() : m.end()]!r} is printed "
                    f"as text. Remove the space: {shown}",
                    Span(l1, c1, l2, c2),
                    (Fix("Remove the space", (TextEdit(Span(wl1, wc1, wl2, wc2), ""),)),),
                )
            )
    return out


def missing_separators(a: Analysis) -> list[Diagnostic]:
    """FTL104 (static): a list whose body writes a JSON object or value at its top level and
    never a comma there (no ``<#sep>``, no ``,`` text, no ``?has_next``)."""
    if a.ast is None or not a.looks_like_json:
        return []
    out = []
    for node in descendants(a.ast):
        if not isinstance(node, n.List) or not node.loop_vars:
            continue
        if a.json_string_context.get(id(node)) is not False:  # inside a string, or unknown
            continue
        if _emits_object_without_comma(node.body):
            out.append(
                Diagnostic(
                    "FTL104",
                    "warning",
                    "This #list writes a JSON object per item but no comma between them: with "
                    "two items or more the payload is not JSON. Add <#sep>, before </#list>.",
                    node.span,
                    (_sep_fix(node),) if _sep_fix(node) is not None else (),  # type: ignore[arg-type]
                )
            )
    return out


def _sep_fix(node: n.List) -> Fix | None:
    if node.else_body is not None:
        return None
    end = node.span
    # </#list> is the last 8 characters of the list's span when written plainly
    insert = Span(end.end_line, end.end_column - 8, end.end_line, end.end_column - 8)
    if insert.column < 1:
        return None
    return Fix("Add <#sep>, before </#list>", (TextEdit(insert, "<#sep>,"),))


def _emits_object_without_comma(body: n.Body) -> bool:
    depth = 0
    in_string = False
    saw_object = False
    for node in _output_order(body):
        if isinstance(node, n.Sep):
            return False
        if isinstance(node, n.BuiltInCall) and node.name in ("has_next", "is_last"):
            return False
        if isinstance(node, n.Variable) and node.name.endswith("_has_next"):
            return False
        if isinstance(node, n.MacroCall | n.Interpolation) and depth == 0 and not in_string:
            return False  # something we can't see into writes at the top level
        if not isinstance(node, n.Text):
            continue
        escape = False
        for c in node.text:
            if in_string:
                if escape:
                    escape = False
                elif c == "\\":
                    escape = True
                elif c == '"':
                    in_string = False
                continue
            if c == '"':
                in_string = True
            elif c in "{[":
                if depth == 0 and c == "{":
                    saw_object = True
                depth += 1
            elif c in "}]":
                depth -= 1
            elif c == "," and depth <= 0:
                return False
    return saw_object and depth == 0


def _output_order(body: n.Body) -> Iterator[n.Node]:
    for s in body:
        yield from descendants(s)
