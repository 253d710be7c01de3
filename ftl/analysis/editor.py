"""Editor queries: pure functions over an :class:`~ftl.analysis.Analysis`.

Positions are 1-based ``(line, column)`` counted in characters; spans are
:class:`ftl.nodes.Span` (end exclusive).  The language server converts both ways.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Literal

from .. import nodes as n
from ..builtins import BuiltIn, all_builtins, lookup
from ..nodes import Span
from ..schema import ANY, STRING, Schema, Type
from ._core import _PREDEFINED
from .docs import DIRECTIVES, builtin_markdown, builtin_snippet
from .model import Analysis, Symbol, TextEdit
from .output import PreviewResult
from .output import preview as _preview
from .walk import descendants, line_index, node_at

__all__ = [
    "CompletionItem",
    "CompletionKind",
    "DocumentSymbol",
    "Hover",
    "SignatureHelp",
    "chain_type",
    "completions",
    "definition",
    "document_symbols",
    "folding_ranges",
    "hover",
    "inlay_hints",
    "preview",
    "references",
    "rename",
    "semantic_tokens",
    "signature_help",
]

CompletionKind = Literal["field", "builtin", "directive", "macro", "variable", "keyword", "snippet"]
TOKEN_TYPES = (
    "directive",
    "interpolation",
    "builtin",
    "field",
    "variable",
    "string",
    "number",
    "comment",
    "operator",
    "macro",
)
"""The semantic token types :func:`semantic_tokens` uses (the legend)."""


@dataclass(frozen=True)
class CompletionItem:
    label: str
    kind: CompletionKind
    detail: str = ""
    """The type ("string", "sequence of user") or a short signature."""
    documentation: str = ""
    """Markdown."""
    insert_text: str = ""
    """Text to insert (defaults to ``label``); a snippet with ``$1``/``${1:x}`` when
    ``is_snippet``."""
    is_snippet: bool = False
    sort_text: str = ""
    replace: Span | None = None
    """The range the insertion replaces (the partial word typed so far)."""


@dataclass(frozen=True)
class Hover:
    markdown: str
    span: Span


@dataclass(frozen=True)
class SignatureHelp:
    label: str
    """E.g. ``?left_pad(length, filler)`` or ``<@row user last>``."""
    documentation: str
    parameters: tuple[str, ...]
    active_parameter: int


@dataclass(frozen=True)
class DocumentSymbol:
    name: str
    kind: Literal["macro", "function", "variable", "list", "loop_variable"]
    span: Span
    selection_span: Span
    detail: str = ""
    children: tuple[DocumentSymbol, ...] = field(default=())


# ----------------------------------------------------------------------------- context

_IDENT = r"[A-Za-z_$@][\w$@]*"
_CHAIN_RX = re.compile(
    rf"({_IDENT}(?:\s*(?:\.\s*{_IDENT}|\[[^\[\]]*\]|\?{_IDENT}(?:\([^()]*\))?|\(\s*\)|!))*)"
    rf"\s*([.?])\s*(\w*)\Z"
)
_WORD_BEFORE_RX = re.compile(r"[\w$@]*\Z")
_OPENER_RX = re.compile(r"\$\{|#\{|</?#(?!--)|</?@")


def _offset(source: str, line: int, column: int) -> int:
    return line_index(source).offset(line, column)


def _position(source: str, offset: int) -> tuple[int, int]:
    return line_index(source).position(offset)


def _open_construct(source: str, offset: int) -> tuple[str, int] | None:
    """The FTL construct the cursor is inside (its opener and offset), if any."""
    start = max(0, offset - 4000)
    last: tuple[str, int] | None = None
    for m in _OPENER_RX.finditer(source, start, offset):
        last = (m.group(), m.start())
    if last is None:
        return None
    opener, at = last
    if source.startswith("<#--", at):
        return None
    closer = "}" if opener in ("${", "#{") else ">"
    depth = 0
    quote = ""
    i = at + len(opener)
    while i < offset:
        c = source[i]
        if quote:
            if c == "\\":
                i += 1
            elif c == quote:
                quote = ""
        elif c in "\"'":
            quote = c
        elif c in "([{":
            depth += 1
        elif c in ")]" or (c == "}" and depth > 0):
            depth -= 1
        elif c == closer and depth <= 0:
            return None
        i += 1
    if quote:
        return None
    return opener, at


def _comment_at(source: str, offset: int) -> bool:
    start = source.rfind("<#--", 0, offset)
    return start >= 0 and source.find("-->", start, offset) < 0


def _root_type(a: Analysis, name: str, line: int, column: int) -> tuple[Type, str]:
    for s in a.visible_symbols(line, column):
        if s.name == name:
            return s.type, s.kind
    var = a.schema.variable(name)
    if var is not None:
        return var.type, "schema"
    if name in _PREDEFINED:
        return _PREDEFINED[name], "predefined"
    return ANY, ""


_SEGMENT_RX = re.compile(rf"\.\s*({_IDENT})|\[([^\[\]]*)\]|\?({_IDENT})(\([^()]*\))?|\(\s*\)|!")


def chain_type(a: Analysis, chain: str, line: int, column: int) -> Type:
    """The type of an expression chain such as ``input.users[0]?first`` at a position."""
    m = re.match(_IDENT, chain)
    if m is None:
        return ANY
    t, _ = _root_type(a, m.group(), line, column)
    pos = m.end()
    while pos < len(chain):
        while pos < len(chain) and chain[pos].isspace():
            pos += 1
        seg = _SEGMENT_RX.match(chain, pos)
        if seg is None:
            return ANY
        pos = seg.end()
        if seg.group(1) is not None:
            if seg.group(1) == "iterator" and t.kind == "sequence":
                continue  # Amplitude's .iterator() (the call follows)
            f = t.field(seg.group(1)) if t.kind == "hash" else None
            t = f.type if f is not None else ANY
        elif seg.group(0).startswith("["):
            t = (t.item or ANY) if t.kind == "sequence" else ANY
        elif seg.group(3) is not None:
            t = _builtin_type(seg.group(3), t)
    return t


def _builtin_type(name: str, t: Type) -> Type:
    b = lookup(name)
    if b is None:
        return ANY
    if name in ("first", "last", "min", "max") and t.kind == "sequence":
        return t.item or ANY
    if name in ("reverse", "sort", "sort_by", "filter", "take_while", "drop_while"):
        return t
    if name in ("default", "if_exists"):
        return t
    if name == "keys":
        return Type("sequence", item=STRING)
    return {
        "string": STRING,
        "number": Type("number"),
        "boolean": Type("boolean"),
        "sequence": Type("sequence"),
        "hash": Type("hash"),
    }.get(b.result, ANY)


def _in_list(a: Analysis, line: int, column: int) -> tuple[n.List | None, tuple[str, ...]]:
    """The innermost ``<#list>`` whose body holds the position, and its loop variables."""
    if a.ast is None:
        return None, ()
    found: n.List | None = None
    for node in descendants(a.ast):
        if (
            isinstance(node, n.List)
            and node.span.contains(line, column)
            and not node.tag_span.contains(line, column)
        ):
            found = node
    names: tuple[str, ...] = found.loop_vars if found is not None else ()
    if found is not None and not names:
        for node in descendants(found):
            if isinstance(node, n.Items) and node.span.contains(line, column):
                names = node.loop_vars
    return found, names


