"""ftl.dateformat against FreeMarker 2.3.31 (JDK 17): 25,906 formatted instants.

``tests/golden/dates.json`` is written by ``tools/gen_date_goldens.py`` from the oracle:
instants around DST changes, year ends, leap days and 1900 (historic zone offsets), in 13
time zones, with every SimpleDateFormat letter, the styles, and the iso/xs options; and
the styles, names and week rules of 16 other locales.
"""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path
from typing import Any

import pytest

from ftl.dateformat import format_date
from ftl.values import TemplateDate

CASES: list[dict[str, Any]] = json.loads(
    (Path(__file__).parent / "golden" / "dates.json").read_text(encoding="utf-8")
)
GROUPS: dict[tuple[str, str, str, str], list[dict[str, Any]]] = defaultdict(list)
for _case in CASES:
    GROUPS[(_case["locale"], _case["kind"], _case["zone"], _case["format"])].append(_case)


@pytest.mark.parametrize("key", sorted(GROUPS), ids="|".join)
def test_format_matches_freemarker(key: tuple[str, str, str, str]) -> None:
    locale, kind, zone, fmt = key
    got = [format_date(TemplateDate(c["ms"], kind), fmt, zone, locale) for c in GROUPS[key]]
    assert got == [c["expected"] for c in GROUPS[key]]
