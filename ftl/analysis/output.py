"""The JSON output check and the preview: render against samples, map errors to the template.

Amplitude sends the payload as ``application/json``, so the rendered text must parse as
JSON whatever the cohort holds.  :func:`check_output` renders the template against
synthesized cohort updates (entering and leaving; 0, 1, 3 and 1,000 users; user ids and a
cohort name holding quotes, backslashes, line breaks, ``</script>`` and emoji) and the
user's samples.  When a payload is not JSON, the offending output character is traced back
to the template: the template is rendered once more from an instrumented copy of its AST,
where each text and interpolation is preceded by an invisible marker character naming the
node, so every output character is known to come from a node.  (The marked output, with the
markers removed, must equal the plain output; when it does not, e.g. inside
``<#compress>``, the whole template is reported instead.)
"""

from __future__ import annotations

import copy
import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any

from .. import nodes as n
from ..compiler import compile_template
from ..errors import InvalidReferenceError, TemplateError
from ..nodes import Span
from ..schema import Schema, Type
from ..template import Template
from .model import Analysis, Diagnostic, Fix, TextEdit

__all__ = [
    "PreviewError",
    "PreviewResult",
    "check_output",
    "preview",
    "synthesize_samples",
    "synthesize_update",
]

_MARK_BASE = 0xF0000  # Supplementary Private Use Area-A: never in real payloads
_MARK_LIMIT = 0xFFFFD - _MARK_BASE


@dataclass(frozen=True)
class PreviewError:
    message: str
    span: Span | None


@dataclass(frozen=True)
class PreviewResult:
    """The rendered payload, or why there is none.

    ``error`` is set when the template did not render (syntax or render error; ``text`` is
    then empty); ``json_error`` when it rendered but the payload is not JSON (its span is the
    part of the template that wrote the offending text)."""

    text: str
    is_json: bool
    error: PreviewError | None = None
    json_error: PreviewError | None = None


# ----------------------------------------------------------------------------- samples

ADVERSARIAL_IDS = (
    'user "quoted"',
    "back\\slash",
    "line\nbreak\ttab",
    "</script><b>",
    "emoji 😀 ünï",
)
ADVERSARIAL_NAME = 'Power "users" \\ </script>\n😀'


def _value_for(t: Type, i: int) -> Any:
    if t.kind == "string":
        return ADVERSARIAL_IDS[i % len(ADVERSARIAL_IDS)]
    if t.kind == "number":
        return 1234 + i
    if t.kind == "boolean":
        return i % 2 == 0
    if t.kind == "sequence":
        return [_value_for(t.item, i)] if t.item is not None and t.item.known else []
    if t.kind == "hash":
        return {f.name: _value_for(f.type, i) for f in t.fields}
    return None


def _user_properties(schema: Schema | None, i: int) -> dict[str, Any]:
    props_type: Type | None = None
    if schema is not None:
        users = schema.input.field("users")
        user = users.type.item if users is not None else None
        f = user.field("user_properties") if user is not None else None
        props_type = f.type if f is not None else None
    if props_type is not None and props_type.fields:
        return {f.name: v for f in props_type.fields if (v := _value_for(f.type, i)) is not None}
    return {"plan": 'Pro "Max"', "city": "Zürich\\Nord"} if i % 2 == 0 else {}


def synthesize_update(
    users: int = 3,
    in_cohort: bool = True,
    *,
    adversarial: bool = False,
    schema: Schema | None = None,
) -> dict[str, Any]:
    """A cohort update with ``users`` users; ``adversarial`` fills ids and the cohort name
    with characters that need escaping in JSON."""
    direction = "enter" if in_cohort else "exit"
    update: dict[str, Any] = {
        "cohort_name": ADVERSARIAL_NAME if adversarial else "Power users",
        "cohort_id": "abc123",
        "in_cohort": in_cohort,
        "computed_time": "1692206763",
        "message_id": f"9baaa88f-9d46-4ee5-a946-be0c6aea0046::{direction}::0",
        "users": [
            {
                "user_id": ADVERSARIAL_IDS[i % len(ADVERSARIAL_IDS)]
                if adversarial
                else f"user-{i + 1}",
                "user_properties": _user_properties(schema, i)
                if adversarial
                else {"plan": "pro"}
                if i % 2 == 0
                else {},
            }
            for i in range(users)
        ],
    }
    if schema is not None:
        for f in schema.input.fields:
            if f.name not in update:
                value = _value_for(f.type, 0)
                if value is not None:
                    update[f.name] = value
    return update


