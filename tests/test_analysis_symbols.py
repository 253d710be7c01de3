"""Scopes, symbols and inferred types (what hover, rename and the outline build on)."""

from __future__ import annotations

from ftl import nodes as n
from ftl.analysis import analyze
from ftl.analysis.walk import descendants
from ftl.nodes import Span

SRC = """<#assign total = input.users?size, label = "x">
<#function twice x><#return x * 2></#function>
<#macro row user last=false extra...><#local id = user.user_id>${id?json_string}</#macro>
<#list input.users as user>
  <@row user=user/>${twice(total)?c}
  <#list user.user_properties as key, value>${key?json_string}</#list>
</#list>
<#list input.users?filter(u -> u.user_id?has_content) as kept>${kept.user_id?json_string}</#list>"""


def test_symbol_kinds_types_and_scopes() -> None:
    a = analyze(SRC)
    got = {(s.name, s.kind, s.type.display()) for s in a.symbols}
    assert {
        ("total", "variable", "number"),
        ("label", "variable", "string"),
        ("twice", "function", "function"),
        ("row", "macro", "macro"),
        ("x", "parameter", "any"),
        ("user", "parameter", "any"),
        ("last", "parameter", "any"),
        ("id", "local", "any"),  # user is a parameter: unknown
        ("user", "loop_variable", "user"),
        ("key", "loop_variable", "string"),
        ("value", "loop_variable", "any"),
        ("kept", "loop_variable", "user"),
    } <= got
    loop_user = next(s for s in a.symbols if s.name == "user" and s.kind == "loop_variable")
    assert loop_user.name_span == Span(4, 23, 4, 27)
    assert loop_user.scope is not None and loop_user.scope.line == 4
    assert loop_user.references == [Span(5, 14, 5, 18), Span(6, 10, 6, 14)]
    row = next(s for s in a.symbols if s.name == "row")
    assert row.params == ("user", "last=…", "extra...")
    assert row.references == [Span(5, 5, 5, 8)]


def test_types_of_expressions() -> None:
    a = analyze(SRC)
    assert a.ast is not None
    dots = {(d.name, a.type_of(d).display()) for d in descendants(a.ast) if isinstance(d, n.Dot)}
    assert ("users", "sequence of user") in dots
    assert ("user_id", "string") in dots
    assert ("user_properties", "user_properties") in dots
    calls = {
        (c.name, a.type_of(c).display()) for c in descendants(a.ast) if isinstance(c, n.BuiltInCall)
    }
    assert ("size", "number") in calls
    assert ("filter", "sequence of user") in calls
    assert ("c", "string") in calls


def test_visible_symbols_innermost_first() -> None:
    a = analyze(SRC)
    inside_row = [s.name for s in a.visible_symbols(3, 70)]
    assert inside_row[:3] == ["user", "last", "id"] or set(inside_row[:3]) == {"user", "last", "id"}
    outside = {(s.name, s.kind) for s in a.visible_symbols(8, 5)}
    assert ("user", "loop_variable") not in outside and ("total", "variable") in outside
