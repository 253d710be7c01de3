"""Error-tolerant parsing: every syntax error, exact ranges, and the rest still analysed."""

from __future__ import annotations

import pytest

import ftl
from ftl import nodes as n
from ftl.analysis import analyze
from ftl.analysis.recovery import tolerant_parse
from ftl.analysis.walk import descendants
from ftl.nodes import Span

HALF_TYPED = """{
  "cohort": "${input.",
  "users": [
  <#list input.users as user>
    {"id": "${user.user_id?json_string}", "name": "${input.cohort_nme}"}<#sep>,
  </#list>
  ]
}"""


def test_half_typed_interpolation_does_not_blind_the_rest() -> None:
    a = analyze(HALF_TYPED)
    codes = [(d.code, d.span.line) for d in a.diagnostics]
    assert ("FTL001", 2) in codes or ("FTL001", 3) in codes
    # the unknown field three lines below is still found
    assert ("FTL002", 5) in codes
    assert a.ast is not None
    assert any(isinstance(x, n.List) for x in descendants(a.ast))
    assert any(s.name == "user" and s.kind == "loop_variable" for s in a.symbols)


@pytest.mark.parametrize(
    "source",
    [
        "${a +}\n${b +}\n${c +}",
        "<#if>\n<#list>\n${x +}",
        '${"abc}',
        "<#foo x>\n${input.cohort_id}",
        "${input.\n${input.\n${input.",
        "<#list input.users as user>\n  ${user.\n</#list>",
    ],
)
def test_the_first_error_is_freemarkers(source: str) -> None:
    with pytest.raises(ftl.TemplateSyntaxError) as info:
        ftl.parse(source)
    first = info.value
    diags = [d for d in analyze(source).diagnostics if d.code == "FTL001"]
    assert diags
    assert diags[0].message.endswith(first.message)
    if first.lineno > 0 and first.column > 0 and first.lineno <= source.count("\n") + 1:
        assert (diags[0].span.line, diags[0].span.column) == (first.lineno, first.column)


def test_three_errors_three_diagnostics_with_ranges() -> None:
    diags = analyze("${a +}\n${b +}\n${c +}").diagnostics
    assert [(d.span.line, d.span.column, d.span.end_line, d.span.end_column) for d in diags] == [
        (1, 6, 1, 7),
        (2, 6, 2, 7),
        (3, 6, 3, 7),
    ]


def test_positions_of_the_repaired_ast_are_the_sources() -> None:
    source = "${oops +}\n${input.cohort_id}"
    rec = tolerant_parse(source)
    assert rec.ast is not None
    interp = [x for x in descendants(rec.ast) if isinstance(x, n.Interpolation)]
    assert [(i.span.line, i.span.column) for i in interp] == [(2, 1)]
    assert len(rec.text) == len(source)


def test_unclosed_block_is_closed_for_the_analysis() -> None:
    a = analyze("<#list input.users as user>\n${user.user_idd}")
    codes = [d.code for d in a.diagnostics]
    assert codes == ["FTL002", "FTL001"]


def test_related_points_at_the_unfinished_construct() -> None:
    d = analyze("<#list input.users as user>\n  ${user.\n</#list>").diagnostics[0]
    assert d.related and d.related[0][1].line == 2


def test_empty_and_text_only_templates() -> None:
    assert analyze("").diagnostics == []
    assert analyze("plain text").diagnostics == []


def test_unclosed_block_points_at_its_opening_tag() -> None:
    [d] = analyze("{\n<#list input.users as u>\n${u.user_id?json_string}").diagnostics
    assert d.code == "FTL001"
    assert d.related == (("<#list> opened here", Span(2, 1, 2, 7)),)


@pytest.mark.parametrize("name", ["01_default_escaped.ftl", "04_macro.ftl", "12_keys.ftl"])
def test_every_prefix_of_a_template_being_typed(name: str) -> None:
    from pathlib import Path

    from ftl.analysis import editor as ed

    src = (Path(__file__).parent / "lint_corpus" / "ok" / name).read_text()
    for cut in range(0, len(src), 5):
        text = src[:cut]
        a = analyze(text)
        lines = text.split("\n")
        ed.completions(a, len(lines), len(lines[-1]) + 1)
        ed.semantic_tokens(a)


def test_unbalanced_brackets_in_a_list_do_not_crash_the_output_check() -> None:
    from ftl.analysis import lint

    src = '{"rows": [<#list input.users as u>[{"id": "${u.user_id?json_string}"}<#sep>,</#list>]}'
    assert [d.code for d in lint(src)] == ["FTL008"]


def test_half_typed_messages_say_what_is_missing() -> None:
    [d] = analyze("${input.}").diagnostics
    assert d.message.startswith("A field name must follow the dot.")
    [d] = analyze("${input?}").diagnostics
    assert d.message.startswith("A built-in name must follow ?.")


@pytest.mark.parametrize(
    "source", ["${input.cohort_nme}<#-- not closed", "${input.cohort_nme}<#noparse>x"]
)
def test_unclosed_comment_or_noparse_keeps_what_comes_before(source: str) -> None:
    a = analyze(source)
    assert [d.code for d in a.diagnostics] == ["FTL002", "FTL001"]


def test_mutated_templates_always_get_an_ast() -> None:
    """Deterministic mutation fuzzing: random insertions of FTL punctuation into the corpus."""
    import random
    from pathlib import Path

    rng = random.Random(5)
    files = sorted((Path(__file__).parent / "lint_corpus" / "ok").glob("*.ftl"))
    pieces = [*"<>#/${}()[]\"'.?!,=@ \n", "<#list ", "</#list>", "${", "<#if ", "</#if>", "<#--"]
    for _ in range(120):
        chars = list(rng.choice(files).read_text())
        for _ in range(rng.randint(1, 3)):
            chars.insert(rng.randrange(len(chars)), rng.choice(pieces))
        a = analyze("".join(chars))
        assert a.ast is not None
        assert sum(d.code == "FTL001" for d in a.diagnostics) <= 10
