"""The grammar and the parser: conflict-free LALR, spans, and the lexer's context decisions."""

from __future__ import annotations

import pytest

import ftl
from ftl import nodes as n
from ftl.parser import build_parser


def test_grammar_is_conflict_free_under_strict_mode() -> None:
    build_parser(strict=True)


def _expr(src: str) -> n.Expr:
    stmt = ftl.parse("${" + src + "}").body[0]
    assert isinstance(stmt, n.Interpolation)
    return stmt.expr


def test_spans_are_one_based_with_exclusive_ends() -> None:
    tree = ftl.parse("ab\n  ${input.cohort_name}\n", "t.ftl")
    interp = tree.body[1]
    assert isinstance(interp, n.Interpolation)
    assert interp.span == n.Span(2, 3, 2, 23)
    assert isinstance(interp.expr, n.Dot)
    assert interp.expr.name_span == n.Span(2, 11, 2, 22)


def test_unary_minus_binds_looser_than_builtins() -> None:
    e = _expr("-2.5?round")
    assert isinstance(e, n.Negate) and isinstance(e.operand, n.BuiltInCall)


@pytest.mark.parametrize(
    ("src", "has_default"),
    [("a!b", True), ("a!", False), ("(a.b)!c", True), ("a!'x' + 'y'", True)],
)
def test_default_operator_forms(src: str, has_default: bool) -> None:
    e = _expr(src)
    assert isinstance(e, n.DefaultTo)
    assert (e.default is not None) is has_default


def test_default_right_hand_side_takes_the_rest_of_the_expression() -> None:
    e = _expr("a!1 + 2")
    assert isinstance(e, n.DefaultTo) and isinstance(e.default, n.BinOp)


def test_greater_than_ends_a_tag_but_not_inside_parentheses() -> None:
    assert ftl.Template("<#if (2 > 1)>yes</#if>").render({}) == "yes"
    with pytest.raises(ftl.TemplateSyntaxError):
        ftl.parse("${1 >= 2}")


def test_right_unbounded_range_before_a_closing_bracket() -> None:
    e = _expr("xs[1..]")
    assert isinstance(e, n.DynamicKey) and isinstance(e.key, n.Range)
    assert e.key.kind == "unbounded"


def test_named_and_positional_macro_arguments() -> None:
    tree = ftl.parse('<#macro m a b=2>${a}${b}</#macro><@m a=1 b="x"/><@m 1 2/>')
    named, positional = tree.body[1], tree.body[2]
    assert isinstance(named, n.MacroCall) and isinstance(positional, n.MacroCall)
    assert [k for k, _ in named.named_args or ()] == ["a", "b"]
    assert positional.positional_args is not None and len(positional.positional_args) == 2


def test_word_operators_do_not_split_names() -> None:
    e = _expr("ltv + gtx")
    assert isinstance(e, n.BinOp)
    assert isinstance(e.left, n.Variable) and e.left.name == "ltv"


def test_string_literal_escapes_and_interpolation() -> None:
    e = _expr(r'"a\"b\n\x41${x}"')
    assert isinstance(e, n.StringLit)
    assert e.parts[0] == 'a"b\nA'


def test_sep_without_end_tag_runs_to_the_end_of_the_list() -> None:
    tree = ftl.parse("<#list xs as x>${x}<#sep>, </#list>")
    lst = tree.body[0]
    assert isinstance(lst, n.List)
    assert isinstance(lst.body[-1], n.Sep)


@pytest.mark.parametrize(
    "src",
    ["<#sep>", "<#items as x></#items>", "<#break>", "<#return>", "<#nested>", "<#local x=1>"],
)
def test_directives_out_of_place_are_syntax_errors(src: str) -> None:
    with pytest.raises(ftl.TemplateSyntaxError):
        ftl.parse(src)


@pytest.mark.parametrize(
    "header",
    [
        "<#ftl output_format='HTML'>",
        "<#ftl output_format='XHTML'>",
        "<#ftl output_format='XML' auto_esc=true>",
        '<#ftl output_format="RTF">',
    ],
)
def test_auto_escaping_output_formats_are_refused_not_rendered_unescaped(header: str) -> None:
    # FreeMarker would escape ${x} in these; rendering it unescaped would be a silent
    # divergence, so the template is refused at the format's name (our documented deviation).
    with pytest.raises(ftl.TemplateSyntaxError) as info:
        ftl.Template(header + "\n${x}", "t.ftl")
    assert "auto-escaping" in info.value.message
    assert (info.value.lineno, info.value.column) == (1, header.index("=") + 2)


@pytest.mark.parametrize(
    "source", ["[#ftl]x", " [#ftl ]x", "[#ftl strip_whitespace=false]\n[#if true]x[/#if]"]
)
def test_square_bracket_syntax_is_refused_not_printed(source: str) -> None:
    # FreeMarker switches to [#if ...] tags after a leading [#ftl]; we do not read that
    # syntax, so the template is refused at the header instead of printing its tags.
    with pytest.raises(ftl.TemplateSyntaxError) as info:
        ftl.Template(source, "t.ftl")
    assert "Square-bracket tag syntax" in info.value.message
    assert (info.value.lineno, info.value.column) == (1, source.index("[") + 1)


def test_a_juxtaposed_item_where_none_may_stand_is_named_in_the_error() -> None:
    # the lexer supplies an empty comma between juxtaposed items ([1 2]); when the grammar
    # refuses it (inside an index), the message must not read 'Encountered ""'
    with pytest.raises(ftl.TemplateSyntaxError) as info:
        ftl.Template('${h["k" x]}', "t.ftl")
    assert 'Encountered ""' not in info.value.message
    assert "another item" in info.value.message
    assert (info.value.lineno, info.value.column) == (1, 9)
