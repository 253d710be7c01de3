"""The parser: template text to an AST (``ftl.nodes``) with source spans.

Lark's LALR parser runs over the grammar in ``grammar/freemarker.lark`` with the modal
lexer of :mod:`ftl.lexer`.  The transformer below turns Lark's tree into a small mutable
pre-AST (:class:`ftl.whitespace.W`), white-space is stripped as FreeMarker does it, and
the frozen AST is built.  Lark's ``Tree``, ``Token`` and exceptions never leave this module.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from decimal import Decimal
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, ClassVar, cast

from lark import Lark, Token, Transformer, v_args
from lark.exceptions import UnexpectedCharacters, UnexpectedInput, UnexpectedToken, VisitError

from . import nodes as n
from .errors import TemplateSyntaxError
from .lexer import INTERPOLATIONS_ONLY, NAMING, FtlLexer, NamingConvention
from .whitespace import ROOT_BUILD, W, clean_up

__all__ = ["build_parser", "grammar_text", "parse", "unescape_string"]

_LAMBDA_BUILTINS = frozenset({"filter", "map", "take_while", "drop_while"})
_PARSE_TIME_BUILTINS = frozenset({"then", "switch"})
_LOOP_VAR_BUILTINS = frozenset(
    {
        "index",
        "counter",
        "has_next",
        "is_first",
        "is_last",
        "item_parity",
        "item_parity_cap",
        "item_cycle",
        "is_odd_item",
        "is_even_item",
    }
)


def grammar_text() -> str:
    """The grammar source, from the installed package or the source tree."""
    try:
        return (resources.files("ftl._grammar") / "freemarker.lark").read_text("utf-8")
    except (ModuleNotFoundError, FileNotFoundError):
        here = Path(__file__).resolve().parent.parent / "grammar" / "freemarker.lark"
        return here.read_text("utf-8")


def build_parser(*, strict: bool = False, cache: str | None = None) -> Lark:
    """The Lark LALR parser over the modal lexer, with the AST transformer run inside it
    (built once per process: see _parser)."""
    return Lark(
        grammar_text(),
        parser="lalr",
        lexer=FtlLexer,
        maybe_placeholders=False,
        strict=strict,
        cache=cache or False,
        transformer=_ToAst(),
    )


def _cache_file() -> str | None:
    """Where the analysed grammar is cached: a directory of the user's own (Lark's default
    is the shared temp directory, where another user could plant a pickle)."""
    import hashlib
    import os

    import lark

    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    folder = os.path.join(base, "cohort-webhooks")
    try:
        os.makedirs(folder, mode=0o700, exist_ok=True)
        if not os.access(folder, os.W_OK) or os.stat(folder).st_uid != os.getuid():
            return None
    except OSError:
        return None
    digest = hashlib.sha256((grammar_text() + lark.__version__).encode()).hexdigest()[:16]
    return os.path.join(folder, f"grammar-{digest}.lark-cache")


@lru_cache(maxsize=1)
def _parser() -> Lark:
    try:
        return build_parser(cache=_cache_file())
    except Exception:  # a corrupt or foreign cache file: build from scratch
        return build_parser()


# ----------------------------------------------------------------------------- helpers

_ESCAPES = {
    "n": "\n",
    "t": "\t",
    "r": "\r",
    "f": "\f",
    "b": "\b",
    "g": ">",
    "l": "<",
    "a": "&",
    "\\": "\\",
    "'": "'",
    '"': '"',
    "{": "{",
    "=": "=",
}
_ESCAPE_RX = re.compile(r"\\(x[0-9A-Fa-f]{1,4}|.)", re.S)


def unescape_string(body: str) -> str:
    """Decode FreeMarker's string-literal escapes (``\\n``, ``\\xA9``, ``\\g``...)."""
    if "\\" not in body:
        return body

    def repl(m: re.Match[str]) -> str:
        code = m.group(1)
        if code[0] == "x" and len(code) > 1:
            return chr(int(code[1:], 16))
        try:
            return _ESCAPES[code]
        except KeyError:
            raise ValueError(f"Unsupported escape sequence: \\{code}") from None

    return _ESCAPE_RX.sub(repl, body)


def _span(meta: Any) -> n.Span:
    if getattr(meta, "empty", True):
        return n.Span(0, 0, 0, 0)
    return n.Span(meta.line, meta.column, meta.end_line, meta.end_column)


def _tspan(tok: Token) -> n.Span:
    return n.Span(tok.line or 0, tok.column or 0, tok.end_line or 0, tok.end_column or 0)


def _cover(a: n.Span, b: n.Span) -> n.Span:
    return n.Span(a.line, a.column, b.end_line, b.end_column)


def _tokens(children: Sequence[Any], *types: str) -> list[Token]:
    return [c for c in children if isinstance(c, Token) and (not types or c.type in types)]


def _nodes(children: Sequence[Any], cls: type[Any]) -> list[Any]:
    return [c for c in children if isinstance(c, cls)]


class _Content:
    """A parsed body: its elements (pre-AST) and where it sits in the source."""

    __slots__ = ("elements",)

    def __init__(self, elements: list[W]) -> None:
        self.elements = elements


def _build_body(ws: list[W]) -> n.Body:
    out: list[n.Stmt] = []
    for w in ws:
        node = w.build(w)
        if node is None:
            continue
        if isinstance(node, tuple):
            out.extend(node)
        else:
            out.append(node)
    return tuple(out)


def _leaf(span: n.Span, build: Callable[[W], Any], **kw: Any) -> W:
    w = W(span.line, span.end_line, build, **kw)
    w.span = span
    return w


def _block_w(span: n.Span, sections: list[W], build: Callable[[W], Any], **kw: Any) -> W:
    w = W(span.line, _end_line(span), build, sections, **kw)
    w.span = span
    return w


def _end_line(span: n.Span) -> int:
    # The last character's line (the span's end is exclusive).
    return span.end_line if span.end_column > 1 else max(span.line, span.end_line - 1)


def _section(span: n.Span, content: _Content) -> W:
    w = W(span.line, _end_line(span), lambda w: _build_body(w.children), content.elements)
    w.span = span
    return w


def _start_of(item: Any) -> tuple[int, int] | None:
    if isinstance(item, Token):
        return (item.line, item.column or 0) if item.line else None
    if isinstance(item, n.Node):
        return (item.span.line, item.span.column) if item.span.line else None
    if isinstance(item, W):
        sp = item.span
        return (sp.line, sp.column) if sp is not None and sp.line else None
    if isinstance(item, _Content):
        item = item.elements
    if isinstance(item, list | tuple):
        for x in item:
            p = _start_of(x)
            if p is not None:
                return p
    return None


def _end_of(item: Any) -> tuple[int, int] | None:
    if isinstance(item, Token):
        return (item.end_line, item.end_column or 0) if item.end_line else None
    if isinstance(item, n.Node):
        return (item.span.end_line, item.span.end_column) if item.span.line else None
    if isinstance(item, W):
        sp = item.span
        return (sp.end_line, sp.end_column) if sp is not None and sp.line else None
    if isinstance(item, _Content):
        item = item.elements
    if isinstance(item, list | tuple):
        for x in reversed(item):
            p = _end_of(x)
            if p is not None:
                return p
    return None


class _ChildrenMeta:
    """The span of a rule, computed from its children (tokens, nodes, pre-AST elements).

    It stands in for Lark's ``meta``: the transformer runs inside the parser (no parse tree
    is built, no positions are propagated), which makes parsing about twice as fast."""

    __slots__ = ("children", "column", "empty", "end_column", "end_line", "line")

    def __init__(self, children: list[Any]) -> None:
        start = _start_of(children)
        end = _end_of(children)
        self.empty = start is None or end is None
        self.line, self.column = start or (0, 0)
        self.end_line, self.end_column = end or (0, 0)