def _open_blocks(source: str, offset: int) -> list[str]:
    stack: list[str] = []
    text = re.sub(r"<#--[\s\S]*?-->", "", source[:offset])
    for m in re.finditer(r"<(/?)#(\w+)([^>]*?)(/?)>", text):
        closing, name, _, selfclose = m.group(1), m.group(2), m.group(3), m.group(4)
        if name not in _BLOCKS:
            continue
        if closing:
            if name in stack:
                while stack and stack.pop() != name:
                    pass
        elif not selfclose:
            stack.append(name)
    for m in re.finditer(r"<(/?)@([\w.]+)[^>]*?(/?)>", text):
        if not m.group(1) and not m.group(3):
            stack.append("@" + m.group(2))
    return stack


_BLOCKS = frozenset(
    {"if", "list", "items", "switch", "macro", "function", "attempt", "compress", "assign",
     "global", "local", "sep"}
)  # fmt: skip


# ----------------------------------------------------------------------------- completion


def completions(a: Analysis, line: int, column: int) -> list[CompletionItem]:
    """Completion items at the position (works on half-typed text such as ``${input.``)."""
    source = a.source
    offset = _offset(source, line, column)
    if _comment_at(source, offset):
        return []
    before = source[max(0, offset - 200) : offset]
    word = _WORD_BEFORE_RX.search(before)
    partial = word.group() if word else ""
    replace = Span(line, column - len(partial), line, column)
    lst, loop_vars = _in_list(a, line, column)

    # <#dir and </#dir
    m = re.search(r"<(/?)#(\w*)\Z", before)
    if m is not None:
        if m.group(1):
            return _end_tag_items(source, offset, replace)
        return _directive_items(lst is not None, replace)
    m = re.search(r"</(\w*)\Z", before)
    if m is not None:
        rep = Span(line, column - len(m.group(1)), line, column)
        return _end_tag_items(source, offset, rep, with_hash=True)
    m = re.search(r"<@([\w.]*)\Z", before)
    if m is not None:
        return _macro_items(a, replace)

    construct = _open_construct(source, offset)
    if construct is None:
        return []
    expr_text = source[construct[1] + len(construct[0]) : offset]
    m = _CHAIN_RX.search(expr_text)
    if m is not None:
        chain, op, part = m.group(1), m.group(2), m.group(3)
        rep = Span(line, column - len(part), line, column)
        t = chain_type(a, chain, line, column)
        if op == ".":
            return _field_items(t, rep)
        is_loop_var = re.fullmatch(_IDENT, chain) is not None and chain in loop_vars
        if not is_loop_var and re.fullmatch(_IDENT, chain):
            is_loop_var = any(
                s.kind == "loop_variable" and s.name == chain
                for s in a.visible_symbols(line, column)
            )
        return _builtin_items(t, rep, is_loop_var)
    m = re.search(r"[)\]\"']\s*\?(\w*)\Z", expr_text)
    if m is not None:  # `(a!b)?`, `"text"?`, `[1, 2]?`: built-ins, ranked as for any value
        rep = Span(line, column - len(m.group(1)), line, column)
        return _builtin_items(STRING if m.group().startswith(("'", '"')) else ANY, rep, False)
    return _variable_items(a, line, column, replace)


