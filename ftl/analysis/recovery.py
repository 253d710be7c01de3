"""Error-tolerant parsing: every syntax error of a template, and a best-effort AST.

The engine's parser stops at the first error.  Here we parse, record the error, repair the
text around it without moving anything else (the broken construct is blanked with spaces,
keeping line breaks; an unclosed block gets its end tag appended), and parse again, until
the template parses or nothing more can be repaired.  Positions in the AST are therefore
positions in the original text, and a half-typed ``${input.`` costs only its own line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .. import nodes as n
from ..errors import TemplateSyntaxError
from ..lexer import FtlLexer
from ..parser import parse

__all__ = ["Recovered", "tolerant_parse"]

_MAX_ROUNDS = 40
_OPENER_RX = re.compile(r"\$\{|#\{|</?#(?!--)|</?@")
_UNCLOSED_RX = re.compile(r"unclosed <#(\w+)> \(opened at line (\d+), column (\d+)\)")
_EXPECTED_END_RX = re.compile(r"expecting one of: </#(\w+)>")
_END_TAG_RX = re.compile(r"Unexpected end tag </(\w+)>")
_BLOCK_OPEN_RX = re.compile(r"<#(if|list|items|switch|macro|function|compress|attempt|sep)\b")


@dataclass
class Recovered:
    """The outcome of :func:`tolerant_parse`."""

    ast: n.Template | None
    errors: list[TemplateSyntaxError] = field(default_factory=list)
    text: str = ""
    """The repaired text the AST was parsed from (same length and line structure as the
    source, plus any appended end tags)."""
    blanked: list[tuple[int, int]] = field(default_factory=list)
    """Offsets ``[start, end)`` of the source regions that were blanked."""
    contexts: list[int] = field(default_factory=list)
    """For each error, the offset where the construct holding it starts (-1 if none)."""


def _offset(text: str, line: int, column: int) -> int:
    """Offset of a 1-based (line, column); clamped to the text."""
    if line <= 0:
        return 0
    pos = 0
    for _ in range(line - 1):
        nl = text.find("\n", pos)
        if nl < 0:
            return len(text)
        pos = nl + 1
    end = text.find("\n", pos)
    end = len(text) if end < 0 else end
    return min(pos + max(column - 1, 0), end)


def _blank(text: str, start: int, end: int) -> str:
    return text[:start] + re.sub(r"[^\r\n]", " ", text[start:end]) + text[end:]


def _construct_end(text: str, start: int) -> int:
    """Where the construct starting at ``start`` plausibly ends: its closing ``}``/``>`` on
    the same line, or the end of that line."""
    opener = text[start : start + 2]
    closer = "}" if opener in ("${", "#{") else ">"
    eol = text.find("\n", start)
    eol = len(text) if eol < 0 else eol
    depth = 0
    i = start + 2
    quote = ""
    while i < eol:
        c = text[i]
        if quote:
            if c == "\\":
                i += 1
            elif c == quote:
                quote = ""
        elif c in "\"'":
            quote = c
        elif c in "({[":
            depth += 1
        elif c in ")]" or (c == "}" and depth > 0):
            depth -= 1
        elif c == closer and depth <= 0:
            return i + 1
        i += 1
    return eol


_OPEN_TYPES = frozenset({"DOLLAR_OPEN", "HASH_OPEN", "CALL_OPEN"})
_CLOSE_TYPES = frozenset({"INTERP_END", "DIRECTIVE_END", "EMPTY_DIRECTIVE_END"})


def _containing_start(text: str, pos: int) -> int:
    """Offset of the FTL construct (interpolation, tag, macro call) that holds ``pos``."""
    last_open = -1
    last_close = -1
    try:
        for tok in FtlLexer.lex_for_errors(text):
            start = tok.start_pos or 0
            if start >= pos:
                break
            if tok.type in _OPEN_TYPES or tok.type.endswith("_OPEN"):
                last_open = start
            elif tok.type in _CLOSE_TYPES:
                last_close = tok.end_pos or start
    except TemplateSyntaxError:
        pass
    if last_open > last_close:
        return last_open
    # not inside a construct: the last opener before the error
    start = -1
    for mm in _OPENER_RX.finditer(text, 0, min(pos + 1, len(text))):
        start = mm.start()
    return start


def _repair(text: str, e: TemplateSyntaxError) -> tuple[str, tuple[int, int] | None] | None:
    """The text with the error's cause repaired, and the blanked region; None if stuck."""
    m = _UNCLOSED_RX.search(e.message)
    if m is not None:
        return text + f"</#{m.group(1)}>", None
    expected_end = _EXPECTED_END_RX.search(e.message)
    if expected_end is not None and e.message.startswith("Encountered the end of the template"):
        return text + f"</#{expected_end.group(1)}>", None
    if e.message.startswith("Unclosed comment"):
        return text + "-->", None  # the rest of the template is the comment
    if e.message.startswith("Unclosed #noparse"):
        return text + "</#noparse>", None
    if (e.message.startswith("Unexpected end of file") and "not closed" in e.message) or (
        e.lineno > 0 and e.column <= 0
    ):
        pos = len(text)
    else:
        pos = _offset(text, e.lineno, e.column)
    start = _containing_start(text, pos)
    if start < 0:
        # no construct to blame: blank the rest of the error's line
        eol = text.find("\n", pos)
        eol = len(text) if eol < 0 else eol
        repaired = _blank(text, pos, eol)
        return (repaired, (pos, eol)) if repaired != text else None
    end = _construct_end(text, start)
    if end <= start:
        end = start + 2
    repaired = _blank(text, start, end)
    if repaired == text:
        return None
    return repaired, (start, end)


