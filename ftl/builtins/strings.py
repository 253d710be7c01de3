"""String built-ins: length, case, padding, searching, regular expressions, truncation,
parsing (``?number``, ``?boolean``, ``?eval_json``...).

Java semantics kept: lengths and indices are in UTF-16 code units (``"😀"?length`` is 2);
``?trim`` removes every character up to U+0020 (Java's ``String.trim``); ``?cap_first``
uses the one-character case mapping (``Character.toUpperCase``), ``?capitalize`` and
``?upper_case`` the full one (``"ß"`` → ``"SS"``); regular expressions follow Java (see
:mod:`ftl.builtins._regex`).
"""

from __future__ import annotations

import json
import math
import re
from decimal import Decimal, InvalidOperation
from typing import Any

from ..errors import (
    BuiltInArgumentError,
    NonMethodError,
    NonNumericalError,
    ResourceLimitError,
    UnexpectedTypeError,
)
from ..values import type_description, utf16_len
from . import builtin
from ._common import (
    MiscTemplateError,
    Nothing,
    RegexMatch,
    RegexMatches,
    arg_count,
    int_arg,
    str_arg,
)
from ._regex import (
    check_strict_non_regex,
    compile_java,
    java_replacement,
    java_split,
    parse_flags,
)

__all__ = ["from_utf16", "parse_number", "to_utf16"]

# -- UTF-16 views --------------------------------------------------------------------------

_ASTRAL = re.compile("[\U00010000-\U0010ffff]")
_SURROGATE = re.compile("[\ud800-\udfff]")


def _pair(m: re.Match[str]) -> str:
    o = ord(m.group()) - 0x10000
    return chr(0xD800 + (o >> 10)) + chr(0xDC00 + (o & 0x3FF))


def to_utf16(s: str) -> str:
    """``s`` with every astral character split into its surrogate pair, so that Python
    indices equal Java's ``char`` indices."""
    if s.isascii() or _ASTRAL.search(s) is None:
        return s
    return _ASTRAL.sub(_pair, s)


def from_utf16(s: str) -> str:
    """Join surrogate pairs back into characters.  A lone surrogate (a string cut inside a
    pair) becomes "?", which is what Java writes for it in UTF-8 output."""
    if s.isascii() or _SURROGATE.search(s) is None:
        return s
    return (
        s.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace").replace("\ufffd", "?")
    )


def _s(env: Any, v: Any) -> str:
    return str(env.to_string(v))


# -- length and case -------------------------------------------------------------------------


@builtin(
    "length",
    family="strings",
    accepts=("string",),
    result="number",
    summary="Number of characters, counted in UTF-16 units as Java does (an emoji counts 2).",
    example='${"héllo"?length}  → 5',
)
def _length(env: Any, target: Any) -> int:
    return utf16_len(_s(env, target))


@builtin(
    "upper_case",
    family="strings",
    accepts=("string",),
    result="string",
    summary="The string in upper case.",
    example='${"Hello"?upper_case}  → HELLO',
    aliases=("upperCase",),
)
def _upper_case(env: Any, target: Any) -> str:
    return _s(env, target).upper()


@builtin(
    "lower_case",
    family="strings",
    accepts=("string",),
    result="string",
    summary="The string in lower case.",
    example='${"Hello"?lower_case}  → hello',
    aliases=("lowerCase",),
)
def _lower_case(env: Any, target: Any) -> str:
    return _s(env, target).lower()


def _char_upper(c: str) -> str:
    u = c.upper()
    return u if len(u) == 1 else c


def _char_lower(c: str) -> str:
    """``Character.toLowerCase``: the one-character mapping (U+0130 İ becomes plain i)."""
    u = c.lower()
    if len(u) == 1:
        return u
    return "i" if c == "\u0130" else c


def _first_non_ws(s: str) -> int:
    for i, c in enumerate(s):
        if not _java_whitespace(c):
            return i
    return -1


_JAVA_WS = frozenset(
    "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006"
    "\u2008\u2009\u200a\u2028\u2029\u205f\u3000"
)


def _java_whitespace(c: str) -> bool:
    """``Character.isWhitespace``: Unicode spaces except the no-break ones."""
    return c in _JAVA_WS


@builtin(
    "cap_first",
    family="strings",
    accepts=("string",),
    result="string",
    summary="The string with its first (non white-space) character in upper case.",
    example='${"hello world"?cap_first}  → Hello world',
    aliases=("capFirst",),
)
def _cap_first(env: Any, target: Any) -> str:
    s = _s(env, target)
    i = _first_non_ws(s)
    if i < 0:
        return s
    return s[:i] + _char_upper(s[i]) + s[i + 1 :]