def _field_items(t: Type, rep: Span) -> list[CompletionItem]:
    return [
        CompletionItem(
            f.name,
            "field",
            detail=f.type.display(),
            documentation=f.doc + (f"\n\nExample: `{f.example}`" if f.example else ""),
            insert_text=f.name,
            sort_text=f"0_{i:03d}",
            replace=rep,
        )
        for i, f in enumerate(t.fields)
    ]


_POPULAR = frozenset(
    {"json_string", "c", "string", "has_content", "length", "size", "trim", "upper_case",
     "lower_case", "number", "join", "keys", "has_next", "index", "counter", "then"}
)  # fmt: skip


def _rank(b: BuiltIn, t: Type, is_loop_var: bool) -> str:
    rank = _rank_by_type(b, t, is_loop_var)
    return rank + ("0" if b.name in _POPULAR else "1")


def _rank_by_type(b: BuiltIn, t: Type, is_loop_var: bool) -> str:
    if b.kind == "loop":
        return "0" if is_loop_var else "9"
    if not t.known:
        return "1" if "any" not in b.accepts else "2"
    if t.kind in b.accepts:
        return "0"
    if "any" in b.accepts:
        return "1"
    if "string" in b.accepts and t.kind in ("number", "date"):
        return "2"
    return "3"


