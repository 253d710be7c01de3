"""`cohort-webhooks render`: output, files, and errors that name the file, line and column."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from ftl.cli import main

UPDATE = {
    "cohort_name": "Power Users",
    "cohort_id": "7khm89cz",
    "in_cohort": True,
    "computed_time": "1692206763",
    "message_id": "9baaa88f-9d46-4ee5-a946-be0c6aea0046::enter::0",
    "users": [{"user_id": 'quote"d'}, {"user_id": "b"}],
}
TEMPLATE = (
    '{"cohort": "${input.cohort_name?json_string}", "in": ${input.in_cohort?c}, "users": ['
    '<#list input.users as u>"${u.user_id?json_string}"<#sep>,</#list>]}'
)


@pytest.fixture
def files(tmp_path: Path) -> Path:
    (tmp_path / "t.ftl").write_text(TEMPLATE, encoding="utf-8")
    (tmp_path / "update.json").write_text(json.dumps(UPDATE), encoding="utf-8")
    return tmp_path


def test_render_to_stdout_binds_input(files: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["render", str(files / "t.ftl"), "--input", str(files / "update.json")])
    assert code == 0
    out = capsys.readouterr().out
    assert json.loads(out) == {
        "cohort": "Power Users",
        "in": True,
        "users": ['quote"d', "b"],
    }


def test_data_binds_top_level_keys(files: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (files / "model.json").write_text(json.dumps({"input": UPDATE}), encoding="utf-8")
    assert main(["render", str(files / "t.ftl"), "--data", str(files / "model.json")]) == 0
    assert json.loads(capsys.readouterr().out)["users"] == ['quote"d', "b"]


def test_output_file_is_written_whole(files: Path) -> None:
    out = files / "payload.json"
    args = ["render", str(files / "t.ftl"), "--input", str(files / "update.json"), "-o", str(out)]
    assert main(args) == 0
    assert json.loads(out.read_text(encoding="utf-8"))["cohort"] == "Power Users"
    assert [p.name for p in files.iterdir() if p.name.startswith(".payload")] == []


def test_template_error_names_file_line_and_column(
    files: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (files / "bad.ftl").write_text('{\n  "c": "${input.cohort_nme}"\n}', encoding="utf-8")
    out = files / "never.json"
    code = main(
        ["render", str(files / "bad.ftl"), "--input", str(files / "update.json"), "-o", str(out)]
    )
    assert code == 1
    err = capsys.readouterr().err
    assert err.startswith(f"{files / 'bad.ftl'}:2:11: error: ")
    assert "input.cohort_nme" in err and "cohort_name" in err
    assert not out.exists(), "no partial output on error"


def test_syntax_error_exit_code_and_position(
    files: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (files / "syntax.ftl").write_text("ok\n<#if x>\n", encoding="utf-8")
    assert main(["render", str(files / "syntax.ftl")]) == 1
    assert ":2:" in capsys.readouterr().err


def test_invalid_json_names_line_and_column(
    files: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (files / "broken.json").write_text('{\n  "cohort_name": "x",\n  oops\n}', encoding="utf-8")
    assert main(["render", str(files / "t.ftl"), "--input", str(files / "broken.json")]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"{files / 'broken.json'}:3:3: error: invalid JSON")


def test_template_not_utf8(files: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (files / "latin1.ftl").write_bytes("caf\xe9 ${x}".encode("latin-1"))
    assert main(["render", str(files / "latin1.ftl")]) == 1
    assert f"{files / 'latin1.ftl'}:1:4: error: not UTF-8" in capsys.readouterr().err


def test_missing_file(files: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["render", str(files / "nope.ftl")]) == 1
    assert "nope.ftl: error: no such file" in capsys.readouterr().err


def test_usage_error_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["render"])
    assert info.value.code == 2


def test_console_script_runs(files: Path) -> None:
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "ftl.cli",
            "render",
            str(files / "t.ftl"),
            "--input",
            str(files / "update.json"),
        ],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["in"] is True
