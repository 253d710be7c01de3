"""The fused list fast path renders exactly as the general path, on every kind of data.

Correctness against FreeMarker itself is the conformance suite's job (which CI also runs
with FTL_FORCE_GENERAL_PATH=1); here each template and data model is rendered both ways
and the outputs (or errors) must be identical, including where the fast path has to hand
single users over to the general path.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

import ftl
from ftl import fused

TEMPLATES = {
    "default": (
        '{\n  "cohort": "${input.cohort_name}",\n  "users": [\n  <#list input.users as user>\n'
        '  {"user_id": "${user.user_id}"}<#sep>,\n  </#list>\n  ]\n}\n'
    ),
    "escaped": '[<#list input.users as u>"${u.user_id?json_string}"<#sep>, </#list>]',
    "two_fields": (
        "<#list input.users as u>${u.user_id}:${u.user_properties.plan?upper_case}"
        "|${input.cohort_id}<#sep>;</#list>"
    ),
    "invariant": (
        '<#list input.users as user>{"user_id": "${user.user_id}", '
        '"amplitude_${input.cohort_name}_${input.cohort_id}": ${input.in_cohort?c}}<#sep>, '
        "</#list>"
    ),
    "strings": "<#list input.ids as id>${id?js_string}<#sep>,</#list>",
}


def _users(n: int, odd: dict[int, Any] | None = None) -> list[Any]:
    users: list[Any] = [
        {"user_id": f"user{i}@example.com", "user_properties": {"plan": "pro"}} for i in range(n)
    ]
    for i, v in (odd or {}).items():
        users[i] = v
    return users


DATA = {
    "plain": _users(10),
    "empty": [],
    "one": _users(1),
    "over_a_batch": _users(fused.BATCH * 2 + 7),
    "needs_escaping_late": _users(
        fused.BATCH + 5, {fused.BATCH + 3: {"user_id": 'q"</x', "user_properties": {"plan": "a"}}}
    ),
    "number_id": _users(5, {2: {"user_id": 12345, "user_properties": {"plan": "x"}}}),
    "missing_id": _users(5, {3: {"user_properties": {"plan": "x"}}}),
    "null_id": _users(5, {1: {"user_id": None, "user_properties": {"plan": "x"}}}),
    "not_a_hash": _users(5, {4: "just a string"}),
    "nested_missing": _users(5, {0: {"user_id": "a", "user_properties": {}}}),
    "boolean_id": _users(5, {2: {"user_id": True, "user_properties": {"plan": "x"}}}),
    "unicode": _users(3, {1: {"user_id": "😀 \u2028 日本", "user_properties": {"plan": "é"}}}),
    "escaping_contexts": [
        {"user_id": v, "user_properties": {"plan": v}}
        for v in [
            ">x",
            "a]]",
            ">",
            "]]>",
            "<",
            "/b",
            "a<",
            "/",
            "--",
            ">-",
            "\uffffz",
            "x\uffff",
            "it's",
            "\u007f\u0080",
            "\x00\x1f",
            "\\u0000",
            "",
            "]",
            "]>",
        ]
    ],
    "escaping_inside_ids": [
        {"user_id": v, "user_properties": {"plan": v}}
        for v in ["a</b", "x]]>y", "p-->q", 'q"', "t\tb", "l\u2028s", "ok", "c\u0001d", "é😀"]
    ],
    "escaping_contexts_no_leading_gt": [
        {"user_id": v, "user_properties": {"plan": v}}
        for v in ["a]]", "]]>x", "<", "/b", "a<", "/", "--", "-->", "it's", "\\", '"q"']
    ],
}


def _render(template: str, users: list[Any], general: bool) -> tuple[str, str | None]:
    data = {
        "input": {
            "cohort_name": "Power",
            "cohort_id": "c1",
            "in_cohort": True,
            "users": users,
            "ids": [u["user_id"] if isinstance(u, dict) and "user_id" in u else u for u in users],
        }
    }
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("FTL_FORCE_GENERAL_PATH", "1" if general else "0")
        t = ftl.Template(template, "t.ftl")
    try:
        return t.render(data), None
    except ftl.TemplateError as e:
        return "", f"{type(e).__name__} {e.lineno}:{e.column} {e.message}"


def _cases() -> Iterator[tuple[str, str]]:
    for t in TEMPLATES:
        for d in DATA:
            yield t, d


@pytest.mark.parametrize(("tname", "dname"), list(_cases()))
def test_fast_and_general_paths_agree(tname: str, dname: str) -> None:
    fast = _render(TEMPLATES[tname], DATA[dname], general=False)
    general = _render(TEMPLATES[tname], DATA[dname], general=True)
    assert fast == general


def test_the_fast_path_is_taken_for_payload_lists(monkeypatch: pytest.MonkeyPatch) -> None:
    taken: list[bool] = []
    real = fused.try_fuse

    def spy(*args: Any, **kwargs: Any) -> Any:
        result = real(*args, **kwargs)
        taken.append(result is not None)
        return result

    monkeypatch.setattr(fused, "try_fuse", spy)
    monkeypatch.delenv("FTL_FORCE_GENERAL_PATH", raising=False)
    for name in ("default", "escaped", "two_fields", "invariant", "strings"):
        ftl.Template(TEMPLATES[name])
    assert taken == [True] * 5
    taken.clear()
    ftl.Template("<#list xs as x><#if x??>${x}</#if></#list>")
    assert taken == [False]


def test_stream_yields_the_same_text_in_bounded_chunks() -> None:
    t = ftl.Template(TEMPLATES["default"])
    data = {"input": {"cohort_name": "C", "users": _users(20000)}}
    chunks = list(t.stream(data, chunk_size=1 << 14))
    assert "".join(chunks) == t.render(data)
    assert len(chunks) >= 5  # one per batch of users at least
    assert max(map(len, chunks)) < (1 << 14) + 300_000  # a chunk, plus at most one batch


def test_stream_raises_the_template_error_after_the_chunks_before_it() -> None:
    t = ftl.Template("<#list xs as x>${x}</#list>${missing}", "s.ftl")
    gen = t.stream({"xs": ["a"] * 100}, chunk_size=10)
    got = []
    with pytest.raises(ftl.InvalidReferenceError) as info:
        for chunk in gen:
            got.append(chunk)
    assert "".join(got) == "a" * 100
    assert info.value.name == "s.ftl"


def test_closing_a_stream_early_stops_the_render() -> None:
    t = ftl.Template("<#list xs as x>${x}</#list>")
    gen = t.stream({"xs": ["x" * 100] * 100_000}, chunk_size=1000)
    first = next(gen)
    gen.close()
    assert first.startswith("x")


def test_render_to_text_and_binary_streams(tmp_path: Any) -> None:
    t = ftl.Template('{"id": "${input.cohort_name?json_string}"}')
    data = {"input": {"cohort_name": 'é"😀'}}
    with open(tmp_path / "a.json", "w", encoding="utf-8") as f:
        t.render_to(f, data)
    with open(tmp_path / "b.json", "wb") as fb:
        t.render_to(fb, data)
    expected = t.render(data)
    assert (tmp_path / "a.json").read_text(encoding="utf-8") == expected
    assert (tmp_path / "b.json").read_bytes() == expected.encode("utf-8")


def test_batch_escaping_equals_the_built_in_item_by_item() -> None:
    import random

    from ftl.builtins.escaping import json_string

    rng = random.Random(2311)
    alphabet = ["a", "<", "/", ">", "]", "-", "!", "?", '"', "\\", "\x01", "\n", "\u2028",
                "é", "\x7f", "\x9f", "'", "😀", " "]  # fmt: skip
    checked = 0
    for _ in range(2000):
        items = ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 8))) for _ in range(12)]
        joined = fused._SEP.join(items)
        if fused._edge_sensitive(joined, items[0], items[-1]):
            continue
        assert json_string(joined).split(fused._SEP) == [json_string(x) for x in items]
        checked += 1
    assert checked > 100
