"""The pytest plugin (ftl.testing), tested the way users meet it: pytester projects.

Each test builds a small project (a template under ``templates/`` and a test under
``tests/``) and runs pytest on it in-process; the plugin is found through its ``pytest11``
entry point, as in a user's repository.
"""

from __future__ import annotations

import contextlib
import importlib
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

import ftl
from ftl.testing import (
    ADVERSARIAL_USER_IDS,
    AMPLITUDE_FIELDS,
    PayloadError,
    assert_lint_clean,
    assert_valid_payload,
    make_cohort_update,
    render_file,
)

pytest_plugins = ["pytester"]


ROOT = Path(__file__).resolve().parent.parent

BRAZE = """\
{
  "attributes": [
  <#list input.users as user>
    {
      "external_id": "${user.user_id?json_string}",
      "in_power_users": ${input.in_cohort?c}
    }<#sep>,</#sep>
  </#list>
  ]
}
"""


def _warm_up() -> None:
    """Load what the inner runs use, once.  Modules first imported inside an in-process run
    are dropped after it, so each run would import (and assertion-rewrite) the engine again,
    and a re-import rebinds the package's attributes under the outer session's feet."""
    importlib.import_module("ftl.testing.snapshot")
    ftl.Template(BRAZE, "warm.ftl").render({"input": make_cohort_update()})
    with contextlib.suppress(ImportError, AttributeError):
        importlib.import_module("ftl.analysis").lint(BRAZE, name="warm.ftl")


_warm_up()

PAYLOAD_TEST = """\
def test_payload(render_payload, cohort_update, payload_snapshot):
    assert render_payload("templates/braze.ftl", cohort_update(n_users=3)) == payload_snapshot
"""

SNAPSHOT = Path("tests/__snapshots__/test_payload/test_payload.json")


@pytest.fixture
def project(pytester: pytest.Pytester) -> pytest.Pytester:
    pytester.makepyprojecttoml("[tool.pytest.ini_options]\n")
    (pytester.path / "templates").mkdir()
    (pytester.path / "templates" / "braze.ftl").write_text(BRAZE, encoding="utf-8")
    (pytester.path / "tests").mkdir()
    (pytester.path / "tests" / "test_payload.py").write_text(PAYLOAD_TEST, encoding="utf-8")
    return pytester


# Plugins this suite does not need are left out of the inner runs; modules imported during an
# in-process run are dropped after it, so what the runs need is imported here, once.
INNER = ("no:asyncio", "no:cacheprovider", "no:hypothesispytest", "no:pytest-lsp", "no:anyio")


def run(p: pytest.Pytester, *args: str) -> pytest.RunResult:
    return p.runpytest_inprocess(*(a for plugin in INNER for a in ("-p", plugin)), *args)


def edit(p: pytest.Pytester, old: str, new: str) -> None:
    path = p.path / "templates" / "braze.ftl"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_first_run_asks_for_update_then_creates_the_snapshot_then_passes(
    project: pytest.Pytester,
) -> None:
    first = run(project)
    first.assert_outcomes(failed=1)
    first.stdout.fnmatch_lines(["*Snapshot 'test_payload' does not exist!*"])
    assert not (project.path / SNAPSHOT).exists()

    created = run(project, "--snapshot-update")
    created.assert_outcomes(passed=1)
    created.stdout.fnmatch_lines(["*1 snapshot generated*"])
    stored = (project.path / SNAPSHOT).read_text(encoding="utf-8")
    # pretty-printed JSON, one file per snapshot, in the payload's own key order
    assert stored.startswith('{\n  "attributes": [\n    {\n      "external_id": ')
    assert json.loads(stored)["attributes"][0]["in_power_users"] is True

    again = run(project)
    again.assert_outcomes(passed=1)
    again.stdout.fnmatch_lines(["*1 snapshot passed*"])


def test_template_change_fails_with_a_readable_diff_and_update_accepts_it(
    project: pytest.Pytester,
) -> None:
    run(project, "--snapshot-update").assert_outcomes(passed=1)
    edit(project, '"in_power_users": ${input.in_cohort?c}', '"in_power_users": "yes"')

    changed = run(project)
    changed.assert_outcomes(failed=1)
    out = changed.stdout.str()
    # a line diff of the pretty-printed JSON: what the snapshot had, what the template gives
    assert re.search(r'^E\s+-\s+"in_power_users": true$', out, re.M), out
    assert re.search(r'^E\s+\+\s+"in_power_users": "yes"$', out, re.M), out

    run(project, "--snapshot-update").assert_outcomes(passed=1)
    assert '"in_power_users": "yes"' in (project.path / SNAPSHOT).read_text(encoding="utf-8")
    run(project).assert_outcomes(passed=1)