def synthesize_samples(schema: Schema | None = None) -> list[tuple[str, dict[str, Any]]]:
    """The synthesized updates the output check renders, with the names messages use."""
    return [
        (
            "3 users entering, ids and cohort name with quotes, backslashes, line breaks, "
            "</script> and emoji",
            synthesize_update(3, True, adversarial=True, schema=schema),
        ),
        ("0 users leaving", synthesize_update(0, False, schema=schema)),
        ("1 user entering", synthesize_update(1, True, schema=schema)),
        (
            "1,000 users leaving",
            synthesize_update(1000, False, schema=schema),
        ),
    ]


# ----------------------------------------------------------------------------- instrumenting


class _Instrumenter:
    """Copies the AST with a marker character before each text and interpolation, and at
    the start of each list iteration."""

    def __init__(self) -> None:
        self.nodes: list[n.Node] = []
        self.iteration_of: dict[int, n.List] = {}

    def mark(self, node: n.Node, *, iteration: n.List | None = None) -> str:
        if len(self.nodes) >= _MARK_LIMIT:
            raise OverflowError
        self.nodes.append(node)
        if iteration is not None:
            self.iteration_of[len(self.nodes) - 1] = iteration
        return chr(_MARK_BASE + len(self.nodes) - 1)

    def body(self, stmts: n.Body) -> n.Body:
        out: list[n.Stmt] = []
        for s in stmts:
            out.extend(self.stmt(s))
        return tuple(out)

    def stmt(self, s: n.Stmt) -> list[n.Stmt]:
        if isinstance(s, n.Text):
            return [replace(s, text=self.mark(s) + s.text)]
        if isinstance(s, n.Interpolation):
            return [n.Text(s.span, self.mark(s)), s]
        if isinstance(s, n.If):
            return [
                replace(
                    s,
                    branches=tuple((c, self.body(b), t) for c, b, t in s.branches),
                    else_body=self.body(s.else_body) if s.else_body is not None else None,
                )
            ]
        if isinstance(s, n.Switch):
            cases = tuple(replace(c, body=self.body(c.body)) for c in s.cases)
            return [replace(s, cases=cases)]
        if isinstance(s, n.List):
            lead: tuple[n.Stmt, ...] = ()
            if s.loop_vars:
                lead = (n.Text(s.span, self.mark(s, iteration=s)),)
            return [
                replace(
                    s,
                    body=lead + self.body(s.body),
                    else_body=self.body(s.else_body) if s.else_body is not None else None,
                )
            ]
        if isinstance(s, n.Items):
            return [replace(s, body=(n.Text(s.span, self.mark(s)), *self.body(s.body)))]
        if isinstance(s, n.Sep):
            return [replace(s, body=self.body(s.body))]
        if isinstance(s, n.Attempt):
            return [replace(s, body=self.body(s.body), recover=self.body(s.recover))]
        if isinstance(s, n.MacroDef):
            return [replace(s, body=self.body(s.body))]
        if isinstance(s, n.MacroCall) and s.body is not None:
            return [replace(s, body=self.body(s.body))]
        if isinstance(s, n.Compress):
            return [n.Text(s.span, self.mark(s)), s]
        return [s]


@dataclass
class _Traced:
    text: str
    owners: list[int]
    """For each output character, the index of the node (in ``nodes``) that wrote it."""
    nodes: list[n.Node]
    iterations: list[tuple[int, n.List]]
    """(output offset, list) where an iteration of a list starts."""


@lru_cache(maxsize=8)
def _template(source: str, name: str) -> Template:
    """One compiled template per text, shared by the samples of a check and the preview."""
    return Template(source, name)


def _render(a: Analysis, data: Mapping[str, Any]) -> str:
    return _template(a.source, a.name).render({"input": data})


def _render_traced(a: Analysis, data: Mapping[str, Any], plain: str) -> _Traced | None:
    assert a.ast is not None
    ins = _Instrumenter()
    try:
        ast = replace(a.ast, body=ins.body(a.ast.body))
    except OverflowError:
        return None
    # Render the instrumented copy through the same Template machinery (a shallow copy of
    # the compiled template with the instrumented closures in place of its own).
    template = copy.copy(_template(a.source, a.name))
    template._compiled = compile_template(ast, a.source, amplitude=template.amplitude)
    try:
        marked = template.render({"input": data})
    except TemplateError:
        return None
    chars: list[str] = []
    owners: list[int] = []
    iterations: list[tuple[int, n.List]] = []
    current = -1
    for ch in marked:
        code = ord(ch) - _MARK_BASE
        if 0 <= code < len(ins.nodes):
            current = code
            lst = ins.iteration_of.get(code)
            if lst is not None:
                iterations.append((len(chars), lst))
            continue
        chars.append(ch)
        owners.append(current)
    text = "".join(chars)
    if text != plain:
        return None
    return _Traced(text, owners, ins.nodes, iterations)