def _with_span(f: Callable[..., Any], data: str, children: list[Any], meta: Any) -> Any:
    return f(_ChildrenMeta(children), *children)


@v_args(wrapper=_with_span)
class _ToAst(Transformer[Token, Any]):
    """Lark's rules → expressions (frozen nodes) and statements (``W`` pre-AST).

    One instance serves every parse (it runs inside the Lark parser and keeps no state);
    errors it raises carry no template name, which :func:`parse` fills in."""

    name: str | None = None

    def _error(self, message: str, span: n.Span) -> TemplateSyntaxError:
        return TemplateSyntaxError(
            message,
            name=self.name,
            lineno=span.line,
            column=span.column,
            end_lineno=span.end_line,
            end_column=span.end_column,
        )

    # -- structure -----------------------------------------------------------------------

    def start(self, meta: Any, content: _Content) -> _Content:
        return content

    def content(self, meta: Any, *children: Any) -> _Content:
        elements: list[W] = []
        for c in children:
            if isinstance(c, W):
                elements.append(c)
            elif isinstance(c, list):
                elements.extend(c)
        return _Content(elements)

    def plain_content(self, meta: Any, *children: Any) -> _Content:
        return self.content(meta, *children)

    def text(self, meta: Any, tok: Token) -> W:
        value = str(tok)
        w = W(tok.line or 0, _text_end_line(tok), lambda w: _text_node(w), text=value)
        # FreeMarker's beginColumn == 1; JavaCC expands a leading tab to column 8
        w.col1 = tok.column == 1 and not value.startswith("\t")
        w.span = _tspan(tok)
        return w

    def noparse(self, meta: Any, tok: Token) -> W:
        return self.text(meta, tok)

    def comment(self, meta: Any, tok: Token) -> W:
        span = _tspan(tok)
        body = str(tok)[4:-3]
        return _leaf(span, lambda w: n.Comment(span, body), non_outputting=True)

    def trim(self, meta: Any, tok: Token) -> W:
        span = _tspan(tok)
        kind = re.sub(r"[^a-z]", "", str(tok)[2:])
        return _leaf(span, lambda w: n.Trim(span, kind), trim=kind)  # type: ignore[arg-type]

    def flush(self, meta: Any, tok: Token) -> W:
        span = _tspan(tok)
        return _leaf(span, lambda w: None)

    def interpolation(self, meta: Any, open_: Token, expr: n.Expr, close: Token) -> W:
        span = _span(meta)
        if isinstance(expr, n.SequenceLit | n.HashLit):
            what = "sequence" if isinstance(expr, n.SequenceLit) else "hash"
            raise self._error(
                f"Found {what} literal, but expected a string or something automatically "
                "convertible to string (number, date or boolean) to print.",
                expr.span,
            )
        return _leaf(span, lambda w: n.Interpolation(span, expr), heeds=True)

    def numerical_interpolation(self, meta: Any, *children: Any) -> W:
        span = _span(meta)
        expr = _nodes(children, n.Expr)[0]
        self._number_only(expr)  # #{"a"}, #{true}, #{[1]} are refused when parsed
        ids = _tokens(children, "ID")
        lo: int | None = None
        hi: int | None = None
        if ids:
            fmt = str(ids[0])
            m = re.fullmatch(r"(?:m(\d+))?(?:M(\d+))?", fmt)
            if m is None or not fmt:
                raise self._error(f'Invalid format specifier "{fmt}" in #{{...}}.', _tspan(ids[0]))
            lo = int(m.group(1)) if m.group(1) else None
            hi = int(m.group(2)) if m.group(2) else None
            if lo is not None and hi is None:
                hi = lo
            elif hi is not None and lo is None:
                lo = 0
        return _leaf(span, lambda w: n.Interpolation(span, expr, True, lo, hi), heeds=True)

    # -- if / list / switch ------------------------------------------------------------------

    def if_block(self, meta: Any, *children: Any) -> W:
        span = _span(meta)
        open_tok = children[0]
        cond = children[1]
        content = children[3]
        sections: list[tuple[n.Expr | None, W, n.Span]] = []
        first_tag = _cover(_tspan(open_tok), _tspan(children[2]))
        sections.append(
            (
                cond,
                _section(_cover(first_tag, span) if content.elements else first_tag, content),
                first_tag,
            )
        )
        for c in children[4:]:
            if isinstance(c, tuple) and c[0] == "elseif":
                _, e, ctn, tag = c
                sections.append((e, _section(tag, ctn), tag))
            elif isinstance(c, tuple) and c[0] == "else":
                _, ctn, tag = c
                sections.append((None, _section(tag, ctn), tag))
        exprs = [s[0] for s in sections]
        tags = [s[2] for s in sections]

        def build(w: W) -> n.Stmt:
            bodies = [_build_body(sec.children) for sec in w.children]
            branches = []
            else_body = None
            for e, body, tag in zip(exprs, bodies, tags, strict=True):
                if e is None:
                    else_body = body
                else:
                    branches.append((e, body, tag))
            return n.If(span, tuple(branches), else_body)

        return _block_w(span, [s[1] for s in sections], build)

    def elseif_clause(
        self, meta: Any, tok: Token, expr: n.Expr, end: Token, content: _Content
    ) -> tuple[Any, ...]:
        return ("elseif", expr, content, _cover(_tspan(tok), _tspan(end)))

    def else_clause(self, meta: Any, tok: Token, content: _Content) -> tuple[Any, ...]:
        return ("else", content, _tspan(tok))

    def loop_vars(self, meta: Any, *children: Any) -> tuple[str, ...]:
        return tuple(str(t) for t in _tokens(children, "ID"))

    def list_block(self, meta: Any, *children: Any) -> W:
        span = _span(meta)
        seq = children[1]
        loop_vars: tuple[str, ...] = ()
        else_part = None
        for c in children:
            # the #else clause is ("else", content, span); the loop variables are names only
            # (one may be called "else": <#list xs as else>)
            if isinstance(c, tuple) and len(c) == 3 and isinstance(c[1], _Content):
                else_part = c
            elif isinstance(c, tuple) and c and all(isinstance(x, str) for x in c):
                loop_vars = c
        content = next(c for c in children if isinstance(c, _Content))
        end_tag = _tokens(children, "DIRECTIVE_END")[0]
        tag_span = _cover(_tspan(children[0]), _tspan(end_tag))
        # an empty list body next to an #else spans the whole #list for FreeMarker's
        # white-space rules (its IteratorBlock ends at </#list>)
        body_span = tag_span if content.elements or else_part is None else span
        sections = [_section(body_span, content)]
        if else_part is not None:
            sections.append(_section(else_part[2], else_part[1]))

        def build(w: W) -> n.Stmt:
            body = _build_body(w.children[0].children)
            else_body = _build_body(w.children[1].children) if len(w.children) > 1 else None
            return n.List(span, seq, loop_vars, body, else_body, tag_span)

        if else_part is None and not content.elements:
            return _leaf(span, build, children=[sections[0]])
        return _block_w(span, sections, build)

    def items_block(
        self,
        meta: Any,
        tok: Token,
        loop_vars: tuple[str, ...],
        end: Token,
        content: _Content,
        close: Token,
    ) -> W:
        span = _span(meta)
        return _block_w(
            span,
            content.elements,
            lambda w: n.Items(span, loop_vars, _build_body(w.children)),
        )

    def sep_block(self, meta: Any, tok: Token, content: _Content, close: Token) -> W:
        span = _span(meta)
        return _block_w(span, content.elements, lambda w: n.Sep(span, _build_body(w.children)))

    def sep_tail(self, meta: Any, tok: Token, content: _Content) -> W:
        span = _span(meta)
        return _block_w(span, content.elements, lambda w: n.Sep(span, _build_body(w.children)))

    def switch_block(self, meta: Any, *children: Any) -> W:
        span = _span(meta)
        value = children[1]
        cases = [c for c in children if isinstance(c, tuple) and c and c[0] == "case"]
        defaults = [c for c in cases if c[1] is None]
        if len(defaults) > 1:
            raise self._error("You can only have one #default in a #switch.", span)
        sections = [_section(c[3], c[2]) for c in cases]
        values = [c[1] for c in cases]
        spans = [c[3] for c in cases]

        def build(w: W) -> n.Stmt:
            clauses = tuple(
                n.CaseClause(sp, v, _build_body(sec.children))
                for v, sec, sp in zip(values, w.children, spans, strict=True)
            )
            return n.Switch(span, value, clauses)

        return _block_w(span, sections, build)

    def switch_lead(self, meta: Any, *children: Any) -> None:
        for c in children:
            if isinstance(c, W) and c.text is not None and c.text.strip():
                sp = c.span
                raise self._error(
                    "Only <#case ...>, <#default> or comments can come right after <#switch ...>.",
                    sp,
                )
        return None

    def case_clause(
        self, meta: Any, tok: Token, expr: n.Expr, end: Token, content: _Content
    ) -> tuple[Any, ...]:
        return ("case", expr, content, _cover(_tspan(tok), _tspan(end)))

    def default_clause(self, meta: Any, tok: Token, content: _Content) -> tuple[Any, ...]:
        return ("case", None, content, _tspan(tok))

    def break_(self, meta: Any, tok: Token) -> W:
        span = _tspan(tok)
        return _leaf(span, lambda w: n.Break(span))

    def continue_(self, meta: Any, tok: Token) -> W:
        span = _tspan(tok)
        return _leaf(span, lambda w: n.Continue(span))

    # -- assignments ---------------------------------------------------------------------

    @staticmethod
    def _scope(tok: Token) -> str:
        return {"ASSIGN_OPEN": "assign", "GLOBAL_OPEN": "global", "LOCAL_OPEN": "local"}[tok.type]

    def target(self, meta: Any, tok: Token) -> tuple[str, n.Span]:
        if tok.type == "STRING":
            return unescape_string(str(tok)[1:-1]), _tspan(tok)
        return str(tok), _tspan(tok)

    def assign_set(
        self, meta: Any, target: tuple[str, n.Span], eq: Token, value: n.Expr
    ) -> n.Assignment:
        return n.Assignment(_span(meta), target[0], "=", value, target[1])

    def assign_op(
        self, meta: Any, target: tuple[str, n.Span], op: Token, value: n.Expr
    ) -> n.Assignment:
        return n.Assignment(_span(meta), target[0], str(op), value, target[1])  # type: ignore[arg-type]

    def assign_incdec(self, meta: Any, target: tuple[str, n.Span], op: Token) -> n.Assignment:
        return n.Assignment(_span(meta), target[0], str(op), None, target[1])  # type: ignore[arg-type]

    def namespace(self, meta: Any, tok: Token, expr: n.Expr) -> tuple[str, n.Expr]:
        return ("namespace", expr)

    def assign(self, meta: Any, *children: Any) -> W:
        span = _span(meta)
        scope = self._scope(children[0])
        assignments = tuple(_nodes(children, n.Assignment))
        ns = next((c[1] for c in children if isinstance(c, tuple) and c[0] == "namespace"), None)
        if ns is not None:
            raise self._error(
                "Assigning into a namespace (in ...) is not supported: templates here have no imports.",
                span,
            )
        return _leaf(
            span,
            lambda w: n.Assign(span, scope, assignments, None),  # type: ignore[arg-type]
            non_outputting=True,
        )

    def assign_capture(self, meta: Any, *children: Any) -> W:
        span = _span(meta)
        scope = self._scope(children[0])
        name, name_span = children[1]
        content = next(c for c in children if isinstance(c, _Content))
        if any(isinstance(c, tuple) and c[0] == "namespace" for c in children[2:]):
            raise self._error("Assigning into a namespace (in ...) is not supported.", span)
        end = children[-1]
        expected = {"assign": "END_ASSIGN", "global": "END_GLOBAL", "local": "END_LOCAL"}[scope]
        if end.type != expected:
            raise self._error(f"Expected </#{scope}>, but found {end}.", _tspan(end))
        return _block_w(
            span,
            content.elements,
            lambda w: n.AssignCapture(span, scope, name, _build_body(w.children), name_span),  # type: ignore[arg-type]
            opaque=True,
        )

    def setting(self, meta: Any, tok: Token, name: Token, eq: Token, value: n.Expr, *end: Any) -> W:
        from .compiler import SETTING_NAMES

        span = _span(meta)
        if str(name) not in SETTING_NAMES:
            raise self._error(
                f'Unknown setting name: "{name}". The allowed setting names here are: '
                + ", ".join(sorted(k for k in SETTING_NAMES if k.islower())),
                _tspan(name),
            )
        return _leaf(span, lambda w: n.Setting(span, str(name), value), non_outputting=True)

    def ftl_header(self, meta: Any, *children: Any) -> W:
        span = _span(meta)
        names = _tokens(children, "ID")
        values = _nodes(children, n.Expr)
        for k in names:
            if str(k) not in _HEADER_PARAMS and str(k) not in _HEADER_FLAGS:
                raise self._error(f'Unknown FTL header parameter: "{k}".', _tspan(k))
        params = tuple((str(k), v) for k, v in zip(names, values, strict=True))
        w = _leaf(span, lambda w: n.FtlHeader(span, params))
        w.non_outputting = True
        w.header = True
        return w

    # -- macros and functions -------------------------------------------------------------

    def param(self, meta: Any, name: Token, *rest: Any) -> n.Param:
        default = rest[1] if len(rest) == 2 else None
        return n.Param(_span(meta), str(name), default)

    def catch_all(self, meta: Any, name: Token, dots: Token) -> tuple[str, str]:
        return ("catch_all", str(name))

    def param_list(self, meta: Any, *children: Any) -> list[Any]:
        return [c for c in children if not isinstance(c, Token)]

    def params(self, meta: Any, *children: Any) -> list[Any]:
        for c in children:
            if isinstance(c, list):
                return c
        return []

    def _def(self, meta: Any, children: Sequence[Any], is_function: bool) -> W:
        span = _span(meta)
        name, name_span = children[1]
        plist: list[Any] = children[2]
        params: list[n.Param] = []
        catch_all: str | None = None
        for p in plist:
            if isinstance(p, n.Param):
                if catch_all is not None:
                    raise self._error("The catch-all parameter must be the last parameter.", p.span)
                params.append(p)
            else:
                catch_all = p[1]
        seen_default = False
        for p in params:
            if p.default is not None:
                seen_default = True
            elif seen_default:  # FreeMarker refuses it for macros too
                raise self._error(
                    f"In a {'function' if is_function else 'macro'} definition, parameters "
                    "with default values must come last.",
                    p.span,
                )
        content = next(c for c in children if isinstance(c, _Content))
        return _block_w(
            span,
            content.elements,
            lambda w: n.MacroDef(
                span,
                name,
                tuple(params),
                catch_all,
                _build_body(w.children),
                is_function,
                name_span,
            ),
            non_outputting=True,
            opaque=True,
        )

    def macro_def(self, meta: Any, *children: Any) -> W:
        return self._def(meta, children, False)

    def function_def(self, meta: Any, *children: Any) -> W:
        return self._def(meta, children, True)

    def return_(self, meta: Any, *children: Any) -> W:
        span = _span(meta)
        exprs = _nodes(children, n.Expr)
        value = exprs[0] if exprs else None
        return _leaf(span, lambda w: n.Return(span, value))

    def nested(self, meta: Any, *children: Any) -> W:
        span = _span(meta)
        args: tuple[n.Expr, ...] = ()
        for c in children:
            if isinstance(c, tuple):
                args = c
        return _leaf(span, lambda w: n.Nested(span, args))

    def stop(self, meta: Any, *children: Any) -> W:
        span = _span(meta)
        exprs = _nodes(children, n.Expr)
        msg = exprs[0] if exprs else None
        return _leaf(span, lambda w: n.Stop(span, msg))

    def positional_args(self, meta: Any, *children: Any) -> tuple[n.Expr, ...]:
        return tuple(_nodes(children, n.Expr))

    def named_arg(self, meta: Any, name: Token, eq: Token, value: n.Expr) -> tuple[str, n.Expr]:
        return (str(name), value)

    def named_args(self, meta: Any, *children: Any) -> tuple[str, Any]:
        return ("named", tuple(children))

    def positional_call_args(self, meta: Any, *children: Any) -> tuple[str, Any]:
        return ("positional", tuple(_nodes(children, n.Expr)))

    def loop_params(self, meta: Any, *children: Any) -> tuple[str, Any]:
        return ("loop", tuple(str(t) for t in _tokens(children, "ID")))

    def macro_call(self, meta: Any, *children: Any) -> W:
        span = _span(meta)
        open_tok: Token = children[0]
        name = str(open_tok)
        name_span = n.Span(
            open_tok.line or 0,
            (open_tok.column or 0) + 2,
            open_tok.end_line or 0,
            open_tok.end_column or 0,
        )
        if name in _OPERATOR_WORDS:  # <@as/>, <@lt/>: an operator, not an expression
            raise self._error(f'Encountered "{name}", but was expecting an expression.', name_span)
        named: tuple[tuple[str, n.Expr], ...] | None = None
        positional: tuple[n.Expr, ...] | None = None
        loop: tuple[str, ...] = ()
        for c in children:
            if isinstance(c, tuple) and c and c[0] == "named":
                named = c[1]
            elif isinstance(c, tuple) and c and c[0] == "positional":
                positional = c[1]
            elif isinstance(c, tuple) and c and c[0] == "loop":
                loop = c[1]
        if named is not None and not named:
            named = None
        content = next((c for c in children if isinstance(c, _Content)), None)
        if content is not None:
            end = children[-1]
            end_name = re.sub(r"^</@|\s*[>\]]$", "", str(end))
            if end_name and end_name != name:
                raise self._error(f'Expected </@{name}> or </@>, but found "{end}".', _tspan(end))
            return _block_w(
                span,
                content.elements,
                lambda w: n.MacroCall(
                    span, name, named, positional, loop, _build_body(w.children), name_span
                ),
            )
        return _leaf(
            span, lambda w: n.MacroCall(span, name, named, positional, loop, None, name_span)
        )

    # -- other blocks ----------------------------------------------------------------------

    def compress(self, meta: Any, tok: Token, content: _Content, end: Token) -> W:
        span = _span(meta)
        return _block_w(span, content.elements, lambda w: n.Compress(span, _build_body(w.children)))

    def attempt(
        self, meta: Any, tok: Token, body: _Content, rec: Token, recover: _Content, end: Token
    ) -> W:
        span = _span(meta)
        attempt_span = _tspan(tok)
        recover_span = _tspan(rec)
        attempted = _section(attempt_span, body)
        if not body.elements:
            # FreeMarker stands an empty attempted section in with an empty text block that
            # has no location (line 0): it ends the same-line walks of the white-space
            # clean-up until the clean-up of the attempt block removes it as ignorable
            attempted = W(0, 0, lambda w: _build_body([]), text="")
        recovering = _section(recover_span, recover)
        return _block_w(
            span,
            [attempted, recovering],
            lambda w: n.Attempt(
                span, _build_body(attempted.children), _build_body(recovering.children)
            ),
        )

    def include(self, meta: Any, tok: Token, path: n.Expr, *rest: Any) -> W:
        span = _span(meta)
        return _leaf(span, lambda w: n.Include(span, path), heeds=True)

    def import_(
        self, meta: Any, tok: Token, path: n.Expr, as_: Token, name: Token, end: Token
    ) -> W:
        span = _span(meta)
        return _leaf(span, lambda w: n.Import(span, path, str(name)), non_outputting=True)

    # -- expressions -----------------------------------------------------------------------

    def number(self, meta: Any, tok: Token) -> n.Expr:
        return n.Literal(_span(meta), Decimal(str(tok)))

    def string(self, meta: Any, tok: Token) -> n.Expr:
        span = _span(meta)
        raw = str(tok)
        try:
            value = unescape_string(raw[1:-1])
        except ValueError as e:
            raise self._error(str(e), span) from None
        if ("${" in raw or "#{" in raw) and len(value) > 3 and ("${" in value or "#{" in value):
            return n.StringLit(span, _parse_string_parts(value, span, "<template>"))
        return n.Literal(span, value)

    def raw_string(self, meta: Any, tok: Token) -> n.Expr:
        return n.Literal(_span(meta), str(tok)[2:-1])

    def true(self, meta: Any, tok: Token) -> n.Expr:
        return n.Literal(_span(meta), True)

    def false(self, meta: Any, tok: Token) -> n.Expr:
        return n.Literal(_span(meta), False)

    def variable(self, meta: Any, tok: Token) -> n.Expr:
        return n.Variable(_span(meta), str(tok))

    def special_variable(self, meta: Any, dot: Token, name: Token) -> n.Expr:
        from .compiler import SPECIAL_VARIABLES

        if str(name) in _CAMEL_SPECIAL_VARIABLES:  # .mainTemplateName is .main_template_name
            name = Token.new_borrow_pos("ID", _CAMEL_SPECIAL_VARIABLES[str(name)], name)
        if str(name) not in SPECIAL_VARIABLES:
            raise self._error(
                f'Unknown special variable name: ".{name}". The allowed special variable names '
                f"are: {', '.join(sorted(SPECIAL_VARIABLES))}",
                _tspan(name),
            )
        return n.SpecialVariable(_span(meta), str(name))

    def sequence(self, meta: Any, lb: Token, items: tuple[n.Expr, ...], rb: Token) -> n.Expr:
        return n.SequenceLit(_span(meta), items)

    def hash_entry(
        self, meta: Any, key: n.Expr, colon: Token, value: n.Expr
    ) -> tuple[n.Expr, n.Expr]:
        if isinstance(key, n.HashLit | n.SequenceLit) or (
            isinstance(key, n.Literal) and not isinstance(key.value, str)
        ):
            raise self._error(
                "Found a non-string literal, but expected a string (hash key).", key.span
            )
        return (key, value)

    def hash(self, meta: Any, *children: Any) -> n.Expr:
        pairs = tuple(c for c in children if isinstance(c, tuple))
        return n.HashLit(_span(meta), pairs)

    def paren(self, meta: Any, lp: Token, inner: n.Expr, rp: Token) -> n.Expr:
        return n.Paren(_span(meta), inner)

    def dot(self, meta: Any, target: n.Expr, dot: Token, name: Token) -> n.Expr:
        if isinstance(target, n.SequenceLit | n.StringLit) or (
            isinstance(target, n.Literal) and not isinstance(target.value, Decimal)
        ):
            what = "sequence" if isinstance(target, n.SequenceLit) else "literal"
            raise self._error(f"A {what} literal can't be used as a hash here.", target.span)
        if name.type in _OPERATOR_NAMES and not str(name)[:1].isalpha():
            # x.lt is the key "lt", but x.< (or \lt, &lt;) is no name (FreeMarker's DotVariable)
            raise self._error(f"{name} is not a valid identifier.", _tspan(name))
        return n.Dot(_span(meta), target, str(name), _tspan(name))

    def dynamic_key(self, meta: Any, target: n.Expr, lb: Token, key: n.Expr, rb: Token) -> n.Expr:
        if isinstance(target, n.Literal) and isinstance(target.value, bool | Decimal):
            raise self._error(
                "A number or boolean literal can't be used as a list or hash.", target.span
            )
        return n.DynamicKey(_span(meta), target, key)

    def call_arguments(self, meta: Any, *children: Any) -> list[n.Expr]:
        return [c for c in children if isinstance(c, n.Expr)]

    def lambda_(self, meta: Any, param: Token, arrow: Token, body: n.Expr) -> n.Expr:
        return n.LambdaExpr(_span(meta), str(param), body)

    def method_call(
        self, meta: Any, target: n.Expr, lp: Token, args: list[n.Expr], rp: Token
    ) -> n.Expr:
        span = _span(meta)
        if (
            isinstance(target, n.BuiltInCall)
            and target.args is None
            and not _is_parenthesized(target)
        ):
            if (
                any(isinstance(a, n.LambdaExpr) for a in args)
                and target.name not in _LAMBDA_BUILTINS
            ):
                lam = next(a for a in args if isinstance(a, n.LambdaExpr))
                raise self._error(
                    f"?{target.name}(...) doesn't accept lambda expressions as arguments.", lam.span
                )
            if target.name in _PARSE_TIME_BUILTINS:
                want = 2 if target.name == "then" else None
                if (want is not None and len(args) != want) or (
                    target.name == "switch" and len(args) < 2
                ):
                    raise self._error(
                        f"?{target.name}(...) expects {'2' if want else 'at least 2'} arguments, "
                        f"but has received {len(args)}.",
                        _tspan(lp),  # FreeMarker blames the argument list
                    )
            return n.BuiltInCall(span, target.target, target.name, tuple(args), target.name_span)
        for a in args:
            if isinstance(a, n.LambdaExpr):
                raise self._error(
                    "A lambda expression (x -> ...) is only allowed as the argument of built-ins "
                    "like ?filter, ?map, ?take_while or ?drop_while.",
                    a.span,
                )
        return n.MethodCall(span, target, tuple(args))

    def builtin(self, meta: Any, target: n.Expr, q: Token, name: Token) -> n.Expr:
        from .builtins import lookup

        bname = str(name)
        span = _span(meta)
        if lookup(bname) is None:
            raise self._error(_unknown_builtin_message(bname), _tspan(name))
        if bname in _LOOP_VAR_BUILTINS and not isinstance(target, n.Variable):
            raise self._error(
                f"Expression used as the left hand operand of ?{bname} must be a simple loop "
                "variable name.",
                target.span,
            )
        return n.BuiltInCall(span, target, bname, None, _tspan(name))

    def exists(self, meta: Any, target: n.Expr, tok: Token) -> n.Expr:
        return n.Exists(_span(meta), target)

    def default_bare(self, meta: Any, target: n.Expr, tok: Token) -> n.Expr:
        return n.DefaultTo(_span(meta), target, None)

    def default_to(self, meta: Any, target: n.Expr, tok: Token, default: n.Expr) -> n.Expr:
        return n.DefaultTo(_span(meta), target, default)

    # FreeMarker checks the operand of unary - and + only when it runs (- 'x' is a
    # NonNumericalException, not a ParseException as 'x' - 1 is)
    def negate(self, meta: Any, op: Token, operand: n.Expr) -> n.Expr:
        return n.Negate(_span(meta), operand, True)

    def unary_plus(self, meta: Any, op: Token, operand: n.Expr) -> n.Expr:
        return n.Negate(_span(meta), operand, False)

    def not_(self, meta: Any, *children: Any) -> n.Expr:
        operand: n.Expr = children[-1]  # FreeMarker checks !'s operand only when it runs
        nots = _tokens(children, "EXCLAM")
        result = operand
        for tok in reversed(nots):
            result = n.Not(_cover(_tspan(tok), operand.span), result)
        return result

    def binop(self, meta: Any, left: n.Expr, op: Token, right: n.Expr) -> n.Expr:
        sym = str(op)
        if sym != "+":
            self._number_only(left)
            self._number_only(right)
        return n.BinOp(_span(meta), sym, left, right)  # type: ignore[arg-type]

    def and_(self, meta: Any, left: n.Expr, op: Token, right: n.Expr) -> n.Expr:
        self._boolean_only(left)
        self._boolean_only(right)
        return n.And(_span(meta), left, right)

    def or_(self, meta: Any, left: n.Expr, op: Token, right: n.Expr) -> n.Expr:
        self._boolean_only(left)
        self._boolean_only(right)
        return n.Or(_span(meta), left, right)

    _COMPARE_OPS: ClassVar[dict[str, str]] = {
        "EQUALS": "==",
        "DOUBLE_EQUALS": "==",
        "NOT_EQUALS": "!=",
        "LESS_THAN": "<",
        "LESS_THAN_EQUALS": "<=",
        "ESCAPED_GT": ">",
        "ESCAPED_GTE": ">=",
        "GT": ">",
        "GTE": ">=",
    }

    def compare(self, meta: Any, left: n.Expr, op: Token, right: n.Expr) -> n.Expr:
        sym = self._COMPARE_OPS[op.type]
        if sym in ("==", "!="):
            for side in (left, right):
                if isinstance(side, n.HashLit | n.SequenceLit):
                    raise self._error(
                        "Found hash or sequence literal, but expected a different type for "
                        "equality check.",
                        side.span,
                    )
        else:
            self._number_only(left)
            self._number_only(right)
        return n.Compare(_span(meta), sym, left, right)  # type: ignore[arg-type]

    def range_inclusive(self, meta: Any, start: n.Expr, op: Token, end: n.Expr) -> n.Expr:
        return self._range(meta, start, end, "inclusive")

    def range_exclusive(self, meta: Any, start: n.Expr, op: Token, end: n.Expr) -> n.Expr:
        return self._range(meta, start, end, "exclusive")

    def range_limited(self, meta: Any, start: n.Expr, op: Token, end: n.Expr) -> n.Expr:
        return self._range(meta, start, end, "limited")

    def range_unbounded(self, meta: Any, start: n.Expr, op: Token) -> n.Expr:
        return self._range(meta, start, None, "unbounded")

    def _range(self, meta: Any, start: n.Expr, end: n.Expr | None, kind: str) -> n.Expr:
        self._number_only(start)
        if end is not None:
            self._number_only(end)
        return n.Range(_span(meta), start, end, kind)  # type: ignore[arg-type]

    # -- parse-time type checks (FreeMarker's numberLiteralOnly & co.) ---------------------

    def _number_only(self, e: n.Expr) -> None:
        if isinstance(e, n.StringLit) or (isinstance(e, n.Literal) and isinstance(e.value, str)):
            raise self._error("Found string literal, but expected a number.", e.span)
        if isinstance(e, n.Literal) and isinstance(e.value, bool):
            raise self._error("Found boolean literal, but expected a number.", e.span)
        if isinstance(e, n.HashLit | n.SequenceLit):
            raise self._error("Found hash or sequence literal, but expected a number.", e.span)

    def _boolean_only(self, e: n.Expr) -> None:
        if isinstance(e, n.StringLit) or (isinstance(e, n.Literal) and isinstance(e.value, str)):
            raise self._error("Found string literal, but expected a boolean.", e.span)
        if isinstance(e, n.Literal) and isinstance(e.value, Decimal):
            raise self._error("Found number literal, but expected a boolean.", e.span)
        if isinstance(e, n.HashLit | n.SequenceLit):
            raise self._error("Found hash or sequence literal, but expected a boolean.", e.span)