def test_formatting_only_change_passes_but_not_in_raw_mode(project: pytest.Pytester) -> None:
    project.makepyfile(
        **{
            "tests/test_raw": """
            def test_raw(render_payload, cohort_update, raw_payload_snapshot):
                payload = render_payload("templates/braze.ftl", cohort_update(n_users=2))
                assert payload == raw_payload_snapshot
            """
        }
    )
    run(project, "--snapshot-update").assert_outcomes(passed=2)
    raw = project.path / "tests/__snapshots__/test_raw/test_raw.txt"
    # the exact text, white space as FreeMarker leaves it (the <#list> line's indent stays)
    assert raw.read_bytes().startswith(b'{\n  "attributes": [\n      {\n      "external_id"')
    # same JSON value: other indentation, other key order
    edit(
        project,
        '"external_id": "${user.user_id?json_string}",\n      "in_power_users": ${input.in_cohort?c}',
        '"in_power_users":${input.in_cohort?c}, "external_id":"${user.user_id?json_string}"',
    )
    result = run(project)
    result.assert_outcomes(passed=1, failed=1)
    result.stdout.fnmatch_lines(["FAILED tests/test_raw.py::test_raw*"])


def test_invalid_json_fails_with_the_template_location_not_a_diff(
    project: pytest.Pytester,
) -> None:
    run(project, "--snapshot-update").assert_outcomes(passed=1)
    edit(project, "${user.user_id?json_string}", "${user.user_id}")
    project.makepyfile(
        **{
            "tests/test_payload": """
            def test_payload(render_payload, cohort_update, payload_snapshot):
                update = cohort_update(n_users=3, adversarial=True)
                assert render_payload("templates/braze.ftl", update) == payload_snapshot
            """
        }
    )
    result = run(project)
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(
        [
            "templates/braze.ftl:5:23: the rendered payload is not valid JSON: "
            "Expecting ',' delimiter (payload line 4, column 29)",
            "  written by the output of: ${user.user_id}",
            '  payload line:       "external_id": "quote"inside-0",',
            "                                            ^",
        ]
    )
    out = result.stdout.str()
    assert "[+ received]" not in out and "Traceback" not in out
    # --snapshot-update cannot accept a payload that is not JSON; the old snapshot stays
    before = (project.path / SNAPSHOT).read_bytes()
    run(project, "--snapshot-update").assert_outcomes(failed=1)
    assert (project.path / SNAPSHOT).read_bytes() == before


def test_template_error_fails_with_file_line_column(project: pytest.Pytester) -> None:
    edit(project, "input.in_cohort?c", "input.in_cohrt?c")
    result = run(project)
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(
        [
            "templates/braze.ftl:6:27: The following has evaluated to null or missing:",
            "==> input.in_cohrt  *",
        ]
    )


def test_render_payload_takes_a_sample_file_or_a_data_model(project: pytest.Pytester) -> None:
    sample = {"input": make_cohort_update(user_ids=["s1"])}
    (project.path / "samples").mkdir()
    (project.path / "samples" / "one.json").write_text(json.dumps(sample), encoding="utf-8")
    (project.path / "samples" / "bare.json").write_text(
        json.dumps(sample["input"]), encoding="utf-8"
    )
    project.makepyfile(
        **{
            "tests/test_payload": """
            import json
            from ftl.testing import assert_valid_payload

            def test_sources(render_payload, cohort_update):
                a = render_payload("templates/braze.ftl", "samples/one.json")
                b = render_payload("templates/braze.ftl", "samples/bare.json")
                c = render_payload("templates/braze.ftl", data={"input": cohort_update(user_ids=["s1"])})
                assert a == b == c
                assert assert_valid_payload(a)["attributes"] == [
                    {"external_id": "s1", "in_power_users": True}
                ]

            def test_missing_template(render_payload, cohort_update):
                render_payload("braze.ftl", cohort_update())
            """
        }
    )
    result = run(project)
    result.assert_outcomes(passed=1, failed=1)
    result.stdout.fnmatch_lines(["braze.ftl: error: template not found under the rootdir *"])


def test_the_readme_example_verbatim(project: pytest.Pytester) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Golden-file snapshot tests", 1)[1]
    example = section.split("```python\n", 1)[1].split("```", 1)[0]
    assert len(example.strip().splitlines()) == 10
    (project.path / "tests" / "test_payload.py").unlink()
    (project.path / "tests" / "test_payloads.py").write_text(example, encoding="utf-8")

    run(project, "--snapshot-update").assert_outcomes(passed=2)
    assert (project.path / "tests/__snapshots__/test_payloads/test_braze_payload.json").is_file()
    result = run(project)
    result.assert_outcomes(passed=2)
    result.stdout.fnmatch_lines(["*1 snapshot passed*"])


