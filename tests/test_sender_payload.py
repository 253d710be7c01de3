"""Payloads: the default one is json-written; a template goes through ftl.Template; both checked."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sender_support import REPO

from sender import CohortUpdate, Destination, PayloadError, WebhookSender
from sender.payload import PayloadRenderer
from sender.sink import Sink
from sender.update import batched, message_id

NASTY = [
    'quote"in',
    "back\\slash",
    "new\nline",
    "tab\t",
    "ctrl\u0001",
    "sep\u2028",
    "😀",
    "</script>",
]


def _model(users: list[str], in_cohort: bool = True) -> dict[str, object]:
    u = CohortUpdate(
        'Name "quoted"',
        "c\\1",
        in_cohort,
        users,
        computed_time=1692206763,
        update_id="00000000-0000-4000-8000-000000000000",
    )
    return u.model(0, [{"user_id": x} for x in users])


def test_message_id_shape() -> None:
    assert message_id("u", True, 0) == "u::enter::0"
    assert message_id("u", False, 12) == "u::exit::12"


def test_batched_sizes_and_user_shapes() -> None:
    batches = list(batched(["a", {"user_id": "b", "user_properties": {"p": 1}}, "c"], 2))
    assert batches == [
        [{"user_id": "a"}, {"user_id": "b", "user_properties": {"p": 1}}],
        [{"user_id": "c"}],
    ]


def test_computed_time_is_epoch_seconds_text() -> None:
    from datetime import UTC, datetime

    assert (
        CohortUpdate(
            "n", "c", True, [], computed_time=datetime(2023, 8, 16, 17, 26, 3, tzinfo=UTC)
        ).computed_time
        == "1692206763"
    )
    assert (
        CohortUpdate("n", "c", True, [], computed_time="1692206763").computed_time == "1692206763"
    )


def test_default_payload_escapes_everything() -> None:
    body = PayloadRenderer(None).render(_model(NASTY), 0)
    data = json.loads(body)
    assert [u["user_id"] for u in data["users"]] == NASTY
    assert data["cohort_name"] == 'Name "quoted"' and data["cohort_id"] == "c\\1"
    assert list(data) == [
        "cohort_name",
        "cohort_id",
        "in_cohort",
        "computed_time",
        "message_id",
        "users",
    ]


def test_template_payload_matches_the_default_data(tmp_path: Path) -> None:
    renderer = PayloadRenderer(REPO / "examples" / "default.ftl")
    model = _model(NASTY)
    data = json.loads(renderer.render(model, 0))
    assert data == json.loads(PayloadRenderer(None).render(model, 0))


def test_template_payload_exit_and_empty_users() -> None:
    renderer = PayloadRenderer(str(REPO / "examples" / "default.ftl"))
    data = json.loads(renderer.render(_model([], in_cohort=False), 0))
    assert data["in_cohort"] is False and data["users"] == []


def test_invalid_json_from_a_template_is_not_sent(tmp_path: Path) -> None:
    bad = tmp_path / "bad.ftl"
    bad.write_text('{"users": [<#list input.users as u>"${u.user_id}"<#sep>,</#list>]}')
    with Sink().in_thread() as sink:
        dest = Destination(sink.url, template=bad, batch_size=2)
        with WebhookSender(dest, journal=str(tmp_path / "j.sqlite3")) as sender:
            with pytest.raises(PayloadError) as e:
                sender.send(CohortUpdate("n", "c", True, ["ok1", "ok2", 'bad"id']))
            assert e.value.template == str(bad) and e.value.batch_index == 1
            assert "not valid JSON" in e.value.message
            assert sender.journal.runs() == []  # nothing journaled: all or none
    assert sink.requests == 0


def test_template_runtime_error_names_template_and_batch(tmp_path: Path) -> None:
    bad = tmp_path / "typo.ftl"
    bad.write_text('{"name": "${input.cohort_nme}"}')
    with pytest.raises(PayloadError) as e:
        PayloadRenderer(bad).render(_model(["a"]), 3)
    assert e.value.template == str(bad) and e.value.batch_index == 3 and e.value.line == 1


def test_send_through_the_demo_template(tmp_path: Path) -> None:
    with Sink().in_thread() as sink:
        dest = Destination(sink.url, template=REPO / "examples" / "default.ftl", batch_size=3)
        with WebhookSender(dest, journal=str(tmp_path / "j.sqlite3")) as sender:
            report = sender.send(CohortUpdate("n", "c", True, NASTY))
    assert report.ok and report.messages == 3
    assert sink.verdict({"c": NASTY}).ok
