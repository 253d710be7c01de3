"""String built-ins on random Unicode strings render as FreeMarker 2.3.31 renders them.

``tests/golden/strings.json`` is written by ``tools/gen_string_goldens.py`` from the oracle
(case mappings, UTF-16 lengths and indices, Java regex classes and word boundaries,
escapers, truncation, en_US collation for ``?sort``).
"""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path
from typing import Any

import pytest

import ftl

SEP = "\u001e"
CASES: list[dict[str, Any]] = json.loads(
    (Path(__file__).parent / "golden" / "strings.json").read_text(encoding="utf-8")
)
BY_EXPR: dict[str, list[dict[str, Any]]] = defaultdict(list)
for _case in CASES:
    BY_EXPR[_case["expr"]].append(_case)
SORTS = BY_EXPR.pop("sort", [])


@pytest.mark.parametrize("expr", sorted(BY_EXPR))
def test_builtin_on_random_strings(expr: str) -> None:
    cases = BY_EXPR[expr]
    template = ftl.Template(f"<#list strs as s>${{{expr}}}{SEP}</#list>", "strings.ftl")
    got = template.render({"strs": [c["s"] for c in cases]}).split(SEP)[:-1]
    mismatches = [
        (c["s"], c["expected"], g) for c, g in zip(cases, got, strict=True) if g != c["expected"]
    ]
    assert not mismatches, f"{len(mismatches)} differ, e.g. {mismatches[:3]}"


@pytest.mark.parametrize("index", range(len(SORTS)))
def test_sort_collation(index: int) -> None:
    case = SORTS[index]
    template = ftl.Template(f'${{l?sort?join("{SEP}")}}', "sort.ftl")
    assert template.render({"l": case["list"]}).split(SEP) == case["expected"]
