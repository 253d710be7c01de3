"""Building an :class:`Analysis`: tolerant parse, then one walk over the AST.

The walk resolves names against lexical scopes (loop variables, macro parameters and
locals, lambda parameters, assigned variables, macros, the schema's top-level variables,
the Amplitude profile's predefined names), infers a :class:`~ftl.schema.Type` for every
expression, records symbols with their references, and reports the static diagnostics.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Literal

from .. import nodes as n
from ..amplitude import FTL_UTILS_CLASS
from ..builtins import BuiltIn, lookup
from ..errors import TemplateSyntaxError
from ..nodes import Span
from ..schema import ANY, BOOLEAN, NUMBER, STRING, UTIL_CLASS, Field, Schema, Type
from .checks import broken_directives, json_string_context, looks_like_json, missing_separators
from .model import Analysis, Diagnostic, Fix, Symbol, SymbolKind, TextEdit
from .recovery import tolerant_parse
from .walk import descendants, line_index, parent_map

__all__ = ["build", "position_of", "syntax_diagnostic"]

Taint = Literal["safe", "tainted", "unknown"]
"""Whether printed text may need JSON escaping: "tainted" values come from user-controlled
data (a user id, a cohort name, user properties), "safe" ones cannot hold a quote or a
backslash, "unknown" ones (macro parameters...) are not judged."""

_ESCAPING = frozenset({"json_string", "jsonString", "c", "cn", "url", "url_path", "urlPath"})
_SEQUENCE_PRESERVING = frozenset(
    {"reverse", "sort", "sort_by", "sortBy", "filter", "take_while", "takeWhile", "drop_while",
     "dropWhile", "sequence"}
)  # fmt: skip
_ITEM_OF = frozenset({"first", "last", "min", "max"})
_LEGACY_SUFFIXES = ("_has_next", "_index")
_PREDEFINED = {"UtilClass": UTIL_CLASS, "statics": Type("hash", name="statics")}
_BROKEN_LIST_RX = re.compile(r"<[ \t]+#list\b[^>]*?\bas\s+([A-Za-z_]\w*)")
_UNCLOSED_RX = re.compile(r"unclosed <#(\w+)> \(opened at line (\d+), column (\d+)\)")


# ----------------------------------------------------------------------------- helpers


def position_of(source: str, offset: int) -> tuple[int, int]:
    """1-based (line, column) of an offset."""
    return line_index(source).position(offset)


def offset_of(source: str, line: int, column: int) -> int:
    return line_index(source).offset(line, column)


def _line_length(source: str, line: int) -> int:
    lines = source.split("\n")
    if 1 <= line <= len(lines):
        return len(lines[line - 1].rstrip("\r"))
    return 0


def _friendlier(source: str, line: int, col: int, message: str) -> str:
    """Lead FreeMarker's "Encountered ..." with what is missing after a ``.`` or ``?``."""
    if not message.startswith("Encountered"):
        return message
    before = source[: offset_of(source, line, col)].rstrip()
    if before.endswith("?"):
        return f"A built-in name must follow ?. {message}"
    if before.endswith(".") and not before.endswith(".."):
        return f"A field name must follow the dot. {message}"
    return message


def syntax_diagnostic(source: str, e: TemplateSyntaxError, context: int = -1) -> Diagnostic:
    """FTL001 for a syntax error: FreeMarker's position, at least one character wide."""
    nlines = source.count("\n") + 1
    line, col = e.lineno, e.column
    if line <= 0 or line > nlines or col <= 0:  # end of file
        line = nlines
        col = max(1, _line_length(source, line))
    end_line, end_col = e.end_lineno or line, e.end_column or col
    if (end_line, end_col) <= (line, col):
        end_line, end_col = line, min(col + 1, _line_length(source, line) + 1)
        if end_col <= col:
            end_col = col + 1
    related: tuple[tuple[str, Span], ...] = ()
    unclosed = _UNCLOSED_RX.search(e.message)
    if unclosed is not None:
        ol, oc = int(unclosed.group(2)), int(unclosed.group(3))
        width = len(unclosed.group(1)) + 2
        related = ((f"<#{unclosed.group(1)}> opened here", Span(ol, oc, ol, oc + width)),)
    elif 0 <= context < len(source):
        cl, cc = position_of(source, context)
        if cl != line:
            width = 2 if source.startswith(("${", "#{", "<#", "<@"), context) else 3
            related = (
                ("the construct that is not finished starts here", Span(cl, cc, cl, cc + width)),
            )
    return Diagnostic(
        "FTL001",
        "error",
        _friendlier(source, line, col, e.message),
        Span(line, col, end_line, end_col),
        related=related,
    )


def _append(e: n.Expr, suffix: str) -> tuple[TextEdit, ...]:
    """Edits that apply ``suffix`` (``?c``...) to the whole of ``e``, adding parentheses
    when ``e`` binds looser than a built-in (``a!b?c`` applies ``?c`` to ``b`` only)."""
    if isinstance(
        e, n.Variable | n.Dot | n.DynamicKey | n.BuiltInCall | n.MethodCall | n.Paren | n.Literal
    ) or (isinstance(e, n.DefaultTo) and e.default is None):
        return (TextEdit(_end(e.span), suffix),)
    start = Span(e.span.line, e.span.column, e.span.line, e.span.column)
    return (TextEdit(start, "("), TextEdit(_end(e.span), ")" + suffix))


def _end(sp: Span) -> Span:
    """The empty span at the end of ``sp`` (an insertion point)."""
    return Span(sp.end_line, sp.end_column, sp.end_line, sp.end_column)


