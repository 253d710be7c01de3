"""kill -9 in the middle of a real `cohort-webhooks sync`, then run it again; `--every`; status."""

from __future__ import annotations

import json
import os
import signal
import time
from pathlib import Path

import pytest
from sender_support import cli, popen, wait_for

from ftl.cli import main
from sender import Journal, sync_history
from sender.sink import Faults, Sink


def test_kill_9_mid_sync_then_rerun_loses_nothing_and_renumbers_nothing(tmp_path: Path) -> None:
    members = tmp_path / "members.txt"
    members.write_text("\n".join(f"m{i:03d}" for i in range(60)) + "\n")
    journal = tmp_path / "j.sqlite3"
    with Sink(faults=Faults(delay=0.1)).in_thread() as sink:
        args = [
            "sync",
            "--url",
            sink.url,
            "--cohort-id",
            "k",
            "--cohort-name",
            "Killed",
            "--members",
            str(members),
            "--batch-size",
            "2",
            "--concurrency",
            "2",
            "--journal",
            str(journal),
            "-q",
        ]
        proc = popen(*args)
        try:
            wait_for(lambda: len(sink.messages) >= 6, timeout=20)
        finally:
            os.kill(proc.pid, signal.SIGKILL)
            proc.wait(timeout=10)
        before = sink.unique_messages()
        assert 6 <= len(before) < 30

        # the cohort changed meanwhile: two left, one joined
        members.write_text("\n".join([f"m{i:03d}" for i in range(2, 60)] + ["late"]) + "\n")
        done = cli(*args)
        assert done.returncode == 0, done.stderr
        assert "resumed from an interrupted sync" in done.stderr
        verdict = sink.verdict({"k": [f"m{i:03d}" for i in range(2, 60)] + ["late"]})
        after = sink.unique_messages()

    assert verdict.ok, verdict.problems  # nobody missing, nobody twice, no redundant exits
    assert sink.changed_bytes == 0
    first_run = next(iter(before)).split("::")[0]
    journaled = {mid for mid in after if mid.startswith(first_run)}
    assert journaled == {f"{first_run}::enter::{i}" for i in range(30)}  # resumed, not renumbered
    for mid, body in before.items():
        assert after[mid] == body
    new = sorted(mid.split("::")[1] for mid in after if not mid.startswith(first_run))
    assert new == ["enter", "exit"]  # then only the diff: "late" in, m000 and m001 out
    with Journal(journal) as j:
        states = [r["state"] for r in sync_history(j, latest_only=False)]
        assert states == ["done", "resumed"]
        assert sync_history(j)[0]["delivered_members"] == 59


def test_every_keeps_syncing_until_ctrl_c(tmp_path: Path) -> None:
    members = tmp_path / "members.txt"
    members.write_text("a\nb\n")
    journal = tmp_path / "j.sqlite3"
    with Sink().in_thread() as sink:
        proc = popen(
            "sync",
            "--url",
            sink.url,
            "--cohort-id",
            "e",
            "--cohort-name",
            "E",
            "--members",
            str(members),
            "--journal",
            str(journal),
            "--every",
            "2s",
        )

        def done_syncs() -> int:
            if not journal.exists():
                return 0
            with Journal(journal) as j:
                return sum(r["state"] == "done" for r in sync_history(j, latest_only=False))

        try:
            wait_for(lambda: done_syncs() >= 1, timeout=20)
            members.write_text("a\nb\nc\n")  # re-read at the next tick
            wait_for(lambda: done_syncs() >= 2, timeout=20)
            time.sleep(0.3)  # well inside the 2 s wait before the next tick
        finally:
            proc.send_signal(signal.SIGINT)
            _out, err = proc.communicate(timeout=10)
    assert proc.returncode == 0, err
    assert "next sync in" in err
    assert sink.verdict({"e": ["a", "b", "c"]}).ok


def test_sync_status_and_dry_run_cli(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    members = tmp_path / "m.csv"
    members.write_text("user_id,plan\nx,pro\ny,free\n")
    journal = str(tmp_path / "j.sqlite3")
    dest = tmp_path / "dest.toml"
    with Sink().in_thread() as sink:
        dest.write_text(f'url = "{sink.url}"\n[headers]\nAuthorization = "Bearer t"\n')
        base = [
            "sync",
            "--destination",
            str(dest),
            "--cohort-id",
            "s",
            "--cohort-name",
            "S",
            "--members",
            str(members),
            "--journal",
            journal,
        ]
        assert main([*base, "--dry-run"]) == 0
        dry = capsys.readouterr()
        assert "2 entered, 0 left; would send 1 messages" in dry.err
        assert json.loads(dry.out)["users"][0] == {
            "user_id": "x",
            "user_properties": {"plan": "pro"},
        }
        assert sink.requests == 0
        assert main(base) == 0
        assert dict(sink.headers_seen[0])["authorization"] == "Bearer t"
    capsys.readouterr()
    assert main(["sync", "status", "--journal", journal]) == 0
    out = capsys.readouterr().out
    assert "cohort s (S)" in out and "2 entered, 0 left, 1 messages, 0 failures" in out
    assert main(["sync", "status", "--journal", journal, "--json"]) == 0
    assert json.loads(capsys.readouterr().out)[0]["delivered_members"] == 2
    assert main(["sync", "--url", "http://127.0.0.1:9/", "--journal", journal]) == 2
    assert "--cohort-id: error: required" in capsys.readouterr().err


def test_a_second_sync_of_the_same_cohort_waits_its_turn(tmp_path: Path) -> None:
    members = tmp_path / "members.txt"
    members.write_text("\n".join(f"m{i}" for i in range(5)) + "\n")
    journal = str(tmp_path / "j.sqlite3")
    with Sink(
        faults=Faults(delay=30)
    ).in_thread() as sink:  # the first sync hangs on its first message
        args = [
            "sync",
            "--url",
            sink.url,
            "--cohort-id",
            "L",
            "--cohort-name",
            "Locked",
            "--members",
            str(members),
            "--batch-size",
            "1",
            "--concurrency",
            "1",
            "--journal",
            journal,
            "-q",
        ]
        first = popen(*args)
        try:
            wait_for(lambda: sink.requests >= 1, timeout=20)
            second = cli(*args)
        finally:
            os.kill(first.pid, signal.SIGKILL)
            first.wait(timeout=10)
        assert second.returncode == 1
        assert "another sync of cohort L to this destination is running" in second.stderr
        sink.set_faults(Faults())
        third = cli(*args)  # kill -9 left no stale lock behind
        assert third.returncode == 0, third.stderr
        assert "resumed from an interrupted sync" in third.stderr
    assert len(sink.messages) == 5 and sink.duplicates == 0
