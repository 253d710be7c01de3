"""The sender's subcommands: send, --dry-run, resume, journal list/show/replay, sink, errors."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from sender_support import cli, popen, wait_for

from ftl.cli import main
from sender import Journal
from sender.sink import Faults, Sink


def _update(tmp_path: Path, n: int = 5, **extra: object) -> Path:
    p = tmp_path / "update.json"
    p.write_text(
        json.dumps(
            {
                "cohort_name": "CLI",
                "cohort_id": "cli1",
                "in_cohort": True,
                "users": [{"user_id": f"u{i}"} for i in range(n)],
                **extra,
            }
        )
    )
    return p


def test_send_ok_exit_0_and_summary(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with Sink().in_thread() as sink:
        code = main(
            [
                "send",
                "--url",
                sink.url,
                "--input",
                str(_update(tmp_path)),
                "-H",
                "Authorization: Bearer x",
                "--batch-size",
                "2",
                "--journal",
                str(tmp_path / "j.sqlite3"),
            ]
        )
    assert code == 0
    err = capsys.readouterr().err
    assert "3/3 messages acknowledged, 5/5 users" in err
    assert len(sink.messages) == 3
    assert dict(sink.headers_seen[0])["authorization"] == "Bearer x"


def test_send_users_file_and_failure_exit_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    users = tmp_path / "users.csv"
    users.write_text("user_id,plan\na,pro\nb,\n")
    with Sink(faults=Faults(fail_first=1, status=400)).in_thread() as sink:
        code = main(
            [
                "send",
                "--url",
                sink.url,
                "--input",
                str(_update(tmp_path, 0)),
                "--users",
                str(users),
                "--journal",
                str(tmp_path / "j.sqlite3"),
            ]
        )
    assert code == 1
    err = capsys.readouterr().err
    assert "1 dead-lettered" in err and "::enter::0: error: dead-lettered" in err
    body = json.loads(next(iter(sink.messages.values())).body) if sink.messages else None
    assert body is None  # the 400 refused it before recording


def test_bad_header_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    args = [
        "send",
        "--url",
        "http://127.0.0.1:9/",
        "--input",
        str(_update(tmp_path)),
        "--journal",
        str(tmp_path / "j.sqlite3"),
    ]
    assert main([*args, "-H", "User-Agent: curl"]) == 2
    assert capsys.readouterr().err.startswith("User-Agent: error: is a preset header")
    six = [x for i in range(6) for x in ("-H", f"X-H{i}: v")]
    assert main([*args, *six]) == 2
    assert "X-H5: error: at most 5 custom headers" in capsys.readouterr().err
    assert main([*args, "-H", "Authorization Bearer s3cret"]) == 2
    err = capsys.readouterr().err
    assert "--header: error: expected 'Name: value'" in err and "s3cret" not in err


def test_bad_input_file_points_at_the_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{\n  "cohort_name": "x",\n  oops\n}')
    assert main(["send", "--url", "http://127.0.0.1:9/", "--input", str(bad)]) == 1
    assert re.match(rf"{re.escape(str(bad))}:3:3: error: invalid JSON", capsys.readouterr().err)
    missing = _update(tmp_path)
    missing.write_text('{"cohort_name": "x", "users": []}')
    assert main(["send", "--url", "http://127.0.0.1:9/", "--input", str(missing)]) == 2
    assert "input: error: missing cohort_id, in_cohort" in capsys.readouterr().err


def test_dry_run_renders_without_sending(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    code = main(
        [
            "send",
            "--url",
            "http://127.0.0.1:9/",
            "--input",
            str(_update(tmp_path)),
            "--batch-size",
            "2",
            "--dry-run",
            "--out",
            str(out),
        ]
    )
    assert code == 0
    files = sorted(out.iterdir())
    assert [f.name.split("-enter-")[1] for f in files] == ["0.json", "1.json", "2.json"]
    assert [len(json.loads(f.read_text())["users"]) for f in files] == [2, 2, 1]
    code = main(
        ["send", "--url", "http://127.0.0.1:9/", "--input", str(_update(tmp_path)), "--dry-run"]
    )
    assert code == 0
    assert json.loads(capsys.readouterr().out)["cohort_id"] == "cli1"


def test_journal_list_show_replay(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    journal = str(tmp_path / "j.sqlite3")
    with Sink(faults=Faults(fail_first=1, status=410)).in_thread() as sink:
        assert (
            main(
                [
                    "send",
                    "--url",
                    sink.url,
                    "--input",
                    str(_update(tmp_path)),
                    "-H",
                    "X-Api-Key: k3y",
                    "--journal",
                    journal,
                    "-q",
                ]
            )
            == 1
        )
        capsys.readouterr()
        assert main(["journal", "list", "--journal", journal]) == 0
        assert "0 acked, 0 pending, 1 dead" in capsys.readouterr().out
        assert main(["journal", "list", "--state", "dead", "--journal", journal]) == 0
        mid = capsys.readouterr().out.split()[0]
        assert mid.endswith("::enter::0")
        assert main(["journal", "show", mid, "--journal", journal]) == 0
        shown = capsys.readouterr().out
        assert "X-Api-Key: [redacted]" in shown and "k3y" not in shown
        assert "attempt 1" in shown and "410" in shown
        assert main(["journal", "replay", "--journal", journal, "-q"]) == 0
        assert "1/1 messages acknowledged" in capsys.readouterr().err
        assert list(sink.messages) == [mid]
        assert main(["journal", "replay", "--journal", journal]) == 0
        assert "nothing to replay" in capsys.readouterr().err


def test_sink_command_serves_and_prints_a_verdict(tmp_path: Path) -> None:
    port_file = tmp_path / "port"
    proc = popen(
        "sink",
        "--port-file",
        str(port_file),
        "--store",
        str(tmp_path / "s.ndjson"),
        "--fail-rate",
        "0.5",
        "--seed",
        "1",
        "--status",
        "503",
    )
    try:
        wait_for(port_file.exists, timeout=20)
        url = f"http://127.0.0.1:{port_file.read_text().strip()}/"
        done = cli(
            "send",
            "--url",
            url,
            "--input",
            str(_update(tmp_path, 9)),
            "--batch-size",
            "3",
            "--retry",
            "retries=8,initial=0.01,maximum=0.02",
            "--journal",
            str(tmp_path / "j.sqlite3"),
        )
        assert done.returncode == 0, done.stderr
    finally:
        proc.send_signal(2)
        out, err = proc.communicate(timeout=10)
    assert "verdict: OK" in err
    lines = [json.loads(x) for x in (tmp_path / "s.ndjson").read_text().splitlines()]
    assert {x["outcome"] for x in lines} >= {"accepted"}
    assert sum(x["outcome"] == "accepted" for x in lines) == 3
    assert "accepted" in out


def test_help_lists_every_subcommand(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as e:
        main(["--help"])
    assert e.value.code == 0
    out = capsys.readouterr().out
    for name in ("send", "resume", "journal", "sink", "sync", "demo"):
        assert name in out
    with pytest.raises(SystemExit) as e:
        main(["send"])
    assert e.value.code == 2  # usage error: --input is required
    assert "--input" in capsys.readouterr().err


def test_template_errors_print_as_file_line_column(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    typo = tmp_path / "typo.ftl"
    typo.write_text('{"name": "${input.cohort_nme}"}')
    args = ["send", "--url", "http://127.0.0.1:9/", "--input", str(_update(tmp_path)), "--dry-run"]
    assert main([*args, "--template", str(typo)]) == 1
    [line] = capsys.readouterr().err.splitlines()
    assert re.match(
        rf"{re.escape(str(typo))}:1:\d+: error: batch 0: The following has evaluated to null", line
    )
    assert "==> input.cohort_nme" in line and 'Did you mean "input.cohort_name"' in line
    broken = tmp_path / "broken.ftl"
    broken.write_text("{\n  <#if>\n}")
    assert main([*args, "--template", str(broken)]) == 1
    [line] = capsys.readouterr().err.splitlines()
    assert re.match(rf"{re.escape(str(broken))}:2:\d+: error: #if", line)  # column: the engine's


def test_a_file_that_is_not_a_journal(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bogus = tmp_path / "notes.txt"
    bogus.write_text("not a database, just some words " * 100)
    assert main(["journal", "list", "--journal", str(bogus)]) == 1
    assert capsys.readouterr().err.startswith(f"{bogus}: error: not a usable journal")


def test_journal_prune_keeps_what_is_not_acknowledged(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    journal = str(tmp_path / "j.sqlite3")
    with Sink().in_thread() as sink:
        assert (
            main(
                [
                    "send",
                    "--url",
                    sink.url,
                    "--input",
                    str(_update(tmp_path)),
                    "--batch-size",
                    "2",
                    "--journal",
                    journal,
                    "-q",
                ]
            )
            == 0
        )
        sink.set_faults(Faults(fail_rate=1.0, status=400))
        assert (
            main(
                [
                    "send",
                    "--url",
                    sink.url,
                    "--input",
                    str(_update(tmp_path)),
                    "--journal",
                    journal,
                    "-q",
                ]
            )
            == 1
        )
    with Journal(journal) as j, j.transaction() as c:
        c.execute("UPDATE runs SET created_at = created_at - 8 * 86400")  # a week and a day ago
    capsys.readouterr()
    assert main(["journal", "prune", "--journal", journal, "--vacuum"]) == 0
    assert "pruned 3 acknowledged messages older than 7d" in capsys.readouterr().err
    with Journal(journal) as j:
        assert [m["state"] for m in j.messages()] == ["dead"]
        assert len(j.runs()) == 1
    assert main(["journal", "prune", "--journal", journal, "--older-than", "soon"]) == 2
    assert "--older-than: error:" in capsys.readouterr().err
