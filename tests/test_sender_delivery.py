"""Delivery against the real loopback sink: headers, batching, ids, faults, retries, journal."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest
from sender_support import FAST, RecordingSleep

from sender import (
    CohortUpdate,
    ConfigError,
    DeliveryReport,
    Destination,
    Journal,
    RetryPolicy,
    Timeouts,
    WebhookSender,
    resume,
)
from sender.sink import Faults, Sink

USERS = [f"user-{i}" for i in range(25)]


def _update(users: list[str] = USERS, in_cohort: bool = True) -> CohortUpdate:
    return CohortUpdate("Power users", "c1", in_cohort, users, computed_time=1692206763)


def _send(
    sink: Sink,
    tmp_path: Path,
    update: CohortUpdate | None = None,
    *,
    batch_size: int = 10,
    headers: dict[str, str] | None = None,
    **options: object,
) -> tuple[WebhookSender, DeliveryReport]:
    dest = Destination(sink.url, headers=headers or {}, batch_size=batch_size)
    sender = WebhookSender(dest, journal=str(tmp_path / "j.sqlite3"), **options)  # type: ignore[arg-type]
    report = sender.send(update or _update())
    return sender, report


def test_headers_exactly_as_amplitude_sends_them(tmp_path: Path) -> None:
    with Sink().in_thread() as sink:
        _, report = _send(sink, tmp_path, headers={"Authorization": "Bearer t", "X-Env": "prod"})
    assert report.ok
    for headers in sink.headers_seen:
        names = [k for k, _ in headers]
        got = dict(headers)
        assert got["content-type"] == "application/json"
        assert got["user-agent"] == "Amplitude/Webhook/1.0"
        assert got["authorization"] == "Bearer t"
        assert got["x-env"] == "prod"
        assert "accept-encoding" not in got and "accept" not in got
        assert names.count("user-agent") == 1
        assert not any(k.startswith("webhook-") for k in names)  # unsigned by default


def test_batches_and_message_ids(tmp_path: Path) -> None:
    update = _update()
    with Sink().in_thread() as sink:
        _, report = _send(sink, tmp_path, update, batch_size=10)
    bodies = {mid: json.loads(b) for mid, b in sink.unique_messages().items()}
    assert sorted(bodies) == [f"{update.update_id}::enter::{i}" for i in range(3)]
    assert [len(bodies[f"{update.update_id}::enter::{i}"]["users"]) for i in range(3)] == [
        10,
        10,
        5,
    ]
    first = bodies[f"{update.update_id}::enter::0"]
    assert first == {
        "cohort_name": "Power users",
        "cohort_id": "c1",
        "in_cohort": True,
        "computed_time": "1692206763",
        "message_id": f"{update.update_id}::enter::0",
        "users": [{"user_id": f"user-{i}"} for i in range(10)],
    }
    assert report.messages == 3 and report.users == 25 and report.acknowledged_users == 25


def test_exit_update_ids_say_exit(tmp_path: Path) -> None:
    update = _update(USERS[:3], in_cohort=False)
    with Sink().in_thread() as sink:
        _send(sink, tmp_path, update)
    [(mid, body)] = sink.unique_messages().items()
    assert mid == f"{update.update_id}::exit::0"
    assert json.loads(body)["in_cohort"] is False


def test_default_payload_is_valid_json_whatever_the_ids_hold(tmp_path: Path) -> None:
    nasty = ['quote"', "back\\slash", "new\nline", "nul\0", "sep\u2028", "emoji 😀", "</script>"]
    with Sink().in_thread() as sink:
        _, report = _send(sink, tmp_path, _update(nasty))
    assert report.ok
    [body] = sink.unique_messages().values()
    assert [u["user_id"] for u in json.loads(body)["users"]] == nasty


def test_503_storm_every_message_delivered_ids_stable(tmp_path: Path) -> None:
    sleep = RecordingSleep()
    with Sink(faults=Faults(fail_first=3, status=503)).in_thread() as sink:
        _, report = _send(sink, tmp_path, retry=FAST, sleep=sleep)
    assert report.ok and report.retries == 9 and report.attempts == 12
    assert len(sink.messages) == 3 and sink.faulted == 9
    assert all(n == 4 for n in sink.arrivals.values())  # the same 3 ids, 4 times each
    assert sink.changed_bytes == 0 and len(sleep.waits) == 9


def test_429_retry_after_is_honoured(tmp_path: Path) -> None:
    sleep = RecordingSleep()
    with Sink(faults=Faults(fail_first=2, status=429, retry_after="7")).in_thread() as sink:
        _, report = _send(sink, tmp_path, _update(USERS[:5]), sleep=sleep)
    assert report.ok
    assert sleep.waits == [7.0, 7.0]


def test_retry_after_is_capped(tmp_path: Path) -> None:
    sleep = RecordingSleep()
    policy = RetryPolicy(retries=2, retry_after_cap=30.0)
    with Sink(faults=Faults(fail_first=1, status=503, retry_after="86400")).in_thread() as sink:
        _send(sink, tmp_path, _update(USERS[:1]), retry=policy, sleep=sleep)
    assert sleep.waits == [30.0]


def test_backoff_is_exponential_with_full_jitter(tmp_path: Path) -> None:
    """Checked through the injected sleep and rng: no real waiting."""
    sleep = RecordingSleep()
    policy = RetryPolicy()  # amplitude: 8 retries, 1 s doubling
    with Sink(faults=Faults(fail_first=8, status=500)).in_thread() as sink:
        _, report = _send(
            sink, tmp_path, _update(USERS[:1]), retry=policy, sleep=sleep, rng=random.Random(42)
        )
    assert report.ok and report.retries == 8
    ceilings = [1, 2, 4, 8, 16, 32, 64, 128]
    assert [policy.ceiling(i) for i in range(1, 9)] == ceilings
    expected_rng = random.Random(42)
    assert sleep.waits == [expected_rng.uniform(0, c) for c in ceilings]
    assert all(0 <= w <= c for w, c in zip(sleep.waits, ceilings, strict=True))


def test_retries_exhausted_dead_letter_then_replay(tmp_path: Path) -> None:
    policy = RetryPolicy(retries=2, initial=0.001, maximum=0.001)
    with Sink(faults=Faults(fail_first=3, status=503)).in_thread() as sink:
        sender, report = _send(sink, tmp_path, _update(USERS[:5]), retry=policy)
        assert not report.ok and len(report.dead) == 1
        journal = sender.journal
        [dead] = journal.messages(state="dead")
        assert dead["attempts"] == 3 and dead["last_status"] == 503
        assert journal.revive([dead["message_id"]]) == 1
        again = resume(journal)
    assert again.ok and again.acknowledged == 1
    assert list(sink.messages) == [dead["message_id"]]


@pytest.mark.parametrize("status", [400, 401, 404, 410, 422])
def test_other_4xx_fail_at_once(tmp_path: Path, status: int) -> None:
    sleep = RecordingSleep()
    with Sink(faults=Faults(fail_first=1, status=status)).in_thread() as sink:
        _, report = _send(sink, tmp_path, _update(USERS[:5]), sleep=sleep)
    assert len(report.dead) == 1 and report.attempts == 1
    assert sleep.waits == [] and sink.requests == 1


@pytest.mark.parametrize("status", [408, 425, 429, 500, 502, 503, 504])
def test_retryable_statuses(tmp_path: Path, status: int) -> None:
    with Sink(faults=Faults(fail_first=1, status=status)).in_thread() as sink:
        _, report = _send(sink, tmp_path, _update(USERS[:5]), retry=FAST, sleep=RecordingSleep())
    assert report.ok and report.retries == 1


def test_redirect_is_not_followed(tmp_path: Path) -> None:
    with Sink(faults=Faults(fail_first=1, status=302)).in_thread() as sink:
        sender, report = _send(sink, tmp_path, _update(USERS[:5]), sleep=RecordingSleep())
    assert len(report.dead) == 1 and sink.requests == 1
    msg = sender.journal.message(report.dead[0])
    assert "not followed" in msg["attempts"][0]["error"]
    assert msg["attempts"][0]["status"] == 302


def test_connection_reset_after_receipt_is_retried_and_deduplicated(tmp_path: Path) -> None:
    with Sink(faults=Faults(fail_first=1, drop_connection=True)).in_thread() as sink:
        _, report = _send(sink, tmp_path, retry=FAST, sleep=RecordingSleep())
    assert report.ok and report.retries == 3
    assert sink.duplicates == 3 and sink.changed_bytes == 0
    assert sink.verdict({"c1": USERS}).ok


def test_slow_dripping_response_hits_the_attempt_deadline(tmp_path: Path) -> None:
    faults = Faults(fail_first=1, drip=20.0)  # a 200 whose body takes 20 s to arrive
    timeout = Timeouts(connect=1, read=5, write=5, pool=5, total=0.4)
    with Sink(faults=faults).in_thread() as sink:
        sender, report = _send(
            sink,
            tmp_path,
            _update(USERS[:4]),
            batch_size=2,
            retry=FAST,
            sleep=RecordingSleep(),
            timeout=timeout,
        )
        assert report.ok and report.retries == 2
        first = sender.journal.message(report.run_ids[0] + "::enter::0")
    assert "within 0.4 s" in first["attempts"][0]["error"]
    assert first["attempts"][0]["outcome"] == "retry"
    assert sink.duplicates == 2


def test_transport_error_when_nothing_listens(tmp_path: Path) -> None:
    with Sink().in_thread() as sink:
        url = sink.url
    dest = Destination(url)
    with WebhookSender(
        dest,
        journal=str(tmp_path / "j.sqlite3"),
        retry="retries=1,initial=0",
        sleep=RecordingSleep(),
    ) as sender:
        report = sender.send(_update(USERS[:1]))
        assert len(report.dead) == 1 and report.attempts == 2
        assert "ConnectError" in sender.journal.message(report.dead[0])["attempts"][0]["error"]


def test_journal_records_exact_bytes_and_redacts_views(tmp_path: Path) -> None:
    with Sink().in_thread() as sink:
        sender, _report = _send(
            sink, tmp_path, headers={"Authorization": "Bearer s3cret", "X-Env": "p"}
        )
    journal: Journal = sender.journal
    bodies = sink.unique_messages()
    for mid, body in bodies.items():
        stored = journal.load(mid)
        assert stored.body == body
        assert ("Authorization", "Bearer s3cret") in stored.headers
        view = journal.message(mid)
        assert ("Authorization", "[redacted]") in [tuple(h) for h in view["headers"]]
        assert "s3cret" not in json.dumps(view)
        [attempt] = view["attempts"]
        assert attempt["status"] == 200 and attempt["outcome"] == "ack" and attempt["duration"] >= 0
        assert '"ok": true' in attempt["response"]
    assert (tmp_path / "j.sqlite3").stat().st_mode & 0o077 == 0


def test_signing_is_opt_in_and_verified_by_the_sink(tmp_path: Path) -> None:
    secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
    with Sink(signing_secret=secret).in_thread() as sink:
        _, report = _send(sink, tmp_path, signing_secret=secret)
        assert report.ok
        names = {k for k, _ in sink.headers_seen[0]}
        assert {"webhook-id", "webhook-timestamp", "webhook-signature"} <= names
        ids = {dict(h)["webhook-id"] for h in sink.headers_seen}
        assert ids == set(sink.messages)
    with Sink(signing_secret=secret).in_thread() as sink:
        _, report = _send(sink, tmp_path / "..", signing_secret="whsec_" + "A" * 32)
        assert len(report.dead) == 3 and sink.rejected == 3


def test_private_address_guard(tmp_path: Path) -> None:
    with Sink().in_thread() as sink:
        sender, report = _send(sink, tmp_path, _update(USERS[:1]), block_private=True)
        assert len(report.dead) == 1 and sink.requests == 0
    error = sender.journal.message(report.dead[0])["attempts"][0]["error"]
    assert "127.0.0.1" in error and "refused by the address guard" in error


async def test_async_twin_shares_one_client(tmp_path: Path) -> None:
    async with Sink() as sink:
        dest = Destination(sink.url, batch_size=5)
        async with WebhookSender(dest, journal=str(tmp_path / "j.sqlite3")) as sender:
            a = await sender.asend(_update(USERS[:10]))
            b = await sender.asend(_update(USERS[10:], in_cohort=False))
    assert a.ok and b.ok and a.messages == 2 and b.messages == 3
    assert len(sink.messages) == 5


def test_an_update_without_users_sends_and_journals_nothing(tmp_path: Path) -> None:
    with Sink().in_thread() as sink:
        sender, report = _send(sink, tmp_path, _update([]))
    assert report.ok and report.messages == 0 and sink.requests == 0
    assert sender.journal.runs() == []


def test_the_sink_refuses_what_amplitude_would_never_send() -> None:
    import httpx

    with Sink().in_thread() as sink:
        ok = {"Content-Type": "application/json", "User-Agent": "Amplitude/Webhook/1.0"}
        with httpx.Client(timeout=5) as client:
            wrong_ua = client.post(sink.url, content=b"{}", headers={**ok, "User-Agent": "curl"})
            not_json = client.post(sink.url, content=b"{nope", headers=ok)
            get = client.get(sink.url)
            fine = client.post(sink.url, content=b'{"message_id": "m::enter::0"}', headers=ok)
            again = client.post(sink.url, content=b'{"message_id": "m::enter::0"}', headers=ok)
    assert (wrong_ua.status_code, not_json.status_code, get.status_code) == (400, 400, 405)
    assert "User-Agent" in wrong_ua.json()["error"]
    assert fine.json() == {"ok": True, "duplicate": False}
    assert again.json() == {"ok": True, "duplicate": True}
    verdict = sink.verdict()
    assert (verdict.rejected, verdict.duplicates, verdict.messages) == (3, 1, 1)
    assert not verdict.ok and "3 requests rejected" in verdict.problems[0]


def test_resume_of_a_signed_run_needs_the_secret(tmp_path: Path) -> None:
    secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
    with Sink(signing_secret=secret).in_thread() as sink:
        dest = Destination(sink.url, batch_size=2)
        with WebhookSender(dest, journal=str(tmp_path / "j.sqlite3"), signing_secret=secret) as s:
            run_id = s.prepare(_update(USERS[:5]))  # journaled, not sent (as if killed here)
            assert run_id is not None and s.journal.open_runs() == [run_id]
            with pytest.raises(ConfigError, match="was signed"):
                resume(s.journal)
            report = resume(s.journal, signing_secret=secret)
    assert report.ok and report.messages == 3
    assert set(sink.messages) == {f"{run_id}::enter::{i}" for i in range(3)}
