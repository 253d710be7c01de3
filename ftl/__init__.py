"""ftl: an Apache FreeMarker 2.3.31 engine for Amplitude cohort-webhook payload templates."""

from __future__ import annotations

from .errors import (
    InvalidReferenceError,
    TemplateError,
    TemplateRuntimeError,
    TemplateSyntaxError,
)

__all__ = [
    "InvalidReferenceError",
    "TemplateError",
    "TemplateRuntimeError",
    "TemplateSyntaxError",
]
