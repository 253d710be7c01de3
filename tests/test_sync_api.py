"""sender.sync against the real sink and real SQLite files: full first, then only the diff."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sender_support import FAST, RecordingSleep

from sender import ConfigError, Destination, Journal, RetryPolicy, sync, sync_history
from sender.cohort_sync import parse_interval
from sender.sink import Faults, Sink


def _ids(prefix: str, n: int, start: int = 0) -> list[str]:
    return [f"{prefix}{i}" for i in range(start, start + n)]


def _sync(sink: Sink, tmp_path: Path, members: object, **kw: object):  # type: ignore[no-untyped-def]
    dest = Destination(sink.url, batch_size=kw.pop("batch_size", 10))  # type: ignore[arg-type]
    return sync(
        dest,
        cohort_id=kw.pop("cohort_id", "c1"),
        cohort_name="Cohort",
        members=members,
        journal=tmp_path / "j.sqlite3",
        retry=FAST,
        sleep=RecordingSleep(),
        **kw,
    )


def _by_direction(sink: Sink) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {"enter": [], "exit": []}
    for mid, body in sink.unique_messages().items():
        out[mid.split("::")[1]] += [u["user_id"] for u in json.loads(body)["users"]]
    return out


def test_first_sync_full_then_only_the_diff(tmp_path: Path) -> None:
    first = _ids("u", 35)
    second = first[5:] + _ids("n", 3)
    with Sink().in_thread() as sink:
        r1 = _sync(sink, tmp_path, first)
        assert (r1.members, r1.entered, r1.left, r1.delivery.messages) == (35, 35, 0, 4)
        assert sorted(_by_direction(sink)["enter"]) == sorted(first)
        r2 = _sync(sink, tmp_path, second)
        assert (r2.entered, r2.left, r2.delivery.messages) == (3, 5, 2)
        assert r1.ok and r2.ok
        verdict = sink.verdict({"c1": second})
    assert verdict.ok, verdict.problems
    dirs = _by_direction(sink)
    assert sorted(dirs["exit"]) == sorted(first[:5])
    assert sorted(dirs["enter"]) == sorted(first + _ids("n", 3))
    ids = list(sink.messages)
    assert all(m.split("::")[1] in ("enter", "exit") for m in ids)
    assert len({m.split("::")[0] for m in ids}) == 3  # one uuid per update


def test_empty_diff_sends_nothing(tmp_path: Path) -> None:
    with Sink().in_thread() as sink:
        _sync(sink, tmp_path, _ids("u", 12))
        before = sink.requests
        r = _sync(sink, tmp_path, list(reversed(_ids("u", 12))))
    assert (r.entered, r.left, r.delivery.messages) == (0, 0, 0) and r.ok
    assert sink.requests == before


def test_user_who_leaves_and_comes_back(tmp_path: Path) -> None:
    with Sink().in_thread() as sink:
        _sync(sink, tmp_path, ["a", "b", "c"])
        # b left and came back between two syncs: nothing to say about b
        r = _sync(sink, tmp_path, ["a", "b", "c", "d"])
        assert (r.entered, r.left) == (1, 0)
        r = _sync(sink, tmp_path, ["a", "c", "d"])  # b leaves
        assert (r.entered, r.left) == (0, 1)
        r = _sync(sink, tmp_path, ["a", "b", "c", "d"])  # b re-enters: sent again
        assert (r.entered, r.left) == (1, 0)
        verdict = sink.verdict({"c1": ["a", "b", "c", "d"]})
    assert verdict.ok, verdict.problems
    assert _by_direction(sink)["enter"].count("b") == 2


def test_duplicate_ids_in_the_source_count_once(tmp_path: Path) -> None:
    with Sink().in_thread() as sink:
        r = _sync(sink, tmp_path, ["a", "a", "b"])
    assert (r.members, r.entered) == (2, 2)


def test_destinations_and_cohorts_keep_separate_state(tmp_path: Path) -> None:
    with Sink().in_thread() as one, Sink().in_thread() as two:
        _sync(one, tmp_path, ["a", "b"])
        r = _sync(two, tmp_path, ["a", "b"])
        assert r.entered == 2  # first sync to this destination is full
        r = _sync(one, tmp_path, ["a", "b"], cohort_id="c2")
        assert r.entered == 2
        with Journal(tmp_path / "j.sqlite3") as j:
            rows = sync_history(j)
    assert len(rows) == 3 and all(row["state"] == "done" for row in rows)


def test_only_acknowledged_users_become_delivered_state(tmp_path: Path) -> None:
    """A dead-lettered batch leaves its users out of the state: the next sync sends them
    again (new ids), and the old dead letter is superseded so a replay cannot double them."""
    with Sink(faults=Faults(fail_rate=1.0, status=400)).in_thread() as sink:
        r1 = _sync(sink, tmp_path, _ids("u", 20))
        assert not r1.ok and len(r1.delivery.dead) == 2
        with Journal(tmp_path / "j.sqlite3") as j:
            assert sync_history(j)[0]["delivered_members"] == 0
        sink.set_faults(Faults())  # the receiver is fixed
        r2 = _sync(sink, tmp_path, _ids("u", 20))
        assert r2.ok and r2.entered == 20
        with Journal(tmp_path / "j.sqlite3") as j:
            assert {m["state"] for m in j.messages(run_id=r1.delivery.run_ids[0])} == {"superseded"}
            assert j.messages(state="dead") == []
        verdict = sink.verdict({"c1": _ids("u", 20)})
    assert verdict.ok, verdict.problems


def test_members_from_csv_with_properties_and_ndjson(tmp_path: Path) -> None:
    csv_file = tmp_path / "m.csv"
    csv_file.write_text("user_id,plan,country\nu1,pro,FR\nu2,,DE\n")
    nd = tmp_path / "m.ndjson"
    nd.write_text('"u1"\n{"user_id": "u3", "user_properties": {"plan": "free"}}\n\n')
    with Sink().in_thread() as sink:
        _sync(sink, tmp_path, csv_file)
        users = [u for b in sink.unique_messages().values() for u in json.loads(b)["users"]]
        assert users == [
            {"user_id": "u1", "user_properties": {"plan": "pro", "country": "FR"}},
            {"user_id": "u2", "user_properties": {"country": "DE"}},
        ]
        r = _sync(sink, tmp_path, nd)
    assert (r.entered, r.left) == (1, 1)


def test_member_file_errors_name_file_and_line(tmp_path: Path) -> None:
    bad = tmp_path / "m.ndjson"
    bad.write_text('"ok"\n{"user_id": 5}\n')
    with Sink().in_thread() as sink, pytest.raises(ConfigError) as e:
        _sync(sink, tmp_path, bad)
    assert e.value.field == f"{bad}:2:1"
    nocol = tmp_path / "m.csv"
    nocol.write_text("id\nx\n")
    with Sink().in_thread() as sink, pytest.raises(ConfigError, match="user_id column"):
        _sync(sink, tmp_path, nocol)


def test_dry_run_counts_and_first_payloads_without_sending(tmp_path: Path) -> None:
    with Sink().in_thread() as sink:
        _sync(sink, tmp_path, _ids("u", 5))
        r = _sync(sink, tmp_path, _ids("u", 25, start=2), dry_run=True)
        sent = sink.requests
    assert r.dry_run and (r.entered, r.left, r.delivery.messages) == (22, 2, 4)
    assert json.loads(r.first_payloads["enter"])["users"][0] == {"user_id": "u10"}
    assert len(json.loads(r.first_payloads["exit"])["users"]) == 2
    assert sent == 1
    with Journal(tmp_path / "j.sqlite3") as j:
        assert len(sync_history(j, latest_only=False)) == 1  # a dry run records nothing


def test_unattended_preset_is_longer() -> None:
    from sender import PRESETS

    amp, long = PRESETS["amplitude"], PRESETS["unattended"]
    assert amp.retries == 8 and amp.ceiling(8) == 128
    assert long.retries > amp.retries and long.ceiling(12) > amp.ceiling(8)
    assert RetryPolicy.parse("retries=3,initial=0.5").retries == 3
    with pytest.raises(ConfigError):
        RetryPolicy.parse("sometimes")


@pytest.mark.parametrize(
    ("text", "seconds"),
    [
        ("1m", 60),
        ("1h", 3600),
        ("1d", 86400),
        ("30s", 30),
        ("90", 90),
        ("hourly", 3600),
        ("daily", 86400),
        ("realtime", 60),
    ],
)
def test_intervals(text: str, seconds: float) -> None:
    assert parse_interval(text) == seconds


@pytest.mark.parametrize("text", ["0", "soon", "1w", "-1m"])
def test_bad_intervals(text: str) -> None:
    with pytest.raises(ConfigError):
        parse_interval(text)
