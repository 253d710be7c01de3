"""The JSON output check and the preview (render expectations come from the engine)."""

from __future__ import annotations

import json
from pathlib import Path

import ftl
from ftl.analysis import analyze, lint
from ftl.analysis.output import check_output, preview, synthesize_samples, synthesize_update

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
NO_SEP = """{
  "users": [
  <#list input.users as user>
    {"id": "${user.user_id?json_string}"}
  </#list>
  ]
}"""


def test_forgotten_sep_is_reported_by_the_output_check_with_the_lists_range() -> None:
    a = analyze(NO_SEP)
    found = check_output(a, [])
    assert [(d.code, d.span.line, d.span.column, d.span.end_line) for d in found] == [
        ("FTL104", 3, 3, 5)
    ]
    assert "synthesized sample" in found[0].message
    fixed = NO_SEP.replace("  </#list>", "  <#sep>,</#list>")
    assert check_output(analyze(fixed), []) == []


def test_json_error_maps_to_the_interpolation_and_names_the_sample() -> None:
    src = '{"name": ${input.cohort_name?json_string}, "id": "${input.cohort_id}"}'
    [d] = check_output(analyze(src), [])
    assert d.code == "FTL008"
    assert (d.span.line, d.span.column, d.span.end_column) == (1, 10, 42)
    assert "synthesized sample" in d.message


def test_json_error_in_text_points_at_the_character() -> None:
    src = '{"id": "${input.cohort_id}",}'
    [d] = check_output(analyze(src), [])
    assert d.code == "FTL008"
    assert (d.span.line, d.span.column, d.span.end_column) == (1, 29, 30)  # the "}"


def test_user_sample_named_in_render_errors() -> None:
    src = "<#list input.users as u>${u.user_properties.plan?json_string}</#list>"
    sample = synthesize_update(1)
    sample["users"][0]["user_properties"] = {}
    [d] = check_output(analyze(src), [("samples/no-plan.json", sample)])
    assert d.code == "FTL007" and "samples/no-plan.json" in d.message


def test_synthesized_samples_are_valid_updates_for_the_engine() -> None:
    t = ftl.Template((EXAMPLES / "default.ftl").read_text())
    for _, data in synthesize_samples():
        json.loads(t.render({"input": data}))


def test_adversarial_sample_breaks_the_unescaped_default_template() -> None:
    src = (EXAMPLES / "amplitude-default.ftl").read_text()
    _, data = synthesize_samples()[0]
    out = ftl.Template(src).render({"input": data})
    try:
        json.loads(out)
    except json.JSONDecodeError:
        pass
    else:  # pragma: no cover
        raise AssertionError("the adversarial sample should break unescaped ids")
    # ...which lint reports once, as the static FTL101 warnings, not again as FTL008
    assert {d.code for d in lint(src)} == {"FTL101"}


def test_non_json_templates_are_not_judged_as_json() -> None:
    assert lint("Hello ${input.cohort_name}") == []


def test_no_output_check_with_syntax_errors() -> None:
    assert check_output(analyze("{${x +}"), []) == []


def test_preview_renders_and_reports() -> None:
    ok = preview((EXAMPLES / "default.ftl").read_text(), users=2)
    assert ok.is_json and ok.error is None and len(json.loads(ok.text)["users"]) == 2
    leaving = preview((EXAMPLES / "default.ftl").read_text(), users=0, in_cohort=False)
    assert json.loads(leaving.text)["in_cohort"] is False
    bad = preview(NO_SEP, users=3)
    assert not bad.is_json and bad.json_error is not None
    assert bad.json_error.span is not None and bad.json_error.span.line == 3
    err = preview("${input.in_cohort}")
    assert err.error is not None and err.error.span is not None and err.error.span.line == 1
    syntax = preview("${x +}")
    assert syntax.error is not None and syntax.text == ""


def test_preview_with_a_sample() -> None:
    sample = synthesize_update(1)
    sample["cohort_name"] = "From the sample"
    out = preview('{"n": "${input.cohort_name?json_string}"}', sample=sample)
    assert json.loads(out.text) == {"n": "From the sample"}
