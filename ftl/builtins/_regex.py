"""Java regular expressions on Python's ``re``: FreeMarker's flag strings and the
translation of the Java syntax Python reads differently.

Java vs Python, and what is done about it:

- ``\\w \\d \\s \\b`` and case-insensitive matching are ASCII-only in Java (without
  UNICODE_CHARACTER_CLASS / UNICODE_CASE, which FreeMarker never sets): every pattern is
  compiled with ``re.ASCII``.
- ``.`` does not match any Java line terminator (``\\r``, U+0085, U+2028, U+2029 too), only
  ``\\n`` in Python: rewritten to an explicit class unless DOTALL.
- ``\\z`` is Python's ``\\Z``; Java's ``\\Z`` (end, or before a final line terminator) becomes
  a lookahead.  ``(?<name>...)`` becomes ``(?P<name>...)``; ``\\p{Alpha}``-style POSIX and
  ``\\p{L}``-style categories become classes; ``\\h`` horizontal white space.
- ``\\Q...\\E`` quotes literally; ``\\e`` is ESC; ``\\b`` is Unicode-aware (letters and
  the combining marks after them are word characters) although ``\\w`` is not.
- Nested character classes are unions (``[[a-z][0-9]]``) and ``&&`` intersects
  (``[a-z&&[^aeiou]]`` becomes a lookahead chain).
- Replacement strings use Java's syntax: ``$1``, ``${name}``, ``\\$``; a ``$`` that names no
  group is an error, as in Java.
- ``Pattern.split`` drops trailing empty strings (and a leading one produced by a zero-width
  match at the start), and never returns the groups.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

from ..errors import BuiltInArgumentError
from ._common import MiscTemplateError

__all__ = ["Flags", "compile_java", "java_replacement", "java_split", "parse_flags"]


class Flags:
    __slots__ = ("comments", "dotall", "first", "ignore_case", "multiline", "regex")

    def __init__(self, text: str) -> None:
        self.ignore_case = "i" in text
        self.multiline = "m" in text
        self.comments = "c" in text
        self.dotall = "s" in text
        self.regex = "r" in text
        self.first = "f" in text


def parse_flags(text: str) -> Flags:
    return Flags(text)


def check_strict_non_regex(name: str, f: Flags) -> None:
    """Some built-ins refuse the regex-only flags without ``r``."""
    for flag, on in (("m", f.multiline), ("s", f.dotall), ("c", f.comments)):
        if on:
            raise BuiltInArgumentError(
                f'?{name} doesn\'t support the "{flag}" flag without the "r" flag.'
            )


_POSIX = {
    "Lower": "a-z",
    "Upper": "A-Z",
    "ASCII": "\\x00-\\x7F",
    "Alpha": "a-zA-Z",
    "Digit": "0-9",
    "Alnum": "a-zA-Z0-9",
    "Punct": "!-/:-@\\[-`{-~",
    "Graph": "!-~",
    "Print": " -~",
    "Blank": " \\t",
    "Cntrl": "\\x00-\\x1F\\x7F",
    "XDigit": "0-9a-fA-F",
    "Space": " \\t\\n\\x0B\\f\\r",
    "javaLowerCase": "a-z",
    "javaUpperCase": "A-Z",
    "L": "^\\W\\d_",
    "IsAlphabetic": "^\\W\\d_",
    "IsLetter": "^\\W\\d_",
    "N": "\\d",
    "Nd": "\\d",
    "IsDigit": "\\d",
}
# Java's \b: letters, digits and "_" (Unicode, unlike \w) are word characters, and so is a
# combining mark that follows one (up to two marks deep here).
_M = "[\u0300-\u036f\u0483-\u0489\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]"
_WORD_BEFORE = f"(?:(?<=(?u:\\w))|(?<=(?u:\\w){_M})|(?<=(?u:\\w){_M}{_M}))"
_WORD_AT = f"(?:(?=(?u:\\w))|(?<=(?u:\\w))(?={_M})|(?<=(?u:\\w){_M})(?={_M}))"
_JAVA_BOUNDARY = f"(?:{_WORD_BEFORE}(?!{_WORD_AT})|(?!{_WORD_BEFORE}){_WORD_AT})"
_JAVA_NON_BOUNDARY = f"(?:{_WORD_BEFORE}{_WORD_AT}|(?!{_WORD_BEFORE})(?!{_WORD_AT}))"
_LINE_TERMINATOR_FREE_DOT = "[^\\n\\r\\u0085\\u2028\\u2029]"


def _class_parts(p: str, start: int) -> tuple[int, list[str]]:
    """For the class opening at ``p[start]``: the index after it, and its ``&&`` operands
    as classes of their own (one part when there is no intersection)."""
    i = start + 1
    if i < len(p) and p[i] == "^":
        i += 1
    if i < len(p) and p[i] == "]":
        i += 1
    depth = 1
    cuts: list[int] = []
    while i < len(p) and depth:
        c = p[i]
        if c == "\\":
            i += 2
            continue
        if c == "[":
            depth += 1
        elif c == "]":
            depth -= 1
        elif c == "&" and depth == 1 and p.startswith("&&", i):
            cuts.append(i)
            i += 2
            continue
        i += 1
    if not cuts:
        return i, [p[start:i]]
    body_start = start + 1
    negated = p.startswith("[^", start)
    if negated:
        raise re.error("a negated class with && is not supported")
    pieces = []
    prev = body_start
    for cut in cuts:
        pieces.append(p[prev:cut])
        prev = cut + 2
    pieces.append(p[prev : i - 1])
    parts = []
    for piece in pieces:
        if piece.startswith("[") and _class_parts(piece, 0)[0] == len(piece):
            parts.append(piece)
        else:
            parts.append("[" + piece + "]")
    return i, parts


def _translate(p: str, dotall: bool) -> str:
    out: list[str] = []
    i = 0
    n = len(p)
    in_class = 0
    while i < n:
        c = p[i]
        if c == "\\" and i + 1 < n:
            d = p[i + 1]
            if d in "pP" and i + 2 < n:
                if p[i + 2] == "{":
                    j = p.find("}", i + 3)
                    if j < 0:
                        raise re.error("Unclosed character family")
                    name = p[i + 3 : j]
                    end = j + 1
                else:
                    name = p[i + 2]
                    end = i + 3
                body = _POSIX.get(name) or _POSIX.get(name.removeprefix("Is"))
                if body is None:
                    raise re.error(f"Unknown character property name {{{name}}}")
                negate = d == "P"
                if body.startswith("^"):  # a negated class used as a positive one
                    body = body[1:]
                    negate = not negate
                if in_class:
                    if negate:
                        raise re.error("negated property inside a class is not supported")
                    out.append(body)
                else:
                    out.append(("[^" if negate else "[") + body + "]")
                i = end
                continue
            if d == "Q":  # \Q...\E quotes literally
                end = p.find("\\E", i + 2)
                literal = p[i + 2 :] if end < 0 else p[i + 2 : end]
                out.append(re.escape(literal))
                i = n if end < 0 else end + 2
                continue
            if d == "e":
                out.append("\\x1b")
            elif d == "z":
                out.append("\\Z")
            elif d == "Z":
                out.append("(?=(?:\\r\\n|[\\n\\r\\u0085\\u2028\\u2029])?\\Z)")
            elif d in "bB":  # Java's word boundaries are Unicode-aware even though \w is not
                out.append(_JAVA_BOUNDARY if d == "b" else _JAVA_NON_BOUNDARY)
            elif d == "h":
                out.append("[ \\t\\xA0\\u1680\\u180e\\u2000-\\u200a\\u202f\\u205f\\u3000]")
            elif d == "R":
                out.append("(?:\\r\\n|[\\n\\x0B\\f\\r\\u0085\\u2028\\u2029])")
            else:
                out.append(c + d)
            i += 2
            continue
        if in_class:
            if c == "[":  # a nested class is a union in Java: [[a-z][0-9]] is [a-z0-9]
                if p.startswith("[^", i):
                    raise re.error("a negated class inside a class is not supported")
                in_class += 1
            elif c == "]":
                in_class -= 1
                if in_class == 0:
                    out.append(c)
            else:
                out.append(c)
            i += 1
            continue
        if c == "[":
            end, parts = _class_parts(p, i)
            if len(parts) > 1:  # [a-z&&[^aeiou]]: every part must match
                out.append(
                    "(?:"
                    + "".join(f"(?={_translate(q, dotall)})" for q in parts[:-1])
                    + _translate(parts[-1], dotall)
                    + ")"
                )
                i = end
                continue
            in_class = 1
            out.append(c)
            i += 1
            if i < n and p[i] == "^":
                out.append("^")
                i += 1
            if i < n and p[i] == "]":  # a leading ] is literal in Java too
                out.append("\\]")
                i += 1
            continue
        if c == "(" and p.startswith("(?<", i) and i + 3 < n and p[i + 3] not in "=!":
            out.append("(?P<")
            i += 3
            continue
        if c == "." and not dotall:
            out.append(_LINE_TERMINATOR_FREE_DOT)
            i += 1
            continue
        out.append(c)
        i += 1
    return "".join(out)


@lru_cache(maxsize=512)
def _compile(
    pattern: str, ignore_case: bool, multiline: bool, dotall: bool, comments: bool
) -> re.Pattern[str]:
    flags = re.ASCII
    if ignore_case:
        flags |= re.IGNORECASE
    if multiline:
        flags |= re.MULTILINE
    if dotall:
        flags |= re.DOTALL
    if comments:
        flags |= re.VERBOSE
    try:
        return re.compile(_translate(pattern, dotall), flags)
    except (re.error, OverflowError, RecursionError) as e:
        raise BuiltInArgumentError(f"Malformed regular expression: {e}") from e


def compile_java(pattern: str, f: Flags) -> re.Pattern[str]:
    """Compile a Java regex under FreeMarker's flags (``r`` itself is implied)."""
    return _compile(pattern, f.ignore_case, f.multiline, f.dotall, f.comments)