def _builtin_items(t: Type, rep: Span, is_loop_var: bool) -> list[CompletionItem]:
    items = []
    for name, b in all_builtins().items():
        if b.kind == "jvm_only" or b.name != name or any(c.isupper() for c in name):
            continue
        if b.kind == "loop" and not is_loop_var:
            continue
        text, snippet = builtin_snippet(b)
        items.append(
            CompletionItem(
                name,
                "builtin",
                detail=f"{', '.join(b.accepts)} → {b.result}",
                documentation=builtin_markdown(b),
                insert_text=text,
                is_snippet=snippet,
                sort_text=f"{_rank(b, t, is_loop_var)}_{name}",
                replace=rep,
            )
        )
    items.sort(key=lambda i: i.sort_text)
    return items


def _variable_items(a: Analysis, line: int, column: int, rep: Span) -> list[CompletionItem]:
    items: list[CompletionItem] = []
    seen: set[str] = set()
    for s in a.visible_symbols(line, column):
        if s.kind in ("macro",):
            continue
        seen.add(s.name)
        items.append(
            CompletionItem(
                s.name,
                "variable" if s.kind != "function" else "macro",
                detail=s.type.display() if s.kind != "function" else s.detail,
                documentation=_symbol_markdown(s),
                insert_text=s.name,
                sort_text=f"0_{s.name}",
                replace=rep,
            )
        )
    for v in a.schema.variables:
        if v.name not in seen:
            items.append(
                CompletionItem(
                    v.name,
                    "variable",
                    detail=v.type.display(),
                    documentation=v.doc,
                    insert_text=v.name,
                    sort_text=f"1_{v.name}",
                    replace=rep,
                )
            )
    for name, t in _PREDEFINED.items():
        items.append(
            CompletionItem(
                name,
                "variable",
                detail=t.display(),
                documentation=t.doc,
                insert_text=name,
                sort_text=f"3_{name}",
                replace=rep,
            )
        )
    for kw in ("true", "false"):
        items.append(
            CompletionItem(kw, "keyword", insert_text=kw, sort_text=f"4_{kw}", replace=rep)
        )
    return items


def _directive_items(in_list: bool, rep: Span) -> list[CompletionItem]:
    items = []
    for name, d in DIRECTIVES.items():
        if d.in_list_only and not in_list:
            continue
        rank = "0" if (in_list and name in ("sep", "items", "break", "continue")) else "1"
        items.append(
            CompletionItem(
                name,
                "directive",
                detail=f"<#{name}>",
                documentation=d.summary,
                insert_text=d.snippet,
                is_snippet="$" in d.snippet,
                sort_text=f"{rank}_{name}",
                replace=rep,
            )
        )
    items.sort(key=lambda i: i.sort_text)
    return items


def _end_tag_items(
    source: str, offset: int, rep: Span, *, with_hash: bool = False
) -> list[CompletionItem]:
    stack = _open_blocks(source, offset)
    items = []
    for i, name in enumerate(reversed(stack)):
        if name.startswith("@"):
            text = f"{name}>"
            label = f"</{name}>"
        else:
            text = f"#{name}>" if with_hash else f"{name}>"
            label = f"</#{name}>"
        items.append(
            CompletionItem(
                label,
                "keyword",
                detail="closes the open block",
                insert_text=text,
                sort_text=f"{i:03d}",
                replace=rep,
            )
        )
    return items


def _macro_items(a: Analysis, rep: Span) -> list[CompletionItem]:
    items = []
    for s in a.symbols:
        if s.kind != "macro":
            continue
        args = " ".join(
            f"{p}=${{{i + 1}}}"
            for i, p in enumerate(x for x in s.params if not x.endswith(("…", "...")))
        )
        items.append(
            CompletionItem(
                s.name,
                "macro",
                detail=s.detail,
                documentation=_symbol_markdown(s),
                insert_text=f"{s.name}{' ' + args if args else ''}/>",
                is_snippet=bool(args),
                sort_text=s.name,
                replace=rep,
            )
        )
    return items


# ----------------------------------------------------------------------------- hover


def _symbol_markdown(s: Symbol) -> str:
    kind = s.kind.replace("_", " ")
    head = f"**{s.name}** — {kind}"
    if s.kind in ("macro", "function"):
        head = f"**{s.detail}**"
    else:
        head += f": `{s.type.display()}`"
    where = f"Defined at line {s.name_span.line}, column {s.name_span.column}."
    parts = [head]
    if s.detail and s.kind not in ("macro", "function"):
        parts.append(s.detail)
    if s.type.doc and s.kind not in ("macro", "function"):
        parts.append(s.type.doc)
    parts.append(where)
    return "\n\n".join(parts)