# ----------------------------------------------------------------------------- helpers


def test_cohort_update_is_reproducible_and_realistic() -> None:
    a = make_cohort_update(n_users=8)
    assert a == make_cohort_update(n_users=8)
    assert a != make_cohort_update(n_users=8, seed=1)
    assert set(a) == {
        "cohort_name",
        "cohort_id",
        "in_cohort",
        "computed_time",
        "message_id",
        "users",
    }
    assert a["message_id"].endswith("::enter::0") and a["computed_time"].isdigit()
    assert make_cohort_update(in_cohort=False)["message_id"].endswith("::exit::0")
    ids = [u["user_id"] for u in a["users"]]
    assert len(set(ids)) == 8 and "@" in ids[0]
    hostile = make_cohort_update(n_users=len(ADVERSARIAL_USER_IDS), adversarial=True)
    joined = "".join(u["user_id"] for u in hostile["users"])
    for needle in ('"', "\\", "\n", "\u0001", "\u2028", "😀", "</script>"):
        assert needle in joined
    props = make_cohort_update(n_users=2, user_properties=True)["users"][0]["user_properties"]
    assert {"country", "plan"} <= set(props)


def test_assert_valid_payload_checks_strict_json_and_fields() -> None:
    good = make_cohort_update(n_users=2)
    value = assert_valid_payload(json.dumps(good), AMPLITUDE_FIELDS)
    assert value == good
    with pytest.raises(PayloadError, match=r"lacks users\[1\]\.user_id, cohort_id"):
        assert_valid_payload('{"users": [{"user_id": "a"}, {}]}', ["users[].user_id", "cohort_id"])
    with pytest.raises(PayloadError, match="duplicate key 'a'"):
        assert_valid_payload('{"a": 1, "a": 2}')
    with pytest.raises(PayloadError, match="NaN is not JSON"):
        assert_valid_payload('{"a": NaN}')


def test_assert_valid_payload_locates_template_text(tmp_path: Path) -> None:
    template = tmp_path / "t.ftl"
    template.write_text(BRAZE.replace("}<#sep>,</#sep>", "}"), encoding="utf-8")
    payload = render_file(template, {"input": make_cohort_update(n_users=2)}, name="t.ftl")
    with pytest.raises(PayloadError) as e:
        assert_valid_payload(payload)
    # the missing comma: the next item's "{" is reported where the template writes it
    assert str(e.value).startswith("t.ftl:4:5: the rendered payload is not valid JSON: ")
    assert "written by template text: {" in str(e.value)


def test_assert_lint_clean(tmp_path: Path) -> None:
    template = tmp_path / "t.ftl"
    template.write_text(BRAZE, encoding="utf-8")
    try:
        from ftl.analysis import lint  # noqa: F401
    except ImportError:
        with pytest.raises(AssertionError, match=r"has no ftl\.analysis\.lint"):
            assert_lint_clean(template)
    else:
        assert_lint_clean(template)
        template.write_text('{"id": "${input.cohort_nme}"}', encoding="utf-8")
        with pytest.raises(AssertionError, match=r"t\.ftl:1:\d+: "):
            assert_lint_clean(template)


def test_assert_lint_clean_in_a_project(project: pytest.Pytester) -> None:
    (project.path / "templates" / "bad.ftl").write_text('{"in": ${input.in_cohort}}')
    project.makepyfile(
        **{
            "tests/test_payload": """
            from ftl.testing import assert_lint_clean

            def test_clean():
                assert_lint_clean("templates/braze.ftl")

            def test_bad():
                assert_lint_clean("templates/bad.ftl")
            """
        }
    )
    result = run(project)
    try:
        from ftl.analysis import lint  # noqa: F401
    except ImportError:
        result.assert_outcomes(failed=2)
        result.stdout.fnmatch_lines(["*this version of cohort-webhooks has no ftl.analysis.lint*"])
    else:
        result.assert_outcomes(passed=1, failed=1)
        result.stdout.fnmatch_lines(["*templates/bad.ftl:1:*: error FTL*"])


def test_importing_the_plugin_loads_neither_syrupy_nor_the_engine() -> None:
    # pytest imports the plugin in every run of every project that has the package installed
    code = (
        "import sys, ftl.testing.plugin; print([m for m in "
        "('syrupy', 'ftl.testing.snapshot', 'ftl.parser', 'ftl.compiler', 'lark') "
        "if m in sys.modules])"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True
    )
    assert out.stdout.strip() == "[]"
