"""Reading cohort membership: user ids one per line, CSV with a ``user_id`` column, or NDJSON.

Formats, chosen by file extension: ``.csv`` (a ``user_id`` column; every other non-empty
column becomes ``user_properties``), ``.ndjson``/``.jsonl`` (one object with ``user_id``
and optional ``user_properties`` per line, or one JSON string), anything else: one user id
per line (blank lines skipped, surrounding white-space stripped).  Users stream: a file of
a million ids is never held in memory.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from .errors import ConfigError

__all__ = ["read_members"]


def read_members(path: str | Path) -> Iterator[dict[str, Any]]:
    """Yield ``{"user_id": ..., "user_properties"?: {...}}`` for each member in the file.
    Errors raise :class:`ConfigError` whose field is ``FILE:LINE:COLUMN``."""
    p = Path(path)
    try:
        f = p.open(encoding="utf-8-sig", newline="")
    except OSError as e:
        raise ConfigError(str(p), f"cannot read: {e.strerror}") from None
    with f:
        suffix = p.suffix.lower()
        try:
            if suffix == ".csv":
                yield from _csv(p, f)
            elif suffix in (".ndjson", ".jsonl"):
                yield from _ndjson(p, f)
            else:
                for line in f:
                    uid = line.strip()
                    if uid:
                        yield {"user_id": uid}
        except UnicodeDecodeError:
            raise ConfigError(str(p), "not UTF-8 text") from None


def _csv(p: Path, f: Any) -> Iterator[dict[str, Any]]:
    reader = csv.DictReader(f)
    fields = reader.fieldnames or []
    if "user_id" not in fields:
        raise ConfigError(f"{p}:1:1", f"a CSV of members needs a user_id column (got {fields})")
    others = [c for c in fields if c != "user_id"]
    for row in reader:
        uid = (row.get("user_id") or "").strip()
        if not uid:
            raise ConfigError(f"{p}:{reader.line_num}:1", "empty user_id")
        user: dict[str, Any] = {"user_id": uid}
        props = {c: row[c] for c in others if row.get(c) not in (None, "")}
        if props:
            user["user_properties"] = props
        yield user


def _ndjson(p: Path, f: Any) -> Iterator[dict[str, Any]]:
    for lineno, line in enumerate(f, 1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
        except json.JSONDecodeError as e:
            raise ConfigError(f"{p}:{lineno}:{e.colno}", f"invalid JSON: {e.msg}") from None
        if isinstance(item, str) and item:
            yield {"user_id": item}
        elif isinstance(item, dict) and isinstance(item.get("user_id"), str) and item["user_id"]:
            user: dict[str, Any] = {"user_id": item["user_id"]}
            if isinstance(item.get("user_properties"), dict):
                user["user_properties"] = item["user_properties"]
            yield user
        else:
            raise ConfigError(f"{p}:{lineno}:1", 'expected a user id string or {"user_id": ...}')