_CAMEL_SPECIAL_VARIABLES = {
    "autoEsc": "auto_esc",
    "callerTemplateName": "caller_template_name",
    "currentTemplateName": "current_template_name",
    "dataModel": "data_model",
    "getOptionalTemplate": "get_optional_template",
    "incompatibleImprovements": "incompatible_improvements",
    "localeObject": "locale_object",
    "mainTemplateName": "main_template_name",
    "outputEncoding": "output_encoding",
    "outputFormat": "output_format",
    "templateName": "template_name",
    "timeZone": "time_zone",
    "urlEscapingCharset": "url_escaping_charset",
}
_OPERATOR_WORDS = frozenset({"as", "in", "using", "lt", "lte", "gt", "gte"})
_OPERATOR_NAMES = frozenset({"LESS_THAN", "LESS_THAN_EQUALS", "ESCAPED_GT", "ESCAPED_GTE"})


def _is_parenthesized(e: n.Expr) -> bool:
    return isinstance(e, n.Paren)


def _text_end_line(tok: Token) -> int:
    value = str(tok)
    line = tok.line or 1
    # line of the last character
    body = value[:-1]
    return line + body.count("\n") + body.count("\r") - body.count("\r\n")


def _text_node(w: W) -> n.Stmt | None:
    if not w.text:
        return None
    sp: n.Span = w.span
    if sp.line != w.line:  # leading white-space was stripped
        sp = n.Span(w.line, 1, sp.end_line, sp.end_column)
    return n.Text(sp, w.text)