def hover(a: Analysis, line: int, column: int) -> Hover | None:
    """Documentation and type of what is under the position (or just before it, where a
    cursor sits after typing a name)."""
    found = _hover_at(a, line, column)
    if found is None and column > 1:
        found = _hover_at(a, line, column - 1)
    return found


def _hover_at(a: Analysis, line: int, column: int) -> Hover | None:
    source = a.source
    offset = _offset(source, line, column)
    # directive names
    for m in re.finditer(r"</?#(\w+)", source[max(0, offset - 40) : offset + 40]):
        base = max(0, offset - 40)
        if base + m.start() <= offset < base + m.end() and m.group(1) in DIRECTIVES:
            sl, sc = _position(source, base + m.start())
            el, ec = _position(source, base + m.end())
            d = DIRECTIVES[m.group(1)]
            return Hover(f"**<#{d.name}>**\n\n{d.summary}", Span(sl, sc, el, ec))
    if a.ast is None:
        return None
    chain = node_at(a.ast, line, column, inclusive_end=False)
    for node in reversed(chain):
        if isinstance(node, n.BuiltInCall) and (
            node.name_span.contains(line, column)
            or (node.name_span.line, node.name_span.column - 1) == (line, column)
        ):
            b = lookup(node.name)
            if b is not None:
                return Hover(builtin_markdown(b), node.name_span)
        if isinstance(node, n.Dot) and node.name_span.contains(line, column):
            owner = a.type_of(node.target)
            f = owner.field(node.name) if owner.kind == "hash" else None
            t = a.type_of(node)
            text = f"**{node.name}**: `{t.display()}`"
            if f is not None and f.doc:
                text += "\n\n" + f.doc
            if f is not None and f.example:
                text += f"\n\nExample: `{f.example}`"
            return Hover(text, node.name_span)
        if isinstance(node, n.Variable) and node.span.contains(line, column):
            sym = a.symbol_at(line, column)
            if sym is not None:
                return Hover(_symbol_markdown(sym), node.span)
            var = a.schema.variable(node.name)
            if var is not None:
                return Hover(f"**{node.name}**: `{var.type.display()}`\n\n{var.doc}", node.span)
            if node.name in _PREDEFINED:
                t = _PREDEFINED[node.name]
                return Hover(f"**{node.name}** (Amplitude profile)\n\n{t.doc}", node.span)
            for suffix, what, modern in (
                ("_has_next", "whether another item follows", "<#sep> or {}?has_next"),
                ("_index", "the 0-based index of the item", "{}?index"),
            ):
                legacy_of = node.name[: -len(suffix)]
                if node.name.endswith(suffix) and any(
                    s.kind == "loop_variable" and s.name == legacy_of
                    for s in a.visible_symbols(line, column)
                ):
                    return Hover(
                        f"**{node.name}**: `{'boolean' if suffix == '_has_next' else 'number'}`"
                        f"\n\nLegacy loop variable of `{legacy_of}`: {what}. In standard FreeMarker "
                        f"write `{modern.format(legacy_of)}`.",
                        node.span,
                    )
            return None
        if isinstance(node, n.MacroCall) and node.name_span.contains(line, column):
            sym = a.symbol_at(line, column)
            if sym is not None:
                return Hover(_symbol_markdown(sym), node.name_span)
    sym = a.symbol_at(line, column)
    if sym is not None:
        span = next(
            (
                sp
                for sp in [sym.name_span, *sym.definitions, *sym.references]
                if sp.contains(line, column)
            ),
            sym.name_span,
        )
        return Hover(_symbol_markdown(sym), span)
    return None


# ----------------------------------------------------------------------------- signatures


