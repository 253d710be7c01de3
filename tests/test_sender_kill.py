"""kill -9 of a real `cohort-webhooks send` mid-run, then `resume`: nothing lost, no new ids."""

from __future__ import annotations

import json
import os
import signal
from pathlib import Path

from sender_support import cli, popen, wait_for

from sender import Journal
from sender.sink import Faults, Sink


def test_kill_9_then_resume_sends_the_same_ids_and_bytes(tmp_path: Path) -> None:
    users = [{"user_id": f"u{i:03d}"} for i in range(60)]
    update = tmp_path / "update.json"
    update.write_text(
        json.dumps({"cohort_name": "K", "cohort_id": "k1", "in_cohort": True, "users": users})
    )
    journal = tmp_path / "journal.sqlite3"
    with Sink(faults=Faults(delay=0.1)).in_thread() as sink:  # a slow receiver
        proc = popen(
            "send",
            "--url",
            sink.url,
            "--input",
            str(update),
            "--batch-size",
            "2",
            "--journal",
            str(journal),
            "--concurrency",
            "2",
            "-q",
        )
        try:
            wait_for(lambda: len(sink.messages) >= 6, timeout=20)
        finally:
            os.kill(proc.pid, signal.SIGKILL)
            proc.wait(timeout=10)
        assert proc.returncode == -signal.SIGKILL
        before = sink.unique_messages()
        assert 6 <= len(before) < 30, "killed mid-run"

        with Journal(journal) as j:
            [run] = j.runs()
            journaled = {m["message_id"] for m in j.messages()}
        assert run.messages == 30 and len(journaled) == 30  # all journaled before sending
        assert run.pending > 0

        done = cli("resume", "--journal", str(journal), "-q")
        assert done.returncode == 0, done.stderr
        after = sink.unique_messages()

    expected_ids = {f"{run.run_id}::enter::{i}" for i in range(30)}
    assert set(after) == expected_ids == journaled  # no id lost, none new
    for mid, body in before.items():
        assert after[mid] == body  # the message ids from before the kill: same bytes
    assert sink.changed_bytes == 0  # and every re-sent copy was byte-identical
    received = sorted(u["user_id"] for b in after.values() for u in json.loads(b)["users"])
    assert received == [u["user_id"] for u in users]  # no user missing, none twice
    with Journal(journal) as j:
        assert j.open_runs() == []
        assert {m["state"] for m in j.messages()} == {"acked"}
    assert "nothing to resume" in cli("resume", "--journal", str(journal)).stderr


def test_ctrl_c_stops_between_messages_and_resume_finishes(tmp_path: Path) -> None:
    users = [{"user_id": f"u{i:03d}"} for i in range(20)]
    update = tmp_path / "update.json"
    update.write_text(
        json.dumps({"cohort_name": "C", "cohort_id": "c", "in_cohort": False, "users": users})
    )
    journal = tmp_path / "journal.sqlite3"
    with Sink(faults=Faults(delay=0.2)).in_thread() as sink:
        proc = popen(
            "send",
            "--url",
            sink.url,
            "--input",
            str(update),
            "--batch-size",
            "1",
            "--journal",
            str(journal),
            "--concurrency",
            "2",
        )
        try:
            wait_for(lambda: len(sink.messages) >= 2, timeout=20)
        finally:
            proc.send_signal(signal.SIGINT)
            _, err = proc.communicate(timeout=20)
        assert proc.returncode == 130, err
        assert "stopping after the messages in flight" in err and "cohort-webhooks resume" in err
        with Journal(journal) as j:
            states = [m["state"] for m in j.messages()]
        assert "pending" in states and "dead" not in states
        acked_before = states.count("acked")
        assert acked_before == len(sink.messages)  # in-flight messages were finished, not cut
        done = cli("resume", "--journal", str(journal), "-q")
        assert done.returncode == 0, done.stderr
    assert len(sink.messages) == 20 and sink.duplicates == 0
