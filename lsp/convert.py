"""Conversions between the analysis and LSP: the one place positions change units.

The analysis speaks 1-based lines and columns counted in characters (code points), with
exclusive ends (:class:`ftl.nodes.Span`).  LSP speaks 0-based lines and columns counted in
the negotiated position encoding: UTF-16 code units unless the client offered another
(``utf-8`` or ``utf-32``) at ``initialize``.  Line breaks are ``\\r\\n``, ``\\r`` and ``\\n``
for both the engine and LSP (not ``str.splitlines``, which also breaks at U+2028, form
feeds and the like).

:class:`LineIndex` converts positions for one text; the ``*_to_lsp`` functions shape the
analysis's results as ``lsprotocol`` types.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Any

from lsprotocol import types

from ftl.analysis import Diagnostic, TextEdit
from ftl.analysis.editor import CompletionItem, DocumentSymbol, Hover, SignatureHelp
from ftl.analysis.output import PreviewResult
from ftl.nodes import Span

__all__ = [
    "SEMANTIC_TOKENS_LEGEND",
    "LineIndex",
    "code_actions",
    "completion_item",
    "diagnostic",
    "document_symbol",
    "fix_all",
    "folding_range",
    "hover",
    "inlay_hint",
    "location",
    "preview_result",
    "semantic_tokens",
    "signature_help",
    "snippet_text",
    "split_lines",
    "text_edits",
]

_BREAK = re.compile(r"\r\n|\r|\n")

UTF8 = types.PositionEncodingKind.Utf8.value
UTF16 = types.PositionEncodingKind.Utf16.value
UTF32 = types.PositionEncodingKind.Utf32.value


def split_lines(text: str) -> list[str]:
    """The lines of ``text`` without their terminators, as LSP counts them (a text ending in a
    line break has an empty last line)."""
    return _BREAK.split(text)


def _unit_width(ch: str, encoding: str) -> int:
    cp = ord(ch)
    if encoding == UTF16:
        return 2 if cp > 0xFFFF else 1
    if encoding == UTF8:
        return 1 if cp < 0x80 else 2 if cp < 0x800 else 3 if cp < 0x10000 else 4
    return 1


class LineIndex:
    """Positions in one text: 1-based character (line, column) ↔ LSP ``Position``.

    Out-of-range input is clamped rather than refused: a span past the end of its line ends
    at the line's end, a line past the last one means the end of the text, and an LSP
    character inside a surrogate pair (or a UTF-8 sequence) rounds down to the character
    that holds it.  Positions are never negative.
    """

    __slots__ = ("encoding", "lines")

    def __init__(self, text: str, encoding: str = UTF16) -> None:
        self.lines: list[str] = split_lines(text)
        self.encoding = encoding if encoding in (UTF8, UTF16, UTF32) else UTF16

    # --------------------------------------------------------------- analysis → LSP

    def position(self, line: int, column: int) -> types.Position:
        """The LSP position of 1-based ``line`` and character ``column``."""
        if line < 1:
            return types.Position(line=0, character=0)
        if line > len(self.lines):
            last = len(self.lines) - 1
            return types.Position(line=last, character=self._units(self.lines[last], None))
        text = self.lines[line - 1]
        return types.Position(line=line - 1, character=self._units(text, max(column, 1) - 1))

    def range(self, span: Span) -> types.Range:
        """The LSP range of a span (an end before the start collapses onto the start)."""
        start = self.position(span.line, span.column)
        end = self.position(span.end_line, span.end_column)
        if (end.line, end.character) < (start.line, start.character):
            end = start
        return types.Range(start=start, end=end)

    def _units(self, text: str, chars: int | None) -> int:
        head = text if chars is None or chars >= len(text) else text[:chars]
        if self.encoding == UTF32 or head.isascii():
            return len(head)
        enc = self.encoding
        return sum(_unit_width(ch, enc) for ch in head)

    # --------------------------------------------------------------- LSP → analysis

    def location(self, position: types.Position) -> tuple[int, int]:
        """The 1-based (line, character column) of an LSP position."""
        if position.line < 0:
            return 1, 1
        if position.line >= len(self.lines):
            last = len(self.lines)
            return last, len(self.lines[last - 1]) + 1
        text = self.lines[position.line]
        return position.line + 1, self._chars(text, position.character) + 1

    def span(self, range_: types.Range) -> Span:
        """The span of an LSP range."""
        line, column = self.location(range_.start)
        end_line, end_column = self.location(range_.end)
        return Span(line, column, end_line, end_column)

    def _chars(self, text: str, units: int) -> int:
        if units <= 0:
            return 0
        if self.encoding == UTF32 or text.isascii():
            return min(units, len(text))
        enc = self.encoding
        seen = 0
        for i, ch in enumerate(text):
            seen += _unit_width(ch, enc)
            if seen > units:
                return i
        return len(text)


# ----------------------------------------------------------------------------- diagnostics

_SEVERITY = {
    "error": types.DiagnosticSeverity.Error,
    "warning": types.DiagnosticSeverity.Warning,
    "information": types.DiagnosticSeverity.Information,
}

SOURCE = "cohort-webhooks"


def diagnostic(d: Diagnostic, idx: LineIndex, uri: str) -> types.Diagnostic:
    """An analysis diagnostic as LSP's (related spans become related information in ``uri``)."""
    related = [
        types.DiagnosticRelatedInformation(
            location=types.Location(uri=uri, range=idx.range(span)), message=message
        )
        for message, span in d.related
    ]
    return types.Diagnostic(
        range=idx.range(d.span),
        message=d.message,
        severity=_SEVERITY.get(d.severity, types.DiagnosticSeverity.Warning),
        code=d.code,
        source=SOURCE,
        related_information=related or None,
    )