def tolerant_parse(source: str, name: str = "<template>") -> Recovered:
    """Parse ``source``, collecting every syntax error; see the module docstring."""
    text = source
    result = Recovered(None, text=source)
    seen: set[tuple[int, int, str]] = set()
    messages: dict[str, int] = {}
    suppress_end_tags: list[str] = []
    for _ in range(_MAX_ROUNDS):
        try:
            result.ast = parse(text, name)
            result.text = text
            return result
        except TemplateSyntaxError as e:
            key = (e.lineno, e.column, e.message)
            end_tag = _END_TAG_RX.search(e.message)
            artifact = key in seen or (
                end_tag is not None and end_tag.group(1) in suppress_end_tags
            )
            if end_tag is not None and end_tag.group(1) in suppress_end_tags:
                suppress_end_tags.remove(end_tag.group(1))
            if _UNCLOSED_RX.search(e.message) and result.blanked:
                # an end tag appended for a block whose content we blanked: ours, not theirs
                m = _UNCLOSED_RX.search(e.message)
                assert m is not None
                opened = _offset(source, int(m.group(2)), int(m.group(3)))
                artifact = artifact or any(s <= opened < t for s, t in result.blanked)
            at = _offset(text, e.lineno, e.column) if e.lineno > 0 else len(text)
            if at >= len(source) - 1:
                messages[e.message] = messages.get(e.message, 0) + 1
                if messages[e.message] > 3:
                    break  # repairs at the end go round in circles: keep what was found
            if result.errors and at >= len(source) and len(text) > len(source):
                artifact = True  # about the end tags we appended
                if end_tag is not None:  # one of ours is unmatched now: take it back
                    tag = f"</#{end_tag.group(1)}>"
                    text = text[:at] + text[at:].replace(tag, "", 1)
                    continue
            fixed = _repair(text, e)
            if not artifact:
                e.name = e.name or name
                result.errors.append(e)
                result.contexts.append(fixed[1][0] if fixed and fixed[1] else -1)
            seen.add(key)
            if fixed is None:
                break
            new_text, region = fixed
            if region is not None:
                opened_block = _BLOCK_OPEN_RX.match(text, region[0])
                if opened_block is not None:
                    # its end tag will now look unmatched: that error is ours
                    suppress_end_tags.append(opened_block.group(1))
                result.blanked.append(region)
            text = new_text
    if result.ast is None and result.errors:
        _last_resort(source, name, result)
    else:
        result.text = text
    return result


def _last_resort(source: str, name: str, result: Recovered) -> None:
    """Blank everything from the first broken construct on, close what is still open, and
    parse that: the analysis then knows at least the template before the first error."""
    first = result.contexts[0] if result.contexts and result.contexts[0] >= 0 else -1
    if first < 0:
        e = result.errors[0]
        first = _offset(source, e.lineno, e.column) if e.lineno > 0 else len(source)
    text = _blank(source, first, len(source))
    for _ in range(_MAX_ROUNDS):
        try:
            result.ast = parse(text, name)
            result.text = text
            result.blanked.append((first, len(source)))
            return
        except TemplateSyntaxError as e:
            fixed = _repair(text, e)
            if fixed is None:
                return
            text = fixed[0]
