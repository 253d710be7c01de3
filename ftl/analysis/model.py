"""The analysis result types: diagnostics, fixes, symbols and :class:`Analysis`.

Positions are 1-based ``Span`` values (see :mod:`ftl.nodes`), columns counted in
characters; the language server converts them to LSP's 0-based UTF-16 positions.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from ..nodes import Node, Span
from ..nodes import Template as TemplateNode
from ..schema import ANY, Schema, Type

__all__ = [
    "Analysis",
    "Diagnostic",
    "Fix",
    "Reference",
    "Severity",
    "Symbol",
    "SymbolKind",
    "TextEdit",
]

Severity = Literal["error", "warning", "information"]
SymbolKind = Literal[
    "variable", "global", "local", "macro", "function", "loop_variable", "parameter"
]


@dataclass(frozen=True)
class TextEdit:
    """Replace the text in ``span`` with ``new_text`` (an empty span inserts)."""

    span: Span
    new_text: str


@dataclass(frozen=True)
class Fix:
    """A mechanical fix for a diagnostic: a title for the editor and its edits."""

    title: str
    edits: tuple[TextEdit, ...]


@dataclass(frozen=True)
class Diagnostic:
    """One finding.  ``code`` is stable (``FTL001``...; see :mod:`ftl.analysis.catalogue`)."""

    code: str
    severity: Severity
    message: str
    span: Span
    fixes: tuple[Fix, ...] = ()
    related: tuple[tuple[str, Span], ...] = ()
    """(message, span) pairs pointing at other places in the same template."""


@dataclass(frozen=True)
class Reference:
    """A use of a symbol (``span`` covers the name only)."""

    span: Span


@dataclass
class Symbol:
    """A name the template defines: an assigned variable, a macro or function, a macro
    parameter, or a loop variable."""

    name: str
    kind: SymbolKind
    span: Span
    """The whole defining construct (the ``<#assign ...>`` tag, the macro block...)."""
    name_span: Span
    """The name at its definition (selection range, rename target)."""
    type: Type = ANY
    scope: Span | None = None
    """Where the name is visible (a loop body, a macro); None for the whole template."""
    references: list[Span] = field(default_factory=list)
    """Uses of the name (name spans), not including the definition."""
    detail: str = ""
    """A short description: the macro's parameters, what the loop iterates over."""
    params: tuple[str, ...] = ()
    """Parameter names of a macro or function (``x=default`` for optional ones)."""
    definitions: list[Span] = field(default_factory=list)
    """Further name spans that assign the same variable (``<#assign x = x + 1>`` later)."""
    children: list[Symbol] = field(default_factory=list)

    def visible_at(self, line: int, column: int) -> bool:
        return self.scope is None or self.scope.contains(line, column)


@dataclass
class Analysis:
    """Everything known about one template text.  Build it with :func:`ftl.analysis.analyze`.

    - ``diagnostics``: static findings (syntax errors included), in source order;
    - ``ast``: the AST of the template, or of its repaired text when it has syntax errors
      (None if nothing could be parsed);
    - ``symbols``: every defined name with its definition, type and references;
    - ``types``: the inferred type of each expression node (keyed by ``id(node)``).
    """

    source: str
    name: str
    schema: Schema
    ast: TemplateNode | None
    diagnostics: list[Diagnostic] = field(default_factory=list)
    symbols: list[Symbol] = field(default_factory=list)
    types: dict[int, Type] = field(default_factory=dict)
    repaired_text: str = ""
    looks_like_json: bool = False
    """Whether the template writes a JSON document (its first text is ``{`` or ``[``)."""
    json_string_context: dict[int, bool] = field(default_factory=dict)
    """For each ``Interpolation`` and ``List`` (by ``id``) that writes to the output: whether
    it starts inside a JSON string literal of the output."""
    parents: dict[int, Node] = field(default_factory=dict)
    """Parent of each node (by ``id``), for editor queries."""
    unplaced_names: set[str] = field(default_factory=set)
    """Names used where no position is known (inside string literals with escapes): rename
    refuses them rather than miss a use."""
    suppressed: list[Diagnostic] = field(default_factory=list)
    """Static findings silenced by ``lint-ignore`` comments (the output check does not
    report them again in another form)."""

    @property
    def lines(self) -> list[str]:
        return self.source.split("\n")

    @property
    def has_syntax_errors(self) -> bool:
        return any(d.code == "FTL001" for d in self.diagnostics)

    def type_of(self, node: Node) -> Type:
        return self.types.get(id(node), ANY)

    def symbol_at(self, line: int, column: int) -> Symbol | None:
        """The symbol whose definition or a reference covers the position."""
        for s in self.symbols:
            if s.name_span.contains(line, column) or any(
                d.contains(line, column) for d in s.definitions
            ):
                return s
            if any(r.contains(line, column) for r in s.references):
                return s
        return None

    def visible_symbols(self, line: int, column: int) -> list[Symbol]:
        """Symbols visible at a position, innermost first, one per name."""
        seen: set[str] = set()
        out: list[Symbol] = []
        scoped = sorted(
            (s for s in self.symbols if s.visible_at(line, column)),
            key=lambda s: (s.scope is None, -(s.scope.line if s.scope else 0)),
        )
        for s in scoped:
            if s.name not in seen:
                seen.add(s.name)
                out.append(s)
        return out
