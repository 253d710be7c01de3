"""Editor queries over an Analysis: tables of (template with a cursor "|" -> result)."""

from __future__ import annotations

import pytest

from ftl.analysis import analyze
from ftl.analysis import editor as ed
from ftl.nodes import Span


def at(marked: str) -> tuple[str, int, int]:
    i = marked.index("|")
    src = marked[:i] + marked[i + 1 :]
    line = src.count("\n", 0, i) + 1
    return src, line, i - (src.rfind("\n", 0, i) + 1) + 1


def complete(marked: str) -> list[ed.CompletionItem]:
    src, line, col = at(marked)
    return ed.completions(analyze(src), line, col)


# ----------------------------------------------------------------------------- completion

COMPLETION_TABLE = [
    # (template, labels that must come first, in order)
    (
        "${input.|",
        ["cohort_name", "cohort_id", "in_cohort", "computed_time", "message_id", "users"],
    ),
    ('{\n  "a": "${input.|\n  "b": 1\n}', ["cohort_name", "cohort_id"]),
    ("${input.coh|}", ["cohort_name", "cohort_id"]),
    ("<#list input.users as user>\n  ${user.|\n</#list>", ["user_id", "user_properties"]),
    ("<#list input.users.iterator() as u>${u.|}</#list>", ["user_id", "user_properties"]),
    ("<#list input.users as user>${user.user_id?|}</#list>", ["json_string"]),
    ("${input.users?size?|}", ["c"]),
    ("<#list input.users as user>${user?|}</#list>", ["counter", "has_next", "index"]),
    ("<#list input.users as user>\n  <#|\n</#list>", ["break", "continue", "items", "sep"]),
    ("<#list input.users as user>\n  <#if x>\n  </|", ["</#if>", "</#list>"]),
    ("<#list input.users as user>\n  <#if x>\n  </#|", ["</#if>", "</#list>"]),
    ("<#assign total = input.users?size>\n${to|}", ["total", "input"]),
    ("<#macro row user last>x</#macro>\n<@|", ["row"]),
]


@pytest.mark.parametrize(("marked", "first"), COMPLETION_TABLE)
def test_completion_table(marked: str, first: list[str]) -> None:
    items = complete(marked)
    assert [i.label for i in items[: len(first)]] == first


def test_field_completion_detail_docs_and_replace_range() -> None:
    items = complete("${input.coh|}")
    item = items[0]
    assert item.kind == "field" and item.detail == "string"
    assert "quotes" in item.documentation
    assert item.replace == Span(1, 9, 1, 12)
    users = next(i for i in complete("${input.|}") if i.label == "users")
    assert users.detail == "sequence of user"


def test_builtins_ranked_by_type_but_all_reachable() -> None:
    labels = [i.label for i in complete("${input.cohort_name?|}")]
    assert labels.index("json_string") < labels.index("c") < labels.index("size")
    assert "round" in labels  # still reachable, lower
    assert "new" not in labels  # JVM-only built-ins are not offered
    assert "has_next" not in labels  # loop built-ins only after a loop variable


def test_builtin_with_arguments_is_a_snippet() -> None:
    item = next(i for i in complete("${input.cohort_name?|}") if i.label == "left_pad")
    assert item.is_snippet and item.insert_text == "left_pad(${1:length})"
    assert "Pads" in item.documentation


def test_directive_snippets_close_their_block() -> None:
    item = next(i for i in complete("<#|") if i.label == "list")
    assert item.is_snippet and item.insert_text.endswith("</#list>")
    assert "sep" not in [i.label for i in complete("<#|")]  # only inside a list


def test_user_properties_from_the_schema() -> None:
    from ftl.schema import schema_from_json

    plan = {"plan": {"type": "string", "description": "Billing plan."}}
    user = {"properties": {"user_properties": {"properties": plan}}}
    schema = schema_from_json({"properties": {"users": {"items": user}}})
    src, line, col = at("<#list input.users as u>${u.user_properties.|}</#list>")
    items = ed.completions(analyze(src, schema=schema), line, col)
    assert [(i.label, i.documentation) for i in items] == [("plan", "Billing plan.")]


