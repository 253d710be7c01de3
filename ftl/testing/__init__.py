"""Testing helpers for payload templates: the pytest plugin's parts, usable on their own.

>>> from ftl.testing import make_cohort_update, assert_valid_payload
>>> make_cohort_update(n_users=1, user_ids=["u1"])["users"]
[{'user_id': 'u1'}]

The syrupy extensions (``PayloadSnapshotExtension``, ``RawPayloadSnapshotExtension``) are
imported on first access, so this package does not need syrupy to be importable.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .checks import (
    AMPLITUDE_FIELDS,
    PayloadError,
    assert_lint_clean,
    assert_valid_payload,
    json_equal,
    parse_payload,
    pretty_json,
)
from .data import ADVERSARIAL_USER_IDS, make_cohort_update
from .render import Origin, RenderedPayload, load_sample, render_file

if TYPE_CHECKING:
    from .snapshot import PayloadSnapshotExtension, RawPayloadSnapshotExtension

__all__ = [
    "ADVERSARIAL_USER_IDS",
    "AMPLITUDE_FIELDS",
    "Origin",
    "PayloadError",
    "PayloadSnapshotExtension",
    "RawPayloadSnapshotExtension",
    "RenderedPayload",
    "assert_lint_clean",
    "assert_valid_payload",
    "json_equal",
    "load_sample",
    "make_cohort_update",
    "parse_payload",
    "pretty_json",
    "render_file",
]


def __getattr__(name: str) -> Any:
    if name in ("PayloadSnapshotExtension", "RawPayloadSnapshotExtension"):
        from . import snapshot

        return getattr(snapshot, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