def _did_you_mean(name: str, options: list[str]) -> str | None:
    close = difflib.get_close_matches(name, options, n=1, cutoff=0.6)
    return close[0] if close else None


def _accepts(b: BuiltIn, t: Type) -> bool:
    if not t.known or "any" in b.accepts or t.kind in b.accepts:
        return True
    if "string" in b.accepts and t.kind in ("number", "date"):
        return True  # FreeMarker coerces numbers and dates for string built-ins
    return t.kind in ("method", "macro", "function")  # not judged


_KIND_NAMES = {
    "string": "a string",
    "number": "a number",
    "boolean": "a boolean",
    "date": "a date",
    "sequence": "a sequence",
    "hash": "a hash",
    "any": "any value",
}


# ----------------------------------------------------------------------------- scopes


@dataclass
class _Binding:
    symbol: Symbol | None
    type: Type
    taint: Taint = "unknown"


@dataclass
class _Frame:
    names: dict[str, _Binding] = field(default_factory=dict)
    loop_of: dict[str, n.Node] = field(default_factory=dict)


class _Walker:
    def __init__(self, a: Analysis, source: str) -> None:
        self.a = a
        self.source = source
        self.diags: list[Diagnostic] = []
        self.frames: list[_Frame] = []
        self.top: dict[str, _Binding] = {}
        self.guarded: set[str] = set()
        self.soft_defined: set[str] = set()
        self.boolean_format_set = False
        self.in_fragment = 0
        self.shift: tuple[int, int] | None = None
        self.taints: dict[int, Taint] = {}
        self.macro_stack: list[n.MacroDef] = []
        self.macro_frame_index = 0
        self.number_format_set = False
        self.has_include = False

    # -- reporting ------------------------------------------------------------------------

    def report(
        self,
        code: str,
        severity: Literal["error", "warning", "information"],
        message: str,
        span: Span,
        fixes: tuple[Fix, ...] = (),
        related: tuple[tuple[str, Span], ...] = (),
    ) -> None:
        if span.line <= 0:
            return
        if self.in_fragment:
            # inside a string literal's ${...}: positions are relative to the fragment
            mapped = self.map(span)
            edits = [(fix, [(self.map(e.span), e.new_text) for e in fix.edits]) for fix in fixes]
            if mapped is None or any(sp is None for _, es in edits for sp, _ in es):
                return
            span = mapped
            fixes = tuple(
                Fix(fix.title, tuple(TextEdit(sp, t) for sp, t in es if sp is not None))
                for fix, es in edits
            )
        self.diags.append(Diagnostic(code, severity, message, span, fixes, related))

    def map(self, span: Span) -> Span | None:
        """A span inside a string literal's interpolation, in template coordinates."""
        if not self.in_fragment:
            return span
        if self.shift is None or span.line != 1 or span.end_line != 1:
            return None
        line, offset = self.shift
        return Span(line, offset + span.column - 1, line, offset + span.end_column - 1)

    def text(self, sp: Span) -> str:
        mapped = self.map(sp)
        if mapped is None:
            return "…"
        sp = mapped
        start = offset_of(self.source, sp.line, sp.column)
        end = offset_of(self.source, sp.end_line, sp.end_column)
        return self.source[start:end]

    # -- pre-pass: top-level names, guards --------------------------------------------------

    def prepass(self, root: n.Template) -> None:
        for node in descendants(root):
            if isinstance(node, n.Exists | n.DefaultTo):
                for v in descendants(node.target):
                    if isinstance(v, n.Variable):
                        self.guarded.add(v.name)
            elif isinstance(node, n.BuiltInCall):
                b = lookup(node.name)
                if b is not None and b.kind == "missing_ok":
                    for v in descendants(node.target):
                        if isinstance(v, n.Variable):
                            self.guarded.add(v.name)
            elif isinstance(node, n.Setting) and node.name in ("boolean_format", "booleanFormat"):
                self.boolean_format_set = True
            elif isinstance(node, n.Setting) and node.name in ("number_format", "numberFormat"):
                self.number_format_set = True
            elif isinstance(node, n.Include):
                self.has_include = True  # an included template may define any name
            elif isinstance(node, n.Import):
                sym = Symbol(node.namespace, "variable", node.span, node.span, Type("hash"))
                self._define_top(sym, Type("hash"), "unknown")
            elif isinstance(node, n.MacroDef):
                kind: SymbolKind = "function" if node.is_function else "macro"
                params = tuple(
                    p.name + ("=…" if p.default is not None else "") for p in node.params
                ) + ((node.catch_all + "...",) if node.catch_all else ())
                sym = Symbol(
                    node.name,
                    kind,
                    node.span,
                    node.name_span,
                    Type(kind),
                    detail=f"{kind} {node.name}({', '.join(params)})",
                    params=params,
                )
                self._define_top(sym, Type(kind), "unknown")
            elif (isinstance(node, n.Assign) and node.scope != "local") or (
                isinstance(node, n.AssignCapture) and node.scope != "local"
            ):
                targets = (
                    [(a.name, a.name_span, node.span) for a in node.assignments]
                    if isinstance(node, n.Assign)
                    else [(node.name, node.name_span, node.span)]
                )
                for name, name_span, span in targets:
                    existing = self.top.get(name)
                    if existing is not None and existing.symbol is not None:
                        existing.symbol.definitions.append(name_span)
                        continue
                    vkind: SymbolKind = "global" if node.scope == "global" else "variable"
                    sym = Symbol(name, vkind, span, name_span)
                    self._define_top(sym, ANY, "unknown")
        for m in _BROKEN_LIST_RX.finditer(self.source):
            self.soft_defined.add(m.group(1))

    def _define_top(self, sym: Symbol, t: Type, taint: Taint) -> None:
        self.top[sym.name] = _Binding(sym, t, taint)
        self.a.symbols.append(sym)

    # -- name resolution ------------------------------------------------------------------

    def lookup(self, name: str) -> _Binding | None:
        for frame in reversed(self.frames):
            b = frame.names.get(name)
            if b is not None:
                return b
        b = self.top.get(name)
        if b is not None:
            return b
        var = self.a.schema.variable(name)
        if var is not None:
            return _Binding(None, var.type, "tainted")
        pre = _PREDEFINED.get(name)
        if pre is not None:
            return _Binding(None, pre, "unknown")
        return None

    def legacy_loop_var(self, name: str) -> tuple[str, str] | None:
        for suffix in _LEGACY_SUFFIXES:
            if name.endswith(suffix):
                base = name[: -len(suffix)]
                for frame in reversed(self.frames):
                    if base in frame.loop_of:
                        return base, suffix
        return None

    # -- statements -----------------------------------------------------------------------

    def body(self, stmts: n.Body) -> None:
        for s in stmts:
            self.stmt(s)

    def stmt(self, s: n.Stmt) -> None:
        method = getattr(self, "s_" + type(s).__name__, None)
        if method is not None:
            method(s)
        else:
            for c in _child_exprs(s):
                self.expr(c)

    def s_Interpolation(self, s: n.Interpolation) -> None:
        t = self.expr(s.expr)
        e = s.expr
        if s.numerical:
            return
        if t.kind == "boolean" and not self.boolean_format_set:
            self.report(
                "FTL004",
                "error",
                "A boolean can't be printed without a format in FreeMarker 2.3.31: write "
                f'{self.text(e.span)}?c (true/false) or ?string("yes", "no").',
                e.span,
                (Fix("Add ?c", _append(e, "?c")),),
            )
        elif t.kind in ("hash", "sequence"):
            self.report(
                "FTL009",
                "error",
                f"{self.text(e.span)} is {_KIND_NAMES[t.kind]} ({t.display()}): ${{...}} prints "
                "only strings, numbers, dates and booleans.",
                e.span,
            )
        in_string = self.a.json_string_context.get(id(s))
        if in_string is True and t.kind not in ("number", "boolean", "date"):
            taint = self.taints.get(id(e), "unknown")
            wrong = _wrong_escaping(e)
            if wrong is not None and taint != "safe":
                self.report(
                    "FTL101",
                    "warning",
                    f"?{wrong.name} escapes for {_ESCAPE_TARGETS.get(wrong.name, 'another language')}"
                    ", not JSON: its output can break the JSON string. Use ?json_string.",
                    wrong.name_span,
                    (Fix("Use ?json_string", (TextEdit(wrong.name_span, "json_string"),)),),
                )
            elif taint == "tainted":
                note = ""
                if isinstance(e, n.DefaultTo) and isinstance(e.default, n.BuiltInCall):
                    note = (
                        f" (?{e.default.name} applies to the default value only: write "
                        f"({self.text(e.target.span)}!{self.text(e.default.target.span)})"
                        f"?{e.default.name})"
                    )
                self.report(
                    "FTL101",
                    "warning",
                    f"{self.text(e.span)} is printed inside a JSON string without escaping: a "
                    'value holding " or \\ or a line break breaks the payload. Add ?json_string'
                    + note
                    + ".",
                    e.span,
                    (Fix("Add ?json_string", _append(e, "?json_string")),),
                )
        elif (
            in_string is False
            and t.kind == "number"
            and not _is_small_literal(e)
            and not self._is_user_index(e)
            and not self.number_format_set
        ):
            self.report(
                "FTL102",
                "warning",
                f"{self.text(e.span)} is a number printed into JSON with the default format: "
                "1234 prints as 1,234. Add ?c.",
                e.span,
                (Fix("Add ?c", _append(e, "?c")),),
            )

    def _is_user_index(self, e: n.Expr) -> bool:
        """``user?index`` / ``user_index`` over ``input.users``: at most 999, as Amplitude
        sends at most 1,000 users per message, so it never gets a grouping comma."""
        name = None
        if isinstance(e, n.BuiltInCall) and e.name == "index" and isinstance(e.target, n.Variable):
            name = e.target.name
        elif isinstance(e, n.Variable) and e.name.endswith("_index"):
            name = e.name[: -len("_index")]
        if name is None:
            return False
        b = self.lookup(name)
        users = self.a.schema.input.field("users")
        return (
            b is not None
            and users is not None
            and users.type.item is not None
            and b.type is users.type.item
        )

    def s_If(self, s: n.If) -> None:
        for cond, body, _ in s.branches:
            self.expr(cond)
            self.body(body)
        if s.else_body is not None:
            self.body(s.else_body)

    def s_Switch(self, s: n.Switch) -> None:
        self.expr(s.value)
        for c in s.cases:
            if c.value is not None:
                self.expr(c.value)
            self.body(c.body)

    def _loop_frame(
        self, node: n.Node, names: tuple[str, ...], seq_type: Type, seq_taint: Taint, scope: Span
    ) -> _Frame:
        frame = _Frame()
        if len(names) == 2:  # key, value over a hash
            types = [STRING, ANY]
        else:
            types = [seq_type.item if seq_type.kind == "sequence" and seq_type.item else ANY]
        for name, t in zip(names, types, strict=False):
            name_span = _find_name(self.source, node.span, name)
            detail = (
                f"loop variable over {self.text(_seq_span(node))}"
                if isinstance(node, n.List)
                else "loop variable"
            )
            sym = Symbol(name, "loop_variable", node.span, name_span, t, scope, detail=detail)
            self.a.symbols.append(sym)
            frame.names[name] = _Binding(sym, t, seq_taint)
            frame.loop_of[name] = node
        return frame

    def s_List(self, s: n.List) -> None:
        t = self.expr(s.seq)
        taint = self.taints.get(id(s.seq), "unknown")
        if s.loop_vars:
            self.frames.append(self._loop_frame(s, s.loop_vars, t, taint, s.span))
            self.body(s.body)
            self.frames.pop()
        else:
            self.frames.append(_Frame(names={"__items_seq__": _Binding(None, t, taint)}))
            self.body(s.body)
            self.frames.pop()
        if s.else_body is not None:
            self.body(s.else_body)

    def s_Items(self, s: n.Items) -> None:
        seq = self.lookup("__items_seq__")
        t = seq.type if seq else ANY
        self.frames.append(
            self._loop_frame(s, s.loop_vars, t, seq.taint if seq else "unknown", s.span)
        )
        self.body(s.body)
        self.frames.pop()

    def s_Sep(self, s: n.Sep) -> None:
        self.body(s.body)

    def s_Assign(self, s: n.Assign) -> None:
        for asg in s.assignments:
            t = self.expr(asg.value) if asg.value is not None else NUMBER
            taint = self.taints.get(id(asg.value), "unknown") if asg.value else "safe"
            if asg.op != "=":
                t, taint = (NUMBER if asg.op != "+=" else ANY), "unknown"
                b = self.lookup(asg.name)
                if b is not None and b.symbol is not None:
                    b.symbol.references.append(asg.name_span)
            if s.scope == "local":
                self._define_local(asg.name, asg.name_span, s.span, t, taint)
            else:
                b = self.top.get(asg.name)
                if b is not None:
                    if b.symbol is not None and asg.name_span != b.symbol.name_span:
                        pass  # a re-assignment: recorded in definitions by the pre-pass
                    if b.type is ANY or (b.symbol and b.symbol.name_span == asg.name_span):
                        b.type = t
                        b.taint = taint
                        if b.symbol is not None:
                            b.symbol.type = t
                    elif b.type != t:
                        # re-assigned with another value: keep only what both agree on
                        b.type = Type(t.kind) if b.type.kind == t.kind else ANY
                        b.taint = _join_taint([b.taint, taint])
                        if b.symbol is not None:
                            b.symbol.type = b.type

    def _define_local(self, name: str, name_span: Span, span: Span, t: Type, taint: Taint) -> None:
        if not self.frames:
            return
        # locals live in the macro's frame (the outermost frame inside the macro)
        frame = self.frames[self.macro_frame_index]
        existing = frame.names.get(name)
        if existing is not None and existing.symbol is not None:
            if existing.symbol.kind == "local":
                existing.symbol.definitions.append(name_span)
            existing.type = t
            return
        scope = self.macro_stack[-1].span if self.macro_stack else None
        sym = Symbol(name, "local", span, name_span, t, scope)
        self.a.symbols.append(sym)
        frame.names[name] = _Binding(sym, t, taint)

    def s_AssignCapture(self, s: n.AssignCapture) -> None:
        self.body(s.body)
        if s.scope == "local":
            self._define_local(s.name, s.name_span, s.span, STRING, "unknown")
        else:
            b = self.top.get(s.name)
            if b is not None and b.symbol is not None:
                b.type = STRING
                b.symbol.type = STRING

    def s_MacroDef(self, s: n.MacroDef) -> None:
        frame = _Frame()
        for p in s.params:
            if p.default is not None:
                self.expr(p.default)
            name_span = Span(p.span.line, p.span.column, p.span.line, p.span.column + len(p.name))
            sym = Symbol(p.name, "parameter", p.span, name_span, ANY, s.span, detail=s.name)
            self.a.symbols.append(sym)
            frame.names[p.name] = _Binding(sym, ANY, "unknown")
        if s.catch_all:
            frame.names[s.catch_all] = _Binding(None, ANY, "unknown")
        self.frames.append(frame)
        self.macro_stack.append(s)
        saved = self.macro_frame_index
        self.macro_frame_index = len(self.frames) - 1
        self.body(s.body)
        self.macro_frame_index = saved
        self.macro_stack.pop()
        self.frames.pop()

    def s_MacroCall(self, s: n.MacroCall) -> None:
        # a dynamic callee such as <@.vars["m"]/> or <@h[key]/> is an expression the engine
        # evaluates: no macro name in it can be checked (or renamed)
        if s.callee_is_name:
            b = self.lookup(s.name.split(".")[0])
            if b is not None and b.symbol is not None and b.symbol.kind in ("macro", "function"):
                b.symbol.references.append(s.name_span)
            elif b is None and s.name not in self.guarded:
                self._undefined(s.name, s.name_span)
        for _, e in s.named_args or ():
            self.expr(e)
        for e in s.positional_args or ():
            self.expr(e)
        if s.body is not None:
            frame = _Frame()
            for name in s.loop_vars:
                frame.names[name] = _Binding(None, ANY, "unknown")
            self.frames.append(frame)
            self.body(s.body)
            self.frames.pop()

    def s_Compress(self, s: n.Compress) -> None:
        self.body(s.body)

    def s_Attempt(self, s: n.Attempt) -> None:
        self.body(s.body)
        self.body(s.recover)

    def s_Text(self, s: n.Text) -> None:
        pass

    def s_Comment(self, s: n.Comment) -> None:
        pass

    # -- expressions ----------------------------------------------------------------------

    def expr(self, e: n.Expr | None) -> Type:
        if e is None:
            return ANY
        method = getattr(self, "e_" + type(e).__name__, None)
        t: Type = ANY
        taint: Taint = "unknown"
        if method is not None:
            t, taint = method(e)
        else:
            for c in _child_exprs(e):
                self.expr(c)
        self.a.types[id(e)] = t
        self.taints[id(e)] = taint
        return t

    def e_Literal(self, e: n.Literal) -> tuple[Type, Taint]:
        if isinstance(e.value, bool):
            return BOOLEAN, "safe"
        if isinstance(e.value, Decimal):
            return NUMBER, "safe"
        bad = any(c in e.value for c in '"\\') or any(ord(c) < 0x20 for c in e.value)
        return STRING, "tainted" if bad else "safe"

    def e_StringLit(self, e: n.StringLit) -> tuple[Type, Taint]:
        shifts = self._fragment_origins(e) if not self.in_fragment else None
        saved = self.shift
        self.in_fragment += 1
        taints: list[Taint] = []
        k = 0
        for p in e.parts:
            if isinstance(p, str):
                if any(c in p for c in '"\\'):
                    taints.append("tainted")
                continue
            self.shift = shifts[k] if shifts is not None and k < len(shifts) else None
            k += 1
            if isinstance(p, n.Interpolation):
                self.expr(p.expr)
            else:
                self.expr(p)
                taints.append(self.taints.get(id(p), "unknown"))
        self.in_fragment -= 1
        self.shift = saved
        return STRING, _join_taint(taints)

    def _fragment_origins(self, e: n.StringLit) -> list[tuple[int, int]] | None:
        """Where each ``${`` of a one-line, escape-free string literal starts in the source
        (line, column), so diagnostics and references inside it can be placed."""
        sp = e.span
        if sp.line != sp.end_line or sp.line <= 0:
            return None
        raw = self.text(sp)
        if len(raw) < 2 or raw[0] not in "\"'" or "\\" in raw:
            return None
        out: list[tuple[int, int]] = []
        pos = 1
        for p in e.parts:
            if isinstance(p, str):
                if raw[pos : pos + len(p)] != p:
                    return None
                pos += len(p)
                continue
            if raw[pos : pos + 2] not in ("${", "#{"):
                return None
            out.append((sp.line, sp.column + pos))
            close = _closing_brace(raw, pos + 2)
            if close < 0:
                return None
            pos = close + 1
        return out

    def e_Variable(self, e: n.Variable) -> tuple[Type, Taint]:
        b = self.lookup(e.name)
        if b is not None and b.symbol is None and e.name in _PREDEFINED:
            self.report(
                "FTL201",
                "information",
                f"{e.name} is predefined only in Amplitude's FreeMarker (the Amplitude profile); "
                "plain FreeMarker has no such variable.",
                e.span,
            )
        if b is not None:
            if b.symbol is not None:
                ref = self.map(e.span)
                if ref is not None:
                    b.symbol.references.append(ref)
                else:
                    self.a.unplaced_names.add(e.name)
            return b.type, b.taint
        legacy = self.legacy_loop_var(e.name)
        if legacy is not None:
            base, suffix = legacy
            if suffix == "_has_next":
                self.report(
                    "FTL202",
                    "information",
                    f"{e.name} is a legacy loop variable: write <#sep> (or {base}?has_next) "
                    "in standard FreeMarker.",
                    e.span,
                    self._has_next_fixes(e, base),
                )
                return BOOLEAN, "safe"
            self.report(
                "FTL202",
                "information",
                f"{e.name} is a legacy loop variable: write {base}?index.",
                e.span,
                (Fix(f"Replace with {base}?index", (TextEdit(e.span, f"{base}?index"),)),),
            )
            return NUMBER, "safe"
        soft = e.name in self.soft_defined or any(
            e.name == base + suffix for base in self.soft_defined for suffix in _LEGACY_SUFFIXES
        )
        if e.name not in self.guarded and not soft:
            self._undefined(e.name, e.span)
        return ANY, "unknown"

    def _has_next_fixes(self, e: n.Variable, base: str) -> tuple[Fix, ...]:
        fixes = [Fix(f"Replace with {base}?has_next", (TextEdit(e.span, f"{base}?has_next"),))]
        parent = self.a.parents.get(id(e))
        if isinstance(parent, n.If) and len(parent.branches) == 1 and parent.else_body is None:
            cond, body, _ = parent.branches[0]
            if cond is e and all(isinstance(x, n.Text) for x in body):
                text = "".join(x.text for x in body if isinstance(x, n.Text))
                src = self.text(parent.span)
                if src.endswith("</#if>") and text.strip():
                    fixes.insert(
                        0,
                        Fix(
                            f"Replace with <#sep>{text}",
                            (TextEdit(parent.span, f"<#sep>{text}"),),
                        ),
                    )
        return tuple(fixes)

    def _undefined(self, name: str, span: Span) -> None:
        if self.has_include:
            return
        options = [*self.top, *(v.name for v in self.a.schema.variables)]
        for frame in self.frames:
            options.extend(k for k in frame.names if not k.startswith("__"))
        guess = _did_you_mean(name, options)
        msg = f"{name} is not defined: it is not in the data model, nor assigned, nor a loop variable or macro."
        fixes: tuple[Fix, ...] = ()
        if guess is not None:
            msg += f" Did you mean {guess}?"
            fixes = (Fix(f"Replace with {guess}", (TextEdit(span, guess),)),)
        self.report("FTL003", "error", msg, span, fixes)

    def e_SpecialVariable(self, e: n.SpecialVariable) -> tuple[Type, Taint]:
        if e.name == "now":
            return Type("date"), "safe"
        return ANY, "unknown"

    def _guarded_node(self, e: n.Node) -> bool:
        """Whether ``e`` sits under ``??``, ``!`` or a missing-tolerant built-in."""
        cur = self.a.parents.get(id(e))
        child: n.Node = e
        while isinstance(cur, n.Expr):
            if isinstance(cur, n.Exists | n.DefaultTo) and cur.target is child:
                return True
            if isinstance(cur, n.BuiltInCall) and cur.target is child:
                b = lookup(cur.name)
                if b is not None and b.kind == "missing_ok":
                    return True
            if not isinstance(cur, n.Dot | n.DynamicKey | n.Paren):
                return False
            child, cur = cur, self.a.parents.get(id(cur))
        return False

    def e_Dot(self, e: n.Dot) -> tuple[Type, Taint]:
        t = self.expr(e.target)
        taint = self.taints.get(id(e.target), "unknown")
        if t.kind == "hash":
            f = t.field(e.name)
            if f is not None:
                return f.type, "safe" if f.json_safe or f.type.kind in (
                    "number",
                    "boolean",
                ) else taint
            if t.closed and not self._guarded_node(e):
                self._unknown_field(e, t)
                return ANY, "unknown"  # reported once, as the unknown field
            return ANY, taint
        return ANY, taint

    def _unknown_field(self, e: n.Dot, t: Type) -> None:
        owner = self.text(e.target.span)
        names = [f.name for f in t.fields]
        user_field = None
        item = None
        if t is self.a.schema.input or t.name == "input":
            users = t.field("users")
            item = users.type.item if users and users.type.item else None
            if item is not None and item.field(e.name) is not None:
                user_field = e.name
        if user_field is not None:
            loop_var = None
            for frame in reversed(self.frames):
                for name, b in frame.names.items():
                    if b.type is item and b.symbol is not None:
                        loop_var = name
                        break
                if loop_var:
                    break
            target = f"{loop_var or 'user'}.{user_field}"
            msg = (
                f"{owner} has no field {e.name}: {e.name} belongs to each user, so write "
                f"{target} inside <#list {owner}.users as {loop_var or 'user'}>."
            )
            fixes = (
                (Fix(f"Replace with {target}", (TextEdit(e.span, target),)),) if loop_var else ()
            )
            self.report("FTL002", "error", msg, e.name_span, fixes)
            return
        guess = _did_you_mean(e.name, names)
        msg = f"{owner} ({t.display()}) has no field {e.name}."
        fixes = ()
        if guess is not None:
            msg += f" Did you mean {guess}?"
            fixes = (Fix(f"Replace with {guess}", (TextEdit(e.name_span, guess),)),)
        else:
            msg += f" Its fields are: {', '.join(names)}."
        self.report("FTL002", "error", msg, e.name_span, fixes)

    def e_DynamicKey(self, e: n.DynamicKey) -> tuple[Type, Taint]:
        t = self.expr(e.target)
        kt = self.expr(e.key)
        taint = self.taints.get(id(e.target), "unknown")
        if (
            isinstance(e.target, n.Variable)
            and e.target.name == "statics"
            and self.lookup("statics") is not None
            and self.lookup("statics").symbol is None  # type: ignore[union-attr]
            and isinstance(e.key, n.Literal)
            and isinstance(e.key.value, str)
        ):
            if e.key.value != FTL_UTILS_CLASS:
                self.report(
                    "FTL006",
                    "error",
                    f'statics["{e.key.value}"] needs a Java runtime: only Amplitude\'s helper '
                    f'statics["{FTL_UTILS_CLASS}"] is available.',
                    e.span,
                )
                return ANY, "unknown"
            return UTIL_CLASS, "unknown"
        if isinstance(e.key, n.Range):
            return t, taint
        if t.kind == "sequence" and kt.kind in ("number", "any"):
            return (t.item or ANY), taint
        if t.kind == "hash" and isinstance(e.key, n.Literal) and isinstance(e.key.value, str):
            f = t.field(e.key.value)
            if f is not None:
                return f.type, "safe" if f.json_safe else taint
        if t.kind == "string":
            return STRING, taint
        return ANY, taint

    def e_MethodCall(self, e: n.MethodCall) -> tuple[Type, Taint]:
        for arg in e.args:
            self.expr(arg)
        target = e.target
        if isinstance(target, n.Dot) and target.name == "iterator" and not e.args:
            t = self.expr(target.target)
            self.a.types[id(target)] = Type("method")
            if t.kind == "sequence" or not t.known:
                dot_start = Span(
                    target.name_span.line,
                    target.name_span.column - 1,
                    e.span.end_line,
                    e.span.end_column,
                )
                self.report(
                    "FTL201",
                    "information",
                    f"{self.text(e.span)} is Amplitude-only (its FreeMarker wraps Java objects): "
                    f"standard FreeMarker lists {self.text(target.target.span)} directly.",
                    dot_start,
                    (Fix("Remove .iterator()", (TextEdit(dot_start, ""),)),),
                )
            return t, self.taints.get(id(target.target), "unknown")
        t = self.expr(target)
        if (
            isinstance(target, n.Dot)
            and isinstance(target.target, n.Variable)
            and target.target.name == "UtilClass"
        ):
            return STRING, "unknown"
        return ANY, "unknown"

    def e_BuiltInCall(self, e: n.BuiltInCall) -> tuple[Type, Taint]:
        b = lookup(e.name)
        t = self.expr(e.target)
        taint = self.taints.get(id(e.target), "unknown")
        lam_frames = 0
        for arg in e.args or ():
            if isinstance(arg, n.LambdaExpr):
                item = t.item if t.kind == "sequence" and t.item else ANY
                frame = _Frame(names={arg.param: _Binding(None, item, taint)})
                self.frames.append(frame)
                lam_frames += 1
                self.expr(arg.body)
                self.frames.pop()
                self.a.types[id(arg)] = Type("function")
            else:
                self.expr(arg)
        if b is None:
            return ANY, "unknown"
        if b.kind == "jvm_only":
            self.report(
                "FTL006",
                "error",
                f"?{e.name} needs a Java runtime: Amplitude and this sandbox refuse it.",
                Span(e.name_span.line, e.name_span.column - 1, e.span.end_line, e.span.end_column),
            )
            return ANY, "unknown"
        if not _accepts(b, t):
            allowed = " or ".join(_KIND_NAMES.get(k, k) for k in b.accepts)
            hint = ""
            if e.name == "c" and t.kind == "string":
                hint = ' (?c on strings needs FreeMarker 2.3.32; for JSON write "${x?json_string}")'
            elif e.name == "size" and t.kind == "string":
                hint = " (use ?length for the length of a string)"
            self.report(
                "FTL005",
                "error",
                f"?{e.name} expects {allowed}, but {self.text(e.target.span)} is "
                f"{_KIND_NAMES.get(t.kind, t.kind)}{hint}.",
                e.name_span,
            )
        return self._builtin_result(e, b, t, taint)

    def _builtin_result(
        self, e: n.BuiltInCall, b: BuiltIn, t: Type, taint: Taint
    ) -> tuple[Type, Taint]:
        name = e.name
        if name in _ESCAPING:
            return STRING, "safe"
        if name in ("default",) or (b.kind == "missing_ok" and b.result == "any"):
            return t, taint
        if name in _SEQUENCE_PRESERVING and t.kind == "sequence":
            return t, taint
        if name in _ITEM_OF and t.kind == "sequence":
            return (t.item or ANY), taint
        if name == "keys":
            return Type("sequence", item=STRING), taint
        if name == "values":
            return Type("sequence", item=ANY), taint
        if name in ("then", "switch"):
            ts = [self.a.types.get(id(x), ANY) for x in (e.args or ())]
            kinds = {x.kind for x in ts[-2:]} if name == "then" else set()
            if len(kinds) == 1:
                return ts[-1], _join_taint(
                    [self.taints.get(id(x), "unknown") for x in e.args or ()]
                )
            return ANY, "unknown"
        if name == "string" and t.kind in ("number", "boolean", "date"):
            args = [self.taints.get(id(x), "unknown") for x in e.args or ()]
            return STRING, _join_taint(args) if args else "safe"
        result = {
            "string": STRING,
            "number": NUMBER,
            "boolean": BOOLEAN,
            "date": Type("date"),
            "sequence": Type("sequence"),
            "hash": Type("hash"),
            "macro": Type("macro"),
            "method": Type("method"),
        }.get(b.result, ANY)
        if result.kind in ("number", "boolean", "date"):
            return result, "safe"
        if result.kind == "string":
            args = [self.taints.get(id(x), "unknown") for x in e.args or ()]
            return STRING, _join_taint([taint, *args])
        return result, taint if result.kind == "sequence" else "unknown"

    def e_Exists(self, e: n.Exists) -> tuple[Type, Taint]:
        self.expr(e.target)
        return BOOLEAN, "safe"

    def e_DefaultTo(self, e: n.DefaultTo) -> tuple[Type, Taint]:
        t = self.expr(e.target)
        taint = self.taints.get(id(e.target), "unknown")
        if e.default is None:
            return t, taint
        d = self.expr(e.default)
        dt = self.taints.get(id(e.default), "unknown")
        joined = _join_taint([taint, dt])
        if t.kind == d.kind or not d.known:
            return t, joined
        if not t.known:
            return d, joined
        return ANY, joined

    def e_Paren(self, e: n.Paren) -> tuple[Type, Taint]:
        t = self.expr(e.inner)
        return t, self.taints.get(id(e.inner), "unknown")

    def e_Not(self, e: n.Not) -> tuple[Type, Taint]:
        self.expr(e.operand)
        return BOOLEAN, "safe"

    def e_And(self, e: n.And) -> tuple[Type, Taint]:
        self.expr(e.left)
        self.expr(e.right)
        return BOOLEAN, "safe"

    e_Or = e_And

    def e_Compare(self, e: n.Compare) -> tuple[Type, Taint]:
        self.expr(e.left)
        self.expr(e.right)
        return BOOLEAN, "safe"

    def e_Negate(self, e: n.Negate) -> tuple[Type, Taint]:
        self.expr(e.operand)
        return NUMBER, "safe"

    def e_BinOp(self, e: n.BinOp) -> tuple[Type, Taint]:
        lt = self.expr(e.left)
        rt = self.expr(e.right)
        taint = _join_taint(
            [self.taints.get(id(e.left), "unknown"), self.taints.get(id(e.right), "unknown")]
        )
        if e.op != "+":
            return NUMBER, "safe"
        if lt.kind == "number" and rt.kind == "number":
            return NUMBER, "safe"
        if "string" in (lt.kind, rt.kind):
            return STRING, taint
        if lt.kind == "sequence" and rt.kind == "sequence":
            return lt, taint
        if lt.kind == "hash" and rt.kind == "hash":
            return Type("hash", fields=lt.fields + rt.fields), taint
        return ANY, taint

    def e_Range(self, e: n.Range) -> tuple[Type, Taint]:
        self.expr(e.start)
        self.expr(e.end)
        return Type("sequence", item=NUMBER), "safe"

    def e_SequenceLit(self, e: n.SequenceLit) -> tuple[Type, Taint]:
        ts = [self.expr(x) for x in e.items]
        kinds = {t.kind for t in ts}
        item = ts[0] if len(kinds) == 1 else ANY
        return Type("sequence", item=item), _join_taint(
            [self.taints.get(id(x), "unknown") for x in e.items]
        )

    def e_HashLit(self, e: n.HashLit) -> tuple[Type, Taint]:
        fields: list[Field] = []
        all_static = True
        for k, v in e.pairs:
            self.expr(k)
            vt = self.expr(v)
            if isinstance(k, n.Literal) and isinstance(k.value, str):
                fields.append(Field(k.value, vt))
            else:
                all_static = False
        return Type("hash", fields=tuple(fields), closed=all_static), "unknown"

    def e_LambdaExpr(self, e: n.LambdaExpr) -> tuple[Type, Taint]:
        self.frames.append(_Frame(names={e.param: _Binding(None, ANY, "unknown")}))
        self.expr(e.body)
        self.frames.pop()
        return Type("function"), "unknown"


