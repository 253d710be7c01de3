"""Golden payloads: every template under ``examples/`` rendered with the plugin's fixtures.

The snapshots under ``tests/__snapshots__/test_golden_payloads/`` hold what real Apache
FreeMarker 2.3.31 renders, not what our engine renders: ``tools/check_golden_payloads.py``
renders the same template and data with the oracle (``fmref``) and compares them with the
committed files (``--write`` regenerates them).  Run it after adding a template or a case:

    python tools/check_golden_payloads.py [--fmref ../shared/tools/fmref/fmref] [--write]

``test_golden_payload`` compares parsed JSON (``.json`` files); ``test_golden_payload_bytes``
compares the exact text (``.txt`` files), since the engine promises FreeMarker's bytes.
A template added to ``TEMPLATES`` fails here until the tool has written its snapshots.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from ftl.testing import (
    ADVERSARIAL_USER_IDS,
    AMPLITUDE_FIELDS,
    PayloadError,
    assert_lint_clean,
    assert_valid_payload,
)

ROOT = Path(__file__).resolve().parent.parent

#: case id -> keyword arguments of the ``cohort_update`` fixture
CASES: dict[str, dict[str, Any]] = {
    "enter": {"n_users": 3},
    "exit": {"n_users": 2, "in_cohort": False, "cohort_name": "Churn risk", "seed": 7},
    "adversarial": {"n_users": len(ADVERSARIAL_USER_IDS), "adversarial": True},
    "properties": {"n_users": 2, "user_properties": True, "cohort_name": "Trial → paid"},
    "empty": {"n_users": 0},
}

#: the templates under examples/ with golden payloads (the others there are lint examples:
#: broken on purpose, or needing the Amplitude helper class, which the oracle lacks)
TEMPLATES = ("default.ftl", "amplitude-default.ftl")

#: Amplitude's default template as printed does not escape user ids: with hostile ids its
#: payload is not JSON, so that case only has an exact-text snapshot (and a test below).
NOT_JSON = {("amplitude-default.ftl", "adversarial")}

PARAMS = [
    pytest.param(template, case, id=f"{template.removesuffix('.ftl')}-{case}")
    for template in TEMPLATES
    for case in CASES
]
JSON_PARAMS = [p for p in PARAMS if tuple(p.values) not in NOT_JSON]


@pytest.mark.parametrize(("template", "case"), JSON_PARAMS)
def test_golden_payload(
    template: str, case: str, render_payload: Any, cohort_update: Any, payload_snapshot: Any
) -> None:
    payload = render_payload(f"examples/{template}", cohort_update(**CASES[case]))
    assert payload == payload_snapshot


@pytest.mark.parametrize(("template", "case"), PARAMS)
def test_golden_payload_bytes(
    template: str, case: str, render_payload: Any, cohort_update: Any, raw_payload_snapshot: Any
) -> None:
    payload = render_payload(f"examples/{template}", cohort_update(**CASES[case]))
    assert payload == raw_payload_snapshot


def test_unescaped_default_breaks_on_hostile_ids(render_payload: Any, cohort_update: Any) -> None:
    payload = render_payload(
        "examples/amplitude-default.ftl", cohort_update(**CASES["adversarial"])
    )
    with pytest.raises(PayloadError) as e:
        assert_valid_payload(payload)
    assert str(e.value).startswith(
        "examples/amplitude-default.ftl:10:19: the rendered payload is not valid JSON:"
    )
    assert "written by the output of: ${user.user_id}" in str(e.value)


def test_default_template_is_lint_clean() -> None:
    assert_lint_clean("examples/default.ftl")


def test_default_template_has_amplitudes_fields(render_payload: Any, cohort_update: Any) -> None:
    payload = render_payload("examples/default.ftl", cohort_update(n_users=2))
    assert_valid_payload(payload, AMPLITUDE_FIELDS)
