"""Loop-variable built-ins (``x?index``, ``x?has_next``...): the target is the loop
variable of an enclosing ``<#list>``, and the built-in reads its :class:`LoopState`."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from . import builtin
from ._common import arg_count

__all__: list[str] = []

_LOOP: list[tuple[str, str, str, Callable[[Any], Any], str, tuple[str, ...]]] = [
    (
        "index",
        "number",
        "The 0-based index of the current item.",
        lambda s: s.index,
        '<#list ["a", "b"] as x>${x?index};</#list>  → 0;1;',
        (),
    ),
    (
        "counter",
        "number",
        "The 1-based index of the current item.",
        lambda s: s.index + 1,
        '<#list ["a", "b"] as x>${x?counter};</#list>  → 1;2;',
        (),
    ),
    (
        "has_next",
        "boolean",
        "Whether an item follows the current one.",
        lambda s: bool(s.has_next),
        '<#list ["a", "b"] as x>${x}<#if x?has_next>, </#if></#list>  → a, b',
        ("hasNext",),
    ),
    (
        "is_first",
        "boolean",
        "Whether this is the first item.",
        lambda s: s.index == 0,
        '<#list ["a", "b"] as x>${x?is_first?c};</#list>  → true;false;',
        ("isFirst",),
    ),
    (
        "is_last",
        "boolean",
        "Whether this is the last item.",
        lambda s: not s.has_next,
        '<#list ["a", "b"] as x>${x?is_last?c};</#list>  → false;true;',
        ("isLast",),
    ),
    (
        "is_odd_item",
        "boolean",
        "Whether the 1-based counter is odd.",
        lambda s: s.index % 2 == 0,
        '<#list ["a", "b"] as x>${x?is_odd_item?c};</#list>  → true;false;',
        ("isOddItem",),
    ),
    (
        "is_even_item",
        "boolean",
        "Whether the 1-based counter is even.",
        lambda s: s.index % 2 == 1,
        '<#list ["a", "b"] as x>${x?is_even_item?c};</#list>  → false;true;',
        ("isEvenItem",),
    ),
    (
        "item_parity",
        "string",
        '"odd" or "even" by the 1-based counter.',
        lambda s: "odd" if s.index % 2 == 0 else "even",
        '<#list ["a", "b"] as x>${x?item_parity};</#list>  → odd;even;',
        ("itemParity",),
    ),
    (
        "item_parity_cap",
        "string",
        '"Odd" or "Even" by the 1-based counter.',
        lambda s: "Odd" if s.index % 2 == 0 else "Even",
        '<#list ["a", "b"] as x>${x?item_parity_cap};</#list>  → Odd;Even;',
        ("itemParityCap",),
    ),
]


def _make(get: Callable[[Any], Any]) -> Callable[[Any, Any], Any]:
    def fn(env: Any, state: Any) -> Any:
        return get(state)

    return fn


for _name, _result, _summary, _get, _example, _aliases in _LOOP:
    builtin(
        _name,
        family="loop",
        accepts=("any",),
        result=_result,
        summary=_summary,
        example=_example,
        kind="loop",
        aliases=_aliases,
    )(_make(_get))


@builtin(
    "item_cycle",
    family="loop",
    accepts=("any",),
    result="any",
    summary="Cycles through the arguments as the loop advances.",
    example='<#list 1..4 as x>${x?item_cycle("a", "b", "c")}</#list>  → abca',
    arity=(1, -1),
    params=("values",),
    kind="loop",
    aliases=("itemCycle",),
)
def _item_cycle(env: Any, state: Any, *args: Any) -> Any:
    arg_count("item_cycle", args, 1, -1)
    return args[state.index % len(args)]