_ESCAPE_TARGETS = {
    "js_string": "JavaScript (' becomes \\', which JSON rejects)",
    "jsString": "JavaScript (' becomes \\', which JSON rejects)",
    "j_string": "Java",
    "jString": "Java",
    "html": "HTML (a backslash or line break stays as it is)",
    "xhtml": "XHTML (a backslash or line break stays as it is)",
    "xml": "XML (a backslash or line break stays as it is)",
    "rtf": "RTF",
}


def _wrong_escaping(e: n.Expr) -> n.BuiltInCall | None:
    """The outermost escaping built-in of ``e`` when it escapes for another language."""
    while isinstance(e, n.Paren):
        e = e.inner
    if isinstance(e, n.BuiltInCall) and e.name in _ESCAPE_TARGETS:
        return e
    return None


def _closing_brace(raw: str, start: int) -> int:
    """Index of the ``}`` closing an interpolation whose expression starts at ``start``."""
    depth = 0
    quote = ""
    i = start
    while i < len(raw):
        c = raw[i]
        if quote:
            if c == quote:
                quote = ""
        elif c in "\"'":
            quote = c
        elif c in "{([":
            depth += 1
        elif c in ")]":
            depth -= 1
        elif c == "}":
            if depth == 0:
                return i
            depth -= 1
        i += 1
    return -1