_BUILTIN_SUGGESTIONS = {
    "json": "json_string",
    "escape": "json_string",
    "to_json": "json_string",
    "len": "length",
    "count": "size",
    "lower": "lower_case",
    "upper": "upper_case",
    "uppercase": "upper_case",
    "lowercase": "lower_case",
    "exist": "exists",
    "is_empty": "has_content",
    "str": "string",
    "to_string": "string",
    "int": "int",
}


def _unknown_builtin_message(name: str) -> str:
    from difflib import get_close_matches

    from .builtins import all_builtins

    msg = f'Unknown built-in: "{name}".'
    guess = _BUILTIN_SUGGESTIONS.get(name)
    if guess is None:
        close = get_close_matches(name, list(all_builtins()), n=1, cutoff=0.75)
        guess = close[0] if close else None
    if guess is not None and guess != name:
        msg += f" Did you mean ?{guess}?"
    return msg


def _parse_string_parts(
    value: str, span: n.Span, name: str
) -> tuple[str | n.Expr | n.Interpolation, ...]:
    """Split an interpolating string literal into text, ``${...}`` expressions and legacy
    ``#{...}`` interpolations."""
    parts: list[str | n.Expr | n.Interpolation] = []
    pos = 0
    while True:
        m = re.search(r"\$\{|#\{", value[pos:])
        if m is None:
            break
        start = pos + m.start()
        if start > pos:
            parts.append(value[pos:start])
        src = value[start:]
        only = INTERPOLATIONS_ONLY.set(True)
        try:
            sub = parse(src, name, _fragment=True)
        except TemplateSyntaxError as e:
            # FreeMarker parses the literal's content as a template that starts just after
            # the opening quote; map the inner position onto the template (escapes aside).
            before = value[:start]
            if e.lineno <= 1:
                e.lineno = span.line + before.count("\n")
                last_nl = before.rfind("\n")
                offset = start - last_nl - 1 if last_nl >= 0 else span.column + start
                e.column = offset + max(e.column, 1)
            else:
                e.lineno = span.line + before.count("\n") + e.lineno - 1
            e.end_lineno, e.end_column = e.lineno, e.column
            e.name = None  # parse() names the template
            e.source_line = None
            raise
        finally:
            INTERPOLATIONS_ONLY.reset(only)
        first = sub.body[0] if sub.body else None
        if not isinstance(first, n.Interpolation):
            raise TemplateSyntaxError(
                "Malformed interpolation in string literal.",
                name=name,
                lineno=span.line,
                column=span.column,
            )
        end_offset = _offset_of(src, first.span.end_line, first.span.end_column)
        parts.append(first if first.numerical else first.expr)
        pos = start + end_offset
    if pos < len(value):
        parts.append(value[pos:])
    return tuple(parts)


