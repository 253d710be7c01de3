"""The modal lexer: FreeMarker's text / tag / interpolation / parenthesis modes.

Terminal patterns come from ``grammar/freemarker.lark``; this module decides which of them
apply in each mode, tracks bracket nesting, and makes the context-dependent decisions
listed at the top of the grammar (``>``, ``!``, ``..``, named macro arguments).
It feeds Lark's LALR parser through Lark's custom-lexer interface.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from contextvars import ContextVar
from dataclasses import dataclass
from itertools import chain
from typing import ClassVar

from lark import Token
from lark.lexer import Lexer

from .errors import TemplateSyntaxError

__all__ = ["KNOWN_DIRECTIVES", "FtlLexer", "tokenize"]

# Directive names FreeMarker 2.3.31 knows (used to tell "malformed tag" from "unknown").
KNOWN_DIRECTIVES = frozenset(
    [
        "assign",
        "attempt",
        "autoesc",
        "autoEsc",
        "break",
        "call",
        "case",
        "comment",
        "compress",
        "continue",
        "default",
        "else",
        "elseif",
        "elseIf",
        "escape",
        "fallback",
        "flush",
        "foreach",
        "forEach",
        "ftl",
        "function",
        "global",
        "if",
        "import",
        "include",
        "items",
        "list",
        "local",
        "lt",
        "macro",
        "nested",
        "noautoesc",
        "noAutoEsc",
        "noescape",
        "noEscape",
        "noparse",
        "noParse",
        "nt",
        "outputformat",
        "outputFormat",
        "recover",
        "recurse",
        "return",
        "rt",
        "sep",
        "setting",
        "stop",
        "switch",
        "t",
        "transform",
        "visit",
    ]
)
UNSUPPORTED_DIRECTIVES = {
    "escape": "#escape is deprecated and not supported here; apply ?json_string (or another "
    "escaping built-in) to each interpolation instead",
    "noescape": "#noescape is not supported (neither is #escape)",
    "outputformat": "#outputformat is not supported: payload templates have no output format",
    "autoesc": "#autoesc is not supported: payload templates have no auto-escaping",
    "noautoesc": "#noautoesc is not supported: payload templates have no auto-escaping",
    "visit": "#visit is for XML node processing, which is not available in this sandbox",
    "recurse": "#recurse is for XML node processing, which is not available in this sandbox",
    "fallback": "#fallback is for XML node processing, which is not available in this sandbox",
    "transform": "#transform needs Java transform objects, which are not available here",
    "call": "#call is a deprecated macro call; use <@macroName .../> instead",
    "foreach": "#foreach is deprecated; use <#list seq as x> instead",
    "comment": "#comment is deprecated; use <#-- ... --> instead",
}

# Text-mode tags, tried in this order at a `<#` or `</#`.
_TAG_TERMINALS = (
    "NOPARSE_TEXT",
    "IF_OPEN", "ELSEIF_OPEN", "LIST_OPEN", "ITEMS_OPEN", "SWITCH_OPEN", "CASE_OPEN",
    "ASSIGN_OPEN", "GLOBAL_OPEN", "LOCAL_OPEN", "MACRO_OPEN", "FUNCTION_OPEN",
    # <#return >, <#stop /> are the simple forms: try them before the forms with a value
    "RETURN_SIMPLE", "STOP_SIMPLE", "NESTED_SIMPLE", "FTL_SIMPLE",
    "RETURN_OPEN", "NESTED_OPEN", "STOP_OPEN", "SETTING_OPEN", "FTL_OPEN",
    "INCLUDE_OPEN", "IMPORT_OPEN",
    "ELSE", "BREAK", "CONTINUE", "DEFAULT_TAG", "SEP", "ATTEMPT", "RECOVER", "COMPRESS", "FLUSH",
    "TRIM_T", "TRIM_LT", "TRIM_RT", "TRIM_NT",
    "END_IF", "END_LIST", "END_ITEMS", "END_SEP", "END_SWITCH", "END_ASSIGN",
    "END_GLOBAL", "END_LOCAL", "END_MACRO", "END_FUNCTION", "END_COMPRESS",
    "END_ATTEMPT", "END_RECOVER",
)  # fmt: skip
_OPENERS_WITH_PARAMS = frozenset(n for n in _TAG_TERMINALS if n.endswith("_OPEN"))

# Expression-mode terminals, in match order (first match wins; longer forms first).
_EXPR_TERMINALS = (
    "STRING", "RAW_STRING", "DECIMAL", "INTEGER",
    "ELLIPSIS", "DOT_DOT_LESS", "DOT_DOT_STAR", "DOT_DOT", "DOT",
    "EXISTS", "BUILT_IN",
    "DOUBLE_EQUALS", "NOT_EQUALS", "PLUS_EQUALS", "MINUS_EQUALS", "TIMES_EQUALS",
    "MOD_EQUALS", "PLUS_PLUS", "MINUS_MINUS", "LAMBDA_ARROW", "EQUALS",
    "EMPTY_DIRECTIVE_END", "DIV_EQUALS",
    "GTE", "LESS_THAN_EQUALS", "LESS_THAN", "ESCAPED_GTE", "ESCAPED_GT", "GT",
    "PLUS", "MINUS", "DOUBLE_STAR", "TIMES", "DIVIDE", "PERCENT", "AND", "OR", "EXCLAM",
    "COMMA", "SEMICOLON", "COLON", "LSQB", "RSQB", "LPAR", "RPAR", "LBRACE", "RBRACE",
    "ID",
)  # fmt: skip
_KEYWORDS = {
    "true": "TRUE",
    "false": "FALSE",
    "in": "IN",
    "as": "AS",
    "using": "USING",
    "lt": "LESS_THAN",
    "lte": "LESS_THAN_EQUALS",
    "gt": "ESCAPED_GT",
    "gte": "ESCAPED_GTE",
}
# Keywords that cannot start an expression (after `!` or `..` they end it).
_NON_STARTING_WORDS = frozenset({"as", "in", "using", "lt", "lte", "gt", "gte"})
# Tokens after which `!` is the postfix default operator rather than "not".
_OPERAND_END = frozenset(
    {"ID", "INTEGER", "DECIMAL", "STRING", "RAW_STRING", "TRUE", "FALSE", "RPAR", "RSQB",
     "RBRACE", "EXISTS", "DEFAULT_BARE"}
)  # fmt: skip
_ID_RX = re.compile(
    r"(?:[\$@-Z_a-z\u00aa\u00b5\u00ba\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u1fff\u2071\u207f\u2090-\u209c\u2102\u2107\u210a-\u2113\u2115\u2119-\u211d\u2124\u2126\u2128\u212a-\u212d\u212f-\u2139\u213c-\u213f\u2145-\u2149\u214e\u2183-\u2184\u2c00-\u2c2e\u2c30-\u2c5e\u2c60-\u2ce4\u2ceb-\u2cee\u2cf2-\u2cf3\u2d00-\u2d25\u2d27\u2d2d\u2d30-\u2d67\u2d6f\u2d80-\u2d96\u2da0-\u2da6\u2da8-\u2dae\u2db0-\u2db6\u2db8-\u2dbe\u2dc0-\u2dc6\u2dc8-\u2dce\u2dd0-\u2dd6\u2dd8-\u2dde\u2e2f\u3005-\u3006\u3031-\u3035\u303b-\u303c\u3040-\u318f\u31a0-\u31ba\u31f0-\u31ff\u3300-\u337f\u3400-\u4db5\u4e00-\ua48c\ua4d0-\ua4fd\ua500-\ua60c\ua610-\ua62b\ua640-\ua66e\ua67f-\ua697\ua6a0-\ua6e5\ua717-\ua71f\ua722-\ua788\ua78b-\ua78e\ua790-\ua793\ua7a0-\ua7aa\ua7f8-\ua801\ua803-\ua805\ua807-\ua80a\ua80c-\ua822\ua840-\ua873\ua882-\ua8b3\ua8d0-\ua8d9\ua8f2-\ua8f7\ua8fb\ua900-\ua925\ua930-\ua946\ua960-\ua97c\ua984-\ua9b2\ua9cf-\ua9d9\uaa00-\uaa28\uaa40-\uaa42\uaa44-\uaa4b\uaa50-\uaa59\uaa60-\uaa76\uaa7a\uaa80-\uaaaf\uaab1\uaab5-\uaab6\uaab9-\uaabd\uaac0\uaac2\uaadb-\uaadd\uaae0-\uaaea\uaaf2-\uaaf4\uab01-\uab06\uab09-\uab0e\uab11-\uab16\uab20-\uab26\uab28-\uab2e\uabc0-\uabe2\uabf0-\uabf9\uac00-\ud7a3\ud7b0-\ud7c6\ud7cb-\ud7fb\uf900-\ufb06\ufb13-\ufb17\ufb1d\ufb1f-\ufb28\ufb2a-\ufb36\ufb38-\ufb3c\ufb3e\ufb40-\ufb41\ufb43-\ufb44\ufb46-\ufbb1\ufbd3-\ufd3d\ufd50-\ufd8f\ufd92-\ufdc7\ufdf0-\ufdfb\ufe70-\ufe74\ufe76-\ufefc\uff10-\uff19\uff21-\uff3a\uff41-\uff5a\uff66-\uffbe\uffc2-\uffc7\uffca-\uffcf\uffd2-\uffd7\uffda-\uffdc]|\\[-.:#])(?:[\$@-Z_a-z\u00aa\u00b5\u00ba\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u1fff\u2071\u207f\u2090-\u209c\u2102\u2107\u210a-\u2113\u2115\u2119-\u211d\u2124\u2126\u2128\u212a-\u212d\u212f-\u2139\u213c-\u213f\u2145-\u2149\u214e\u2183-\u2184\u2c00-\u2c2e\u2c30-\u2c5e\u2c60-\u2ce4\u2ceb-\u2cee\u2cf2-\u2cf3\u2d00-\u2d25\u2d27\u2d2d\u2d30-\u2d67\u2d6f\u2d80-\u2d96\u2da0-\u2da6\u2da8-\u2dae\u2db0-\u2db6\u2db8-\u2dbe\u2dc0-\u2dc6\u2dc8-\u2dce\u2dd0-\u2dd6\u2dd8-\u2dde\u2e2f\u3005-\u3006\u3031-\u3035\u303b-\u303c\u3040-\u318f\u31a0-\u31ba\u31f0-\u31ff\u3300-\u337f\u3400-\u4db5\u4e00-\ua48c\ua4d0-\ua4fd\ua500-\ua60c\ua610-\ua62b\ua640-\ua66e\ua67f-\ua697\ua6a0-\ua6e5\ua717-\ua71f\ua722-\ua788\ua78b-\ua78e\ua790-\ua793\ua7a0-\ua7aa\ua7f8-\ua801\ua803-\ua805\ua807-\ua80a\ua80c-\ua822\ua840-\ua873\ua882-\ua8b3\ua8d0-\ua8d9\ua8f2-\ua8f7\ua8fb\ua900-\ua925\ua930-\ua946\ua960-\ua97c\ua984-\ua9b2\ua9cf-\ua9d9\uaa00-\uaa28\uaa40-\uaa42\uaa44-\uaa4b\uaa50-\uaa59\uaa60-\uaa76\uaa7a\uaa80-\uaaaf\uaab1\uaab5-\uaab6\uaab9-\uaabd\uaac0\uaac2\uaadb-\uaadd\uaae0-\uaaea\uaaf2-\uaaf4\uab01-\uab06\uab09-\uab0e\uab11-\uab16\uab20-\uab26\uab28-\uab2e\uabc0-\uabe2\uabf0-\uabf9\uac00-\ud7a3\ud7b0-\ud7c6\ud7cb-\ud7fb\uf900-\ufb06\ufb13-\ufb17\ufb1d\ufb1f-\ufb28\ufb2a-\ufb36\ufb38-\ufb3c\ufb3e\ufb40-\ufb41\ufb43-\ufb44\ufb46-\ufbb1\ufbd3-\ufd3d\ufd50-\ufd8f\ufd92-\ufdc7\ufdf0-\ufdfb\ufe70-\ufe74\ufe76-\ufefc\uff10-\uff19\uff21-\uff3a\uff41-\uff5a\uff66-\uffbe\uffc2-\uffc7\uffca-\uffcf\uffd2-\uffd7\uffda-\uffdc0-9]|\\[-.:#])*"
)
# Tokens that begin a new positional macro argument when no comma separates them.
_ARG_START = frozenset(
    {"ID", "INTEGER", "DECIMAL", "STRING", "RAW_STRING", "TRUE", "FALSE", "LBRACE"}
)
_EXPR_START = re.compile(
    r"""[\s]*(?:(?P<word>[A-Za-z_$@\\\u00aa-\uffdc][\w$@]*)|[0-9"'(\[{.!+\-])"""
)
_SPECIAL_START = re.compile(r"\$\{|#\{|<#|</#|<@|</@|<sep\s*>|\[#ftl(?=[\s\]/])")
_NOPARSE = re.compile(r"<#(no[pP]arse)\s*>([\s\S]*?)[<\[]/#?\1\s*[>\]]")
_INTERPOLATION_START = re.compile(r"\$\{|#\{")

INTERPOLATIONS_ONLY: ContextVar[bool] = ContextVar("INTERPOLATIONS_ONLY", default=False)


class NamingConvention:
    """FreeMarker's naming-convention consistency: the first language identifier written
    in camelCase (``?upperCase``, ``.mainTemplateName``, ``<#noParse>``) or in the legacy
    style (``?upper_case``, ``<#setting number_format=...>``, ``<#elseif>``) fixes the
    style for the whole template; a later identifier in the other style is a syntax error.
    Shared by the lexers of one template (string literals included)."""

    __slots__ = ("established",)

    def __init__(self) -> None:
        self.established: tuple[str, str, int, int] | None = None  # style, token, line, col

    def check(self, style: str | None, token: str, line: int, col: int) -> None:
        if style is None:
            return
        if self.established is None:
            self.established = (style, token, line, col)
            return
        est_style, est_token, est_line, est_col = self.established
        if style != est_style:
            raise TemplateSyntaxError(
                "Naming convention mismatch. Identifiers that are part of the template "
                "language (not the user specified ones) must consistently use the same naming "
                f"convention within the same template. This template uses {_STYLE[est_style]} "
                f"as established by auto-detection at line {est_line}, column {est_col} by "
                f'token "{est_token}", but the problematic token, "{token}", uses '
                f"{_STYLE[style]}.",
                lineno=line,
                column=col,
            )


_STYLE = {
    "legacy": "legacy naming convention (such as with_underscore)",
    "camel": "camel case naming convention (such as camelCase)",
}
NAMING: ContextVar[NamingConvention | None] = ContextVar("NAMING", default=None)


def identifier_style(name: str) -> str | None:
    """legacy if it has an underscore, camel if an upper-case letter, else neither."""
    if "_" in name:
        return "legacy"
    if any("A" <= c <= "Z" for c in name):
        return "camel"
    return None


def _tag_style(name: str) -> str:
    """A directive that has a camelCase spelling (elseIf, noParse) is legacy otherwise."""
    return "camel" if any("A" <= c <= "Z" for c in name) else "legacy"


"""Set while the content of a string literal is parsed: FreeMarker reads only ``${...}`` and
``#{...}`` there, so ``"${x}<#if>"`` holds the text ``<#if>``, not a directive."""
_WS = re.compile(r"[ \t\r\n]+")
_EXPR_COMMENT = re.compile(r"<#--[\s\S]*?-->|\[#--[\s\S]*?--\]")
# lambda parameters are names as FreeMarker spells them (any letter, escapes included)
_PAREN_LAMBDA = re.compile(r"\(\s*(" + _ID_RX.pattern + r")\s*\)(?=\s*(?:->|-&gt;))")
_MULTI_PARAM_LAMBDA = re.compile(
    r"\(\s*(?:(?:"
    + _ID_RX.pattern
    + r")\s*(?:,\s*(?:"
    + _ID_RX.pattern
    + r")\s*)+)?\)\s*(?:->|-&gt;)"
)
_ARG_NAME_AHEAD = re.compile(r"\s*=(?!=)")
_LINE_REST_WS = re.compile(r"[ \t\f]*(?:\r\n|\r|\n)")


@dataclass(slots=True)
class _ExprMode:
    kind: str  # "tag", "interp", "call"
    parens: int = 0
    brackets: int = 0
    curlies: int = 0
    ftl_header: bool = False
    positional: bool = False  # <#nested a b>: arguments whose commas are optional
    definition: bool = False  # <#macro m a)>: a lone ")" is allowed (FreeMarker's grammar)
    owes_space: bool = False  # a callee not followed by white-space (see _expression)
    call_args: str = ""  # in a macro call: "" (undecided), "named" or "positional"


class _Cursor:
    """Tracks line and column while the lexer moves through the text."""

    __slots__ = ("col", "line", "pos", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        self.pos = 0
        self.line = 1
        self.col = 1

    def advance_to(self, end: int) -> None:
        chunk = self.text[self.pos : end]
        if "\n" not in chunk and "\r" not in chunk:
            self.col += end - self.pos
            self.pos = end
            return
        nl = chunk.count("\n") + chunk.count("\r") - chunk.count("\r\n")
        if nl:
            last = max(chunk.rfind("\n"), chunk.rfind("\r"))
            self.line += nl
            self.col = end - (self.pos + last)
        else:
            self.col += end - self.pos
        self.pos = end


class _Patterns:
    """Compiled terminal patterns, read from the grammar's terminal definitions."""

    def __init__(self, patterns: dict[str, str]) -> None:
        self.tags = [(n, re.compile(patterns[n])) for n in _TAG_TERMINALS]
        alternation = "|".join(f"(?P<{n}>{patterns[n]})" for n in _EXPR_TERMINALS)
        self.expr = re.compile(alternation)
        self.call_open = re.compile(patterns["CALL_OPEN"])
        self.call_end = re.compile(patterns["CALL_END"])
        self.comment = re.compile(patterns["COMMENT"])


class _Lexer:
    def __init__(self, text: str, patterns: _Patterns) -> None:
        self.text = text
        self.p = patterns
        self.cur = _Cursor(text)
        self.prev_kind = ""
        self.prev2_kind = ""
        self.in_ftl_header = False
        self._pending_skip = -1  # after a false alarm (a lone `<#`...): where to search next
        naming = NAMING.get()
        self.naming = naming if naming is not None else NamingConvention()

    def error(self, message: str, line: int | None = None, column: int | None = None) -> None:
        raise TemplateSyntaxError(
            message,
            lineno=line if line is not None else self.cur.line,
            column=column if column is not None else self.cur.col,
        )

    def emit(self, kind: str, end: int, value: str | None = None) -> Token:
        cur = self.cur
        pos, line, col = cur.pos, cur.line, cur.col
        if value is None:
            value = self.text[pos:end]
        self._check_naming(kind, value, pos, line, col, end)
        cur.advance_to(end)
        self.prev2_kind = self.prev_kind
        self.prev_kind = kind
        tok = Token.__new__(Token, kind, value)
        tok.type = kind
        tok.value = value
        tok.start_pos = pos
        tok.line = line
        tok.column = col
        tok.end_line = cur.line
        tok.end_column = cur.col
        tok.end_pos = end
        return tok

    def _operand_ended(self) -> bool:
        """Whether the last token ends an operand (x.* and x.** end with a star)."""
        return self.prev_kind in _OPERAND_END or (
            self.prev_kind in ("TIMES", "DOUBLE_STAR") and self.prev2_kind == "DOT"
        )

    def _check_naming(self, kind: str, value: str, pos: int, line: int, col: int, end: int) -> None:
        """Feed the language identifiers to the naming-convention check, in token order."""
        if kind == "ID":
            prev = self.prev_kind
            if (
                prev == "BUILT_IN"  # ?upper_case
                or prev == "SETTING_OPEN"  # <#setting number_format=...>
                or (prev == "DOT" and self.prev2_kind not in _OPERAND_END)  # .main_template_name
                or (self.in_ftl_header and _ARG_NAME_AHEAD.match(self.text, end) is not None)
            ):
                self.naming.check(identifier_style(value), value, line, col)
        elif kind == "FTL_OPEN":
            self.in_ftl_header = True
        elif kind in ("DIRECTIVE_END", "EMPTY_DIRECTIVE_END"):
            self.in_ftl_header = False
        elif kind == "ELSEIF_OPEN":
            name = value[2:].strip()
            self.naming.check(_tag_style(name), name, line, col)
        elif kind == "NOPARSE_TEXT":
            name = self.text[pos + 2 : pos + 9]
            self.naming.check(_tag_style(name), name, line, col)

    # ------------------------------------------------------------------ text mode

    def _text_until(self, start: int) -> Token | None:
        if start > self.cur.pos:
            return self.emit("TEXT", start)
        return None

    def _special(self, at: int, opener: str) -> tuple[Token | None, Iterable[Token]] | None:
        """Handle the construct starting at ``at``; None when it is plain text."""
        text = self.text
        if opener in ("${", "#{"):
            pending = self._text_until(at)
            first = self.emit("DOLLAR_OPEN" if opener == "${" else "HASH_OPEN", at + 2)
            return pending, chain([first], self._expression(_ExprMode("interp")))
        if opener == "<#" and text.startswith("<#--", at):
            m = self.p.comment.match(text, at)
            if m is None:
                line, col = self._position_of(at)
                raise TemplateSyntaxError(
                    "Unclosed comment: <#-- has no matching -->.", lineno=line, column=col
                )
            pending = self._text_until(at)
            return pending, [self.emit("COMMENT", m.end() if m else at)]
        if opener in ("<#", "</#"):
            return self._tag(at)
        if opener.startswith("<sep"):  # FreeMarker's quirk: <sep> is #sep
            pending = self._text_until(at)
            return pending, [self.emit("SEP", at + len(opener))]
        if opener == "<@":
            m = self.p.call_open.match(text, at)
            if m is None:
                line, col = self._position_of(at)
                raise TemplateSyntaxError(
                    "A macro call <@ must be followed directly by the macro name.",
                    lineno=line,
                    column=col + 2,
                )
            end, bad = _callee_end(text, at + 2, m.end())
            if bad is not None:
                line, col = self._position_of(bad)
                raise TemplateSyntaxError(
                    "White-space can't stand directly inside [...] in a macro call's callee "
                    f"(FreeMarker refuses it too): {text[at:bad]!r}...",
                    lineno=line,
                    column=col,
                )
            end = at + 2 + _callee_expression_length(text[at + 2 : end])
            callee = text[at + 2 : end]
            if not _PLAIN_CALLEE.fullmatch(callee):
                # the callee's built-ins and special variables count for the naming convention
                # (<@h.b?upperCase/> after ?upper_case): lex it in place, padded to its position
                line, col = self._position_of(at + 2)
                pad = "\n" * (line - 1) + " " * max(col - 3, 0)
                for _ in tokenize(pad + "${" + callee + "}", FtlLexer.patterns):
                    pass
            pending = self._text_until(at)
            first = self.emit("CALL_OPEN", end, text[at + 2 : end])
            owes = end < len(text) and not text[end].isspace()
            return pending, chain([first], self._expression(_ExprMode("call", owes_space=owes)))
        # "</@"
        m = self.p.call_end.match(text, at)
        if m is None:
            self._pending_skip = at + 3
            return None
        pending = self._text_until(at)
        return pending, [self.emit("CALL_END", m.end())]

    def _tag(self, at: int) -> tuple[Token | None, Iterable[Token]] | None:
        text = self.text
        for name, rx in self.p.tags:
            m = rx.match(text, at)
            if m is None:
                continue
            pending = self._text_until(at)
            if name == "NOPARSE_TEXT":
                # FreeMarker ends it at </#noparse> or </noparse> (or [/#noparse...), closed
                # by > or ], spelt as the opening tag was (noparse or noParse)
                inner = _NOPARSE.match(text, at)
                if inner is None:
                    line, col = self._position_of(at)
                    raise TemplateSyntaxError(
                        "Unclosed #noparse: <#noparse> has no matching </#noparse>.",
                        lineno=line,
                        column=col,
                    )
                return pending, [self.emit(name, inner.end(), inner.group(2))]
            tok = self.emit(name, m.end())
            toks: Iterable[Token] = [tok]
            if name in _OPENERS_WITH_PARAMS:
                mode = _ExprMode(
                    "tag",
                    ftl_header=name == "FTL_OPEN",
                    positional=name == "NESTED_OPEN",
                    definition=name in ("MACRO_OPEN", "FUNCTION_OPEN"),
                )
                toks = chain(toks, self._expression(mode))
            elif name == "FTL_SIMPLE":
                self._eat_newline()
            return pending, toks
        m = re.match(r"</?#([A-Za-z_]+)", text[at:])
        if m is None:
            # a lone "<" is text; what follows it may still start something (a#{n})
            self._pending_skip = at + 1
            return None
        name = m.group(1)
        line, col = self._position_of(at)
        if name in UNSUPPORTED_DIRECTIVES:
            raise TemplateSyntaxError(
                f"Unsupported directive #{name}: {UNSUPPORTED_DIRECTIVES[name]}.",
                lineno=line,
                column=col,
            )
        if name in ("noparse", "noParse") and text[at + 1] == "#":
            raise TemplateSyntaxError(
                "Unclosed #noparse: <#noparse> has no matching </#noparse>.",
                lineno=line,
                column=col,
            )
        if re.match(r"</?#[A-Za-z_]+\s*/?\]", text[at:]):
            raise TemplateSyntaxError(
                'The tag shouldn\'t end with "]": angle-bracket tags end with ">".',
                lineno=line,
                column=col,
            )
        if name in KNOWN_DIRECTIVES:
            at_eof = at + len(m.group()) >= len(text)
            raise TemplateSyntaxError(
                f"#{name} is an existing directive, but the tag is malformed. "
                "(See FreeMarker Manual / Directive Reference.)",
                lineno=line,
                column=col if at_eof else col + 1,
            )
        tip = _directive_tip(name)
        raise TemplateSyntaxError(f"Unknown directive: #{name}. {tip}", lineno=line, column=col + 1)

    def _position_of(self, at: int) -> tuple[int, int]:
        probe = _Cursor(self.text)
        probe.pos, probe.line, probe.col = self.cur.pos, self.cur.line, self.cur.col
        probe.advance_to(at)
        return probe.line, probe.col

    def _eat_newline(self) -> None:
        """After an ftl header, skip the rest of its line if it holds only white-space."""
        m = _LINE_REST_WS.match(self.text, self.cur.pos)
        if m:
            self.cur.advance_to(m.end())

    # ------------------------------------------------------------------ expression mode

    def _expression(self, mode: _ExprMode) -> Iterator[Token]:
        text = self.text
        n = len(text)
        p = self.p
        while True:
            # skip white-space and comments
            while True:
                m = _WS.match(text, self.cur.pos)
                if m:
                    if mode.owes_space and mode.parens == 0 and mode.brackets == 0:
                        # FreeMarker's lexer ends the callee at the first white-space after
                        # '<@' (at depth 0); when the callee ended without one (<@m"y" />),
                        # that white-space comes later and the parser refuses it there
                        self.error(
                            "White-space can't stand here: the callee ended without the "
                            "white-space that separates it from its arguments."
                        )
                    self.cur.advance_to(m.end())
                m2 = _EXPR_COMMENT.match(text, self.cur.pos)
                if m2:
                    self.cur.advance_to(m2.end())
                    continue
                break
            pos = self.cur.pos
            if pos >= n:
                where = {"interp": "interpolation", "tag": "tag", "call": "macro call"}[mode.kind]
                line, col = _last_char_position(text)
                self.error(f"Unexpected end of file: the {where} is not closed.", line, col)
            if text.startswith(("${", "#{"), pos):
                self.error(
                    f"You can't use {text[pos : pos + 2]}...}} (an interpolation) here as you are "
                    "already in FreeMarker-expression-mode. Thus, instead of ${myExpression}, "
                    "just write myExpression."
                )
            m = p.expr.match(text, pos)
            if m is None:
                self._bad_expression_char(pos)
                return
            kind = m.lastgroup
            assert kind is not None
            end = m.end()
            if kind != "ID" and (text[pos].isalpha() or text[pos] == "\\"):
                # `lt`, `gte`, `\lt`...: an operator only when no longer name matches here
                idm = _ID_RX.match(text, pos)
                if idm is not None and idm.end() >= end and kind != "RAW_STRING":
                    kind, end = "ID", idm.end()
            if (
                (mode.parens > 0 or mode.brackets > 0 or mode.positional)
                and kind in _ARG_START
                and self._operand_ended()
                and _KEYWORDS.get(text[pos:end]) in (None, "TRUE", "FALSE")
                and not _ARG_NAME_AHEAD.match(text, end)
            ):
                # FreeMarker's argument and list-literal commas are optional, white-space or
                # not: f(1 2), [a'y']
                yield self.emit("COMMA", pos, "")
            if mode.kind == "call" and mode.parens == 0 and mode.brackets == 0:
                if mode.call_args == "" and kind == "ID" and self.prev_kind == "CALL_OPEN":
                    named = _ARG_NAME_AHEAD.match(text, end) is not None
                    mode.call_args = "named" if named else "positional"
                elif mode.call_args == "" and kind not in ("SEMICOLON",):
                    mode.call_args = "positional"
                if (
                    mode.call_args == "positional"
                    and kind in _ARG_START
                    and self._operand_ended()
                    and _KEYWORDS.get(text[pos:end]) in (None, "TRUE", "FALSE")
                ):
                    # FreeMarker's commas between positional macro arguments are optional
                    yield self.emit("COMMA", pos, "")
            if kind == "ID":
                word = text[pos:end]
                kw = _KEYWORDS.get(word)
                if kw is not None:
                    kind = kw
                elif (
                    mode.kind == "call"
                    and mode.call_args == "named"
                    and mode.parens == 0
                    and mode.brackets == 0
                    and (self.prev_kind == "CALL_OPEN" or self.prev_kind in _OPERAND_END)
                    and _ARG_NAME_AHEAD.match(text, end)
                    and "\\" not in word
                ):
                    kind = "ARG_NAME"
                if "\\" in word:
                    yield self.emit(kind, end, word.replace("\\", ""))
                    continue
            elif kind in ("GT", "GTE"):
                if mode.parens == 0 and mode.kind in ("tag", "call"):
                    tok = self.emit("DIRECTIVE_END", pos + 1)
                    if mode.ftl_header:
                        self._eat_newline()
                    yield tok
                    return
                if mode.parens == 0:  # interpolation: `>=` is `>` then `=`
                    kind, end = "GT", pos + 1
            elif kind == "EMPTY_DIRECTIVE_END":
                if mode.parens == 0 and mode.kind in ("tag", "call"):
                    tok = self.emit(kind, end)
                    if mode.ftl_header:
                        self._eat_newline()
                    yield tok
                    return
                kind, end = "DIVIDE", pos + 1
            elif kind == "RBRACE":
                if mode.curlies > 0:
                    mode.curlies -= 1
                elif mode.kind == "interp":
                    yield self.emit("INTERP_END", end)
                    return
                else:
                    self.error('Unexpected "}" here.')
            elif kind == "LBRACE":
                mode.curlies += 1
            elif kind == "LPAR":
                lam = _PAREN_LAMBDA.match(text, pos)
                if lam is not None:  # `(x) -> ...`: the parenthesized lambda parameter
                    yield self.emit("ID", lam.end(), lam.group(1))
                    continue
                if _MULTI_PARAM_LAMBDA.match(text, pos):
                    line, col = self._position_of(pos)
                    raise TemplateSyntaxError(
                        "A lambda given to a built-in takes exactly one parameter, like x -> ...",
                        lineno=line,
                        column=col,
                    )
                mode.parens += 1
            elif kind == "SEMICOLON":
                mode.owes_space = False  # the loop variables after ';' may be spaced
            elif kind == "RPAR":
                mode.parens -= 1
                if mode.parens < 0 and mode.definition:
                    mode.parens = 0
                elif mode.parens < 0:
                    self.error('Unexpected ")": there is no "(" to close.')
            elif kind == "LSQB":
                mode.brackets += 1
            elif kind == "RSQB":
                if mode.brackets > 0:
                    mode.brackets -= 1
                elif mode.kind == "tag" and mode.parens == 0:
                    # FreeMarker 2.3.31: a stray `]` is an error in angle-bracket syntax.
                    self.error('Unexpected "]" here.')
            elif kind == "EXCLAM" and self.prev_kind in _OPERAND_END:
                kind = self._default_kind(mode, end)
            elif kind == "DOT_DOT" and not self._expression_follows(end):
                kind = "DOT_DOT_END"
            yield self.emit(kind, end)

    def _bad_expression_char(self, pos: int) -> None:
        """Report a character no token can start with, where FreeMarker's lexer would."""
        text = self.text
        ch = text[pos]
        if ch in "\"'":
            # a string literal with a bad escape, or one that never ends
            i = pos + 1
            while i < len(text) and text[i] != ch:
                if text[i] == "\\":
                    if i + 1 < len(text) and text[i + 1] not in "ntrfbglax\\'\"{=":
                        line, col = self._position_of(i + 1)
                        self.error(
                            f"Unsupported escape sequence in a string literal: \\{text[i + 1]}",
                            line,
                            col,
                        )
                    i += 1
                i += 1
            # JavaCC reports end of input inside a token just after its last character:
            # the next column, or column 0 of the next line after a line break
            line, col = _last_char_position(text)
            line, col = (line + 1, 0) if text.endswith(("\n", "\r")) else (line, col + 1)
            self.error(f"Unclosed string literal: {ch} has no matching {ch}.", line, col)
        line, col = self._position_of(pos)
        if ch == "#":  # JavaCC read one more character, hoping for `#{`
            col += 1
        self.error(f'Unexpected character "{ch}" in an expression.', line, col)

    def _expression_follows(self, at: int) -> bool:
        m = _EXPR_START.match(self.text, at)
        if m is None:
            return False
        if self.text.startswith("..", m.end() - 1):
            return False  # `x!..3`: a range follows the bare default, not an expression
        word = m.group("word")
        if word is not None:
            return word not in _NON_STARTING_WORDS
        if self.text[m.end() - 1] == "!":
            # a 'not' starts an expression only if one follows it: x!!} is (x!)!
            return self._expression_follows(m.end())
        return True

    def _default_kind(self, mode: _ExprMode, at: int) -> str:
        if (
            mode.kind == "call"
            and mode.parens == 0
            and at < len(self.text)
            and self.text[at] in " \t\r\n"
        ):
            return "DEFAULT_BARE"  # FreeMarker's TERMINATING_EXCLAM
        return "DEFAULT_TO" if self._expression_follows(at) else "DEFAULT_BARE"


def _callee_end(text: str, start: int, end: int) -> tuple[int, int | None]:
    """Where the callee after ``<@`` ends, and where white-space makes it a syntax error.

    FreeMarker reads the callee as an expression: brackets left open run on to their
    closing bracket, white-space included inside ``(...)`` and ``{...}``
    (``<@m?with_args({"a": [1, 2]}) b=2/>``) but refused inside ``[...]`` that no
    parenthesis or brace encloses (``<@h[ "k"]/>``).  ``end`` is where the plain name
    pattern stopped; an unclosed bracket falls back to it, and the parser reports what
    follows.  (The scan is the one ``analysis.recovery`` and ``analysis.editor`` use to
    find a tag's end, but keeps which brackets are open, since only ``[`` refuses
    white-space.)"""
    stack: list[str] = []
    quote = ""
    i = start
    while i < len(text):
        c = text[i]
        if quote:
            if c == "\\":
                i += 1
            elif c == quote:
                quote = ""
        elif c in "\"'":
            quote = c
        elif c in "[({":
            stack.append(c)
        elif c in "])}":
            if not stack:
                return end, None
            stack.pop()
        elif c.isspace() or c in ">;" or text.startswith("/>", i):
            if not stack:
                return max(i, end), None
            if c.isspace() and "(" not in stack and "{" not in stack:
                return end, i
        i += 1
    return end, None


_PLAIN_CALLEE = re.compile(r"[A-Za-z_$@][\w$@]*(?:\.[A-Za-z_$@][\w$@]*)*")


def _callee_expression_length(callee: str) -> int:
    """How much of ``callee`` FreeMarker's parser reads as the callee expression: all of it,
    unless it does not parse; then the longest prefix that does and that the rest cannot
    continue (the rest starts a name, number, string or hash: an argument), so
    ``<@n??ame/>`` calls ``n??`` with the argument ``ame`` but ``<@m/ x/>`` stays an error."""
    if _PLAIN_CALLEE.fullmatch(callee) or not callee:
        return len(callee)
    from .parser import parse

    def parses(expr: str) -> bool:
        probe = NAMING.set(NamingConvention())  # a probe must not fix the convention
        try:
            body = parse("${" + expr + "}", "callee", _fragment=True).body
            return len(body) == 1
        except TemplateSyntaxError:
            return False
        finally:
            NAMING.reset(probe)

    if parses(callee):
        return len(callee)
    for i in range(len(callee) - 1, 0, -1):
        if _ID_CHAR.match(callee[i - 1]) and _ID_CHAR.match(callee[i]):
            continue  # not a token boundary
        if _ARGUMENT_START.match(callee[i]) and parses(callee[:i]):
            return i
    return len(callee)


_ID_CHAR = re.compile(r"[\w$@]")
_ARGUMENT_START = re.compile(r"[\w$@\"'{]")


def _last_char_position(text: str) -> tuple[int, int]:
    """The line and column of the last character (FreeMarker reports end-of-file there)."""
    if not text:
        return 1, 1
    body = text[:-1]
    line = 1 + body.count("\n") + body.count("\r") - body.count("\r\n")
    return line, len(body) - max(body.rfind("\n"), body.rfind("\r"))


def _directive_tip(name: str) -> str:
    tips = {
        ("set", "var"): "Use #assign or #local or #global, depending on the intended scope.",
        ("else_if", "elif"): "Use #elseif.",
        ("no_escape",): "Use #noescape instead.",
        ("method",): "Use #function instead.",
        ("head", "template", "fm"): "You may meant #ftl.",
        ("try", "atempt"): "You may meant #attempt.",
        ("for", "each", "iterate", "iterator"): "You may meant #list.",
        ("item", "row", "rows"): "You may meant #items.",
        ("separator", "separate", "separ"): "You may meant #sep.",
    }
    for names, tip in tips.items():
        if name in names:
            return tip
    return "See the FreeMarker directive reference."


class _TextMerger:
    """Joins adjacent TEXT tokens (a false alarm such as a lone `<#` splits text)."""

    @staticmethod
    def merge(tokens: Iterator[Token]) -> Iterator[Token]:
        pending: Token | None = None
        for tok in tokens:
            if tok.type == "TEXT":
                if pending is None:
                    pending = tok
                else:
                    pending = Token(
                        "TEXT",
                        str(pending) + str(tok),
                        start_pos=pending.start_pos,
                        line=pending.line,
                        column=pending.column,
                        end_line=tok.end_line,
                        end_column=tok.end_column,
                        end_pos=tok.end_pos,
                    )
                continue
            if pending is not None:
                yield pending
                pending = None
            yield tok
        if pending is not None:
            yield pending


def tokenize(text: str, patterns: dict[str, str]) -> Iterator[Token]:
    """Tokenize a whole template (see :class:`FtlLexer` for use with Lark)."""
    lexer = _ScanningLexer(text, _compiled(patterns))
    return _TextMerger.merge(lexer.tokens(INTERPOLATIONS_ONLY.get()))


class _ScanningLexer(_Lexer):
    """The text-mode driver: scans for the next construct, treating false alarms as text."""

    def _square_bracket_header(self, at: int) -> None:
        """``[#ftl]`` before any ``<#...>`` tag switches FreeMarker to square-bracket tag
        syntax ([#if x]...[/#if]), which this engine does not read: refuse it rather than
        print the tags as text.  Later on (or after text) it is FreeMarker's error too."""
        line, col = self._position_of(at)
        if self.text[:at].strip():
            self.error(
                "The #ftl directive must be the first thing in the template (only white-space "
                "may come before it).",
                line,
                col,
            )
        self.error(
            "Square-bracket tag syntax ([#ftl], [#if ...]) is not supported; write the "
            "header and the directives with angle brackets (<#ftl>, <#if ...>).",
            line,
            col,
        )

    def tokens(self, interpolations_only: bool = False) -> Iterator[Token]:
        text = self.text
        n = len(text)
        search_from = 0
        special = _INTERPOLATION_START if interpolations_only else _SPECIAL_START
        angle_tag_seen = False  # FreeMarker's tag syntax is decided by the first tag
        while True:
            m = special.search(text, max(search_from, self.cur.pos))
            if m is None:
                break
            if m.group().startswith("[#ftl"):
                if not angle_tag_seen:
                    self._square_bracket_header(m.start())
                search_from = m.end()
                continue
            if m.group()[0] == "<":
                angle_tag_seen = True
            self._pending_skip = -1
            result = self._special(m.start(), m.group())
            if result is None:
                search_from = self._pending_skip if self._pending_skip >= 0 else m.end()
                continue
            pending, toks = result
            if pending is not None:
                yield pending
            yield from toks
            search_from = self.cur.pos
        if self.cur.pos < n:
            yield self.emit("TEXT", n)


_COMPILED: dict[int, _Patterns] = {}


def _compiled(patterns: dict[str, str]) -> _Patterns:
    key = id(patterns)
    cached = _COMPILED.get(key)
    if cached is None:
        cached = _COMPILED[key] = _Patterns(patterns)
    return cached


class FtlLexer(Lexer):
    """Lark custom-lexer adapter (Lark's interface 0: ``lex(text)``)."""

    patterns: ClassVar[dict[str, str]] = {}

    def __init__(self, lexer_conf: object) -> None:
        terminals = getattr(lexer_conf, "terminals", [])
        FtlLexer.patterns = {t.name: t.pattern.to_regexp() for t in terminals}

    def lex(self, text: str) -> Iterator[Token]:  # type: ignore[override]
        return tokenize(text, FtlLexer.patterns)

    @staticmethod
    def lex_for_errors(text: str) -> Iterator[Token]:
        """Tokenize for error reporting (after the parser has been built once)."""
        return tokenize(text, FtlLexer.patterns)