@builtin(
    "uncap_first",
    family="strings",
    accepts=("string",),
    result="string",
    summary="The string with its first (non white-space) character in lower case.",
    example='${"Hello World"?uncap_first}  → hello World',
    aliases=("uncapFirst",),
)
def _uncap_first(env: Any, target: Any) -> str:
    s = _s(env, target)
    i = _first_non_ws(s)
    if i < 0:
        return s
    return s[:i] + _char_lower(s[i]) + s[i + 1 :]


_CAP_TOKENS = re.compile(r"[ \t\r\n]|[^ \t\r\n]+")


@builtin(
    "capitalize",
    family="strings",
    accepts=("string",),
    result="string",
    summary="Every word (separated by spaces, tabs or line breaks) starts upper case, the rest "
    "lower case.",
    example='${"hello wORLD"?capitalize}  → Hello World',
)
def _capitalize(env: Any, target: Any) -> str:
    s = _s(env, target)
    return "".join(
        t if len(t) == 1 and t in " \t\r\n" else t[0].upper() + t[1:].lower()
        for t in _CAP_TOKENS.findall(s)
    )


_TRIM = re.compile(r"^[\x00-\x20]+|[\x00-\x20]+$")


@builtin(
    "trim",
    family="strings",
    accepts=("string",),
    result="string",
    summary="The string without leading and trailing white-space (and control characters).",
    example='[${"  a b  "?trim}]  → [a b]',
)
def _trim(env: Any, target: Any) -> str:
    s = _s(env, target)
    if not s or (s[0] > " " and s[-1] > " "):
        return s
    return _TRIM.sub("", s)


_MAX_PAD = 50_000_000


