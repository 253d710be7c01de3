"""Payload checks usable in any test: strict JSON parsing with template locations, and lint."""

from __future__ import annotations

import functools
import importlib
import json
import math
import os
import re
import unicodedata
from collections.abc import Iterable
from pathlib import Path
from typing import Any

__all__ = [
    "AMPLITUDE_FIELDS",
    "PayloadError",
    "assert_lint_clean",
    "assert_valid_payload",
    "describe_json_error",
    "json_equal",
    "parse_payload",
    "pretty_json",
]

#: The fields of Amplitude's default cohort-webhook payload.
AMPLITUDE_FIELDS: tuple[str, ...] = (
    "cohort_name",
    "cohort_id",
    "in_cohort",
    "computed_time",
    "message_id",
    "users[].user_id",
)


class PayloadError(AssertionError):
    """A rendered payload is not valid JSON, or lacks a required field."""


class _StrictJSONError(ValueError):
    pass


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for k, v in pairs:
        if k in out:
            raise _StrictJSONError(f"duplicate key {k!r} in an object")
        out[k] = v
    return out


def _no_constants(name: str) -> Any:
    raise _StrictJSONError(f"{name} is not JSON")


def _finite(text: str) -> float:
    value = float(text)
    if math.isinf(value):
        raise _StrictJSONError(f"number {text} is out of range")
    return value


def parse_payload(text: str) -> Any:
    """Parse ``text`` as strict JSON (RFC 8259): no NaN/Infinity, no duplicate keys.

    Raises :class:`json.JSONDecodeError` (or ``ValueError`` for the strict rules).
    """
    return json.loads(
        text,
        object_pairs_hook=_no_duplicates,
        parse_constant=_no_constants,
        parse_float=_finite,
    )


