"""Render a payload template for a test, and trace a character of the output to the template.

``render_payload`` returns a :class:`RenderedPayload`: a ``str`` that remembers the template
and the data it came from, so a later check (the payload snapshot, ``assert_valid_payload``)
can say which part of the template wrote a given character.

How the tracing works: the template source is rendered a second time with a private-use
marker around every ``${...}``; the markers split the output into interpolation output and
template text, and template text is matched back to the template's ``Text`` nodes.  If the
marked rendering differs from the real one (after the markers are removed), nothing is
claimed.
"""

from __future__ import annotations

import dataclasses
import json
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

__all__ = ["Origin", "RenderedPayload", "load_sample", "render_file"]

_BEGIN = "\ue000"  # then the interpolation's index in decimal, then _SEP
_SEP = "\ue001"
_END = "\ue002"
_MAX_TEXT_RUN = 50_000


@dataclasses.dataclass(frozen=True, slots=True)
class Origin:
    """Where a character of the output comes from: a ``${...}`` or template text."""

    line: int
    column: int
    kind: str  # "interpolation" or "text"
    excerpt: str  # the interpolation's source, or the template text's first line


class RenderedPayload(str):
    """The text a template rendered, remembering the template and the data model."""

    template_name: str
    source: str
    data: Mapping[str, Any]
    options: dict[str, Any]

    def __new__(
        cls,
        text: str,
        *,
        template_name: str,
        source: str,
        data: Mapping[str, Any],
        options: dict[str, Any] | None = None,
    ) -> RenderedPayload:
        self = super().__new__(cls, text)
        self.template_name = template_name
        self.source = source
        self.data = data
        self.options = dict(options or {})
        return self

    def __reduce__(self) -> tuple[Any, ...]:  # copy and pickle keep the template
        return (_rebuild, (str(self), self.template_name, self.source, self.data, self.options))

    def origin(self, offset: int) -> Origin | None:
        """Where the character at ``offset`` of this text was written, if that can be told."""
        try:
            return _trace(self, offset)
        except Exception:  # tracing is a diagnostic aid: never let it mask the real failure
            return None


def _rebuild(
    text: str, template_name: str, source: str, data: Mapping[str, Any], options: dict[str, Any]
) -> RenderedPayload:
    return RenderedPayload(
        text, template_name=template_name, source=source, data=data, options=options
    )


def load_sample(path: Path) -> dict[str, Any]:
    """Read a JSON sample: a data model ``{"input": {...}}`` (as fmref takes) or a bare update."""
    with path.open(encoding="utf-8") as f:
        value = json.load(f)
    if not isinstance(value, dict):
        raise ValueError(f"{path}: a sample must be a JSON object, not {type(value).__name__}")
    if set(value) == {"input"} or ("input" in value and "users" not in value):
        return value
    return {"input": value}


def render_file(
    path: Path,
    data: Mapping[str, Any],
    *,
    name: str | None = None,
    **template_options: Any,
) -> RenderedPayload:
    """Render the template at ``path`` with ``data`` as the data model.

    Raises ``ftl.TemplateError`` (with ``name``, ``lineno``, ``column``) when the template fails.
    """
    from ftl import Template

    source = path.read_text(encoding="utf-8")
    template_name = name or os.fspath(path)
    text = Template(source, template_name, **template_options).render(data)
    return RenderedPayload(
        text, template_name=template_name, source=source, data=data, options=template_options
    )


# ----------------------------------------------------------------------------- tracing


def _walk(node: Any, found: list[Any]) -> None:
    # Node classes are matched by name: a test harness that drops and re-imports modules
    # (pytester's in-process runs) can leave ftl.parse building other classes' instances.
    kind = type(node).__name__
    if kind in ("Interpolation", "Text"):
        found.append(node)
        if kind == "Text":
            return
    if dataclasses.is_dataclass(node) and not isinstance(node, type):
        for f in dataclasses.fields(node):
            _walk(getattr(node, f.name), found)
    elif isinstance(node, list | tuple):
        for item in node:
            _walk(item, found)