def test_assigned_hash_fields() -> None:
    labels = [i.label for i in complete('<#assign h = {"a": 1, "b": "x"}>${h.|}')]
    assert labels == ["a", "b"]


def test_no_completion_in_comments_and_text() -> None:
    assert complete("<#-- ${input.| -->") == []
    assert complete("plain | text") == []


# ----------------------------------------------------------------------------- hover

HOVER_TABLE = [
    ("${input.coh|ort_name}", "**cohort_name**: `string`", Span(1, 9, 1, 20)),
    ("${input.users?si|ze}", "**?size**", Span(1, 15, 1, 19)),
    ("<#li|st input.users as u>${u.user_id}</#list>", "**<#list>**", Span(1, 1, 1, 7)),
    (
        "<#list input.users as user>${us|er.user_id?json_string}</#list>",
        "**user** — loop variable: `user`",
        Span(1, 30, 1, 34),
    ),
    ("<#assign total = 3>${total|}", "**total** — variable: `number`", Span(1, 22, 1, 27)),
    ("${in|put.cohort_id}", "**input**: `input`", Span(1, 3, 1, 8)),
]


@pytest.mark.parametrize(("marked", "starts", "span"), HOVER_TABLE)
def test_hover_table(marked: str, starts: str, span: Span) -> None:
    src, line, col = at(marked)
    h = ed.hover(analyze(src), line, col)
    assert h is not None
    assert h.markdown.startswith(starts)
    assert h.span == span


def test_hover_builtin_shows_example_and_field_shows_doc() -> None:
    src, line, col = at("${input.cohort_name?json_str|ing}")
    h = ed.hover(analyze(src), line, col)
    assert h is not None and "```ftl" in h.markdown
    src, line, col = at("${input.in_coh|ort?c}")
    h = ed.hover(analyze(src), line, col)
    assert h is not None and "entered the cohort" in h.markdown


# ----------------------------------------------------------------------------- signatures


def test_signature_help_for_builtins_and_macros() -> None:
    src, line, col = at('${input.cohort_name?left_pad(3, |"0")}')
    sig = ed.signature_help(analyze(src), line, col)
    assert sig is not None and sig.label == "?left_pad(length, filler)"
    assert sig.active_parameter == 1
    src, line, col = at("<#macro row user last>x</#macro>\n<@row user=1 |")
    sig = ed.signature_help(analyze(src), line, col)
    assert sig is not None and sig.parameters == ("user", "last")
    src, line, col = at("${input.cohort_name|}")
    assert ed.signature_help(analyze(src), line, col) is None


# ----------------------------------------------------------------------------- navigation

NAV = """<#assign total = input.users?size>
<#macro row user last=false>${user.user_id?json_string}<#if !last>,</#if></#macro>
<#list input.users as user>
  <@row user=user last=!user?has_next/>${total?c}
</#list>
<#assign total = total + 1>"""


def test_definition_and_references() -> None:
    a = analyze(NAV)
    assert ed.definition(a, 4, 42) == Span(1, 10, 1, 15)  # total -> its <#assign>
    refs = ed.references(a, 1, 11)
    assert refs == [Span(1, 10, 1, 15), Span(4, 42, 4, 47), Span(6, 10, 6, 15), Span(6, 18, 6, 23)]
    assert ed.references(a, 1, 11, include_declaration=False) == [
        Span(4, 42, 4, 47),
        Span(6, 18, 6, 23),
    ]
    assert ed.definition(a, 4, 5) == Span(2, 9, 2, 12)  # <@row -> the macro
    assert ed.definition(a, 4, 14) == Span(3, 23, 3, 27)  # user (argument value) -> loop var


def test_loop_variable_and_parameter_scopes_are_separate() -> None:
    a = analyze(NAV)
    param = ed.references(a, 2, 31)  # user in the macro body
    assert param == [Span(2, 13, 2, 17), Span(2, 31, 2, 35)]


def test_rename() -> None:
    a = analyze(NAV)
    edits = ed.rename(a, 1, 11, "count")
    assert edits is not None
    assert [(e.span.line, e.span.column) for e in edits] == [(1, 10), (4, 42), (6, 10), (6, 18)]
    assert all(e.new_text == "count" for e in edits)
    assert ed.rename(a, 1, 11, "not valid") is None
    assert ed.rename(a, 1, 11, "as") is None


