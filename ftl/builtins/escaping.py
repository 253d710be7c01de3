"""Escaping built-ins: ``?json_string``, ``?js_string``, ``?j_string``, ``?html``, ``?xhtml``,
``?xml``, ``?rtf``, ``?url``, ``?url_path``, ``?web_safe``.

Each escaper first checks with one precompiled regular expression whether the string needs
any escaping and returns it unchanged when not: payloads carry a million user ids, nearly
all of them plain.  The rules are ``StringUtil``'s of FreeMarker 2.3.31 (``jsStringEnc``,
``XMLEnc``, ``URLEnc``...), computed on UTF-16 units where it matters.
"""

from __future__ import annotations

import codecs
import re
from typing import Any

from ..errors import BuiltInArgumentError
from . import builtin
from ._common import arg_count, str_arg

__all__ = [
    "html_escape",
    "java_string",
    "js_string",
    "json_string",
    "rtf_escape",
    "url_escape",
    "xml_escape",
]

# -- JavaScript / JSON ---------------------------------------------------------------------

# Characters that may need escaping (the context of "/", ">" and "<" is checked later).
_JSON_MAYBE = re.compile(r"[\x00-\x1f\"\\/<>\x7f-\x9f\u2028\u2029]")
_JS_MAYBE = re.compile(r"[\x00-\x1f\"'\\/<>\x7f-\x9f\u2028\u2029]")
_SHORT = {"\n": "\\n", "\r": "\\r", "\f": "\\f", "\b": "\\b", "\t": "\\t"}


_CONTEXTUAL = re.compile(r"[/<>]")


def _table(json: bool) -> dict[int, str]:
    """Escapes of the characters whose escaping does not depend on their neighbours."""
    t: dict[int, str] = {}
    for o in [*range(0x20), *range(0x7F, 0xA0), 0x2028, 0x2029]:
        c = chr(o)
        if c in _SHORT:
            t[o] = _SHORT[c]
        elif json or o > 0xFF:
            t[o] = f"\\u{o:04X}"
        else:
            t[o] = f"\\x{o:02X}"
    t[ord('"')] = '\\"'
    t[ord("\\")] = "\\\\"
    if not json:
        t[ord("'")] = "\\'"
    return t


_JSON_TABLE = _table(True)
_JS_TABLE = _table(False)


def _js_enc(s: str, json: bool, maybe: re.Pattern[str]) -> str:
    if maybe.search(s) is None:
        return s
    if _CONTEXTUAL.search(s) is None:
        return s.translate(_JSON_TABLE if json else _JS_TABLE)
    n = len(s)

    def repl(m: re.Match[str]) -> str:
        c = m.group()
        i = m.start()
        o = ord(c)
        if o <= 0x1F:
            short = _SHORT.get(c)
            if short is not None:
                return short
            return f"\\u{o:04X}" if json else f"\\x{o:02X}"
        if c == '"' or c == "\\" or c == "'":
            return "\\" + c
        if c == "/":
            return "\\/" if i == 0 or s[i - 1] == "<" else c
        if c == ">":
            if i == 0:
                dangerous = True
            else:
                prev = s[i - 1]
                if prev == "]" or prev == "-":
                    dangerous = i == 1 or s[i - 2] == prev
                else:
                    dangerous = False
            if not dangerous:
                return c
            return "\\u003E" if json else "\\>"
        if c == "<":
            dangerous = i == n - 1 or s[i + 1] in "!?"
            if not dangerous:
                return c
            return "\\u003C" if json else "\\x3C"
        # 0x7F-0x9F, U+2028, U+2029
        if not json and o < 0x100:
            return f"\\x{o:02X}"
        return f"\\u{o:04X}"

    return maybe.sub(repl, s)


def json_string(s: str) -> str:
    """FreeMarker's ``?json_string``: the body of a JSON string literal."""
    return _js_enc(s, True, _JSON_MAYBE)


def js_string(s: str) -> str:
    """FreeMarker's ``?js_string``: the body of a JavaScript string literal."""
    return _js_enc(s, False, _JS_MAYBE)


_JAVA_MAYBE = re.compile(r'[\x00-\x1f"\\]')


def java_string(s: str) -> str:
    """``?j_string``: the body of a Java string literal (``StringUtil.javaStringEnc``)."""
    if _JAVA_MAYBE.search(s) is None:
        return s

    def repl(m: re.Match[str]) -> str:
        c = m.group()
        if c == '"' or c == "\\":
            return "\\" + c
        return _SHORT.get(c) or f"\\u{ord(c):04x}"

    return _JAVA_MAYBE.sub(repl, s)


# -- markup --------------------------------------------------------------------------------

_HTML_MAYBE = re.compile(r"[<>&\"']")
_HTML = {"<": "&lt;", ">": "&gt;", "&": "&amp;", '"': "&quot;", "'": "&#39;"}
_XML = {"<": "&lt;", ">": "&gt;", "&": "&amp;", '"': "&quot;", "'": "&apos;"}
_RTF_MAYBE = re.compile(r"[\\{}]")


def html_escape(s: str) -> str:
    if _HTML_MAYBE.search(s) is None:
        return s
    return _HTML_MAYBE.sub(lambda m: _HTML[m.group()], s)


def xml_escape(s: str) -> str:
    if _HTML_MAYBE.search(s) is None:
        return s
    return _HTML_MAYBE.sub(lambda m: _XML[m.group()], s)


def rtf_escape(s: str) -> str:
    if _RTF_MAYBE.search(s) is None:
        return s
    return _RTF_MAYBE.sub(lambda m: "\\" + m.group(), s)


# -- URLs ----------------------------------------------------------------------------------

