"""The diagnostic catalogue: one table row per diagnostic (template -> codes and ranges),
fixes that remove their diagnostic, the seed templates, and the zero-false-positive corpus."""

from __future__ import annotations

from pathlib import Path

import pytest

from ftl.analysis import CATALOGUE, Diagnostic, TextEdit, analyze, lint

ROOT = Path(__file__).resolve().parent.parent
CORPUS = sorted((ROOT / "tests" / "lint_corpus" / "ok").glob("*.ftl"))


def spans(diags: list[Diagnostic]) -> list[tuple[str, str]]:
    return [
        (d.code, f"{d.span.line}:{d.span.column}-{d.span.end_line}:{d.span.end_column}")
        for d in diags
    ]


def apply_edits(source: str, edits: tuple[TextEdit, ...] | list[TextEdit]) -> str:
    lines = source.split("\n")
    offsets = [0]
    for ln in lines:
        offsets.append(offsets[-1] + len(ln) + 1)

    def off(line: int, col: int) -> int:
        return offsets[line - 1] + col - 1

    out = source
    for e in sorted(edits, key=lambda e: (e.span.line, e.span.column), reverse=True):
        start = off(e.span.line, e.span.column)
        end = off(e.span.end_line, e.span.end_column)
        out = out[:start] + e.new_text + out[end:]
    return out


# (template, expected (code, range) list) -- every code of the catalogue has a row
TABLE: dict[str, tuple[str, list[tuple[str, str]]]] = {
    "syntax: half-typed interpolation": (
        '{\n  "a": "${input.",\n  "b": "${input.cohort_id}"\n}',
        [("FTL001", "2:17-3:4")],
    ),
    "syntax: two errors, both reported": (
        "${input.cohort_id}\n${a +}\n<#if>\n${input.cohort_name?json_string}",
        [("FTL001", "2:6-2:7"), ("FTL001", "3:2-3:3")],
    ),
    "syntax: unclosed #if at end of file": (
        "<#if input.in_cohort>\nyes",
        [("FTL001", "2:3-2:4")],
    ),
    "syntax: stray end tag": ("abc</#list>", [("FTL001", "1:4-1:12")]),
    "unknown field: typo": ("${input.cohort_nme?json_string}", [("FTL002", "1:9-1:19")]),
    "unknown field: compute_time": ('"${input.compute_time}"', [("FTL002", "1:10-1:22")]),
    "unknown field: input.user_properties": (
        "<#list input.users as user>${input.user_properties?size}</#list>",
        [("FTL002", "1:36-1:51")],
    ),
    "unknown field: on a user": (
        "<#list input.users as u>${u.userid}</#list>",
        [("FTL002", "1:29-1:35")],
    ),
    "undefined variable": ("${cohort_name}", [("FTL003", "1:3-1:14")]),
    "undefined variable with did-you-mean": (
        "<#assign total = 1>${totl}",
        [("FTL003", "1:22-1:26")],
    ),
    "boolean without ?c": ('{"in": ${input.in_cohort}}', [("FTL004", "1:10-1:25")]),
    "?c on a string": ("${input.cohort_id?c}", [("FTL005", "1:19-1:20")]),
    "?size on a string": ("${input.cohort_name?size?c}", [("FTL005", "1:21-1:25")]),
    "?upper_case on a sequence": ("${input.users?upper_case}", [("FTL005", "1:15-1:25")]),
    "JVM-only built-in": ("${input.cohort_id?new()}", [("FTL006", "1:18-1:24")]),
    "render error on a user sample": (
        "<#list input.users as u>${u.user_properties.plan?json_string}</#list>",
        [("FTL007", "1:27-1:49")],
    ),
    "payload not JSON": ('{"name": ${input.cohort_name?json_string}}', [("FTL008", "1:10-1:42")]),
    "printing a hash": (
        "<#list input.users as user>${user.user_properties}</#list>",
        [("FTL009", "1:30-1:50")],
    ),
    "unescaped user text in a JSON string": (
        '{"id": "${input.cohort_name}"}',
        [("FTL101", "1:11-1:28")],
    ),
    "?js_string in a JSON string": (
        '{"id": "${input.cohort_name?js_string}"}',
        [("FTL101", "1:29-1:38")],
    ),
    "default binds tighter than the escaping": (
        '{"id": "${input.cohort_name!"x"?json_string}"}',
        [("FTL101", "1:11-1:44")],
    ),
    "number without ?c": ('{"n": ${input.users?size}}', [("FTL102", "1:9-1:25")]),
    "broken directive and end tag": (
        "< #list input.users as user>x< /#list>",
        [("FTL103", "1:1-1:8"), ("FTL103", "1:30-1:38")],
    ),
    "broken interpolation": ('{"a": "$ {input.cohort_id}"}', [("FTL103", "1:8-1:11")]),
    "list without separator": (
        '[<#list input.users as user>{"id": "${user.user_id?json_string}"}</#list>]',
        [("FTL104", "1:2-1:74")],
    ),
    "Amplitude's iterator()": (
        '[<#list input.users.iterator() as user>"${user.user_id?json_string}"<#sep>,</#list>]',
        [("FTL201", "1:20-1:31")],
    ),
    "legacy user_has_next": (
        '[<#list input.users as user>"${user.user_id?json_string}"<#if user_has_next>,</#if></#list>]',
        [("FTL202", "1:63-1:76")],
    ),
    "legacy user_index": (
        "<#list input.users as user>${user_index?c}</#list>",
        [("FTL202", "1:30-1:40")],
    ),
}

