"""White-space stripping, as FreeMarker's post-parse clean-up does it.

FreeMarker strips, in lines that hold only FTL tags and comments, the indentation and the
line break; it decides per text block by looking at the neighbouring "terminal nodes" (the
leaves of the element tree) on the same line.  This module reproduces that algorithm
(``TextBlock.postParseCleanup`` and friends) on a small mutable tree, :class:`W`, built by
the parser before the frozen AST is made.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

__all__ = ["W", "clean_up"]


class W:
    """A mutable element of the pre-AST tree."""

    __slots__ = (
        "build",
        "children",
        "col1",
        "end_line",
        "header",
        "heeds",
        "index",
        "line",
        "non_outputting",
        "opaque",
        "parent",
        "span",
        "text",
        "trim",
    )

    def __init__(
        self,
        line: int,
        end_line: int,
        build: Callable[[W], Any],
        children: list[W] | None = None,
        *,
        text: str | None = None,
        heeds: bool = False,
        non_outputting: bool = False,
        opaque: bool = False,
        trim: str | None = None,
    ) -> None:
        self.line = line
        self.end_line = end_line
        self.build = build
        self.children: list[W] = children if children is not None else []
        self.text = text
        self.heeds = heeds
        self.non_outputting = non_outputting
        self.opaque = opaque  # treated as a leaf (macro definitions, captures)
        self.trim = trim
        self.header = False  # the <#ftl ...> header
        self.col1 = False  # a text block starting at column 1 (FreeMarker's beginColumn == 1)
        self.span: Any = None  # the source span of a text block
        self.parent: W | None = None
        self.index = 0

    # -- tree navigation (TemplateElement) ---------------------------------------------

    def link(self) -> None:
        for i, c in enumerate(self.children):
            c.parent = self
            c.index = i
            c.link()

    def is_leaf(self) -> bool:
        return not self.children

    def prev_sibling(self) -> W | None:
        if self.parent is None or self.index == 0:
            return None
        return self.parent.children[self.index - 1]

    def next_sibling(self) -> W | None:
        if self.parent is None or self.index + 1 >= len(self.parent.children):
            return None
        return self.parent.children[self.index + 1]

    def first_leaf(self) -> W:
        w = self
        while w.children and not w.opaque:
            w = w.children[0]
        return w

    def last_leaf(self) -> W:
        w = self
        while w.children and not w.opaque:
            w = w.children[-1]
        return w

    def prev_terminal(self) -> W | None:
        prev = self.prev_sibling()
        if prev is not None:
            return prev.last_leaf()
        if self.parent is not None:
            return self.parent.prev_terminal()
        return None

    def next_terminal(self) -> W | None:
        nxt = self.next_sibling()
        if nxt is not None:
            return nxt.first_leaf()
        if self.parent is not None:
            return self.parent.next_terminal()
        return None

    # -- heeds / ignorable ----------------------------------------------------------------

    def heeds_opening_ws(self) -> bool:
        if self.text is None:
            return self.heeds
        if self.is_ignorable():
            return False
        for ch in reversed(self.text):
            if ch in "\r\n":
                return False
            if not java_isspace(ch):
                return True
        return True

    def heeds_trailing_ws(self) -> bool:
        if self.text is None:
            return self.heeds
        if self.is_ignorable():
            return False
        for ch in self.text:
            if ch in "\r\n":
                return False
            if not java_isspace(ch):
                return True
        return True

    def at_top_level(self) -> bool:
        p = self.parent
        return p is None or (p.parent is None and p.text is None and p.build is _root_marker)

    def is_ignorable(self, strip: bool = True) -> bool:
        if self.text is None:
            return False
        if not self.text:
            return True
        if not strip:
            return False
        if not _trimmable(self.text):
            return False
        top = self.at_top_level()
        prev = self.prev_sibling()
        nxt = self.next_sibling()
        return ((prev is None and top) or (prev is not None and prev.non_outputting)) and (
            (nxt is None and top) or (nxt is not None and nxt.non_outputting)
        )


def _root_marker(w: W) -> Any:  # identifies the root MixedContent
    raise AssertionError("the root is built by the parser")


def _trimmable(s: str) -> bool:
    """FreeMarker's StringUtil.isTrimmableToEmpty: every character is <= U+0020."""
    return all(ch <= " " for ch in s)


_JAVA_NON_WS = frozenset("\u00a0\u2007\u202f")


def java_isspace(ch: str) -> bool:
    """Java's Character.isWhitespace (no-break spaces are not white-space there)."""
    return ch.isspace() and ch not in _JAVA_NON_WS


def _first_nl(text: str) -> int:
    for i, ch in enumerate(text):
        if ch in "\r\n":
            return i
    return -1


def _last_nl(text: str) -> int:
    for i in range(len(text) - 1, -1, -1):
        if text[i] in "\r\n":
            return i
    return -1


# -- TextBlock.postParseCleanup -------------------------------------------------------------


def _clean_text(w: W, strip: bool) -> None:
    assert w.text is not None
    if not w.text:
        return
    # FreeMarker applies <#t>, <#lt>, <#rt> before anything else, even without stripping.
    left_trim = _deliberate_left_trim(w)
    right_trim = _deliberate_right_trim(w)
    if not strip or not w.text:
        return
    if w.at_top_level() and w.prev_sibling() is None:
        return
    opening = trailing = 0
    if not left_trim:
        trailing = _trailing_chars_to_strip(w)
    if not right_trim:
        opening = _opening_chars_to_strip(w)
    if opening == 0 and trailing == 0:
        return
    text = w.text
    w.text = text[opening : len(text) - trailing]
    if opening > 0:
        w.line += 1
        w.col1 = True