def test_rename_loop_variable_renames_legacy_names() -> None:
    src = '[<#list input.users as user>"${user.user_id?json_string}"<#if user_has_next>,</#if></#list>]'
    edits = ed.rename(analyze(src), 1, 25, "member")
    assert edits is not None
    assert [(e.span.column, e.span.end_column) for e in edits] == [(24, 28), (32, 36), (63, 67)]


# ----------------------------------------------------------------------------- outline & tokens


def test_document_symbols() -> None:
    syms = ed.document_symbols(analyze(NAV))
    assert [(s.name, s.kind) for s in syms] == [
        ("total", "variable"),
        ("row", "macro"),
        ("list input.users as user", "list"),
        ("total", "variable"),
    ]
    assert syms[0].detail == "number"
    assert [(c.name, c.detail) for c in syms[2].children] == [("user", "user")]


def test_folding_ranges() -> None:
    src = "<#-- a\ncomment -->\n<#list input.users as u>\n${u.user_id}\n</#list>\n<#if true>x</#if>"
    assert ed.folding_ranges(analyze(src)) == [(1, 2, "comment"), (3, 5, "region")]


def test_semantic_tokens() -> None:
    src = '<#list input.users as u>${u.user_id?json_string}</#list><#-- c -->${"s"} ${1}'
    toks = [(sp.column, sp.end_column, kind) for sp, kind in ed.semantic_tokens(analyze(src))]
    assert (1, 7, "directive") in toks
    assert (8, 13, "variable") in toks
    assert (14, 19, "field") in toks
    assert (25, 27, "interpolation") in toks
    assert (36, 48, "builtin") in toks
    assert (49, 57, "directive") in toks
    assert (57, 67, "comment") in toks
    assert (69, 72, "string") in toks
    assert (76, 77, "number") in toks
    starts = [(sp.line, sp.column) for sp, _ in ed.semantic_tokens(analyze(src))]
    assert starts == sorted(starts)


def test_inlay_hints() -> None:
    src = "<#list input.users as user>${user.user_id}</#list><#list [1, 2] as n>${n}</#list>"
    assert ed.inlay_hints(analyze(src)) == [(1, 27, ": user"), (1, 69, ": number")]


def test_queries_survive_broken_templates() -> None:
    src = "<#list input.users as user>\n  ${user.\n</#list>\n${"
    a = analyze(src)
    for line in range(1, 5):
        for col in range(1, 12):
            ed.completions(a, line, col)
            ed.hover(a, line, col)
            ed.signature_help(a, line, col)
            ed.definition(a, line, col)
            ed.references(a, line, col)
    ed.document_symbols(a)
    ed.folding_ranges(a)
    ed.semantic_tokens(a)
    ed.inlay_hints(a)


def test_hover_on_legacy_loop_variables() -> None:
    src, line, col = at("<#list input.users as user><#if user_has_n|ext>,</#if></#list>")
    h = ed.hover(analyze(src), line, col)
    assert h is not None and h.markdown.startswith("**user_has_next**: `boolean`")
    assert "user?has_next" in h.markdown


def test_builtins_after_a_parenthesized_expression_or_a_literal() -> None:
    labels = [i.label for i in complete('${(input.cohort_name!"x")?js|}')]
    assert "json_string" in labels and labels.index("json_string") < 20
    assert complete('${"abc"?|}')[0].label in ("json_string", "length", "string", "trim")


def test_references_inside_string_literal_interpolations() -> None:
    src = '<#assign suffix = 1><#assign id = "cohort-${suffix}">${"x${suffix}"}'
    a = analyze(src)
    assert ed.references(a, 1, 11) == [Span(1, 10, 1, 16), Span(1, 45, 1, 51), Span(1, 60, 1, 66)]
    edits = ed.rename(a, 1, 11, "sfx")
    assert edits is not None and len(edits) == 3


def test_rename_refuses_when_a_use_cannot_be_placed() -> None:
    src = '<#assign suffix = 1>${"a\\"b${suffix}"}'
    assert ed.rename(analyze(src), 1, 11, "sfx") is None