def _escape_invisible(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code > 0xFFFF:
        code -= 0x10000
        return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"
    return f"\\u{code:04x}"


@functools.cache
def _invisible() -> re.Pattern[str]:
    """Characters a reviewer cannot see (controls, format characters such as zero-width
    space and BOM, line/paragraph separators, private use, lone surrogates)."""
    chars = "".join(
        re.escape(chr(c))
        for c in range(0x7F, 0x10000)
        if unicodedata.category(chr(c)) in ("Cc", "Cf", "Zl", "Zp", "Co", "Cs")
    )
    return re.compile(f"[{chars}\U000e0000-\U000e007f\U000f0000-\U0010ffff]")


def pretty_json(value: Any) -> str:
    """The text of a payload snapshot: 2-space indent, keys in the payload's order, readable
    non-ASCII kept, invisible characters (U+2028, zero-width, controls) escaped."""
    return (
        _invisible().sub(_escape_invisible, json.dumps(value, indent=2, ensure_ascii=False)) + "\n"
    )


def _canonical(value: Any) -> Any:
    """A form in which ``==`` is JSON equality: ``true`` is not ``1`` and ``1`` is not
    ``"1"``; object key order does not count; ``1`` equals ``1.0``."""
    if isinstance(value, bool) or value is None:
        return ("literal", value)
    if isinstance(value, int | float):
        return ("number", value)
    if isinstance(value, str):
        return ("string", value)
    if isinstance(value, list):
        return ("array", tuple(_canonical(v) for v in value))
    if isinstance(value, dict):
        return ("object", frozenset((k, _canonical(v)) for k, v in value.items()))
    raise TypeError(f"not a JSON value: {type(value).__name__}")


def json_equal(a: Any, b: Any) -> bool:
    """Whether two parsed JSON values are the same JSON value."""
    return bool(_canonical(a) == _canonical(b))


def _template_name(text: str) -> str | None:
    return getattr(text, "template_name", None)


def describe_json_error(text: str, err: ValueError) -> str:
    """``FILE:LINE:COLUMN: the rendered payload is not valid JSON: ...`` plus the payload line.

    The location is the template's when ``text`` is a ``RenderedPayload`` and the failing
    character can be traced back to the template.
    """
    offset = err.pos if isinstance(err, json.JSONDecodeError) else None
    reason = err.msg if isinstance(err, json.JSONDecodeError) else str(err)
    name = _template_name(text)
    origin = None
    if offset is not None and name is not None:
        origin_of = getattr(text, "origin", None)
        if origin_of is not None:
            origin = origin_of(min(offset, max(len(text) - 1, 0)))
    where = ""
    if offset is not None:
        line = text.count("\n", 0, offset) + 1
        col = offset - (text.rfind("\n", 0, offset) + 1) + 1
        where = f" (payload line {line}, column {col})"
    head = name or "payload"
    if origin is not None:
        head = f"{name}:{origin.line}:{origin.column}"
    lines = [f"{head}: the rendered payload is not valid JSON: {reason}{where}"]
    if origin is not None:
        what = "the output of" if origin.kind == "interpolation" else "template text"
        lines.append(f"  written by {what}: {origin.excerpt.strip()}")
    if offset is not None:
        start = text.rfind("\n", 0, offset) + 1
        stop = text.find("\n", offset)
        stop = len(text) if stop < 0 else stop
        shown = text[start:stop]
        prefix = repr(shown[: offset - start])[1:-1]
        lines.append(f"  payload line: {repr(shown)[1:-1]}")
        lines.append("                " + " " * len(prefix) + "^")
    return "\n".join(lines)


def _check_path(value: Any, path: str) -> list[str]:
    """Missing parts of a dotted path such as ``users[].user_id`` (``[]``: every item)."""
    missing: list[str] = []

    def walk(v: Any, parts: list[str], done: str) -> None:
        if not parts:
            return
        part, rest = parts[0], parts[1:]
        every = part.endswith("[]")
        key = part[:-2] if every else part
        if key:
            if not isinstance(v, dict) or key not in v:
                missing.append(f"{done}{key}" if done else key)
                return
            v = v[key]
            done = f"{done}{key}"
        if every:
            if not isinstance(v, list):
                missing.append(f"{done}[] (not an array)")
                return
            for i, item in enumerate(v):
                walk(item, rest, f"{done}[{i}].")
        else:
            walk(v, rest, done + ".")

    walk(value, path.split("."), "")
    return missing


def assert_valid_payload(text: str, required: Iterable[str] = ()) -> Any:
    """Assert that ``text`` is strict JSON holding every ``required`` field; return the value.

    ``required`` holds dotted paths, ``[]`` meaning every item of an array:
    ``("cohort_id", "users[].user_id")``; :data:`AMPLITUDE_FIELDS` are Amplitude's default
    payload's fields.  An invalid payload fails with the JSON error and, for the output of
    ``render_payload``, the template location (``FILE:LINE:COLUMN``).
    """
    __tracebackhide__ = True
    try:
        value = parse_payload(text)
    except ValueError as e:
        raise PayloadError(describe_json_error(text, e)) from None
    missing = [m for path in required for m in _check_path(value, path)]
    if missing:
        head = _template_name(text) or "payload"
        raise PayloadError(f"{head}: the payload lacks {', '.join(missing)}")
    return value


#: pytest's rootdir, set by the plugin: relative paths given to the helpers resolve against it
ROOTDIR: Path | None = None


def resolve(path: str | os.PathLike[str]) -> Path:
    """``path`` itself, or under pytest's rootdir when relative and found there."""
    p = Path(path)
    if not p.is_absolute() and ROOTDIR is not None and (ROOTDIR / p).exists():
        return ROOTDIR / p
    return p


def assert_lint_clean(
    path: str | os.PathLike[str],
    *,
    schema: Any = None,
    samples: Iterable[Any] = (),
    json_check: bool = True,
    allow: Iterable[str] = ("information", "info", "hint"),
) -> None:
    """Assert that the project's lint (``ftl.analysis.lint``) reports nothing on the template
    at ``path`` but diagnostics whose severity is in ``allow`` (by default information and
    hints, such as the Amplitude-profile notes).  Failures list ``FILE:LINE:COLUMN: severity
    CODE: message``, one per line.

    A relative ``path`` is resolved against pytest's rootdir, as ``render_payload`` does.
    ``schema`` is a ``ftl.schema.Schema`` or the path of a JSON Schema file; ``samples`` hold
    cohort updates or paths of JSON samples.
    """
    __tracebackhide__ = True
    try:
        # Looked up at call time: the analysis may arrive after this module was written.
        lint = importlib.import_module("ftl.analysis").lint
    except (ImportError, AttributeError) as e:
        raise AssertionError(
            "assert_lint_clean: this version of cohort-webhooks has no ftl.analysis.lint, "
            f"so the template {os.fspath(path)!r} could not be linted ({e})"
        ) from None
    source = resolve(path).read_text(encoding="utf-8")
    if isinstance(schema, str | os.PathLike):
        from ftl.schema import load_schema

        schema = load_schema(resolve(schema))
    loaded: list[Any] = []
    for sample in samples:
        if isinstance(sample, str | os.PathLike):
            from .render import load_sample

            sample = load_sample(resolve(sample))["input"]
        loaded.append(sample)
    diagnostics = lint(
        source, name=os.fspath(path), schema=schema, samples=tuple(loaded), json_check=json_check
    )
    allowed = {a.lower() for a in allow}
    bad = [d for d in diagnostics if _severity(d) not in allowed]
    if bad:
        lines = [_format_diagnostic(os.fspath(path), d) for d in bad]
        raise AssertionError(f"lint found {len(bad)} problem(s):\n" + "\n".join(lines))


def _severity(d: Any) -> str:
    sev = getattr(d, "severity", "error")
    return str(getattr(sev, "name", sev)).lower()


def _format_diagnostic(path: str, d: Any) -> str:
    span = getattr(d, "span", None)
    line = getattr(span, "line", 0)
    column = getattr(span, "column", 0)
    return f"{path}:{line}:{column}: {_severity(d)} {getattr(d, 'code', '')}: {getattr(d, 'message', d)}"