def text_edits(edits: Iterable[TextEdit], idx: LineIndex) -> list[types.TextEdit]:
    return [types.TextEdit(range=idx.range(e.span), new_text=e.new_text) for e in edits]


def code_actions(
    diagnostics: Sequence[Diagnostic], wanted: Span, idx: LineIndex, uri: str
) -> list[types.CodeAction]:
    """Quick fixes for the diagnostics that touch ``wanted`` (each fix of each), then one
    "fix all" per code that has more than one fixable diagnostic in the document."""
    out: list[types.CodeAction] = []
    codes: list[str] = []
    for d in diagnostics:
        if not d.fixes or not _touches(d.span, wanted):
            continue
        lsp_diag = diagnostic(d, idx, uri)
        for i, fix in enumerate(d.fixes):
            out.append(
                types.CodeAction(
                    title=fix.title,
                    kind=types.CodeActionKind.QuickFix,
                    diagnostics=[lsp_diag],
                    is_preferred=i == 0 or None,
                    edit=_workspace_edit(uri, text_edits(fix.edits, idx)),
                )
            )
        if d.code not in codes:
            codes.append(d.code)
    for code in codes:
        same = [d for d in diagnostics if d.code == code and d.fixes]
        if len(same) > 1:
            edits = _merge_edits(e for d in same for e in d.fixes[0].edits)
            out.append(
                types.CodeAction(
                    title=f"Fix all {code} in this file ({len(same)})",
                    kind=types.CodeActionKind.QuickFix,
                    diagnostics=[diagnostic(d, idx, uri) for d in same],
                    edit=_workspace_edit(uri, text_edits(edits, idx)),
                )
            )
    return out


def fix_all(diagnostics: Sequence[Diagnostic], idx: LineIndex, uri: str) -> types.CodeAction | None:
    """``source.fixAll``: the first fix of every fixable diagnostic, overlapping edits dropped."""
    fixable = [d for d in diagnostics if d.fixes]
    if not fixable:
        return None
    edits = _merge_edits(e for d in fixable for e in d.fixes[0].edits)
    return types.CodeAction(
        title="Fix all auto-fixable problems",
        kind=types.CodeActionKind.SourceFixAll,
        edit=_workspace_edit(uri, text_edits(edits, idx)),
    )


def _workspace_edit(uri: str, edits: list[types.TextEdit]) -> types.WorkspaceEdit:
    return types.WorkspaceEdit(changes={uri: edits})


def _key(line: int, column: int) -> tuple[int, int]:
    return line, column