def _deliberate_left_trim(w: W) -> bool:
    result = False
    elem = w.next_terminal()
    while elem is not None and elem.line == w.end_line:
        if elem.trim is not None:
            if elem.trim == "nt":
                result = True
            if elem.trim in ("t", "lt"):
                result = True
                text = w.text or ""
                last_nl = _last_nl(text)
                if last_nl >= 0 or w.col1:
                    first_part = text[: last_nl + 1]
                    last_line = text[last_nl + 1 :]
                    if _trimmable(last_line):
                        w.text = first_part
                    else:
                        i = 0
                        while java_isspace(last_line[i]):
                            i += 1
                        w.text = first_part + last_line[i:]
        elem = elem.next_terminal()
    return result


def _deliberate_right_trim(w: W) -> bool:
    result = False
    elem = w.prev_terminal()
    while elem is not None and elem.end_line == w.line:
        if elem.trim is not None:
            if elem.trim == "nt":
                result = True
            if elem.trim in ("t", "rt"):
                result = True
                text = w.text or ""
                first_line_index = _first_nl(text) + 1
                if first_line_index == 0:
                    return False
                if (
                    len(text) > first_line_index
                    and text[first_line_index - 1] == "\r"
                    and text[first_line_index] == "\n"
                ):
                    first_line_index += 1
                trailing_part = text[first_line_index:]
                opening_part = text[:first_line_index]
                if _trimmable(opening_part):
                    w.text = trailing_part
                    w.line += 1
                    w.col1 = True
                else:
                    last_non_ws = len(opening_part) - 1
                    while java_isspace(text[last_non_ws]):
                        last_non_ws -= 1
                    printable = text[: last_non_ws + 1]
                    if _trimmable(trailing_part):
                        trim_trailing = True
                        te = w.next_terminal()
                        while te is not None and te.line == w.end_line:
                            if te.heeds_opening_ws():
                                trim_trailing = False
                            if te.trim in ("t", "lt"):
                                trim_trailing = True
                                break
                            te = te.next_terminal()
                        if trim_trailing:
                            trailing_part = ""
                    w.text = printable + trailing_part
        elem = elem.prev_terminal()
    return result


def _opening_chars_to_strip(w: W) -> int:
    text = w.text or ""
    nl = _first_nl(text)
    if nl == -1 and not _begins_line(w):
        return 0
    nl += 1
    if len(text) > nl and nl > 0 and text[nl - 1] == "\r" and text[nl] == "\n":
        nl += 1
    if not _trimmable(text[:nl]):
        return 0
    elem = w.prev_terminal()
    while elem is not None and elem.end_line == w.line:
        if elem.heeds_opening_ws():
            return 0
        elem = elem.prev_terminal()
    return nl


def _trailing_chars_to_strip(w: W) -> int:
    text = w.text or ""
    last_nl = _last_nl(text)
    if last_nl == -1 and not _begins_line(w):
        return 0
    if not _trimmable(text[last_nl + 1 :]):
        return 0
    elem = w.next_terminal()
    while elem is not None and elem.line == w.end_line:
        if elem.heeds_trailing_ws():
            return 0
        elem = elem.next_terminal()
    return len(text) - (last_nl + 1)


def _begins_line(w: W) -> bool:
    """FreeMarker's ``beginColumn == 1`` test for a text block."""
    return w.col1


# -- TemplateElement.postParseCleanup --------------------------------------------------------


def _clean(w: W, strip: bool, ghosts: list[tuple[W, list[W]]]) -> None:
    if w.text is not None:
        _clean_text(w, strip)
        return
    if not w.children:
        return
    for child in list(w.children):
        _clean(child, strip, ghosts)
    before = list(w.children)
    i = 0
    while i < len(w.children):
        if w.children[i].is_ignorable(strip) or w.children[i].trim is not None:
            del w.children[i]
            for j in range(i, len(w.children)):
                w.children[j].index = j
        else:
            i += 1
    if any(c.trim is not None for c in before):
        ghosts.append((w, before))


def clean_up(root: W, strip: bool = True) -> None:
    """FreeMarker's post-parse clean-up: <#t>/<#lt>/<#rt>, and white-space stripping
    when ``strip`` (the ``strip_whitespace`` setting) is on."""
    root.link()
    if len(root.children) == 1 and root.children[0].text is not None:
        # FreeMarker's root is then the text block itself: nothing strips or removes it
        return
    # FreeMarker removes a trim directive (always "ignorable") from its parent once the
    # parent's children are cleaned up, so the texts after that parent no longer see it:
    # '<#if c>b<#t></#if>' + newline keeps the newline.  Ours are only hidden from the walks
    # and put back afterwards, since the AST keeps them for the editor.
    ghosts: list[tuple[W, list[W]]] = []
    _clean(root, strip, ghosts)
    for w, before in ghosts:
        kept = {id(c) for c in w.children}
        w.children = [c for c in before if id(c) in kept or c.trim is not None]
        for j, c in enumerate(w.children):
            c.index = j


ROOT_BUILD = _root_marker
