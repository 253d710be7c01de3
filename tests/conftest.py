"""Shared pytest configuration: conformance cases with a known divergence are xfail."""

from __future__ import annotations

from pathlib import Path

import pytest

KNOWN = Path(__file__).parent / "conformance" / "core" / "fuzz" / "KNOWN_DIVERGENCES"


def _known_divergences() -> dict[str, str]:
    known: dict[str, str] = {}
    if KNOWN.is_file():
        for line in KNOWN.read_text("utf-8").splitlines():
            if line.strip() and not line.startswith("#"):
                name, _, reason = line.partition(" ")
                known[f"test_conformance[core/fuzz/{name}.ftl]"] = reason.strip()
    return known


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    known = _known_divergences()
    if not known:
        return
    for item in items:
        reason = known.get(item.name)
        if reason is not None:
            item.add_marker(pytest.mark.xfail(reason=f"known divergence {reason}", strict=True))