def _join_taint(taints: list[Taint]) -> Taint:
    if "tainted" in taints:
        return "tainted"
    if "unknown" in taints:
        return "unknown"
    return "safe"


def _is_small_literal(e: n.Expr) -> bool:
    """A number that prints the same with any grouping: a literal below 1000, also as the
    values ``?then``/``?switch`` choose from."""
    while isinstance(e, n.Paren):
        e = e.inner
    if isinstance(e, n.Literal):
        return isinstance(e.value, Decimal) and abs(e.value) < 1000
    if isinstance(e, n.BuiltInCall) and e.name in ("then", "switch") and e.args:
        values = (
            e.args
            if e.name == "then"
            else e.args[1::2] + ((e.args[-1],) if len(e.args) % 2 == 1 else ())
        )
        return all(_is_small_literal(v) for v in values)
    return False


def _child_exprs(node: n.Node) -> Iterator[n.Expr]:
    from .walk import children

    for c in children(node):
        if isinstance(c, n.Expr):
            yield c


def _seq_span(s: n.List) -> Span:
    return s.seq.span


def _find_name(source: str, span: Span, name: str) -> Span:
    """The span of ``name`` as a whole word in the tag that starts at ``span``."""
    start = offset_of(source, span.line, span.column)
    tag_end = source.find(">", start)
    tag_end = len(source) if tag_end < 0 else tag_end
    # the loop variable follows "as" (or is the items' variable)
    region = source[start:tag_end]
    found = list(re.finditer(rf"(?<![\w$@]){re.escape(name)}(?![\w$@])", region))
    if not found:
        return Span(span.line, span.column, span.line, span.column)
    line, col = position_of(source, start + found[-1].start())
    return Span(line, col, line, col + len(name))


# ----------------------------------------------------------------------------- entry


def build(source: str, name: str, schema: Schema) -> Analysis:
    rec = tolerant_parse(source, name)
    a = Analysis(source=source, name=name, schema=schema, ast=rec.ast, repaired_text=rec.text)
    diags = [syntax_diagnostic(source, e, c) for e, c in zip(rec.errors, rec.contexts, strict=True)]
    if rec.ast is not None:
        a.parents = parent_map(rec.ast)
        a.looks_like_json = looks_like_json(rec.ast.body)
        if a.looks_like_json:
            a.json_string_context = json_string_context(rec.ast.body)
        w = _Walker(a, rec.text)
        w.prepass(rec.ast)
        w.body(rec.ast.body)
        # references only in blanked regions are gone; the AST positions are the source's
        diags.extend(w.diags)
        diags.extend(broken_directives(a, rec.text))
        diags.extend(missing_separators(a))
    from . import apply_suppressions

    kept = apply_suppressions(source, diags)
    a.suppressed = [d for d in diags if d not in kept]
    diags = kept
    diags.sort(key=lambda d: (d.span.line, d.span.column, d.code))
    a.diagnostics = diags
    return a