# ----------------------------------------------------------------------------- checking


def _span_of_char(a: Analysis, node: n.Node, traced: _Traced, offset: int) -> Span:
    """The narrowest template span for output character ``offset`` written by ``node``."""
    if isinstance(node, n.Text):
        # the offset within the text: count back to where this node's output began
        start = offset
        owner = traced.owners[offset]
        while start > 0 and traced.owners[start - 1] == owner:
            start -= 1
        k = offset - start
        lines = a.source.split("\n")
        sp = node.span
        if sp.line == sp.end_line and 0 < sp.line <= len(lines):
            src = lines[sp.line - 1][sp.column - 1 : sp.end_column - 1]
            if src == node.text and k < len(src):
                return Span(sp.line, sp.column + k, sp.line, sp.column + k + 1)
        return sp
    if isinstance(node, n.Interpolation):
        return node.span
    return node.span


def _json_error_location(
    a: Analysis, traced: _Traced, err: json.JSONDecodeError
) -> tuple[Span, n.Node | None, n.List | None]:
    """Where the offending text came from; the list whose items lack a separator, if that
    is the problem."""
    pos = min(err.pos, len(traced.text) - 1)
    if pos < 0:
        return a.ast.span if a.ast else Span(1, 1, 1, 1), None, None
    # skip back over white-space: the offending token is where the parser stopped
    missing_comma = err.msg.startswith("Expecting ',' delimiter") or err.msg == "Extra data"
    if missing_comma:
        prev = pos - 1
        while prev >= 0 and traced.text[prev].isspace():
            prev -= 1
        for at, lst in traced.iterations:
            if prev < at <= pos and any(at2 < at for at2, l2 in traced.iterations if l2 is lst):
                return lst.span, lst, lst
    owner = traced.owners[pos]
    if owner < 0:
        return a.ast.span if a.ast else Span(1, 1, 1, 1), None, None
    node = traced.nodes[owner]
    return _span_of_char(a, node, traced, pos), node, None


def _excerpt(text: str, pos: int) -> str:
    start = max(0, pos - 20)
    return json.dumps(text[start : pos + 20], ensure_ascii=False)


def _overlaps(a: Span, b: Span) -> bool:
    return (a.line, a.column) < (b.end_line, b.end_column) and (b.line, b.column) < (
        a.end_line,
        a.end_column,
    )


def check_output(
    a: Analysis,
    samples: Sequence[tuple[str, Mapping[str, Any]]] = (),
    *,
    synthesize: bool = True,
) -> list[Diagnostic]:
    """Render the analysed template against synthesized updates (when the template writes
    JSON) and ``samples``; report render errors (FTL007) and non-JSON payloads (FTL008, or
    FTL104 for list items without a separator).  What a static diagnostic already reports
    is not repeated."""
    if a.ast is None or a.has_syntax_errors:
        return []
    static = [d for d in a.diagnostics + a.suppressed if d.severity in ("error", "warning")]
    runs: list[tuple[str, Mapping[str, Any], bool]] = []
    if synthesize:
        runs.extend(
            (f'the synthesized sample "{name}"', data, True)
            for name, data in synthesize_samples(a.schema)
        )
    runs.extend((f"the sample {name}", data, False) for name, data in samples)
    out: list[Diagnostic] = []
    seen_spans: set[tuple[str, Span]] = set()

    def add(d: Diagnostic) -> None:
        if any(_overlaps(d.span, s.span) and s.code != d.code for s in static):
            return
        if (d.code, d.span) in seen_spans:
            return
        seen_spans.add((d.code, d.span))
        out.append(d)

    for sample_name, data, synthesized in runs:
        try:
            text = _render(a, data)
        except TemplateError as e:
            if synthesized and isinstance(e, InvalidReferenceError):
                continue  # synthesized data cannot know which optional values exist
            if e.lineno <= 0:
                continue
            span = Span(e.lineno, e.column, e.end_lineno or e.lineno, e.end_column or e.column)
            if (span.end_line, span.end_column) <= (span.line, span.column):
                span = Span(span.line, span.column, span.line, span.column + 1)
            message = e.message + (f" ==> {e.expression}" if e.expression else "")
            add(
                Diagnostic(
                    "FTL007",
                    "error",
                    f"Rendering with {sample_name} fails: {message}",
                    span,
                )
            )
            continue
        stripped = text.lstrip()
        if not a.looks_like_json and not stripped.startswith(("{", "[")):
            continue
        try:
            json.loads(text)
        except RecursionError:
            if not out:
                add(
                    Diagnostic(
                        "FTL008",
                        "error",
                        f"With {sample_name} the payload is not JSON: its arrays and objects "
                        "nest too deeply (are brackets opened in a #list and never closed?).",
                        Span(1, 1, 1, 2),
                    )
                )
        except json.JSONDecodeError as err:
            if _is_json_lines(text):
                continue  # one JSON value per line, deliberately (a per-user template)
            out_diag = _json_diagnostic(a, text, data, err, sample_name)
            if out_diag is not None:
                add(out_diag)
    return out