def _offsets(source: str) -> list[int]:
    starts = [0]
    for i, ch in enumerate(source):
        if ch == "\n":
            starts.append(i + 1)
    return starts


def _trace(payload: RenderedPayload, offset: int) -> Origin | None:
    from ftl import Template, parse

    source = payload.source
    found: list[Any] = []
    _walk(parse(source, payload.template_name), found)
    interps = [x for x in found if type(x).__name__ == "Interpolation"]
    texts = [x for x in found if type(x).__name__ == "Text" and x.text]
    line_starts = _offsets(source)

    def pos(line: int, column: int) -> int:
        return line_starts[line - 1] + column - 1

    # Insert markers from the end so earlier positions stay valid.
    marked = source
    for idx in sorted(range(len(interps)), key=lambda i: pos(*_start(interps[i])), reverse=True):
        s = interps[idx].span
        a, b = pos(s.line, s.column), pos(s.end_line, s.end_column)
        marked = marked[:a] + f"{_BEGIN}{idx}{_SEP}" + marked[a:b] + _END + marked[b:]
    out = Template(marked, payload.template_name, **payload.options).render(payload.data)

    # Strip the markers, remembering for each output character its innermost interpolation.
    clean: list[str] = []
    owner: list[int] = []
    stack: list[int] = []
    i = 0
    while i < len(out):
        ch = out[i]
        if ch == _BEGIN:
            j = out.index(_SEP, i)
            stack.append(int(out[i + 1 : j]))
            i = j + 1
            continue
        if ch == _END:
            stack.pop()
        else:
            clean.append(ch)
            owner.append(stack[-1] if stack else -1)
        i += 1
    if "".join(clean) != payload or not 0 <= offset < len(clean):
        return None

    if owner[offset] >= 0:
        node = interps[owner[offset]]
        s = node.span
        return Origin(
            s.line,
            s.column,
            "interpolation",
            source[pos(s.line, s.column) : pos(s.end_line, s.end_column)],
        )

    # Template text: the run of text characters around the offset is a concatenation of
    # Text nodes' texts; split it (first fit, by dynamic programming) and find the piece.
    a = offset
    while a > 0 and owner[a - 1] < 0 and offset - a < _MAX_TEXT_RUN:
        a -= 1
    b = offset + 1
    while b < len(clean) and owner[b] < 0 and b - offset < _MAX_TEXT_RUN:
        b += 1
    run = "".join(clean[a:b])
    target = offset - a
    back: dict[int, tuple[int, int]] = {0: (-1, -1)}  # end -> (start, text index)
    for start in range(len(run)):
        if start not in back:
            continue
        for k, t in enumerate(texts):
            end = start + len(t.text)
            if end not in back and run.startswith(t.text, start):
                back[end] = (start, k)
    end = len(run)
    if end not in back:
        # The run may reach into text of a partial piece at its edges: accept the longest
        # prefix that splits and covers the target.
        covering = [e for e in back if e > target]
        if not covering:
            return None
        end = min(covering)
    while end > 0:
        start, k = back[end]
        if start <= target < end:
            return _text_origin(texts[k], target - start, source, line_starts)
        end = start
    return None


def _start(node: Any) -> tuple[int, int]:
    return node.span.line, node.span.column


def _text_origin(node: Any, index: int, source: str, line_starts: list[int]) -> Origin:
    """The source position of ``node.text[index]``: the text is the source slice with some
    white-space stripped, so walk both, skipping source characters that were stripped."""
    s = node.span
    p = line_starts[s.line - 1] + s.column - 1
    end = (
        line_starts[s.end_line - 1] + s.end_column - 1
        if s.end_line - 1 < len(line_starts)
        else len(source)
    )
    text = node.text
    ti = 0
    while p < end and ti < index:
        if source[p] == text[ti]:
            ti += 1
        p += 1
    while p < end and source[p] != text[index]:
        p += 1
    line = max(k for k, st in enumerate(line_starts) if st <= p) + 1
    column = p - line_starts[line - 1] + 1
    excerpt = source[line_starts[line - 1] :].split("\n", 1)[0]
    return Origin(line, column, "text", excerpt)
