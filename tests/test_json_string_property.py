"""Property: ``?json_string`` output, put between double quotes, is JSON for the same string.

Random strings mix control characters, quotes, slashes, ``<``/``>``/``]``/``-`` (whose
escaping depends on their neighbours), U+2028/U+2029, C1 controls and astral characters.
"""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from ftl.builtins.escaping import js_string, json_string

TRICKY = st.sampled_from(
    [*"\"'\\/<>]-!?\n\r\t\b\f\x00\x01\x1f\x7f\x85\x9f\u2028\u2029 a", "😀", "\U0010ffff"]
)
TEXT = st.lists(st.one_of(TRICKY, st.characters(blacklist_categories=("Cs",))), max_size=40).map(
    "".join
)


@settings(max_examples=2000, deadline=None)
@given(TEXT)
def test_json_string_round_trips_through_json(s: str) -> None:
    assert json.loads('"' + json_string(s) + '"') == s


@settings(max_examples=500, deadline=None)
@given(TEXT)
def test_json_string_never_emits_raw_specials(s: str) -> None:
    out = json_string(s)
    assert "</" not in out
    assert "]]>" not in out
    assert not any(ord(c) < 0x20 or c in "\u2028\u2029" for c in out)


_JS_ESCAPES = {"n": "\n", "r": "\r", "t": "\t", "b": "\b", "f": "\f"}


def _js_unescape(body: str) -> str:
    """Decode the escapes ?js_string may write (\\x, \\u, one-letter and \\<char>)."""
    out: list[str] = []
    i = 0
    while i < len(body):
        c = body[i]
        if c != "\\":
            out.append(c)
            i += 1
            continue
        d = body[i + 1]
        if d == "x":
            out.append(chr(int(body[i + 2 : i + 4], 16)))
            i += 4
        elif d == "u":
            out.append(chr(int(body[i + 2 : i + 6], 16)))
            i += 6
        else:
            out.append(_JS_ESCAPES.get(d, d))
            i += 2
    return "".join(out)


@settings(max_examples=1000, deadline=None)
@given(TEXT)
def test_js_string_decodes_back(s: str) -> None:
    out = js_string(s)
    assert "</" not in out and "]]>" not in out and "'" not in out.replace("\\'", "")
    assert _js_unescape(out) == s
