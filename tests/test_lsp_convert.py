"""lsp.convert: 1-based character spans ↔ 0-based LSP positions (UTF-16 and the others)."""

from __future__ import annotations

import pytest
from lsprotocol import types

from ftl.nodes import Span
from lsp.convert import UTF8, UTF16, UTF32, LineIndex, split_lines
from lsp.settings import Settings

P = types.Position


@pytest.mark.parametrize(
    ("text", "lines"),
    [
        ("", [""]),
        ("a", ["a"]),
        ("a\n", ["a", ""]),
        ("a\r\nb\rc\nd", ["a", "b", "c", "d"]),
        ("a\u2028b\x0cc\x85d", ["a\u2028b\x0cc\x85d"]),  # not LSP line breaks
        ("\n\n", ["", "", ""]),
    ],
)
def test_split_lines_as_lsp(text: str, lines: list[str]) -> None:
    assert split_lines(text) == lines


# (line text, 1-based character column, UTF-16 character, UTF-8 character)
COLUMNS = [
    ("${input.}", 1, 0, 0),
    ("${input.}", 9, 8, 8),
    ("${input.}", 10, 9, 9),  # just past the end
    ("é${x}", 2, 1, 2),  # BMP, two UTF-8 bytes
    ("€${x}", 2, 1, 3),  # three UTF-8 bytes
    ("😀${x}", 2, 2, 4),  # astral: a surrogate pair, four UTF-8 bytes
    ("😀😀${x}", 3, 4, 8),
    ("a😀b", 3, 3, 5),
    ("𝄞\t${user.", 3, 3, 5),  # a tab is one unit, not FreeMarker's tab stop
    ("👩‍👩‍👧${y}", 6, 8, 18),  # ZWJ sequence: 5 code points, 3 of them astral
]


@pytest.mark.parametrize(("text", "column", "utf16", "utf8"), COLUMNS)
def test_column_to_lsp_and_back(text: str, column: int, utf16: int, utf8: int) -> None:
    source = f"first line\n{text}\nlast"
    for encoding, units in ((UTF16, utf16), (UTF8, utf8), (UTF32, column - 1)):
        idx = LineIndex(source, encoding)
        assert idx.position(2, column) == P(line=1, character=units), encoding
        assert idx.location(P(line=1, character=units)) == (2, column), encoding


def test_range_of_a_span_with_astral_characters() -> None:
    source = '{"id": "😀${user.user_id}"}'
    start = source.index("${")  # 0-based code points
    span = Span(1, start + 1, 1, start + 1 + len("${user.user_id}"))
    rng = LineIndex(source).range(span)
    assert rng == types.Range(start=P(line=0, character=10), end=P(line=0, character=25))
    # and back again
    assert LineIndex(source).span(rng) == span


def test_position_inside_a_surrogate_pair_rounds_down() -> None:
    idx = LineIndex("😀x")
    assert idx.location(P(line=0, character=1)) == (1, 1)
    assert idx.location(P(line=0, character=2)) == (1, 2)
    assert LineIndex("é", UTF8).location(P(line=0, character=1)) == (1, 1)


@pytest.mark.parametrize(
    ("line", "column", "expected"),
    [
        (0, 5, P(line=0, character=0)),  # no such line: the start
        (1, 0, P(line=0, character=0)),  # unknown column: the line's start
        (1, 99, P(line=0, character=4)),  # past the end of the line: its end
        (3, 1, P(line=1, character=4)),  # past the last line: the end of the text
    ],
)
def test_out_of_range_spans_are_clamped(line: int, column: int, expected: types.Position) -> None:
    assert LineIndex("a😀b\ncd😀").position(line, column) == expected


def test_out_of_range_positions_are_clamped() -> None:
    idx = LineIndex("ab\ncd")
    assert idx.location(P(line=0, character=99)) == (1, 3)
    assert idx.location(P(line=7, character=0)) == (2, 3)


def test_an_end_before_its_start_collapses() -> None:
    rng = LineIndex("abc").range(Span(1, 3, 1, 2))
    assert rng.start == rng.end == P(line=0, character=2)


def test_crlf_and_cr_lines() -> None:
    idx = LineIndex("a\r\n😀b\rc")
    assert idx.position(2, 2) == P(line=1, character=2)
    assert idx.position(3, 2) == P(line=2, character=1)


def test_unknown_encoding_falls_back_to_utf16() -> None:
    assert LineIndex("😀x", "utf-7").position(1, 2) == P(line=0, character=2)


# ----------------------------------------------------------------------------- settings