_URL_SAFE = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-.!~*'()")
_URL_PLAIN = re.compile(r"[A-Za-z0-9_\-.!~*'()]*")
_URL_PATH_PLAIN = re.compile(r"[A-Za-z0-9_\-.!~*'()/]*")


def url_escape(s: str, charset: str, keep_slash: bool) -> str:
    """``StringUtil.URLEnc``/``URLPathEnc``: percent-encode all but the unreserved characters
    (and ``/`` for paths) in ``charset``; an unmappable character becomes ``?``."""
    plain = _URL_PATH_PLAIN if keep_slash else _URL_PLAIN
    if plain.fullmatch(s):
        return s
    try:
        codec = codecs.lookup(_python_charset(charset))
    except LookupError as e:
        raise BuiltInArgumentError("Failed to execute URL encoding.") from e
    out: list[str] = []
    run: list[str] = []

    def flush() -> None:
        if run:
            data = codec.encode("".join(run), "replace")[0]
            out.append("".join(f"%{b:02X}" for b in data))
            run.clear()

    for c in s:
        if c in _URL_SAFE or (keep_slash and c == "/"):
            flush()
            out.append(c)
        else:
            run.append(c)
    flush()
    return "".join(out)


def _python_charset(name: str) -> str:
    low = name.lower()
    if low.startswith("cp") and low[2:].isdigit():
        return "cp" + low[2:]
    return name


def _url_charset(env: Any, args: tuple[Any, ...], name: str) -> str:
    arg_count(name, args, 0, 1)
    if args:
        return str_arg(name, args, 0)
    settings = env.settings
    cs = getattr(settings, "url_escaping_charset", None) or getattr(
        settings, "output_encoding", None
    )
    if not cs:
        raise BuiltInArgumentError(
            "To do URL encoding, the framework that encloses FreeMarker must specify the "
            '"output_encoding" setting or the "url_escaping_charset" setting, so ask the '
            "programmers to set them. Or, as a last chance, you can set the "
            "url_encoding_charset setting in the template, e.g. "
            "<#setting url_escaping_charset='ISO-8859-1'>, or give the charset explicitly "
            "to the built-in, e.g. foo?url('ISO-8859-1')."
        )
    return str(cs)


# -- registry ------------------------------------------------------------------------------


@builtin(
    "json_string",
    family="escaping",
    accepts=("string",),
    result="string",
    summary="Escapes the string for use inside a JSON string literal (quotes not added).",
    example='${"say \\"hi\\"</b>"?json_string}  → say \\"hi\\"<\\/b>',
    aliases=("jsonString",),
)
def _json_string(env: Any, target: Any) -> str:
    return json_string(env.to_string(target))


@builtin(
    "js_string",
    family="escaping",
    accepts=("string",),
    result="string",
    summary="Escapes the string for use inside a JavaScript string literal ('...' or \"...\").",
    example="${\"It's\"?js_string}  → It\\'s",
    aliases=("jsString",),
)
def _js_string(env: Any, target: Any) -> str:
    return js_string(env.to_string(target))


@builtin(
    "j_string",
    family="escaping",
    accepts=("string",),
    result="string",
    summary="Escapes the string for use inside a Java string literal.",
    example='${"a\\"b"?j_string}  → a\\"b',
    aliases=("jString",),
)
def _j_string(env: Any, target: Any) -> str:
    return java_string(env.to_string(target))


@builtin(
    "html",
    family="escaping",
    accepts=("string",),
    result="string",
    summary="Escapes <, >, &, \" and ' as HTML entities (deprecated: prefer output formats).",
    example="${\"Tom & 'Jerry'\"?html}  → Tom &amp; &#39;Jerry&#39;",
    aliases=("web_safe", "webSafe"),
)
def _html(env: Any, target: Any) -> str:
    return html_escape(env.to_string(target))


@builtin(
    "xhtml",
    family="escaping",
    accepts=("string",),
    result="string",
    summary="Escapes the string as XHTML text (like ?html).",
    example='${"<b>"?xhtml}  → &lt;b&gt;',
)
def _xhtml(env: Any, target: Any) -> str:
    return html_escape(env.to_string(target))


@builtin(
    "xml",
    family="escaping",
    accepts=("string",),
    result="string",
    summary="Escapes <, >, &, \" and ' as XML entities (' becomes &apos;).",
    example="${\"a<'b'>\"?xml}  → a&lt;&apos;b&apos;&gt;",
)
def _xml(env: Any, target: Any) -> str:
    return xml_escape(env.to_string(target))


@builtin(
    "rtf",
    family="escaping",
    accepts=("string",),
    result="string",
    summary="Escapes \\, { and } for Rich Text Format.",
    example='${"a{b}"?rtf}  → a\\{b\\}',
)
def _rtf(env: Any, target: Any) -> str:
    return rtf_escape(env.to_string(target))


@builtin(
    "url",
    family="escaping",
    accepts=("string",),
    result="string",
    summary="Percent-encodes the string for a URL query parameter (charset from the argument "
    "or the url_escaping_charset setting).",
    example='${"a b&c"?url("UTF-8")}  → a%20b%26c',
    arity=(0, 1),
    params=("charset",),
)
def _url(env: Any, target: Any, *args: Any) -> str:
    s = env.to_string(target)
    return url_escape(s, _url_charset(env, args, "url"), keep_slash=False)


@builtin(
    "url_path",
    family="escaping",
    accepts=("string",),
    result="string",
    summary="Percent-encodes the string for a URL path, keeping the / separators.",
    example='${"a b/c"?url_path("UTF-8")}  → a%20b/c',
    arity=(0, 1),
    params=("charset",),
    aliases=("urlPath",),
)
def _url_path(env: Any, target: Any, *args: Any) -> str:
    s = env.to_string(target)
    return url_escape(s, _url_charset(env, args, "url_path"), keep_slash=True)