def _offset_of(text: str, line: int, column: int) -> int:
    lines = text.split("\n")
    return sum(len(x) + 1 for x in lines[: line - 1]) + column - 1


# ----------------------------------------------------------------------------- entry point


def _expected_message(e: UnexpectedToken) -> str:
    tok = e.token
    found = "the end of the template" if tok.type == "$END" else f'"{tok}"'
    if tok.type == "COMMA" and not str(tok):
        # the comma the lexer supplies between juxtaposed items ([1 2]): name what follows
        found = "another item (a missing operator or closing bracket before it?)"
    expected = sorted(e.expected)
    friendly = []
    for t in expected:
        friendly.append(_TERMINAL_NAMES.get(t, t))
    uniq = list(dict.fromkeys(friendly))
    if len(uniq) > 8:
        uniq = [*uniq[:8], "..."]
    return f"Encountered {found}, but was expecting one of: {', '.join(uniq)}"


_TERMINAL_NAMES = {
    "DIRECTIVE_END": '">"',
    "EMPTY_DIRECTIVE_END": '"/>"',
    "INTERP_END": '"}"',
    "RPAR": '")"',
    "RSQB": '"]"',
    "RBRACE": '"}"',
    "COMMA": '","',
    "ID": "a name",
    "STRING": "a string",
    "INTEGER": "a number",
    "DECIMAL": "a number",
    "END_IF": "</#if>",
    "END_LIST": "</#list>",
    "END_ITEMS": "</#items>",
    "END_SEP": "</#sep>",
    "END_SWITCH": "</#switch>",
    "END_MACRO": "</#macro>",
    "END_FUNCTION": "</#function>",
    "END_ASSIGN": "</#assign>",
    "END_COMPRESS": "</#compress>",
    "END_ATTEMPT": "</#attempt>",
    "CALL_END": "</@...>",
    "EQUALS": '"="',
    "AS": '"as"',
}

