"""String-to-date parsing (``?date(fmt)``, ``?time``, ``?datetime``, ``.iso``, ``.xs``, the
styles) against FreeMarker 2.3.31: ``tests/golden/date_parsing.json`` from the oracle
(``tools/gen_parse_goldens.py``), lenient roll-over and zone names included.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import ftl

CASES: list[dict[str, Any]] = json.loads(
    (Path(__file__).parent / "golden" / "date_parsing.json").read_text(encoding="utf-8")
)


@pytest.mark.parametrize(
    "case", CASES, ids=[f"{c['zone']}|{c['kind']}|{c['format']}|{c['text']}" for c in CASES]
)
def test_parse_matches_freemarker(case: dict[str, Any]) -> None:
    src = (
        f'<#setting time_zone="{case["zone"]}">'
        f'${{"{case["text"]}"?{case["kind"]}("{case["format"]}")?long?c}}'
    )
    if "error" in case:
        with pytest.raises(ftl.TemplateError) as info:
            ftl.Template(src).render({})
        assert info.value.java_class == case["error"]
        return
    assert int(ftl.Template(src).render({})) == case["ms"]