def _pad(env: Any, target: Any, args: tuple[Any, ...], name: str, left: bool) -> str:
    s = _s(env, target)
    arg_count(name, args, 1, 2)
    width = int_arg(name, args, 0)
    filler = " "
    if len(args) > 1:
        filler = str_arg(name, args, 1)
        if not filler:
            raise BuiltInArgumentError(f"?{name}(...) argument #2 can't be a 0-length string.")
    s16 = to_utf16(s)
    n = len(s16)
    if width <= n:
        return s
    if width > _MAX_PAD:
        raise ResourceLimitError(
            f"?{name}(...) would build a string of {width} characters; the limit is {_MAX_PAD}."
        )
    f16 = to_utf16(filler)
    fl = len(f16)
    # The filler repeats from the start of the padded string (right padding continues the
    # pattern where the text ends: "ab"?right_pad(7, "xyz") is "abzxyzx").
    if left:
        pad = (f16 * ((width - n) // fl + 1))[: width - n]
        return from_utf16(pad + s16)
    pad = (f16 * (width // fl + 1))[n:width]
    return from_utf16(s16 + pad)


@builtin(
    "left_pad",
    family="strings",
    accepts=("string",),
    result="string",
    summary="Pads the string on the left to the given length (with spaces or the given filler).",
    example='[${"ab"?left_pad(5, "0")}]  → [000ab]',
    arity=(1, 2),
    params=("length", "filler"),
    aliases=("leftPad",),
)
def _left_pad(env: Any, target: Any, *args: Any) -> str:
    return _pad(env, target, args, "left_pad", True)


@builtin(
    "right_pad",
    family="strings",
    accepts=("string",),
    result="string",
    summary="Pads the string on the right to the given length (with spaces or the given filler).",
    example='[${"ab"?right_pad(5, ".")}]  → [ab...]',
    arity=(1, 2),
    params=("length", "filler"),
    aliases=("rightPad",),
)
def _right_pad(env: Any, target: Any, *args: Any) -> str:
    return _pad(env, target, args, "right_pad", False)


# -- searching -------------------------------------------------------------------------------


def _one_str(env: Any, target: Any, args: tuple[Any, ...], name: str) -> tuple[str, str]:
    arg_count(name, args, 1, 1)
    return _s(env, target), str_arg(name, args, 0)


@builtin(
    "contains",
    family="strings",
    accepts=("string",),
    result="boolean",
    summary="Whether the string contains the given substring.",
    example='${"Hello"?contains("ell")?c}  → true',
    arity=(1, 1),
    params=("substring",),
)
def _contains(env: Any, target: Any, *args: Any) -> bool:
    s, sub = _one_str(env, target, args, "contains")
    return sub in s


@builtin(
    "starts_with",
    family="strings",
    accepts=("string",),
    result="boolean",
    summary="Whether the string starts with the given prefix.",
    example='${"Hello"?starts_with("He")?c}  → true',
    arity=(1, 1),
    params=("prefix",),
    aliases=("startsWith",),
)
def _starts_with(env: Any, target: Any, *args: Any) -> bool:
    s, sub = _one_str(env, target, args, "starts_with")
    return s.startswith(sub)


@builtin(
    "ends_with",
    family="strings",
    accepts=("string",),
    result="boolean",
    summary="Whether the string ends with the given suffix.",
    example='${"Hello"?ends_with("lo")?c}  → true',
    arity=(1, 1),
    params=("suffix",),
    aliases=("endsWith",),
)
def _ends_with(env: Any, target: Any, *args: Any) -> bool:
    s, sub = _one_str(env, target, args, "ends_with")
    return s.endswith(sub)


def _ensure(env: Any, target: Any, args: tuple[Any, ...], name: str, start: bool) -> str:
    s = _s(env, target)
    arg_count(name, args, 1, 3)
    checked = str_arg(name, args, 0)
    if len(args) == 1:
        ok = s.startswith(checked) if start else s.endswith(checked)
        added = checked
    else:
        added = str_arg(name, args, 1)
        flags = parse_flags(str_arg(name, args, 2) if len(args) > 2 else "r")
        if not flags.regex:
            check_strict_non_regex(name, flags)
            if flags.ignore_case:
                ls, lc = s.lower(), checked.lower()
                ok = ls.startswith(lc) if start else ls.endswith(lc)
            else:
                ok = s.startswith(checked) if start else s.endswith(checked)
        else:
            rx = compile_java(checked, flags)
            if start:
                ok = rx.match(s) is not None
            else:
                ok = any(m.end() == len(s) for m in rx.finditer(s)) or (
                    rx.search(s, len(s)) is not None
                )
    if ok:
        return s
    return added + s if start else s + added


@builtin(
    "ensure_starts_with",
    family="strings",
    accepts=("string",),
    result="string",
    summary="Adds the prefix unless the string already starts with it (or with a match of "
    "the regular expression given first).",
    example='${"example.com"?ensure_starts_with("https://")}  → https://example.com',
    arity=(1, 3),
    params=("prefix", "added_prefix", "flags"),
    aliases=("ensureStartsWith",),
)
def _ensure_starts_with(env: Any, target: Any, *args: Any) -> str:
    return _ensure(env, target, args, "ensure_starts_with", True)


@builtin(
    "ensure_ends_with",
    family="strings",
    accepts=("string",),
    result="string",
    summary="Adds the suffix unless the string already ends with it.",
    example='${"dir"?ensure_ends_with("/")}  → dir/',
    arity=(1, 1),
    params=("suffix",),
    aliases=("ensureEndsWith",),
)
def _ensure_ends_with(env: Any, target: Any, *args: Any) -> str:
    s, suffix = _one_str(env, target, args, "ensure_ends_with")
    return s if s.endswith(suffix) else s + suffix


@builtin(
    "remove_beginning",
    family="strings",
    accepts=("string",),
    result="string",
    summary="The string without the given prefix (unchanged if it does not start with it).",
    example='${"foobar"?remove_beginning("foo")}  → bar',
    arity=(1, 1),
    params=("prefix",),
    aliases=("removeBeginning",),
)
def _remove_beginning(env: Any, target: Any, *args: Any) -> str:
    s, p = _one_str(env, target, args, "remove_beginning")
    return s[len(p) :] if s.startswith(p) else s


@builtin(
    "remove_ending",
    family="strings",
    accepts=("string",),
    result="string",
    summary="The string without the given suffix (unchanged if it does not end with it).",
    example='${"foobar"?remove_ending("bar")}  → foo',
    arity=(1, 1),
    params=("suffix",),
    aliases=("removeEnding",),
)
def _remove_ending(env: Any, target: Any, *args: Any) -> str:
    s, p = _one_str(env, target, args, "remove_ending")
    return s[: len(s) - len(p)] if p and s.endswith(p) else s


def _index_of(env: Any, target: Any, args: tuple[Any, ...], name: str, last: bool) -> int:
    s = to_utf16(_s(env, target))
    arg_count(name, args, 1, 2)
    sub = to_utf16(str_arg(name, args, 0))
    n = len(s)
    if len(args) > 1:
        start = int_arg(name, args, 1)
        if last:
            if start < 0:
                return -1
            start = min(start, n)
            return s.rfind(sub, 0, start + len(sub))
        start = max(start, 0)
        if start > n:
            return -1
        return s.find(sub, start)
    return s.rfind(sub) if last else s.find(sub)


@builtin(
    "index_of",
    family="strings",
    accepts=("string",),
    result="number",
    summary="Index of the first occurrence of the substring (UTF-16 units), or -1.",
    example='${"abcabc"?index_of("c")}  → 2',
    arity=(1, 2),
    params=("substring", "start_index"),
    aliases=("indexOf",),
)
def _index_of_bi(env: Any, target: Any, *args: Any) -> int:
    return _index_of(env, target, args, "index_of", False)


@builtin(
    "last_index_of",
    family="strings",
    accepts=("string",),
    result="number",
    summary="Index of the last occurrence of the substring (UTF-16 units), or -1.",
    example='${"abcabc"?last_index_of("c")}  → 5',
    arity=(1, 2),
    params=("substring", "start_index"),
    aliases=("lastIndexOf",),
)
def _last_index_of_bi(env: Any, target: Any, *args: Any) -> int:
    return _index_of(env, target, args, "last_index_of", True)


def _find_sep(s: str, args: tuple[Any, ...], name: str, last: bool) -> tuple[int, int] | None:
    """(start, end) of the first/last separator occurrence, or None."""
    arg_count(name, args, 1, 2)
    sep = str_arg(name, args, 0)
    flags = parse_flags(str_arg(name, args, 1) if len(args) > 1 else "")
    if not flags.regex:
        check_strict_non_regex(name, flags)
        hay, needle = (s.lower(), sep.lower()) if flags.ignore_case else (s, sep)
        i = hay.rfind(needle) if last else hay.find(needle)
        if i < 0:
            return None
        return i, i + len(sep)
    rx = compile_java(sep, flags)
    if not last:
        m = rx.search(s)
        return (m.start(), m.end()) if m else None
    found: tuple[int, int] | None = None
    pos = 0
    while pos <= len(s):
        m = rx.search(s, pos)
        if m is None:
            break
        found = (m.start(), m.end())
        pos = m.start() + 1
    return found


def _keep(env: Any, target: Any, args: tuple[Any, ...], name: str) -> str:
    s = _s(env, target)
    last = name.endswith("_last")
    before = name.startswith("keep_before")
    hit = _find_sep(s, args, name, last)
    if hit is None:
        return s if before else ""
    return s[: hit[0]] if before else s[hit[1] :]


for _name, _summary, _example in (
    (
        "keep_before",
        "The part before the first occurrence of the separator (all if none).",
        '${"a=b=c"?keep_before("=")}  → a',
    ),
    (
        "keep_before_last",
        "The part before the last occurrence of the separator (all if none).",
        '${"a=b=c"?keep_before_last("=")}  → a=b',
    ),
    (
        "keep_after",
        "The part after the first occurrence of the separator (empty if none).",
        '${"a=b=c"?keep_after("=")}  → b=c',
    ),
    (
        "keep_after_last",
        "The part after the last occurrence of the separator (empty if none).",
        '${"a=b=c"?keep_after_last("=")}  → c',
    ),
):

    def _make(n: str) -> Any:
        def fn(env: Any, target: Any, *args: Any) -> str:
            return _keep(env, target, args, n)

        fn.__name__ = f"_{n}"
        return fn

    builtin(
        _name,
        family="strings",
        accepts=("string",),
        result="string",
        summary=_summary,
        example=_example,
        arity=(1, 2),
        params=("separator", "flags"),
        aliases=("".join(w if i == 0 else w.capitalize() for i, w in enumerate(_name.split("_"))),),
    )(_make(_name))


# -- regular expressions -----------------------------------------------------------------------


def java_literal_replace(text: str, old: str, new: str, ci: bool, first: bool) -> str:
    """``StringUtil.replace``: a literal replace on UTF-16 units; case-insensitively it
    searches the lower-cased text but cuts the original one at the same indices (as Java
    does, even where lower-casing changed the length)."""
    t16 = to_utf16(text)
    if not old:
        if not new:
            return text
        if first:
            return new + text
        return new + "".join(c + new for c in from_utf16_units(t16))
    o16 = to_utf16(old)
    needle = to_utf16(old.lower()) if ci else o16
    hay = to_utf16(text.lower()) if ci else t16
    e = hay.find(needle)
    if e < 0:
        return text
    out: list[str] = []
    b = 0
    while True:
        out.append(t16[b:e])
        out.append(to_utf16(new))
        b = e + len(o16)
        e = hay.find(needle, b)
        if e < 0 or first:
            break
    out.append(t16[b:])
    return from_utf16("".join(out))


def from_utf16_units(s16: str) -> list[str]:
    """The UTF-16 units of a UTF-16 view, each as a string ("?" for a lone surrogate)."""
    return [from_utf16(c) for c in s16]


@builtin(
    "replace",
    family="strings",
    accepts=("string",),
    result="string",
    summary="Replaces every occurrence of a substring; flags: r (regex), i (ignore case), "
    "f (first only), m, s, c.",
    example='${"a.b.c"?replace(".", "-")}  → a-b-c',
    arity=(2, 3),
    params=("search", "replacement", "flags"),
)
def _replace(env: Any, target: Any, *args: Any) -> str:
    s = _s(env, target)
    arg_count("replace", args, 2, 3)
    what = str_arg("replace", args, 0)
    repl = str_arg("replace", args, 1)
    flags = parse_flags(str_arg("replace", args, 2) if len(args) > 2 else "")
    count = 1 if flags.first else 0
    if not flags.regex:
        if not flags.ignore_case and what:
            return s.replace(what, repl, 1) if count else s.replace(what, repl)
        return java_literal_replace(s, what, repl, flags.ignore_case, bool(count))
    rx = compile_java(what, flags)
    fn = java_replacement(repl, rx)
    return rx.sub(fn, s, count=count)


@builtin(
    "split",
    family="strings",
    accepts=("string",),
    result="sequence",
    summary="Splits the string at each separator into a sequence (flags as for ?replace).",
    example='${"a,b,c"?split(",")?join(" ")}  → a b c',
    arity=(1, 2),
    params=("separator", "flags"),
)
def _split(env: Any, target: Any, *args: Any) -> list[str]:
    s = _s(env, target)
    arg_count("split", args, 1, 2)
    sep = env.to_string(args[0])
    flags = parse_flags(env.to_string(args[1]) if len(args) > 1 else "")
    if flags.regex:
        return java_split(compile_java(sep, flags), s)
    if not sep:
        return [from_utf16(c) for c in to_utf16(s)]
    if flags.ignore_case:
        low = s.lower()
        lsep = sep.lower()
        out: list[str] = []
        pos = 0
        while True:
            i = low.find(lsep, pos)
            if i < 0:
                out.append(s[pos:])
                return out
            out.append(s[pos:i])
            pos = i + len(sep)
    return s.split(sep)


@builtin(
    "matches",
    family="strings",
    accepts=("string",),
    result="sequence",
    summary="Matches a regular expression: true if the whole string matches; also the "
    "sequence of matches (each with ?groups).",
    example='${"a1"?matches("[a-z][0-9]")?c}  → true',
    arity=(1, 2),
    params=("regex", "flags"),
)
def _matches(env: Any, target: Any, *args: Any) -> RegexMatches:
    s = _s(env, target)
    arg_count("matches", args, 1, 2)
    pattern = str_arg("matches", args, 0)
    flags = parse_flags(str_arg("matches", args, 1) if len(args) > 1 else "")
    rx = compile_java(pattern, flags)
    full = rx.fullmatch(s)
    found = [RegexMatch(m.group(), (m.group(), *m.groups())) for m in rx.finditer(s)]
    groups: tuple[str | None, ...] = (
        (full.group(), *full.groups()) if full else (None,) * (rx.groups + 1)
    )
    return RegexMatches(found, full is not None, groups)


@builtin(
    "groups",
    family="strings",
    accepts=("sequence",),
    result="sequence",
    summary="The capturing groups of a ?matches result ([0] is the whole match).",
    example='${"a1"?matches("(.)(.)")?groups[2]}  → 1',
)
def _groups(env: Any, target: Any) -> list[str | None]:
    if isinstance(target, RegexMatches | RegexMatch):
        return list(target.groups_)
    raise MiscTemplateError(
        "?groups can only be used on the result of ?matches, but this has evaluated to "
        f"{type_description(target)}."
    )


# -- pieces -----------------------------------------------------------------------------------


@builtin(
    "substring",
    family="strings",
    accepts=("string",),
    result="string",
    summary="Deprecated: the part from the start index (to the end index); use s[from..<to].",
    example='${"abcdef"?substring(1, 3)}  → bc',
    arity=(1, 2),
    params=("from", "to"),
)
def _substring(env: Any, target: Any, *args: Any) -> str:
    s = to_utf16(_s(env, target))
    arg_count("substring", args, 1, 2)
    n = len(s)

    def check(i: int, v: int) -> None:
        if v < 0:
            raise BuiltInArgumentError(
                f"?substring(...) argument #{i + 1} had invalid value: The index must be at "
                f"least 0, but was {v}."
            )
        if v > n:
            raise BuiltInArgumentError(
                f"?substring(...) argument #{i + 1} had invalid value: The index mustn't be "
                f"greater than the length of the string, {n}, but it was {v}."
            )

    begin = int_arg("substring", args, 0)
    check(0, begin)
    if len(args) > 1:
        end = int_arg("substring", args, 1)
        check(1, end)
        if begin > end:
            raise BuiltInArgumentError(
                f"?substring(...) arguments have invalid value: The begin index argument, "
                f"{begin}, shouldn't be greater than the end index argument, {end}."
            )
        return from_utf16(s[begin:end])
    return from_utf16(s[begin:])


_WORDS = re.compile(r"[^ \t\n\r\f]+")


@builtin(
    "word_list",
    family="strings",
    accepts=("string",),
    result="sequence",
    summary="The words of the string (separated by white-space) as a sequence.",
    example='${"  a bb  c"?word_list?join(",")}  → a,bb,c',
    aliases=("wordList",),
)
def _word_list(env: Any, target: Any) -> list[str]:
    return _WORDS.findall(_s(env, target))


@builtin(
    "chop_linebreak",
    family="strings",
    accepts=("string",),
    result="string",
    summary="Removes one line break (\\n, \\r\\n or \\r) from the end, if there is one.",
    example='${"abc\\n"?chop_linebreak}  → abc',
    aliases=("chopLinebreak",),
)
def _chop_linebreak(env: Any, target: Any) -> str:
    s = _s(env, target)
    if s.endswith("\r\n"):
        return s[:-2]
    if s.endswith(("\r", "\n")):
        return s[:-1]
    return s


# -- truncation (DefaultTruncateBuiltinAlgorithm.ASCII_INSTANCE) ------------------------------

_TRUNC_TERMINATOR = "[...]"
_TRUNC_M_TERMINATOR = "<span class='truncateTerminator'>[&#8230;]</span>"
_TRUNC_M_TERMINATOR_LEN = 3
_WORD_MIN = 0.75


def _is_dot(c: str) -> bool:
    return c == "." or c == "\u2026"


def _truncate_core(
    s: str, max_len: int, term: str, term_len: int, removes_dots: bool, mode: str
) -> str | None:
    """The kept part of ``s`` (UTF-16 view), with the word-boundary space; None: nothing."""
    ws = _java_whitespace

    def skip_ws(i: int) -> int:
        while i >= 0 and ws(s[i]):
            i -= 1
        return i

    def word_end(i: int) -> bool:
        return i + 1 >= len(s) or ws(s[i + 1])

    cb_initial = max_len - term_len - 1
    cb = skip_ws(cb_initial)
    if cb < 0:
        return None
    if mode in ("auto", "word"):
        wterm = term_len + 1
        min_idx = max(math.ceil(max_len * _WORD_MIN) - wterm - 1, 0) if mode == "auto" else 0
        wb = min(max_len - wterm - 1, cb)
        following_ws = ws(s[wb + 1]) if len(s) > wb + 1 else True
        result: str | None = None
        while wb >= min_idx:
            cur_ws = ws(s[wb])
            if not cur_ws and following_ws:
                result = s[: wb + 1] + " "
                break
            following_ws = cur_ws
            wb -= 1
        if result is not None or mode == "word":
            return result
    if cb == cb_initial and word_end(cb):
        cb -= 1
        if cb < 0:
            return None
    while True:
        skipped = False
        cb = skip_ws(cb)
        if cb < 0:
            return None
        if _is_dot(s[cb]) and not word_end(cb) and removes_dots:
            while cb >= 0 and _is_dot(s[cb]):
                cb -= 1
            if cb < 0:
                return None
            skipped = True
        if not skipped:
            break
    return s[: cb + 1] + (" " if word_end(cb) else "")


def _truncate(
    env: Any, target: Any, args: tuple[Any, ...], name: str, mode: str, markup: bool
) -> str:
    s = _s(env, target)
    arg_count(name, args, 1, 3)
    max_len = int_arg(name, args, 0)
    if max_len < 0:
        raise BuiltInArgumentError(f"?{name}(...) argument #1 can't be negative.")
    s16 = to_utf16(s)
    if len(s16) <= max_len:
        return s
    is_markup_term = False
    if len(args) > 1:
        term = str_arg(name, args, 1)
        term_len = utf16_len(term)
        if len(args) > 2:
            term_len = int_arg(name, args, 2)
            if term_len < 0:
                raise BuiltInArgumentError(f"?{name}(...) argument #3 can't be negative.")
    elif markup:
        term = _TRUNC_M_TERMINATOR
        term_len = _TRUNC_M_TERMINATOR_LEN
        is_markup_term = True
    else:
        term = _TRUNC_TERMINATOR
        term_len = len(term)
    removes_dots = term.startswith((".", "\u2026")) if not is_markup_term else False
    kept = _truncate_core(s16, max_len, term, term_len, removes_dots, mode)
    if not kept:
        return term
    text = from_utf16(kept)
    if is_markup_term:
        from .escaping import html_escape

        text = html_escape(text)
    return text + term


_TRUNC_EXAMPLES = {
    "truncate": "Hello [...]",
    "truncate_w": "Hello [...]",
    "truncate_c": "Hello w[...]",
    "truncate_m": "Hello <span class='truncateTerminator'>[&#8230;]</span>",
    "truncate_w_m": "Hello <span class='truncateTerminator'>[&#8230;]</span>",
    "truncate_c_m": "Hello wor<span class='truncateTerminator'>[&#8230;]</span>",
}

for _name, _mode, _markup, _summary in (
    (
        "truncate",
        "auto",
        False,
        "Shortens the string to at most the given length, preferring a "
        "word boundary, and adds a terminator ([...] by default).",
    ),
    ("truncate_w", "word", False, "Like ?truncate, but only cuts at word boundaries."),
    ("truncate_c", "char", False, "Like ?truncate, but cuts at any character."),
    ("truncate_m", "auto", True, "Like ?truncate, with an HTML markup terminator."),
    ("truncate_w_m", "word", True, "Like ?truncate_w, with an HTML markup terminator."),
    ("truncate_c_m", "char", True, "Like ?truncate_c, with an HTML markup terminator."),
):

    def _make_trunc(n: str, mode: str, markup: bool) -> Any:
        def fn(env: Any, target: Any, *args: Any) -> str:
            return _truncate(env, target, args, n, mode, markup)

        fn.__name__ = f"_{n}"
        return fn

    builtin(
        _name,
        family="strings",
        accepts=("string",),
        result="string",
        summary=_summary,
        example=f'${{"Hello world again"?{_name}(12)}}  → {_TRUNC_EXAMPLES[_name]}',
        arity=(1, 3),
        params=("max_length", "terminator", "terminator_length"),
        aliases=(
            "".join(
                w if i == 0 else w.upper() if len(w) == 1 else w.capitalize()
                for i, w in enumerate(_name.split("_"))
            ),
        )
        if "_" in _name
        else (),
    )(_make_trunc(_name, _mode, _markup))


# -- parsing ------------------------------------------------------------------------------------

_NUMBER = re.compile(r"[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?")


def parse_number(s: str) -> int | float | Decimal:
    """``ArithmeticEngine.toNumber``: BigDecimal syntax, plus INF/Infinity/NaN as Doubles.
    Raises ValueError when ``s`` is not a number."""
    if len(s) > 2:
        if s in ("INF", "Infinity"):
            return float("inf")
        if s in ("-INF", "-Infinity"):
            return float("-inf")
        if s == "NaN":
            return float("nan")
    if not _NUMBER.fullmatch(s):
        raise ValueError(s)
    try:
        return Decimal(s)
    except InvalidOperation as e:  # pragma: no cover - the regex already checked it
        raise ValueError(s) from e


def _jquote(s: str) -> str:
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


@builtin(
    "number",
    family="strings",
    accepts=("string", "number"),
    result="number",
    summary="Parses the string as a number (computer format: 1234.5, -1e3, INF, NaN).",
    example='${"1.5"?number * 2}  → 3',
)
def _number(env: Any, target: Any) -> Any:
    # A number is formatted with number_format first, then parsed, as FreeMarker does
    # (so 1000?number fails on "1,000").
    s = _s(env, target)
    try:
        return parse_number(s)
    except ValueError:
        raise NonNumericalError(f"Can't convert this string to number: {_jquote(s)}") from None


@builtin(
    "boolean",
    family="strings",
    accepts=("string",),
    result="boolean",
    summary='Parses "true" or "false" (or the boolean_format words) as a boolean.',
    example='${"true"?boolean?then("yes", "no")}  → yes',
)
def _boolean(env: Any, target: Any) -> bool:
    if isinstance(target, bool):
        return target
    s = _s(env, target)
    if s == "true":
        return True
    if s == "false":
        return False
    fmt = env.settings.boolean_format
    if fmt not in ("true,false", "c") and "," in fmt:
        t, _, f = fmt.partition(",")
        if s == t:
            return True
        if s == f:
            return False
    raise MiscTemplateError(f"Can't convert this string to boolean: {_jquote(s)}")


def _json_value(v: Any) -> Any:
    if isinstance(v, dict):
        return {k: _json_value(x) for k, x in v.items()}
    if isinstance(v, list):
        return [_json_value(x) for x in v]
    return v


# FreeMarker's JSON parser also accepts JavaScript comments, and no-break space and BOM as
# white space; these are blanked out (outside strings) before Python's json reads the text.
_JSON_EXTRAS = re.compile("[/\u00a0\ufeff]")
_JSON_TOKENS = re.compile(
    r'"(?:[^"\\]|\\.)*"|//[^\r\n]*|/\*(?:.|\n)*?\*/|/\*|[\u00a0\ufeff]', re.DOTALL
)


def _json_extras_removed(s: str) -> str:
    def blank(m: re.Match[str]) -> str:
        t = m.group()
        if t.startswith('"'):
            return t
        if t == "/*":
            raise ValueError("Unclosed comment")
        return " "

    return _JSON_TOKENS.sub(blank, s)


def _reject_constant(name: str) -> Any:
    raise ValueError(f"Unexpected {name}")


@builtin(
    "eval_json",
    family="strings",
    accepts=("string",),
    result="any",
    summary="Parses the string as JSON into hashes, sequences, strings, numbers and booleans "
    "(null is missing).",
    example="${'{\"a\": [1, 2]}'?eval_json.a?size}  → 2",
    aliases=("evalJson",),
)
def _eval_json(env: Any, target: Any) -> Any:
    s = _s(env, target)
    try:
        if _JSON_EXTRAS.search(s):
            s = _json_extras_removed(s)
        return _json_value(json.loads(s, parse_float=Decimal, parse_constant=_reject_constant))
    except (ValueError, RecursionError) as e:
        raise MiscTemplateError(f'Failed to "?eval_json" string with this error: {e}') from None


@builtin(
    "eval",
    family="strings",
    accepts=("string",),
    result="any",
    summary="Evaluates the string as an FTL expression.",
    example='${"1 + 2"?eval}  → 3',
)
def _eval(env: Any, target: Any) -> Any:
    s = _s(env, target)
    fn = getattr(env, "eval_expression", None)
    if fn is None:
        from ..errors import SandboxError

        raise SandboxError("?eval is not available: this engine has no expression evaluator.")
    return fn(s)


@builtin(
    "interpret",
    family="strings",
    accepts=("string",),
    result="macro",
    summary="Parses the string as a template and returns it as a directive (<@x/> runs it).",
    example="<#assign t = \"${'$'}{1 + 1}\"?interpret><@t/>  → 2",
)
def _interpret(env: Any, target: Any) -> Any:
    s = _s(env, target)
    fn = getattr(env, "interpret", None)
    if fn is None:
        from ..errors import SandboxError

        raise SandboxError("?interpret is not available in this sandbox.")
    return fn(s)


@builtin(
    "absolute_template_name",
    family="strings",
    accepts=("string",),
    result="string",
    summary="Resolves a template name relative to the current template.",
    example='${"foo.ftl"?absolute_template_name}  → /foo.ftl',
    arity=(0, 1),
    params=("base_name",),
    aliases=("absoluteTemplateName",),
)
def _absolute_template_name(env: Any, target: Any, *args: Any) -> str:
    s = _s(env, target)
    base = str_arg("absolute_template_name", args, 0) if args else str(env.template_name)
    if s.startswith("/") or "://" in s:
        return s
    folder = base.rsplit("/", 1)[0] + "/" if "/" in base else ""
    path = folder + s
    return path if path.startswith("/") else "/" + path


@builtin(
    "string",
    family="strings",
    accepts=("string", "number", "boolean", "date"),
    result="string",
    summary="Converts to string: numbers and dates by the format settings or a pattern "
    '(?string("0.00"), ?string.iso), booleans as ?string("yes", "no").',
    example='${1234.5?string("#,##0.00")}  → 1,234.50',
    arity=(0, 2),
    params=("format",),
)
def _string(env: Any, target: Any, *args: Any) -> str:
    from ..values import TemplateDate
    from .booleans import string_of_boolean
    from .dates import string_of_date
    from .numbers import string_of_number

    if isinstance(target, RegexMatches):
        target = target.matched
    if isinstance(target, bool):
        return string_of_boolean(env, target, args)
    if isinstance(target, int | float | Decimal):
        return string_of_number(env, target, args)
    if isinstance(target, TemplateDate):
        return string_of_date(env, target, args)
    if isinstance(target, str):
        if args:
            raise NonMethodError(
                'For "...(...)" callee: Expected a method or function, but this has evaluated '
                "to a string."
            )
        return "" if isinstance(target, Nothing) else target  # (x!)?string is only a string
    raise UnexpectedTypeError(
        f"Expected a number, date, boolean or string, but this has evaluated to "
        f"{type_description(target)}."
    )