def _touches(span: Span, wanted: Span) -> bool:
    """Whether two spans overlap or touch (a cursor at either end of a span touches it)."""
    return _key(span.line, span.column) <= _key(wanted.end_line, wanted.end_column) and _key(
        wanted.line, wanted.column
    ) <= _key(span.end_line, span.end_column)


def _merge_edits(edits: Iterable[TextEdit]) -> list[TextEdit]:
    """Edits in order, without duplicates and without any that overlaps an earlier one."""
    out: list[TextEdit] = []
    for e in sorted(set(edits), key=lambda e: (e.span.line, e.span.column, e.span.end_line)):
        if out:
            prev = out[-1].span
            if _key(e.span.line, e.span.column) < _key(prev.end_line, prev.end_column):
                continue
        out.append(e)
    return out


# ----------------------------------------------------------------------------- editor queries

_COMPLETION_KIND = {
    "field": types.CompletionItemKind.Field,
    "builtin": types.CompletionItemKind.Function,
    "directive": types.CompletionItemKind.Keyword,
    "macro": types.CompletionItemKind.Method,
    "variable": types.CompletionItemKind.Variable,
    "keyword": types.CompletionItemKind.Keyword,
    "snippet": types.CompletionItemKind.Snippet,
}

_SNIPPET_TABSTOP = re.compile(r"\$(\d+)|\$\{\d+:([^}]*)\}|\$\{\d+\}|\\([$}\\])")


def snippet_text(snippet: str) -> str:
    """A snippet as plain text, for clients without snippet support (placeholders keep their
    default text, tab stops vanish)."""
    return _SNIPPET_TABSTOP.sub(lambda m: m.group(2) or m.group(3) or "", snippet)


def completion_item(
    item: CompletionItem, idx: LineIndex, *, snippets: bool = True
) -> types.CompletionItem:
    text = item.insert_text or item.label
    fmt = types.InsertTextFormat.PlainText
    if item.is_snippet:
        if snippets:
            fmt = types.InsertTextFormat.Snippet
        else:
            text = snippet_text(text)
    return types.CompletionItem(
        label=item.label,
        kind=_COMPLETION_KIND.get(item.kind, types.CompletionItemKind.Text),
        detail=item.detail or None,
        documentation=_markdown(item.documentation) if item.documentation else None,
        sort_text=item.sort_text or None,
        insert_text_format=fmt,
        insert_text=None if item.replace is not None else text,
        text_edit=(
            types.TextEdit(range=idx.range(item.replace), new_text=text)
            if item.replace is not None
            else None
        ),
    )


def hover(h: Hover, idx: LineIndex) -> types.Hover:
    return types.Hover(contents=_markdown(h.markdown), range=idx.range(h.span))


def signature_help(s: SignatureHelp) -> types.SignatureHelp:
    return types.SignatureHelp(
        signatures=[
            types.SignatureInformation(
                label=s.label,
                documentation=_markdown(s.documentation) if s.documentation else None,
                parameters=[types.ParameterInformation(label=p) for p in s.parameters],
                active_parameter=s.active_parameter,
            )
        ],
        active_signature=0,
        active_parameter=s.active_parameter,
    )


def location(uri: str, span: Span, idx: LineIndex) -> types.Location:
    return types.Location(uri=uri, range=idx.range(span))


_SYMBOL_KIND = {
    "macro": types.SymbolKind.Function,
    "function": types.SymbolKind.Function,
    "variable": types.SymbolKind.Variable,
    "list": types.SymbolKind.Array,
    "loop_variable": types.SymbolKind.Variable,
}


def document_symbol(s: DocumentSymbol, idx: LineIndex) -> types.DocumentSymbol:
    rng = idx.range(s.span)
    sel = idx.range(s.selection_span)
    if not _within(sel, rng):  # LSP requires the selection inside the range
        sel = rng
    return types.DocumentSymbol(
        name=s.name or "?",
        detail=s.detail or None,
        kind=_SYMBOL_KIND.get(s.kind, types.SymbolKind.Variable),
        range=rng,
        selection_range=sel,
        children=[document_symbol(c, idx) for c in s.children] or None,
    )


def _within(inner: types.Range, outer: types.Range) -> bool:
    def k(p: types.Position) -> tuple[int, int]:
        return p.line, p.character

    return k(outer.start) <= k(inner.start) and k(inner.end) <= k(outer.end)