def signature_help(a: Analysis, line: int, column: int) -> SignatureHelp | None:
    """Parameters of the built-in or macro whose argument list holds the position."""
    source = a.source
    offset = _offset(source, line, column)
    construct = _open_construct(source, offset)
    if construct is None:
        return None
    opener, at = construct
    text = source[at + len(opener) : offset]
    depth = 0
    commas = 0
    quote = ""
    for i in range(len(text) - 1, -1, -1):
        c = text[i]
        if quote:
            if c == quote:
                quote = ""
            continue
        if c in "\"'":
            quote = c
        elif c in ")]}":
            depth += 1
        elif c in "[{":
            depth -= 1
        elif c == "(":
            if depth == 0:
                m = re.search(rf"\?({_IDENT})\s*\Z", text[:i])
                if m is not None:
                    b = lookup(m.group(1))
                    if b is not None and b.arity is not None:
                        params = b.params or tuple(f"arg{k + 1}" for k in range(max(b.arity[0], 1)))
                        return SignatureHelp(
                            f"?{b.name}({', '.join(params)})",
                            builtin_markdown(b),
                            params,
                            min(commas, len(params) - 1),
                        )
                m = re.search(rf"({_IDENT})\s*\Z", text[:i])
                if m is not None:
                    sym = next(
                        (s for s in a.symbols if s.kind == "function" and s.name == m.group(1)),
                        None,
                    )
                    if sym is not None:
                        return SignatureHelp(
                            sym.detail,
                            _symbol_markdown(sym),
                            sym.params,
                            min(commas, max(len(sym.params) - 1, 0)),
                        )
                return None
            depth -= 1
        elif c == "," and depth == 0:
            commas += 1
    if opener == "<@":
        m = re.match(r"([\w.]+)", text)
        if m is not None:
            sym = next((s for s in a.symbols if s.kind == "macro" and s.name == m.group(1)), None)
            if sym is not None:
                typed = re.findall(rf"({_IDENT})\s*=", text[m.end() :])
                names = [p.rstrip("=…").rstrip(".") for p in sym.params]
                active = len(typed)
                if typed and typed[-1] in names and not re.search(r"=\s*\S+\s+\Z", text):
                    active = names.index(typed[-1])
                return SignatureHelp(
                    f"<@{sym.name} {' '.join(sym.params)}>",
                    _symbol_markdown(sym),
                    sym.params,
                    min(active, max(len(sym.params) - 1, 0)),
                )
    return None


# ----------------------------------------------------------------------------- navigation


def definition(a: Analysis, line: int, column: int) -> Span | None:
    """The definition (name span) of the symbol under the position."""
    s = a.symbol_at(line, column)
    return s.name_span if s is not None else None


def references(a: Analysis, line: int, column: int, include_declaration: bool = True) -> list[Span]:
    """Every use of the symbol under the position (and its definitions if asked)."""
    s = a.symbol_at(line, column)
    if s is None:
        return []
    spans = list(s.references)
    if include_declaration:
        spans = [s.name_span, *s.definitions, *spans]
    return sorted(set(spans), key=lambda sp: (sp.line, sp.column))


_VALID_NAME = re.compile(r"[A-Za-z_$@][\w$@]*\Z")
_RESERVED = frozenset({"true", "false", "in", "as", "using", "lt", "lte", "gt", "gte"})


def rename(a: Analysis, line: int, column: int, new_name: str) -> list[TextEdit] | None:
    """Edits renaming the symbol under the position; None when there is none or the new name
    is not a valid FreeMarker name."""
    s = a.symbol_at(line, column)
    if s is None or not _VALID_NAME.match(new_name) or new_name in _RESERVED:
        return None
    if s.name in a.unplaced_names:
        return None  # a use we could not place would be left behind
    spans = references(a, line, column, include_declaration=True)
    edits = [TextEdit(sp, new_name) for sp in spans if sp.line > 0]
    if s.kind == "loop_variable":
        # legacy user_has_next / user_index follow the loop variable's name
        for d in descendants(a.ast) if a.ast is not None else ():
            if (
                isinstance(d, n.Variable)
                and s.scope is not None
                and s.scope.contains(d.span.line, d.span.column)
            ):
                for suffix in ("_has_next", "_index"):
                    if d.name == s.name + suffix:
                        sp = Span(
                            d.span.line, d.span.column, d.span.line, d.span.column + len(s.name)
                        )
                        edits.append(TextEdit(sp, new_name))
    return sorted(edits, key=lambda e: (e.span.line, e.span.column))