def _is_json_lines(text: str) -> bool:
    lines = [ln for ln in text.splitlines() if ln.strip()]
    if len(lines) < 2:
        return False
    try:
        for ln in lines:
            json.loads(ln)
    except (json.JSONDecodeError, RecursionError):
        return False
    return True


def _json_diagnostic(
    a: Analysis,
    text: str,
    data: Mapping[str, Any],
    err: json.JSONDecodeError,
    sample_name: str,
) -> Diagnostic | None:
    traced = _render_traced(a, data, text)
    where = f"line {err.lineno}, column {err.colno} of the output"
    if traced is None:
        assert a.ast is not None
        return Diagnostic(
            "FTL008",
            "error",
            f"With {sample_name} the payload is not JSON: {err.msg} at {where} "
            f"(near {_excerpt(text, err.pos)}).",
            Span(1, 1, 1, 2),
        )
    span, node, lst = _json_error_location(a, traced, err)
    if lst is not None:
        fix = _sep_fix(a, lst)
        return Diagnostic(
            "FTL104",
            "warning",
            f"The items this #list writes are not separated: with {sample_name} the "
            f"payload is not JSON ({err.msg} at {where}). Add <#sep>, before </#list>.",
            span,
            (fix,) if fix is not None else (),
        )
    what = ""
    if isinstance(node, n.Interpolation):
        what = " (written by this interpolation)"
    return Diagnostic(
        "FTL008",
        "error",
        f"With {sample_name} the payload is not JSON: {err.msg} at {where}, near "
        f"{_excerpt(text, err.pos)}{what}.",
        span,
    )


def _sep_fix(a: Analysis, lst: n.List) -> Fix | None:
    src_lines = a.source.split("\n")
    sp = lst.span
    if lst.else_body is not None or not (0 < sp.end_line <= len(src_lines)):
        return None
    line = src_lines[sp.end_line - 1]
    close = line.rfind("</#list", 0, sp.end_column - 1)
    if close < 0:
        return None
    at = Span(sp.end_line, close + 1, sp.end_line, close + 1)
    return Fix("Add <#sep>, before </#list>", (TextEdit(at, "<#sep>,"),))


# ----------------------------------------------------------------------------- preview


def preview(
    source: str,
    *,
    name: str = "<template>",
    sample: Mapping[str, Any] | None = None,
    users: int = 3,
    in_cohort: bool = True,
    schema: Schema | None = None,
) -> PreviewResult:
    """Render ``source`` against ``sample`` (a cohort update, the value of ``input``) or a
    synthesized update with ``users`` users; say whether the payload is JSON and, if not,
    which part of the template wrote the offending text."""
    from . import analyze

    a = analyze(source, name=name, schema=schema)
    syntax = next((d for d in a.diagnostics if d.code == "FTL001"), None)
    if syntax is not None:
        return PreviewResult("", False, error=PreviewError(syntax.message, syntax.span))
    data = (
        dict(sample) if sample is not None else synthesize_update(users, in_cohort, schema=schema)
    )
    try:
        text = _render(a, data)
    except TemplateError as e:
        span = (
            Span(e.lineno, e.column, e.end_lineno or e.lineno, max(e.end_column, e.column + 1))
            if e.lineno > 0
            else None
        )
        msg = e.message + (f" ==> {e.expression}" if e.expression else "")
        return PreviewResult("", False, error=PreviewError(msg, span))
    try:
        json.loads(text)
    except RecursionError:
        return PreviewResult(
            text, False, json_error=PreviewError("arrays and objects nest too deeply", None)
        )
    except json.JSONDecodeError as err:
        traced = _render_traced(a, data, text)
        where: Span | None = None
        if traced is not None:
            where = _json_error_location(a, traced, err)[0]
        msg = f"{err.msg} at line {err.lineno}, column {err.colno} of the output"
        return PreviewResult(text, False, json_error=PreviewError(msg, where))
    return PreviewResult(text, True)


Renderer = Callable[[Mapping[str, Any]], str]
