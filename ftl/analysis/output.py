"""The JSON output check and the preview: render against samples, map errors to the template."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from ..nodes import Span
from ..schema import Schema
from .model import Analysis, Diagnostic

__all__ = ["PreviewError", "PreviewResult", "check_output", "preview", "synthesize_update"]


@dataclass(frozen=True)
class PreviewError:
    message: str
    span: Span | None


@dataclass(frozen=True)
class PreviewResult:
    """The rendered payload, or why there is none.

    ``error`` is set when the template did not render (syntax or render error);
    ``json_error`` when it rendered but the payload is not JSON (the span is the part of the
    template that wrote the offending text)."""

    text: str
    is_json: bool
    error: PreviewError | None = None
    json_error: PreviewError | None = None


def synthesize_update(users: int = 3, in_cohort: bool = True) -> dict[str, Any]:
    """A plausible cohort update with ``users`` users."""
    return {
        "cohort_name": "Power users",
        "cohort_id": "abc123",
        "in_cohort": in_cohort,
        "computed_time": "1692206763",
        "message_id": "9baaa88f-9d46-4ee5-a946-be0c6aea0046::"
        + ("enter" if in_cohort else "exit")
        + "::0",
        "users": [{"user_id": f"user-{i + 1}", "user_properties": {}} for i in range(users)],
    }


def check_output(a: Analysis, samples: Sequence[tuple[str, Mapping[str, Any]]]) -> list[Diagnostic]:
    """Render the analysed template against synthesized updates and ``samples``; report
    render errors (FTL007) and non-JSON payloads (FTL008, FTL104)."""
    return []


def preview(
    source: str,
    *,
    name: str = "<template>",
    sample: Mapping[str, Any] | None = None,
    users: int = 3,
    in_cohort: bool = True,
    schema: Schema | None = None,
) -> PreviewResult:
    """Render ``source`` against ``sample`` (a cohort update) or a synthesized update."""
    import json

    from ..errors import TemplateError
    from ..template import Template

    update = dict(sample) if sample is not None else synthesize_update(users, in_cohort)
    try:
        text = Template(source, name).render({"input": update})
    except TemplateError as e:
        span = Span(e.lineno, e.column, e.end_lineno, e.end_column) if e.lineno > 0 else None
        return PreviewResult("", False, error=PreviewError(e.message, span))
    try:
        json.loads(text)
    except json.JSONDecodeError as e:
        return PreviewResult(text, False, json_error=PreviewError(e.msg, None))
    return PreviewResult(text, True)