def compile_literal(text: str, f: Flags) -> re.Pattern[str]:
    """A literal search string as a pattern (for case-insensitive non-regex searches)."""
    return _compile(re.escape(text), f.ignore_case, False, True, False)


@lru_cache(maxsize=256)
def java_replacement(repl: str, pattern: re.Pattern[str]) -> Callable[[re.Match[str]], str]:
    """A Python replacement function for Java's ``Matcher.appendReplacement`` syntax."""
    parts: list[str | int] = []
    buf: list[str] = []
    i = 0
    n = len(repl)
    ngroups = pattern.groups
    while i < n:
        c = repl[i]
        if c == "\\":
            i += 1
            if i >= n:
                raise BuiltInArgumentError("character to be escaped is missing")
            buf.append(repl[i])
            i += 1
        elif c == "$":
            i += 1
            if i >= n:
                raise BuiltInArgumentError("Illegal group reference: group index is missing")
            if repl[i] == "{":
                j = repl.find("}", i)
                if j < 0:
                    raise BuiltInArgumentError("named capturing group is missing trailing '}'")
                name = repl[i + 1 : j]
                if name not in pattern.groupindex:
                    raise MiscTemplateError(
                        "Expression has thrown an unchecked exception; see the cause exception. "
                        f"(No group with name {{{name}}})"
                    )
                if buf:
                    parts.append("".join(buf))
                    buf = []
                parts.append(pattern.groupindex[name])
                i = j + 1
            else:
                if not repl[i].isdigit() or not repl[i].isascii():
                    raise BuiltInArgumentError("Illegal group reference")
                num = int(repl[i])
                if num > ngroups:
                    raise MiscTemplateError(
                        "Expression has thrown an unchecked exception; see the cause exception. "
                        f"(No group {num})"
                    )
                i += 1
                while i < n and repl[i].isascii() and repl[i].isdigit():
                    nxt = num * 10 + int(repl[i])
                    if nxt > ngroups:
                        break
                    num = nxt
                    i += 1
                if buf:
                    parts.append("".join(buf))
                    buf = []
                parts.append(num)
        else:
            buf.append(c)
            i += 1
    if buf:
        parts.append("".join(buf))
    if all(isinstance(p, str) for p in parts):
        text = "".join(p for p in parts if isinstance(p, str))
        return lambda m: text

    def fn(m: re.Match[str]) -> str:
        return "".join(p if isinstance(p, str) else (m.group(p) or "") for p in parts)

    return fn


def java_split(rx: re.Pattern[str], s: str) -> list[str]:
    """``Pattern.split(s)`` (limit 0)."""
    if not s:
        return [""]
    result: list[str] = []
    index = 0
    matched = False
    for m in rx.finditer(s):
        matched = True
        if index == 0 and m.start() == 0 and m.end() == 0:
            continue  # no leading empty string for a zero-width match at the start
        result.append(s[index : m.start()])
        index = m.end()
    if not matched:
        return [s]
    result.append(s[index:])
    while result and result[-1] == "":
        result.pop()
    return result
