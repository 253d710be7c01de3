"""Editor queries: pure functions over an :class:`~ftl.analysis.Analysis`.

Positions are 1-based ``(line, column)`` counted in characters; spans are
:class:`ftl.nodes.Span` (end exclusive).  The language server converts both ways.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from ..nodes import Span
from ..schema import Schema
from .model import Analysis, TextEdit
from .output import PreviewResult
from .output import preview as _preview

__all__ = [
    "CompletionItem",
    "CompletionKind",
    "DocumentSymbol",
    "Hover",
    "SignatureHelp",
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


def completions(a: Analysis, line: int, column: int) -> list[CompletionItem]:
    """Completion items at the position (works on half-typed text such as ``${input.``)."""
    return []


def hover(a: Analysis, line: int, column: int) -> Hover | None:
    """Documentation and type of what is under the position."""
    return None


def signature_help(a: Analysis, line: int, column: int) -> SignatureHelp | None:
    """Parameters of the built-in or macro whose argument list holds the position."""
    return None


def definition(a: Analysis, line: int, column: int) -> Span | None:
    """The definition (name span) of the symbol under the position."""
    s = a.symbol_at(line, column)
    return s.name_span if s is not None else None


def references(a: Analysis, line: int, column: int, include_declaration: bool = True) -> list[Span]:
    """Every use of the symbol under the position (and its definition if asked)."""
    s = a.symbol_at(line, column)
    if s is None:
        return []
    spans = list(s.references)
    if include_declaration:
        spans = [s.name_span, *s.definitions, *spans]
    return sorted(spans, key=lambda sp: (sp.line, sp.column))


def rename(a: Analysis, line: int, column: int, new_name: str) -> list[TextEdit] | None:
    """Edits renaming the symbol under the position; None when there is none or the new name
    is not a valid FreeMarker name."""
    return None


def document_symbols(a: Analysis) -> list[DocumentSymbol]:
    """Macros, functions, assigned variables and lists, nested as in the template."""
    return []


def folding_ranges(a: Analysis) -> list[tuple[int, int, str]]:
    """``(start line, end line, kind)`` for multi-line directive blocks ("region") and
    comments ("comment")."""
    return []


def semantic_tokens(a: Analysis) -> list[tuple[Span, str]]:
    """Single-line spans with a token type from :data:`TOKEN_TYPES`, in source order."""
    return []


def inlay_hints(a: Analysis) -> list[tuple[int, int, str]]:
    """``(line, column, label)``: the type of each loop variable, after its name."""
    return []


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