# ----------------------------------------------------------------------------- outline


def document_symbols(a: Analysis) -> list[DocumentSymbol]:
    """Macros, functions, assigned variables and lists, nested as in the template."""
    if a.ast is None:
        return []
    by_def: dict[tuple[int, int], Symbol] = {
        (s.name_span.line, s.name_span.column): s for s in a.symbols
    }

    def of_body(body: n.Body) -> list[DocumentSymbol]:
        out: list[DocumentSymbol] = []
        for s in body:
            out.extend(of_stmt(s))
        return out

    def of_stmt(s: n.Stmt) -> list[DocumentSymbol]:
        if isinstance(s, n.MacroDef):
            kind: Literal["macro", "function"] = "function" if s.is_function else "macro"
            sym = by_def.get((s.name_span.line, s.name_span.column))
            return [
                DocumentSymbol(
                    s.name,
                    kind,
                    s.span,
                    s.name_span,
                    sym.detail if sym else "",
                    tuple(of_body(s.body)),
                )
            ]
        if isinstance(s, n.Assign):
            out = []
            for asg in s.assignments:
                sym = by_def.get((asg.name_span.line, asg.name_span.column))
                detail = sym.type.display() if sym else ""
                out.append(DocumentSymbol(asg.name, "variable", s.span, asg.name_span, detail))
            return out
        if isinstance(s, n.AssignCapture):
            return [DocumentSymbol(s.name, "variable", s.span, s.name_span, "string")]
        if isinstance(s, n.List):
            seq = _text(a.source, s.seq.span)
            children: list[DocumentSymbol] = []
            for name in s.loop_vars:
                sym = next(
                    (
                        x
                        for x in a.symbols
                        if x.kind == "loop_variable" and x.name == name and x.span == s.span
                    ),
                    None,
                )
                if sym is not None:
                    children.append(
                        DocumentSymbol(
                            name, "loop_variable", sym.name_span, sym.name_span, sym.type.display()
                        )
                    )
            children.extend(of_body(s.body))
            label = f"list {seq}" + (f" as {', '.join(s.loop_vars)}" if s.loop_vars else "")
            return [DocumentSymbol(label, "list", s.span, s.tag_span, "", tuple(children))]
        out = []
        if isinstance(s, n.If):
            for _, b, _ in s.branches:
                out.extend(of_body(b))
            if s.else_body:
                out.extend(of_body(s.else_body))
        elif isinstance(s, n.Switch):
            for c in s.cases:
                out.extend(of_body(c.body))
        elif isinstance(s, n.Items | n.Sep | n.Compress):
            out.extend(of_body(s.body))
        elif isinstance(s, n.Attempt):
            out.extend(of_body(s.body))
            out.extend(of_body(s.recover))
        return out

    return of_body(a.ast.body)


def _text(source: str, sp: Span) -> str:
    return source[_offset(source, sp.line, sp.column) : _offset(source, sp.end_line, sp.end_column)]


def folding_ranges(a: Analysis) -> list[tuple[int, int, str]]:
    """``(start line, end line, kind)`` for multi-line directive blocks ("region") and
    comments ("comment")."""
    out: set[tuple[int, int, str]] = set()
    if a.ast is None:
        return []
    for node in descendants(a.ast):
        if node is a.ast:
            continue
        sp = node.span
        end = sp.end_line if sp.end_column > 1 else sp.end_line - 1
        if isinstance(node, n.Comment) and end > sp.line:
            out.add((sp.line, end, "comment"))
        elif (
            isinstance(
                node,
                n.If
                | n.List
                | n.MacroDef
                | n.Switch
                | n.Attempt
                | n.Compress
                | n.AssignCapture
                | n.Items,
            )
            and end > sp.line
        ) or (isinstance(node, n.MacroCall) and node.body is not None and end > sp.line):
            out.add((sp.line, end, "region"))
    return sorted(out)