_OPENERS = {
    "IF_OPEN": "#if",
    "LIST_OPEN": "#list",
    "ITEMS_OPEN": "#items",
    "SWITCH_OPEN": "#switch",
    "MACRO_OPEN": "#macro",
    "FUNCTION_OPEN": "#function",
    "COMPRESS": "#compress",
    "ATTEMPT": "#attempt",
}
_CLOSERS = {
    "END_IF": "#if",
    "END_LIST": "#list",
    "END_ITEMS": "#items",
    "END_SWITCH": "#switch",
    "END_MACRO": "#macro",
    "END_FUNCTION": "#function",
    "END_COMPRESS": "#compress",
    "END_ATTEMPT": "#attempt",
    "END_RECOVER": "#attempt",
}


def _unexpected_token_error(e: UnexpectedToken, source: str, name: str) -> TemplateSyntaxError:
    tok = e.token
    if tok.type in _CLOSERS:
        opened = _open_blocks(source, tok.start_pos or 0)
        want = _CLOSERS[tok.type]
        if want not in [o[0] for o in opened]:
            return TemplateSyntaxError(
                f"Unexpected end tag </{want}>: there is no open <{want}> to close"
                + (
                    f" (the innermost open block is <{opened[-1][0]}> from line {opened[-1][1]})."
                    if opened
                    else "."
                ),
                name=name,
                lineno=tok.line or 0,
                column=tok.column or 0,
                end_lineno=tok.end_line or 0,
                end_column=tok.end_column or 0,
            )
    if tok.type == "$END":
        opened = _open_blocks(source, len(source))
        if opened:
            what, oline, ocol = opened[-1]
            line, col = _last_char_position(source)
            return TemplateSyntaxError(
                f"Unexpected end of file reached. You have an unclosed <{what}> (opened at line "
                f"{oline}, column {ocol}); add its end tag </{what}>.",
                name=name,
                lineno=line,
                column=col,
            )
        line, col = _last_char_position(source)
        return TemplateSyntaxError(_expected_message(e), name=name, lineno=line, column=col)
    return TemplateSyntaxError(
        _expected_message(e),
        name=name,
        lineno=tok.line or 0,
        column=tok.column or 0,
        end_lineno=tok.end_line or 0,
        end_column=tok.end_column or 0,
    )


