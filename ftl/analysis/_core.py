"""Building an :class:`Analysis`: tolerant parse, then the checks over the AST."""

from __future__ import annotations

from ..errors import TemplateSyntaxError
from ..nodes import Span
from ..schema import Schema
from .model import Analysis, Diagnostic
from .recovery import tolerant_parse

__all__ = ["build", "syntax_diagnostic"]


def _line_length(source: str, line: int) -> int:
    lines = source.split("\n")
    if 1 <= line <= len(lines):
        return len(lines[line - 1].rstrip("\r"))
    return 0


def position_of(source: str, offset: int) -> tuple[int, int]:
    """1-based (line, column) of an offset."""
    line = source.count("\n", 0, offset) + 1
    return line, offset - (source.rfind("\n", 0, offset) + 1) + 1


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
    if 0 <= context < len(source):
        cl, cc = position_of(source, context)
        if cl != line:
            width = 2 if source.startswith(("${", "#{", "<#", "<@"), context) else 3
            related = (
                ("the construct that is not finished starts here", Span(cl, cc, cl, cc + width)),
            )
    return Diagnostic(
        "FTL001", "error", e.message, Span(line, col, end_line, end_col), related=related
    )


def build(source: str, name: str, schema: Schema) -> Analysis:
    rec = tolerant_parse(source, name)
    a = Analysis(source=source, name=name, schema=schema, ast=rec.ast, repaired_text=rec.text)
    a.diagnostics.extend(
        syntax_diagnostic(source, e, c) for e, c in zip(rec.errors, rec.contexts, strict=True)
    )
    return a
