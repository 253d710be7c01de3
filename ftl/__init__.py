"""ftl: an Apache FreeMarker 2.3.31 engine for Amplitude cohort-webhook payload templates.

>>> import ftl
>>> ftl.Template('{"in_cohort": ${input.in_cohort?c}}').render({"input": {"in_cohort": True}})
'{"in_cohort": true}'
"""

from __future__ import annotations

from .errors import (
    InvalidReferenceError,
    NonBooleanError,
    NonHashError,
    NonNumericalError,
    NonSequenceError,
    NonStringError,
    SandboxError,
    TemplateError,
    TemplateRuntimeError,
    TemplateSyntaxError,
)
from .parser import parse
from .runtime import Settings
from .template import Template

__all__ = [
    "InvalidReferenceError",
    "NonBooleanError",
    "NonHashError",
    "NonNumericalError",
    "NonSequenceError",
    "NonStringError",
    "SandboxError",
    "Settings",
    "Template",
    "TemplateError",
    "TemplateRuntimeError",
    "TemplateSyntaxError",
    "parse",
]