def _last_char_position(source: str) -> tuple[int, int]:
    """Where FreeMarker reports an unexpected end of file: the last character."""
    if not source:
        return 1, 1
    body = source[:-1]
    line = 1 + body.count("\n") + body.count("\r") - body.count("\r\n")
    last_nl = max(body.rfind("\n"), body.rfind("\r"))
    return line, len(body) - last_nl


def _end_position(source: str) -> tuple[int, int]:
    lines = source.split("\n")
    return len(lines), len(lines[-1]) + 1


def _open_blocks(source: str, upto: int) -> list[tuple[str, int, int]]:
    """The directive blocks still open at offset ``upto`` (for error messages)."""
    stack: list[tuple[str, int, int]] = []
    try:
        for tok in FtlLexer.lex_for_errors(source):
            if (tok.start_pos or 0) >= upto:
                break
            if tok.type in _OPENERS:
                stack.append((_OPENERS[tok.type], tok.line or 0, tok.column or 0))
            elif tok.type in _CLOSERS:
                want = _CLOSERS[tok.type]
                for i in range(len(stack) - 1, -1, -1):
                    if stack[i][0] == want:
                        del stack[i:]
                        break
    except TemplateSyntaxError:
        pass
    return stack


def parse(source: str, name: str = "<template>", *, _fragment: bool = False) -> n.Template:
    """Parse ``source`` into an AST; raises :class:`TemplateSyntaxError`."""
    # one naming convention for the template and the string literals parsed inside it
    naming = NAMING.set(NamingConvention()) if NAMING.get() is None else None
    try:
        return _parse(source, name, _fragment)
    except TemplateSyntaxError as e:
        if e.name is None:
            e.name = name
        if e.source_line is None and e.lineno > 0:
            lines = source.splitlines()
            e.source_line = lines[e.lineno - 1] if e.lineno <= len(lines) else ""
        raise
    finally:
        if naming is not None:
            NAMING.reset(naming)


def _parse(source: str, name: str, _fragment: bool) -> n.Template:
    parser = _parser()
    try:
        content = cast(_Content, parser.parse(source))  # the transformer's result
    except TemplateSyntaxError as e:
        if e.name is None:
            e.name = name
        raise
    except VisitError as e:
        inner = e.orig_exc
        if isinstance(inner, TemplateSyntaxError):
            if inner.name is None:
                inner.name = name
            raise inner from None
        raise
    except UnexpectedToken as e:
        raise _unexpected_token_error(e, source, name) from None
    except UnexpectedCharacters as e:
        raise TemplateSyntaxError(
            f"Unexpected character {e.char!r}.", name=name, lineno=e.line, column=e.column
        ) from None
    except UnexpectedInput as e:
        raise TemplateSyntaxError(str(e), name=name, lineno=e.line, column=e.column) from None
    elements = content.elements
    strip = True
    strip_text = False
    output_format = "undefined"
    header = next((w for w in elements if w.header), None)
    if header is not None:
        idx = elements.index(header)
        before = elements[:idx]
        if any(w.text is None or w.text.strip() for w in before):
            sp = header.build(header).span
            raise TemplateSyntaxError(
                "The #ftl directive must be the first thing in the template (only white-space "
                "may come before it).",
                name=name,
                lineno=sp.line,
                column=sp.column,
            )
        hnode = header.build(header)
        output_format = _check_output_format(hnode.params, source, name)
        for key, value in hnode.params:
            if key in ("strip_whitespace", "stripWhitespace"):
                strip = _header_flag(key, value, name)
            elif key in ("strip_text", "stripText"):
                strip_text = _header_flag(key, value, name)
            elif key not in _HEADER_PARAMS:
                raise TemplateSyntaxError(
                    f'Unknown FTL header parameter: "{key}".',
                    name=name,
                    lineno=value.span.line,
                    column=value.span.column,
                )
        elements = elements[idx + 1 :]
    if strip_text:
        elements = [w for w in elements if w.text is None]
    root = W(1, 1, ROOT_BUILD, elements)
    if not _fragment:
        clean_up(root, strip)
    body = _build_body(root.children)
    _check_structure(body, name)
    return n.Template(n.Span(1, 1, *_end_position(source)), name, body, strip, output_format)


_HEADER_PARAMS = frozenset(
    [
        "encoding",
        "attributes",
        "ns_prefixes",
        "nsPrefixes",
        "output_format",
        "outputFormat",
        "auto_esc",
        "autoEsc",
        "strict_syntax",
        "strictSyntax",
    ]
)
_HEADER_FLAGS = frozenset({"strip_whitespace", "stripWhitespace", "strip_text", "stripText"})
_YES = frozenset({"true", "yes", "y", "t", "on"})
_NO = frozenset({"false", "no", "n", "f", "off"})


# FreeMarker 2.3.31's built-in output formats; the markup ones auto-escape ${...} by default
NON_MARKUP_FORMATS = frozenset({"undefined", "plainText", "JSON", "JavaScript", "CSS"})
MARKUP_FORMATS = frozenset({"HTML", "XHTML", "XML", "RTF"})