# ----------------------------------------------------------------------------- tokens


def semantic_tokens(a: Analysis) -> list[tuple[Span, str]]:
    """Single-line spans with a token type from :data:`TOKEN_TYPES`, in source order."""
    if a.ast is None:
        return []
    source = a.source
    tokens: list[tuple[Span, str]] = []
    text_ranges: list[tuple[int, int]] = []
    all_lines = source.split("\n")

    def add(sp: Span, kind: str) -> None:
        if sp.line <= 0:
            return
        if sp.line == sp.end_line:
            if sp.end_column > sp.column:
                tokens.append((sp, kind))
            return
        lines = all_lines
        for ln in range(sp.line, sp.end_line + 1):
            if ln > len(lines):
                break
            start = sp.column if ln == sp.line else 1
            end = sp.end_column if ln == sp.end_line else len(lines[ln - 1]) + 1
            if end > start:
                tokens.append((Span(ln, start, ln, end), kind))

    for node in descendants(a.ast):
        sp = node.span
        if isinstance(node, n.Text):
            text_ranges.append(
                (_offset(source, sp.line, sp.column), _offset(source, sp.end_line, sp.end_column))
            )
        elif isinstance(node, n.Comment):
            text_ranges.append(
                (_offset(source, sp.line, sp.column), _offset(source, sp.end_line, sp.end_column))
            )
            add(sp, "comment")
        elif isinstance(node, n.Interpolation) and not node.numerical:
            add(Span(sp.line, sp.column, sp.line, sp.column + 2), "interpolation")
            add(Span(sp.end_line, sp.end_column - 1, sp.end_line, sp.end_column), "interpolation")
        elif isinstance(node, n.Variable):
            add(sp, "variable")
        elif isinstance(node, n.Dot):
            add(node.name_span, "field")
        elif isinstance(node, n.BuiltInCall):
            ns = node.name_span
            add(Span(ns.line, ns.column - 1, ns.end_line, ns.end_column), "builtin")
        elif isinstance(node, n.Literal):
            add(
                sp,
                "number"
                if isinstance(node.value, Decimal)
                else "string"
                if isinstance(node.value, str)
                else "variable",
            )
        elif isinstance(node, n.StringLit):
            add(sp, "string")
        elif isinstance(node, n.MacroCall | n.MacroDef):
            add(node.name_span, "macro")
    text_ranges.sort()
    range_starts = [r[0] for r in text_ranges]
    for m in re.finditer(r"</#\w+\s*>|<#\w+|</@[\w.]*\s*>|<@[\w.]*", source):
        k = bisect_right(range_starts, m.start()) - 1
        if k >= 0 and text_ranges[k][0] <= m.start() < text_ranges[k][1]:
            continue
        line, col = _position(source, m.start())
        kind = "macro" if "@" in m.group() else "directive"
        tokens.append((Span(line, col, line, col + len(m.group())), kind))
    tokens.sort(key=lambda t: (t[0].line, t[0].column))
    # drop overlaps (keep the first)
    out: list[tuple[Span, str]] = []
    last = (0, 0)
    for sp, kind in tokens:
        if (sp.line, sp.column) >= last:
            out.append((sp, kind))
            last = (sp.end_line, sp.end_column)
    return out


def inlay_hints(a: Analysis) -> list[tuple[int, int, str]]:
    """``(line, column, label)``: the type of each loop variable, after its name."""
    out = []
    for s in a.symbols:
        if (
            s.kind == "loop_variable"
            and s.type.known
            and s.name_span.end_column > s.name_span.column
        ):
            out.append((s.name_span.end_line, s.name_span.end_column, f": {s.type.display()}"))
    return sorted(out)


def preview(
    source: str,
    *,
    name: str = "<template>",
    sample: Mapping[str, Any] | None = None,
    users: int = 3,
    in_cohort: bool = True,
    schema: Schema | None = None,
) -> PreviewResult:
    """Render the template against a sample or a synthesized update (see
    :func:`ftl.analysis.output.preview`)."""
    return _preview(
        source, name=name, sample=sample, users=users, in_cohort=in_cohort, schema=schema
    )
