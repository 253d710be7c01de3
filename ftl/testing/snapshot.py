"""syrupy extensions for rendered payloads: one ``.json`` file per snapshot, or raw text.

- :class:`PayloadSnapshotExtension` stores the pretty-printed JSON of the payload (2-space
  indent, keys in the payload's order, non-ASCII kept) and compares *parsed JSON values*, so
  a change that only re-formats the template passes; ``--snapshot-update`` rewrites the file
  in the new order/format only when told.  A payload that is not valid JSON fails the test
  with the JSON error and the template location rather than a diff.
- :class:`RawPayloadSnapshotExtension` stores the exact text (UTF-8, ``.txt``) and compares
  it byte for byte, for receivers that care about formatting.

Importing this module imports syrupy; the plugin imports it only when a payload snapshot
fixture is used.
"""

from __future__ import annotations

from typing import Any

import pytest
from syrupy.extensions.single_file import SingleFileSnapshotExtension, WriteMode

from .checks import describe_json_error, json_equal, parse_payload, pretty_json

__all__ = ["PayloadSnapshotExtension", "RawPayloadSnapshotExtension"]


class PayloadSnapshotExtension(SingleFileSnapshotExtension):
    """Pretty-printed JSON snapshots of payloads, compared as parsed JSON values."""

    _write_mode = WriteMode.TEXT
    file_extension = "json"

    def serialize(self, data: Any, **kwargs: Any) -> str:
        __tracebackhide__ = True
        if isinstance(data, bytes):
            data = data.decode("utf-8")
        if isinstance(data, str):
            problem = None
            try:
                value = parse_payload(data)
            except ValueError as e:
                problem = describe_json_error(data, e)
            if problem is not None:
                # pytest.fail is not an Exception, so syrupy does not turn it into a diff.
                pytest.fail(problem, pytrace=False)
        else:
            value = data
        return pretty_json(value)

    def matches(self, *, serialized_data: Any, snapshot_data: Any) -> bool:
        try:
            return json_equal(
                parse_payload(str(serialized_data)), parse_payload(str(snapshot_data))
            )
        except (ValueError, TypeError):  # a hand-edited snapshot that no longer parses
            return False


class RawPayloadSnapshotExtension(SingleFileSnapshotExtension):
    """Exact-text snapshots of payloads (UTF-8 ``.txt`` files), compared byte for byte."""

    _write_mode = WriteMode.BINARY
    file_extension = "txt"

    def serialize(self, data: Any, **kwargs: Any) -> bytes:
        if isinstance(data, str):
            return data.encode("utf-8")
        return bytes(data)

    def diff_lines(self, serialized_data: Any, snapshot_data: Any) -> Any:
        def text(b: Any) -> str:
            return b.decode("utf-8", "backslashreplace") if isinstance(b, bytes) else str(b)

        return super().diff_lines(text(serialized_data), text(snapshot_data))