def test_settings_defaults_and_updates() -> None:
    s = Settings()
    assert (s.schema_file, s.sample_files, s.json_output_check) == (None, (), True)
    s = s.updated({"schemaFile": "/a/schema.json", "sampleFiles": ["/a/s.json", "/a/s.json"]})
    assert s.schema_file == "/a/schema.json"
    assert s.sample_files == ("/a/s.json",)
    s = s.updated({"cohortWebhooks": {"jsonOutputCheck": False, "schemaFile": None}})
    assert (s.schema_file, s.json_output_check) == (None, False)


@pytest.mark.parametrize(
    "raw",
    [
        None,
        [],
        {"jsonOutputCheck": "yes"},
        {"sampleFiles": "one.json"},
        {"schemaFile": 3},
        {"diagnosticsDelayMs": -1},
        {"diagnosticsDelayMs": True},
    ],
)
def test_settings_ignore_mistyped_values(raw: object) -> None:
    assert Settings().updated(raw) == Settings()


def test_settings_delay_in_milliseconds() -> None:
    assert Settings().updated({"diagnosticsDelayMs": 0}).diagnostics_delay == 0
    assert Settings().updated({"diagnosticsDelayMs": 250}).diagnostics_delay == 0.25


# ----------------------------------------------------------------------------- result shapes


def test_snippets_become_plain_text_for_clients_without_snippets() -> None:
    from ftl.analysis.editor import CompletionItem
    from lsp.convert import completion_item, snippet_text

    assert snippet_text("list ${1:seq} as ${2:item}>\n\t$0\n</#list>") == (
        "list seq as item>\n\t\n</#list>"
    )
    assert snippet_text(r"x \$1 ${3}") == "x $1 "
    item = CompletionItem("list", "directive", insert_text="list ${1:seq}>", is_snippet=True)
    idx = LineIndex("<#li")
    with_snippets = completion_item(item, idx)
    assert with_snippets.insert_text_format == types.InsertTextFormat.Snippet
    plain = completion_item(item, idx, snippets=False)
    assert plain.insert_text_format == types.InsertTextFormat.PlainText
    assert plain.insert_text == "list seq>"


def test_completion_replaces_the_partial_word_in_utf16() -> None:
    from ftl.analysis.editor import CompletionItem
    from lsp.convert import completion_item

    idx = LineIndex("😀${input.coh")
    item = CompletionItem("cohort_name", "field", replace=Span(1, 10, 1, 13))
    out = completion_item(item, idx)
    assert isinstance(out.text_edit, types.TextEdit)
    assert out.text_edit.range == types.Range(
        start=P(line=0, character=10), end=P(line=0, character=13)
    )
    assert out.text_edit.new_text == "cohort_name" and out.insert_text is None


def test_semantic_tokens_are_relative_utf16_and_split_per_line() -> None:
    from lsp.convert import TOKEN_TYPES, semantic_tokens

    idx = LineIndex("😀${x}\n<#-- a\nb -->")
    data = semantic_tokens(
        [
            (Span(1, 2, 1, 4), "interpolation"),
            (Span(1, 4, 1, 5), "variable"),
            (Span(2, 1, 3, 5), "comment"),  # two lines: cut in two tokens
            (Span(1, 4, 1, 5), "nonsense"),  # unknown kinds are dropped
        ],
        idx,
    )
    macro, var, comment = (TOKEN_TYPES.index(t) for t in ("macro", "variable", "comment"))
    assert data == [
        *(0, 2, 2, macro, 0),
        *(0, 2, 1, var, 0),
        *(1, 0, 6, comment, 0),
        *(1, 0, 4, comment, 0),
    ]


def test_fix_all_merges_the_first_fix_of_each_diagnostic() -> None:
    from ftl.analysis import Diagnostic, Fix, TextEdit
    from lsp.convert import code_actions

    def diag(col: int) -> Diagnostic:
        edit = TextEdit(Span(1, col, 1, col), "?json_string")
        return Diagnostic("FTL101", "warning", "m", Span(1, col - 3, 1, col), (Fix("t", (edit,)),))

    diags = [diag(5), diag(15), diag(25)]
    actions = code_actions(diags, Span(1, 14, 1, 14), LineIndex("x" * 40), "file:///t.ftl")
    titles = [a.title for a in actions]
    assert titles == ["t", "Fix all FTL101 in this file (3)"]
    assert actions[1].edit is not None and actions[1].edit.changes is not None
    assert len(actions[1].edit.changes["file:///t.ftl"]) == 3