SAMPLES = [("plan-less.json", {"cohort_name": "c", "cohort_id": "a", "in_cohort": True,
            "computed_time": "1", "message_id": "m",
            "users": [{"user_id": "u1", "user_properties": {}}]})]  # fmt: skip


@pytest.mark.parametrize("case", TABLE)
def test_table(case: str) -> None:
    source, expected = TABLE[case]
    assert spans(lint(source, samples=SAMPLES)) == expected


def test_every_code_has_a_row() -> None:
    covered = {code for _, rows in TABLE.values() for code, _ in rows}
    assert covered | {"FTL010"} == set(CATALOGUE)


def test_severities_follow_the_catalogue() -> None:
    for source, _ in TABLE.values():
        for d in lint(source, samples=SAMPLES):
            assert d.severity == CATALOGUE[d.code].severity


@pytest.mark.parametrize(
    "case", [c for c in TABLE if TABLE[c][1] and TABLE[c][1][0][0] != "FTL001"]
)
def test_fixes_remove_their_diagnostic(case: str) -> None:
    source = TABLE[case][0]
    for d in lint(source, samples=SAMPLES):
        for fix in d.fixes:
            fixed = apply_edits(source, fix.edits)
            after = [x for x in lint(fixed, samples=SAMPLES) if x.code == d.code]
            assert len(after) < len(
                [x for x in lint(source, samples=SAMPLES) if x.code == d.code]
            ), (
                fix.title,
                fixed,
            )


def test_did_you_mean_messages() -> None:
    msgs = {d.code: d.message for d in lint("${input.compute_time}${input.cohort_nme}")}
    assert "Did you mean computed_time?" in lint("${input.compute_time}")[0].message
    assert "Did you mean cohort_name?" in msgs["FTL002"] or "cohort_name" in str(msgs)
    d = lint("<#list input.users as member>${input.user_properties?size?c}</#list>")[0]
    assert "member.user_properties" in d.message
    assert d.fixes[0].edits[0].new_text == "member.user_properties"


def test_names_guarded_anywhere_are_not_undefined() -> None:
    src = "<#if extra??>${extra}</#if>${other!''}"
    assert lint(src) == []


def test_dynamic_macro_callees_are_not_undefined_names() -> None:
    # the engine evaluates these callees as expressions (tests/conformance/core/macros/
    # dynamic_callee_*); a plain callee name is still checked
    src = '<#macro m>M</#macro><#assign h = {"k": m}><@.vars["m"]/><@h["k"]/><@h.k/><@nope/>'
    assert spans(lint(src)) == [("FTL003", "1:76-1:80")]  # <@nope/>


def test_setting_boolean_format_allows_bare_booleans() -> None:
    src = '<#setting boolean_format="yes,no">${input.in_cohort}'
    assert lint(src) == []


# ----------------------------------------------------------------------------- seeds


def test_amplitude_default_template_yields_one_warning_kind() -> None:
    source = (ROOT / "examples" / "amplitude-default.ftl").read_text()
    diags = lint(source, name="amplitude-default.ftl")
    assert {d.code for d in diags} == {"FTL101"}
    flagged = {
        source.split("\n")[d.span.line - 1][d.span.column - 1 : d.span.end_column - 1]
        for d in diags
    }
    assert flagged == {"input.cohort_name", "user.user_id"}


def test_examples_default_is_clean() -> None:
    source = (ROOT / "examples" / "default.ftl").read_text()
    assert lint(source) == []


def test_second_seed_as_printed() -> None:
    source = (ROOT / "examples" / "amplitude-user-properties.ftl").read_text()
    diags = lint(source)
    codes = [d.code for d in diags]
    assert codes.count("FTL103") == 4
    assert codes.count("FTL001") == 1
    assert "FTL003" not in codes  # the loop variable of the broken `< #list` is not "undefined"
    broken = [d for d in diags if d.code == "FTL103"]
    texts = [
        source.split("\n")[d.span.line - 1][d.span.column - 1 : d.span.end_column - 1]
        for d in broken
    ]
    assert texts == ["< #list", "$ {", "< /#if", "< /#list"]


