"""ftl: an Apache FreeMarker 2.3.31 engine for Amplitude cohort-webhook payload templates.

    >>> import ftl
    >>> ftl.Template('{"in_cohort": ${input.in_cohort?c}}').render({"input": {"in_cohort": True}})
    '{"in_cohort": true}'

Importing ``ftl`` is cheap: the parser, the compiler and the built-in library load on first
use (PEP 562 module attributes).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .errors import (
    InvalidReferenceError,
    NonBooleanError,
    NonHashError,
    NonNumericalError,
    NonSequenceError,
    NonStringError,
    ResourceLimitError,
    SandboxError,
    TemplateError,
    TemplateRuntimeError,
    TemplateSyntaxError,
)

if TYPE_CHECKING:
    from .parser import parse
    from .runtime import Limits, Settings
    from .template import Template

__all__ = [
    "InvalidReferenceError",
    "Limits",
    "NonBooleanError",
    "NonHashError",
    "NonNumericalError",
    "NonSequenceError",
    "NonStringError",
    "ResourceLimitError",
    "SandboxError",
    "Settings",
    "Template",
    "TemplateError",
    "TemplateRuntimeError",
    "TemplateSyntaxError",
    "parse",
]

_LAZY = {"Template": "template", "parse": "parser", "Settings": "runtime", "Limits": "runtime"}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'ftl' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value
