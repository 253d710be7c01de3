"""The server's settings: what the client sends, read once into a frozen dataclass.

They arrive as ``initializationOptions`` (``{"schemaFile": ..., "sampleFiles": [...],
"jsonOutputCheck": true}``), as ``workspace/didChangeConfiguration`` with
``{"settings": {"cohortWebhooks": {...same}}}``, or in answer to a
``workspace/configuration`` request for the section ``cohortWebhooks``.  A missing or
mistyped value keeps its previous value (at first, the default), and says so in the log.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

__all__ = ["SECTION", "Settings"]

SECTION = "cohortWebhooks"

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Settings:
    """``schema_file``: a JSON Schema extending ``input`` (absolute path), or None to use the
    configuration found from the template (``cohort-webhooks.toml``, ``pyproject.toml``, a
    header comment) or the built-in schema.  ``sample_files``: sample ``input`` values (JSON
    files) for the output check and the preview.  ``json_output_check``: render the template
    against samples and report output that is not JSON.  ``diagnostics_delay``: seconds of
    quiet after a change before the document is linted again (``diagnosticsDelayMs``)."""

    schema_file: str | None = None
    sample_files: tuple[str, ...] = ()
    json_output_check: bool = True
    diagnostics_delay: float = 0.1

    def updated(self, raw: object) -> Settings:
        """These settings with the values of ``raw`` (the client's object) applied.

        ``raw`` may be the settings themselves, or hold them under ``cohortWebhooks``
        (``didChangeConfiguration``'s ``settings``).  Anything else changes nothing.
        """
        if not isinstance(raw, Mapping):
            return self
        section = raw.get(SECTION)
        if isinstance(section, Mapping):
            raw = section
        changes: dict[str, Any] = {}
        for key, field, check in _FIELDS:
            if key not in raw:
                continue
            value = check(raw[key])
            if value is _INVALID:
                log.warning("setting %s.%s ignored: %r is not valid", SECTION, key, raw[key])
                continue
            changes[field] = value
        return dataclasses.replace(self, **changes) if changes else self


_INVALID: Any = object()


def _path(v: object) -> Any:
    if v is None:
        return None
    if isinstance(v, str):
        return v.strip() or None
    return _INVALID


def _paths(v: object) -> Any:
    if v is None:
        return ()
    if not isinstance(v, list | tuple) or not all(isinstance(p, str) for p in v):
        return _INVALID
    out: list[str] = []
    for p in v:
        p = p.strip()
        if p and p not in out:
            out.append(p)
    return tuple(out)


def _bool(v: object) -> Any:
    return v if isinstance(v, bool) else _INVALID


def _millis(v: object) -> Any:
    if isinstance(v, bool) or not isinstance(v, int | float) or not 0 <= v <= 10_000:
        return _INVALID
    return v / 1000


_FIELDS = (
    ("schemaFile", "schema_file", _path),
    ("sampleFiles", "sample_files", _paths),
    ("jsonOutputCheck", "json_output_check", _bool),
    ("diagnosticsDelayMs", "diagnostics_delay", _millis),
)
