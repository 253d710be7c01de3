"""Payload bodies: Amplitude's default JSON, or a FreeMarker template; always checked JSON."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

from .errors import ConfigError, PayloadError

__all__ = ["DEFAULT_PAYLOAD_NAME", "PayloadRenderer", "engine_available", "load_template"]

DEFAULT_PAYLOAD_NAME = "<default payload>"


def _template_class() -> Any:
    import ftl

    return getattr(ftl, "Template", None)


def engine_available() -> bool:
    """Whether the FreeMarker engine (``ftl.Template``) is present in this build."""
    return _template_class() is not None


def load_template(template: Any) -> tuple[Any, str]:
    """Return ``(ftl.Template, name)`` for a path or a ready ``ftl.Template``."""
    cls = _template_class()
    if isinstance(template, str | Path):
        name = str(template)
        if cls is None:
            raise ConfigError("template", "the FreeMarker engine (ftl.Template) is not available")
        try:
            source = Path(template).read_bytes().decode("utf-8-sig")
        except OSError as e:
            raise ConfigError(name, f"cannot read template: {e.strerror}") from None
        except UnicodeDecodeError:
            raise ConfigError(name, "the template is not UTF-8 text") from None
        from ftl import TemplateError

        try:
            return cls(source, name), name
        except TemplateError as e:
            raise PayloadError(name, -1, e.message, e.lineno, e.column) from e
    if cls is not None and isinstance(template, cls):
        return template, str(getattr(template, "name", "<template>"))
    raise ConfigError("template", f"expected a template path or an ftl.Template, not {template!r}")


def _number(value: Any) -> Any:
    """Decimals (from JSON input files) as JSON numbers; anything else is refused."""
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    raise TypeError(f"{type(value).__name__} is not JSON serializable")


class PayloadRenderer:
    """Turns a message's data model into the exact bytes sent.

    With ``template=None`` the body is Amplitude's default cohort payload written by
    :mod:`json` (valid whatever the values hold); otherwise the template is rendered as
    ``render({"input": model})``.  Either way the body is parsed back as JSON: an invalid
    body raises :class:`PayloadError` naming the template and the batch.
    """

    def __init__(self, template: Any = None) -> None:
        if template is None:
            self.template: Any = None
            self.name = DEFAULT_PAYLOAD_NAME
        else:
            self.template, self.name = load_template(template)

    def render(self, model: dict[str, Any], batch_index: int) -> bytes:
        if self.template is None:
            return json.dumps(model, ensure_ascii=False, default=_number).encode("utf-8")
        from ftl import TemplateError

        try:
            text: str = self.template.render({"input": model})
        except TemplateError as e:
            raise PayloadError(self.name, batch_index, e.message, e.lineno, e.column) from e
        try:
            json.loads(text)
        except json.JSONDecodeError as e:
            start = max(0, e.pos - 30)
            excerpt = text[start : e.pos + 30].replace("\n", "\\n")
            raise PayloadError(
                self.name,
                batch_index,
                f"the rendered payload is not valid JSON ({e.msg} at output line {e.lineno},"
                f" column {e.colno}, near {excerpt!r}); it was not sent",
            ) from None
        return text.encode("utf-8")
