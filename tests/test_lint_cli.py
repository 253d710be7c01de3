"""``cohort-webhooks lint``: formats, exit codes, directories, schema and sample options."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ftl.cli import main

ROOT = Path(__file__).resolve().parent.parent
GOOD = '{"id": "${input.cohort_id}", "n": ${input.users?size?c}}\n'
WARN = '{"name": "${input.cohort_name}"}\n'
ERROR = '{"in": ${input.in_cohort}}\n'


@pytest.fixture
def files(tmp_path: Path) -> dict[str, Path]:
    out = {}
    for name, text in (("good.ftl", GOOD), ("warn.ftl", WARN), ("error.ftl", ERROR)):
        p = tmp_path / name
        p.write_text(text)
        out[name] = p
    return out


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(["lint", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_text_format_and_exit_codes(
    files: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, str(files["good.ftl"]))
    assert code == 0 and "0 error(s), 0 warning(s)" in out
    code, out, _ = run(capsys, str(files["warn.ftl"]))
    assert code == 0
    first = out.splitlines()[0]
    assert first.startswith(f"{files['warn.ftl']}:1:13: warning FTL101 ")
    assert out.splitlines()[1] == '    {"name": "${input.cohort_name}"}'
    assert out.splitlines()[2] == "    " + " " * 12 + "^" + "~" * 16
    code, out, _ = run(capsys, "--strict", str(files["warn.ftl"]))
    assert code == 1
    code, out, _ = run(capsys, str(files["error.ftl"]))
    assert code == 1 and "error FTL004" in out


def test_json_format(files: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--format", "json", str(files["error.ftl"]), str(files["good.ftl"]))
    assert code == 1
    [item] = json.loads(out)
    assert item == {
        "file": str(files["error.ftl"]),
        "code": "FTL004",
        "severity": "error",
        "message": item["message"],
        "line": 1,
        "column": 10,
        "end_line": 1,
        "end_column": 25,
        "fixes": [
            {
                "title": "Add ?c",
                "edits": [
                    {"line": 1, "column": 25, "end_line": 1, "end_column": 25, "new_text": "?c"}
                ],
            }
        ],
    }


def test_sarif_format(files: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--format", "sarif", str(files["warn.ftl"]))
    assert code == 0
    log = json.loads(out)
    assert log["version"] == "2.1.0"
    run_ = log["runs"][0]
    rule_ids = [r["id"] for r in run_["tool"]["driver"]["rules"]]
    assert "FTL101" in rule_ids
    [res] = run_["results"]
    assert res["ruleId"] == "FTL101" and res["level"] == "warning"
    assert rule_ids[res["ruleIndex"]] == "FTL101"
    region = res["locations"][0]["physicalLocation"]["region"]
    assert region == {"startLine": 1, "startColumn": 13, "endLine": 1, "endColumn": 30}
    assert res["fixes"][0]["artifactChanges"][0]["replacements"][0]["insertedContent"] == {
        "text": "?json_string"
    }


def test_directory_lints_every_template(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "one.ftl").write_text(GOOD)
    (tmp_path / "a" / "two.ftlh").write_text(ERROR)
    (tmp_path / "a" / "notes.txt").write_text(ERROR)
    code, out, _ = run(capsys, "--format", "json", str(tmp_path))
    assert code == 1
    assert {Path(i["file"]).name for i in json.loads(out)} == {"two.ftlh"}
    code, out, _ = run(capsys, str(tmp_path))
    assert "2 files checked" in out


def test_usage_errors_exit_2(files: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, str(files["good.ftl"].parent / "missing.ftl"))
    assert code == 2 and "no such file or directory" in err
    code, _, err = run(capsys, "--schema", "nope.json", str(files["good.ftl"]))
    assert code == 2 and "schema file not found" in err
    with pytest.raises(SystemExit) as e:
        main(["lint", "--format", "xml", str(files["good.ftl"])])
    assert e.value.code == 2


def test_sample_and_schema_options(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    t = tmp_path / "t.ftl"
    t.write_text("<#list input.users as u>${u.user_properties.plan?json_string}</#list>")
    sample = tmp_path / "s.json"
    sample.write_text(
        json.dumps(
            {
                "cohort_name": "c",
                "cohort_id": "a",
                "in_cohort": True,
                "computed_time": "1",
                "message_id": "m",
                "users": [{"user_id": "u", "user_properties": {}}],
            }
        )
    )
    code, out, _ = run(capsys, "--sample", str(sample), str(t))
    assert code == 1 and "FTL007" in out and str(sample) in out
    code, out, _ = run(capsys, "--no-json-check", "--sample", str(sample), str(t))
    assert code == 0
    schema = tmp_path / "schema.json"
    schema.write_text(
        json.dumps(
            {
                "properties": {
                    "users": {
                        "items": {
                            "properties": {
                                "user_properties": {
                                    "additionalProperties": False,
                                    "properties": {"tier": {"type": "string"}},
                                }
                            }
                        }
                    }
                }
            }
        )
    )
    code, out, _ = run(capsys, "--no-json-check", "--schema", str(schema), str(t))
    assert code == 1 and "FTL002" in out and "has no field plan" in out


def test_header_comment_problem_is_reported(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    t = tmp_path / "t.ftl"
    t.write_text("<#-- @schema missing.json -->\n" + GOOD)
    code, out, _ = run(capsys, str(t))
    assert code == 1 and f"{t}:1:14: error FTL010" in out


def test_examples_directory(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--format", "json", str(ROOT / "examples"))
    items = json.loads(out)
    by_file: dict[str, set[str]] = {}
    for i in items:
        by_file.setdefault(Path(i["file"]).name, set()).add(i["code"])
    assert by_file["amplitude-default.ftl"] == {"FTL101"}
    assert "default.ftl" not in by_file
    assert code == 1  # the second seed has errors


def test_pre_commit_hook_definition() -> None:
    text = (ROOT / ".pre-commit-hooks.yaml").read_text()
    assert "id: cohort-webhooks-lint" in text and "entry: cohort-webhooks lint" in text
