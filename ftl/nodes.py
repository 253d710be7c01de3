"""AST node classes: frozen, slotted dataclasses, each with a source span.

Spans are 1-based: ``line``/``column`` of the first character, and ``end_line``/
``end_column`` of the position just past the last character (exclusive, like LSP).
Statements (``Stmt``) make up template bodies; expressions (``Expr``) compute values.
"""

from __future__ import annotations

import re
import typing as t
from dataclasses import dataclass
from decimal import Decimal

__all__ = [
    "And",
    "Assign",
    "AssignCapture",
    "Assignment",
    "Attempt",
    "BinOp",
    "Body",
    "Break",
    "BuiltInCall",
    "CaseClause",
    "Comment",
    "Compare",
    "Compress",
    "Continue",
    "DefaultTo",
    "Dot",
    "DynamicKey",
    "Exists",
    "Expr",
    "Flush",
    "FtlHeader",
    "HashLit",
    "If",
    "Import",
    "Include",
    "Interpolation",
    "Items",
    "LambdaExpr",
    "List",
    "Literal",
    "MacroCall",
    "MacroDef",
    "MethodCall",
    "Negate",
    "Nested",
    "Node",
    "Not",
    "Or",
    "Param",
    "Paren",
    "Range",
    "Return",
    "Sep",
    "SequenceLit",
    "Setting",
    "Span",
    "SpecialVariable",
    "Stmt",
    "Stop",
    "StringLit",
    "Switch",
    "Template",
    "Text",
    "Trim",
    "Variable",
]


@dataclass(frozen=True, slots=True)
class Span:
    line: int
    column: int
    end_line: int
    end_column: int

    def contains(self, line: int, column: int) -> bool:
        if (line, column) < (self.line, self.column):
            return False
        return (line, column) < (self.end_line, self.end_column)


@dataclass(frozen=True, slots=True)
class Node:
    span: Span


# ----------------------------------------------------------------------------- expressions


@dataclass(frozen=True, slots=True)
class Expr(Node):
    pass


@dataclass(frozen=True, slots=True)
class Literal(Expr):
    """A number (Decimal), boolean or plain string literal."""

    value: Decimal | bool | str


@dataclass(frozen=True, slots=True)
class StringLit(Expr):
    """A string literal with ``${...}`` interpolations: literal parts and expressions."""

    parts: tuple[str | Expr | Interpolation, ...]


@dataclass(frozen=True, slots=True)
class Variable(Expr):
    name: str


@dataclass(frozen=True, slots=True)
class SpecialVariable(Expr):
    """``.now``, ``.vars``, ``.lang``... (FreeMarker's built-in variables)."""

    name: str


@dataclass(frozen=True, slots=True)
class Dot(Expr):
    target: Expr
    name: str
    name_span: Span


@dataclass(frozen=True, slots=True)
class DynamicKey(Expr):
    """``x[key]``: a hash key, a sequence index, or (with a range) a slice."""

    target: Expr
    key: Expr


@dataclass(frozen=True, slots=True)
class MethodCall(Expr):
    target: Expr
    args: tuple[Expr, ...]


@dataclass(frozen=True, slots=True)
class BuiltInCall(Expr):
    """``x?name`` (``args`` is None) or ``x?name(args)``."""

    target: Expr
    name: str
    args: tuple[Expr, ...] | None
    name_span: Span


@dataclass(frozen=True, slots=True)
class Exists(Expr):
    """``x??``"""

    target: Expr


@dataclass(frozen=True, slots=True)
class DefaultTo(Expr):
    """``x!default`` or ``x!`` (``default`` is None)."""

    target: Expr
    default: Expr | None


@dataclass(frozen=True, slots=True)
class Not(Expr):
    operand: Expr


@dataclass(frozen=True, slots=True)
class Negate(Expr):
    """Unary minus (``minus``) or plus."""

    operand: Expr
    minus: bool


@dataclass(frozen=True, slots=True)
class BinOp(Expr):
    """``+`` (addition or concatenation), ``-``, ``*``, ``/``, ``%``."""

    op: t.Literal["+", "-", "*", "/", "%"]
    left: Expr
    right: Expr


@dataclass(frozen=True, slots=True)
class And(Expr):
    left: Expr
    right: Expr


@dataclass(frozen=True, slots=True)
class Or(Expr):
    left: Expr
    right: Expr


@dataclass(frozen=True, slots=True)
class Compare(Expr):
    """``op`` normalized to one of ``== != < <= > >=``."""

    op: t.Literal["==", "!=", "<", "<=", ">", ">="]
    left: Expr
    right: Expr


@dataclass(frozen=True, slots=True)
class Range(Expr):
    """``a..b`` (inclusive), ``a..<b`` / ``a..!b`` (exclusive), ``a..*n`` (limited), ``a..``."""

    start: Expr
    end: Expr | None
    kind: t.Literal["inclusive", "exclusive", "limited", "unbounded"]


@dataclass(frozen=True, slots=True)
class SequenceLit(Expr):
    items: tuple[Expr, ...]


@dataclass(frozen=True, slots=True)
class HashLit(Expr):
    pairs: tuple[tuple[Expr, Expr], ...]


@dataclass(frozen=True, slots=True)
class Paren(Expr):
    inner: Expr