def _check_output_format(params: Sequence[tuple[str, n.Expr]], source: str, name: str) -> str:
    """The #ftl header's output_format (returned) and auto_esc, checked as FreeMarker
    checks them.

    Auto-escaping (a markup format such as HTML with auto_esc left on) is not supported:
    such a template is refused rather than rendered without the escaping FreeMarker would
    apply.  Webhook payloads are JSON, whose format escapes nothing."""
    fmt_name = "undefined"
    auto_esc: tuple[bool, n.Expr, str] | None = None
    for key, value in params:

        def at(message: str, value: n.Expr = value) -> TemplateSyntaxError:
            return TemplateSyntaxError(
                message, name=name, lineno=value.span.line, column=value.span.column
            )

        if key in ("output_format", "outputFormat"):
            if not (isinstance(value, n.Literal) and isinstance(value.value, str)):
                raise at(f'The "{key}" parameter of #ftl must be a string literal, like "JSON".')
            fmt_name = value.value
            if fmt_name not in NON_MARKUP_FORMATS | MARKUP_FORMATS:
                known = ", ".join(sorted(NON_MARKUP_FORMATS | MARKUP_FORMATS))
                raise at(
                    f'Unregistered output format name, "{fmt_name}". The output formats '
                    f"registered are: {known}."
                )
        elif key in ("auto_esc", "autoEsc"):
            if not (isinstance(value, n.Literal) and isinstance(value.value, bool)):
                raise at(f'The "{key}" parameter of #ftl must be a boolean (true or false).')
            auto_esc = (value.value, value, key)
    if auto_esc is not None and auto_esc[0] and fmt_name in NON_MARKUP_FORMATS:
        line, column = _param_name_position(source, auto_esc[1].span, auto_esc[2])
        raise TemplateSyntaxError(
            f"auto_esc=true is only allowed with a markup output format (like HTML), but the "
            f'output format is "{fmt_name}".',
            name=name,
            lineno=line,
            column=column,
        )
    if fmt_name in MARKUP_FORMATS and (auto_esc is None or auto_esc[0]):
        value = next(v for k, v in params if k in ("output_format", "outputFormat"))
        raise TemplateSyntaxError(
            f'output_format="{fmt_name}" turns on auto-escaping, which this engine does not '
            "support (it would render unescaped).  Webhook payloads are JSON: use "
            'output_format="JSON", or add auto_esc=false to the #ftl header.',
            name=name,
            lineno=value.span.line,
            column=value.span.column,
        )
    return fmt_name


def _param_name_position(source: str, value_span: n.Span, key: str) -> tuple[int, int]:
    """Line and column of a header parameter's name, found back from its value (FreeMarker
    reports some header errors at the name)."""
    lines = source.split("\n")
    offset = sum(len(x) + 1 for x in lines[: value_span.line - 1]) + value_span.column - 1
    start = source.rfind(key, 0, offset)
    if start < 0:
        return value_span.line, value_span.column
    line = source.count("\n", 0, start) + 1
    return line, start - (source.rfind("\n", 0, start) + 1) + 1


def _header_flag(key: str, value: n.Expr, name: str) -> bool:
    """A boolean #ftl header parameter: true/false, or FreeMarker's yes/no strings."""
    if isinstance(value, n.Literal) and isinstance(value.value, bool):
        return value.value
    if isinstance(value, n.Literal) and isinstance(value.value, str):
        word = value.value.strip().lower()
        if word in _YES:
            return True
        if word in _NO:
            return False
    raise TemplateSyntaxError(
        f'The "{key}" parameter of #ftl must be a boolean (true or false).',
        name=name,
        lineno=value.span.line,
        column=value.span.column,
    )


def _check_structure(body: n.Body, name: str) -> None:
    """Context checks FreeMarker makes at parse time (#sep, #items, #break... placement)."""
    _Checker(name).body(
        body,
        in_list=False,
        in_items_list=False,
        loop_vars=(),
        in_macro=False,
        in_function=False,
        in_switch=False,
    )


class _Checker:
    def __init__(self, name: str) -> None:
        self.name = name

    def err(self, msg: str, span: n.Span) -> TemplateSyntaxError:
        return TemplateSyntaxError(msg, name=self.name, lineno=span.line, column=span.column)

    def body(self, body: n.Body, **ctx: Any) -> None:
        for s in body:
            self.stmt(s, **ctx)

    def stmt(
        self,
        s: n.Stmt,
        *,
        in_list: bool,
        in_items_list: bool,
        loop_vars: tuple[str, ...],
        in_macro: bool,
        in_function: bool,
        in_switch: bool,
    ) -> None:
        ctx = dict(
            in_list=in_list,
            in_items_list=in_items_list,
            loop_vars=loop_vars,
            in_macro=in_macro,
            in_function=in_function,
            in_switch=in_switch,
        )
        if isinstance(s, n.Sep):
            if not in_list:
                raise self.err("#sep must be inside a #list (or #items) block.", s.span)
            self.body(s.body, **ctx)
        elif isinstance(s, n.Items):
            if not in_items_list:
                raise self.err(
                    '#items must be inside a #list block that has no "as" loop variable.', s.span
                )
            self.body(
                s.body,
                **{
                    **ctx,
                    "in_list": True,
                    "in_items_list": False,
                    "loop_vars": loop_vars + s.loop_vars,
                },
            )
        elif isinstance(s, n.List):
            if s.loop_vars:
                self.body(
                    s.body,
                    **{
                        **ctx,
                        "in_list": True,
                        "in_items_list": False,
                        "loop_vars": loop_vars + s.loop_vars,
                    },
                )
            else:
                if not _contains_items(s.body):
                    raise self.err(
                        '#list must have an "as" loop variable, or an #items inside it.', s.tag_span
                    )
                self.body(s.body, **{**ctx, "in_list": False, "in_items_list": True})
            if s.else_body is not None:
                self.body(s.else_body, **ctx)
        elif isinstance(s, n.If):
            for _, b, _ in s.branches:
                self.body(b, **ctx)
            if s.else_body is not None:
                self.body(s.else_body, **ctx)
        elif isinstance(s, n.Switch):
            for c in s.cases:
                self.body(c.body, **{**ctx, "in_switch": True})
        elif isinstance(s, n.Break):
            if not (in_list or in_switch):
                raise self.err("#break must be inside a #list or #switch.", s.span)
        elif isinstance(s, n.Continue):
            if not in_list:
                raise self.err("#continue must be inside a #list.", s.span)
        elif isinstance(s, n.MacroDef):
            if in_macro or in_function:
                raise self.err(
                    "Macro and function definitions can't be nested into each other.", s.span
                )
            self.body(
                s.body,
                in_list=False,
                in_items_list=False,
                loop_vars=(),
                in_macro=not s.is_function,
                in_function=s.is_function,
                in_switch=False,
            )
        elif isinstance(s, n.Return):
            if not (in_macro or in_function) and s.value is None:
                # with a value it parses (FreeMarker evaluates it, then aborts the render)
                raise self.err("#return can only be used inside a #macro or #function.", s.span)
            if in_function and s.value is None:
                raise self.err("#return in a #function must have a value.", s.span)
            if in_macro and s.value is not None:
                raise self.err("#return in a #macro can't have a value.", s.span)
        elif isinstance(s, n.Nested):
            if not in_macro:
                raise self.err("#nested can only be used inside a #macro.", s.span)
        elif (isinstance(s, n.Assign) and s.scope == "local") or (
            isinstance(s, n.AssignCapture) and s.scope == "local"
        ):
            if not (in_macro or in_function):
                raise self.err("#local can only be used inside a #macro or #function.", s.span)
            if isinstance(s, n.AssignCapture):
                self.body(s.body, **ctx)
        elif isinstance(s, n.AssignCapture | n.Compress | n.Sep):
            self.body(s.body, **ctx)
        elif isinstance(s, n.Attempt):
            self.body(s.body, **ctx)
            self.body(s.recover, **ctx)
        elif isinstance(s, n.MacroCall) and s.body is not None:
            self.body(s.body, **ctx)
        elif isinstance(s, n.FtlHeader):
            raise self.err("The #ftl directive must be the first thing in the template.", s.span)


def _contains_items(body: n.Body) -> bool:
    for s in body:
        if isinstance(s, n.Items):
            return True
        if isinstance(s, n.If):
            if any(_contains_items(b) for _, b, _ in s.branches) or (
                s.else_body and _contains_items(s.else_body)
            ):
                return True
        elif isinstance(s, n.Switch):
            if any(_contains_items(c.body) for c in s.cases):
                return True
        elif isinstance(s, n.Attempt | n.Compress | n.Sep | n.AssignCapture) and _contains_items(
            getattr(s, "body", ())
        ):
            return True
    return False