def folding_range(start_line: int, end_line: int, kind: str) -> types.FoldingRange | None:
    if end_line <= start_line:
        return None
    return types.FoldingRange(
        start_line=start_line - 1,
        end_line=end_line - 1,
        kind=types.FoldingRangeKind.Comment if kind == "comment" else types.FoldingRangeKind.Region,
    )


def inlay_hint(line: int, column: int, label: str, idx: LineIndex) -> types.InlayHint:
    return types.InlayHint(
        position=idx.position(line, column),
        label=label,
        kind=types.InlayHintKind.Type,
        padding_left=not label.startswith(":"),
    )


def _markdown(text: str) -> types.MarkupContent:
    return types.MarkupContent(kind=types.MarkupKind.Markdown, value=text)


# ----------------------------------------------------------------------------- semantic tokens

# The analysis's token kinds (ftl.analysis.editor.TOKEN_TYPES) as standard LSP token types,
# which every client's theme colours.
_TOKEN_TYPE = {
    "directive": "keyword",
    "interpolation": "macro",
    "builtin": "function",
    "field": "property",
    "variable": "variable",
    "string": "string",
    "number": "number",
    "comment": "comment",
    "operator": "operator",
    "macro": "function",
}
TOKEN_TYPES = list(dict.fromkeys(_TOKEN_TYPE.values()))
TOKEN_MODIFIERS = ["defaultLibrary"]
_MODIFIERS = {"builtin": 1}  # bit 0: defaultLibrary

SEMANTIC_TOKENS_LEGEND = types.SemanticTokensLegend(
    token_types=TOKEN_TYPES, token_modifiers=TOKEN_MODIFIERS
)


def semantic_tokens(tokens: Iterable[tuple[Span, str]], idx: LineIndex) -> list[int]:
    """LSP's relative encoding of single-line tokens (a multi-line span is cut per line)."""
    rows: list[tuple[int, int, int, int, int]] = []
    for span, kind in tokens:
        lsp_type = _TOKEN_TYPE.get(kind)
        if lsp_type is None:
            continue
        type_index = TOKEN_TYPES.index(lsp_type)
        mods = _MODIFIERS.get(kind, 0)
        for line in range(span.line, span.end_line + 1):
            start_col = span.column if line == span.line else 1
            end_col = span.end_column if line == span.end_line else 1 << 30
            start = idx.position(line, start_col)
            end = idx.position(line, end_col)
            if end.line != start.line or end.character <= start.character:
                continue
            rows.append(
                (start.line, start.character, end.character - start.character, type_index, mods)
            )
    rows.sort()
    data: list[int] = []
    prev_line = prev_char = 0
    last_end: tuple[int, int] = (-1, 0)
    for line, char, length, type_index, mods in rows:
        if (line, char) < last_end:  # overlapping tokens are not allowed
            continue
        data += [
            line - prev_line,
            char - prev_char if line == prev_line else char,
            length,
            type_index,
            mods,
        ]
        prev_line, prev_char = line, char
        last_end = (line, char + length)
    return data


# ----------------------------------------------------------------------------- preview


def preview_result(r: PreviewResult, idx: LineIndex) -> dict[str, Any]:
    """The ``cohortWebhooks/preview`` result (see vscode-extension/src/common/protocol.ts)."""
    if r.error is not None:
        return {
            "ok": False,
            "error": {
                "message": r.error.message,
                "range": _range_json(idx, r.error.span),
            },
        }
    out: dict[str, Any] = {"ok": True, "payload": r.text, "json": r.is_json}
    if r.json_error is not None:
        rng = _range_json(idx, r.json_error.span)
        if rng is None:  # the protocol wants a range: the whole template
            rng = _range_json(idx, Span(1, 1, len(idx.lines), len(idx.lines[-1]) + 1))
        out["jsonError"] = {"message": r.json_error.message, "range": rng}
    return out


def _range_json(idx: LineIndex, span: Span | None) -> dict[str, Any] | None:
    if span is None:
        return None
    r = idx.range(span)
    return {
        "start": {"line": r.start.line, "character": r.start.character},
        "end": {"line": r.end.line, "character": r.end.character},
    }