@dataclass(frozen=True, slots=True)
class LambdaExpr(Expr):
    """``x -> expr`` (only as the argument of ?filter, ?map, ...)."""

    param: str
    body: Expr


# ----------------------------------------------------------------------------- statements


@dataclass(frozen=True, slots=True)
class Stmt(Node):
    pass


Body = tuple[Stmt, ...]


@dataclass(frozen=True, slots=True)
class Text(Stmt):
    text: str


@dataclass(frozen=True, slots=True)
class Comment(Stmt):
    text: str


@dataclass(frozen=True, slots=True)
class Interpolation(Stmt):
    """``${expr}``, or the legacy ``#{expr; mXMY}`` when ``numerical`` is set."""

    expr: Expr
    numerical: bool = False
    min_fraction: int | None = None
    max_fraction: int | None = None


@dataclass(frozen=True, slots=True)
class If(Stmt):
    """``branches`` are (condition, body, tag span); ``else_body`` is None without ``<#else>``."""

    branches: tuple[tuple[Expr, Body, Span], ...]
    else_body: Body | None


@dataclass(frozen=True, slots=True)
class List(Stmt):
    """``<#list seq as x>`` (``loop_vars`` set) or ``<#list seq>`` with ``<#items>`` inside."""

    seq: Expr
    loop_vars: tuple[str, ...]
    body: Body
    else_body: Body | None
    tag_span: Span


@dataclass(frozen=True, slots=True)
class Items(Stmt):
    loop_vars: tuple[str, ...]
    body: Body


@dataclass(frozen=True, slots=True)
class Sep(Stmt):
    body: Body


@dataclass(frozen=True, slots=True)
class CaseClause(Node):
    """A ``<#case v>`` (``value`` set) or ``<#default>`` (``value`` None)."""

    value: Expr | None
    body: Body


@dataclass(frozen=True, slots=True)
class Switch(Stmt):
    value: Expr
    cases: tuple[CaseClause, ...]


@dataclass(frozen=True, slots=True)
class Break(Stmt):
    pass


@dataclass(frozen=True, slots=True)
class Continue(Stmt):
    pass


@dataclass(frozen=True, slots=True)
class Assignment(Node):
    """``name = value``, ``name += value`` (op "+=" ...), ``name++``/``name--`` (value None)."""

    name: str
    op: t.Literal["=", "+=", "-=", "*=", "/=", "%=", "++", "--"]
    value: Expr | None
    name_span: Span


@dataclass(frozen=True, slots=True)
class Assign(Stmt):
    scope: t.Literal["assign", "global", "local"]
    assignments: tuple[Assignment, ...]
    namespace: Expr | None


@dataclass(frozen=True, slots=True)
class AssignCapture(Stmt):
    scope: t.Literal["assign", "global", "local"]
    name: str
    body: Body
    name_span: Span


@dataclass(frozen=True, slots=True)
class Param(Node):
    name: str
    default: Expr | None


@dataclass(frozen=True, slots=True)
class MacroDef(Stmt):
    name: str
    params: tuple[Param, ...]
    catch_all: str | None
    body: Body
    is_function: bool
    name_span: Span


@dataclass(frozen=True, slots=True)
class MacroCall(Stmt):
    name: str
    named_args: tuple[tuple[str, Expr], ...] | None
    positional_args: tuple[Expr, ...] | None
    loop_vars: tuple[str, ...]
    body: Body | None
    name_span: Span

    @property
    def callee_is_name(self) -> bool:
        """The callee is a (dotted) name, not an expression such as ``.vars["m"]``."""
        return _CALLEE_NAME.fullmatch(self.name) is not None and self.name not in ("true", "false")


_CALLEE_NAME = re.compile(r"[A-Za-z_$@][\w$@]*(?:\.[A-Za-z_$@][\w$@]*)*")


@dataclass(frozen=True, slots=True)
class Nested(Stmt):
    args: tuple[Expr, ...]


@dataclass(frozen=True, slots=True)
class Return(Stmt):
    value: Expr | None


@dataclass(frozen=True, slots=True)
class Stop(Stmt):
    message: Expr | None


@dataclass(frozen=True, slots=True)
class Setting(Stmt):
    name: str
    value: Expr


@dataclass(frozen=True, slots=True)
class FtlHeader(Stmt):
    params: tuple[tuple[str, Expr], ...]


@dataclass(frozen=True, slots=True)
class Compress(Stmt):
    body: Body


@dataclass(frozen=True, slots=True)
class Attempt(Stmt):
    body: Body
    recover: Body


@dataclass(frozen=True, slots=True)
class Trim(Stmt):
    kind: t.Literal["t", "lt", "rt", "nt"]


@dataclass(frozen=True, slots=True)
class Flush(Stmt):
    pass


@dataclass(frozen=True, slots=True)
class Include(Stmt):
    path: Expr


@dataclass(frozen=True, slots=True)
class Import(Stmt):
    path: Expr
    namespace: str


@dataclass(frozen=True, slots=True)
class Template(Node):
    """The root: the template's body, and its name."""

    name: str
    body: Body
    strip_whitespace: bool = True
    output_format: str = "undefined"  # the #ftl header's, for .output_format
