"""Resource limits: each breach is a ResourceLimitError at its span, and fails fast."""

from __future__ import annotations

import time

import pytest

import ftl


def test_unbounded_range_without_break_hits_the_iteration_limit() -> None:
    t = ftl.Template(
        "<#list 1.. as i>${i}</#list>", "r.ftl", limits=ftl.Limits(max_iterations=10_000)
    )
    started = time.monotonic()
    with pytest.raises(ftl.ResourceLimitError) as info:
        t.render({})
    assert time.monotonic() - started < 5
    assert info.value.lineno == 1 and info.value.name == "r.ftl"
    assert "10,000 loop iterations" in str(info.value)


def test_unbounded_range_with_break_is_fine() -> None:
    assert (
        ftl.Template("<#list 1.. as i>${i}<#if i == 3><#break></#if></#list>").render({}) == "123"
    )


def test_recursion_depth() -> None:
    t = ftl.Template("<#macro m n><@m n=n+1/></#macro><@m n=0/>", "rec.ftl")
    with pytest.raises(ftl.ResourceLimitError) as info:
        t.render({})
    assert "nest too deeply" in str(info.value)
    assert info.value.lineno == 1


def test_function_recursion_depth() -> None:
    t = ftl.Template("<#function f n><#return f(n + 1)></#function>${f(0)}")
    with pytest.raises(ftl.ResourceLimitError):
        t.render({})


def test_output_size() -> None:
    t = ftl.Template(
        '<#list 1..100000 as i>${"x"?left_pad(100, "x")}</#list>',
        limits=ftl.Limits(max_output_chars=1_000_000),
    )
    with pytest.raises(ftl.ResourceLimitError) as info:
        t.render({})
    assert "1,000,000 characters" in str(info.value)


def test_template_size() -> None:
    with pytest.raises(ftl.ResourceLimitError):
        ftl.Template("x" * 2000, limits=ftl.Limits(max_template_chars=1000))


def test_deadline() -> None:
    t = ftl.Template(
        "<#list 1..100000000 as i>${i}</#list>",
        limits=ftl.Limits(timeout=0.2, max_iterations=10**12, max_output_chars=10**12),
    )
    started = time.monotonic()
    with pytest.raises(ftl.ResourceLimitError) as info:
        t.render({})
    assert time.monotonic() - started < 5
    assert "longer than 0.2 seconds" in str(info.value)


def test_limits_apply_to_the_fused_list_path() -> None:
    users = [{"user_id": f"u{i}"} for i in range(50_000)]
    t = ftl.Template(
        "<#list input.users as u>${u.user_id}<#sep>,</#list>",
        limits=ftl.Limits(max_iterations=10_000),
    )
    with pytest.raises(ftl.ResourceLimitError):
        t.render({"input": {"users": users}})