def test_second_seed_corrected() -> None:
    source = (ROOT / "examples" / "amplitude-user-properties-fixed.ftl").read_text()
    diags = lint(source)
    assert {d.code for d in diags} == {"FTL004", "FTL201", "FTL202"}
    assert [d.severity for d in diags if d.code == "FTL004"] == ["error"]
    assert all(d.severity == "information" for d in diags if d.code != "FTL004")


def test_second_seed_fully_fixed_is_clean_of_errors() -> None:
    source = (ROOT / "examples" / "amplitude-user-properties-fixed.ftl").read_text()
    for _ in range(5):
        fixable = [d for d in lint(source) if d.fixes]
        if not fixable:
            break
        source = apply_edits(source, fixable[0].fixes[0].edits)
    diags = lint(source)
    assert [d for d in diags if d.severity != "information"] == []
    assert "<#sep>," in source and ".iterator()" not in source and "?c" in source


# ----------------------------------------------------------------------------- corpus


@pytest.mark.parametrize("path", CORPUS, ids=[p.name for p in CORPUS])
def test_zero_false_positives(path: Path) -> None:
    diags = lint(path.read_text(), name=path.name)
    assert [d for d in diags if d.severity != "information"] == []


def test_corpus_is_realistic() -> None:
    assert len(CORPUS) >= 15
    joined = "".join(p.read_text() for p in CORPUS)
    for idiom in ("??", "!", "?has_content", "<#macro", "<#assign", "<#function", "<#sep>"):
        assert idiom in joined


def test_analysis_is_cached_per_source_and_schema() -> None:
    src = "${input.cohort_id}"
    assert analyze(src) is analyze(src)


def test_readme_lists_the_catalogue() -> None:
    from ftl.analysis.catalogue import markdown_table

    assert markdown_table() in (ROOT / "README.md").read_text()


@pytest.mark.parametrize(
    "source",
    [
        '<#setting number_format="computer">{"n": ${input.users?size}}',
        '{"flag": ${input.in_cohort?then(1, 0)}}',
        '{"n": ${input.users?size?switch(0, 0, 1, 1, 2)}}',
        '<#assign h = {"a": 1}><#assign h = h + {"b": 2}>{"b": "${h.b}"}',
        '<#import "lib.ftl" as lib>{"x": "<@lib.row/>"}',
        '<#include "common.ftl">{"x": "${defined_elsewhere}"}',
        '[<#list input.users as user>{"i": ${user?index}}<#sep>,</#list>]',
        '{"count": "${input.users?size}"}',
        '{"id": "${input.cohort_name?url}"}',
        "<#list input.users as u>${u.user_properties.anything!}</#list>",
    ],
)
def test_more_correct_snippets_stay_silent(source: str) -> None:
    assert lint(source, json_check=False) == []


def test_java_classes_through_statics() -> None:
    src = '${statics["java.lang.System"].getenv("HOME")}'
    assert [d.code for d in lint(src)] == ["FTL006", "FTL201"]
    helper = 'statics["com.amplitude.integrations.connector.utils.FtlUtils"]'
    ok = f'<#assign U = {helper}>{{"u": ${{U.toJson(input.users)}}}}'
    assert [d.code for d in lint(ok)] == ["FTL201"]


def test_lint_ignore_comments() -> None:
    src = '{"a": "${input.cohort_name}", <#-- lint-ignore FTL101 -->\n "b": "${input.cohort_name}",\n "c": "${input.cohort_name}"}'
    assert [d.span.line for d in lint(src)] == [3]
    whole = "<#-- lint-ignore-file FTL101 -->\n" + src
    assert lint(whole) == []
    # without codes only warnings and information are silenced, never errors
    errs = '<#-- lint-ignore -->{"a": "${input.cohort_name}", "b": ${input.in_cohort}}'
    assert [d.code for d in lint(errs)] == ["FTL004"]


def test_list_inside_a_json_string_needs_no_separator() -> None:
    src = '{"text": "<#list input.users as u>{${u.user_id?json_string}}</#list>"}'
    assert lint(src) == []


def test_diagnostics_inside_string_literal_interpolations() -> None:
    src = '<#assign id = "cohort-${input.cohort_nme}">${id}'
    assert spans(lint(src)) == [("FTL002", "1:31-1:41")]
    # with an escape before it the position is unknown: nothing rather than a wrong range
    assert lint('<#assign id = "a\\"b${input.cohort_nme}">${id}') == []
