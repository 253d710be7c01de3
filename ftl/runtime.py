"""The rendering environment: settings, variable scopes, coercions and loop state."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import Any

from . import arith, formatting
from .errors import (
    MiscTemplateError,
    NonBooleanError,
    NonMethodError,
    NonStringError,
    NonStringOrTemplateOutputError,
    TemplateRuntimeError,
)
from .values import BooleanString, Lambda, Macro, Method, TemplateDate, type_description

__all__ = ["DEFAULT_BOOLEAN_FORMAT", "Environment", "Limits", "LoopState", "Settings"]

DEFAULT_BOOLEAN_FORMAT = "true,false"


@dataclass(slots=True)
class Settings:
    """Configuration settings a template can read and change with ``<#setting>``.

    Defaults are FreeMarker 2.3.31's under the project's configuration (locale en_US,
    time zone UTC)."""

    number_format: str = "number"
    boolean_format: str = DEFAULT_BOOLEAN_FORMAT
    locale: str = "en_US"
    time_zone: str = "UTC"
    date_format: str = ""
    time_format: str = ""
    datetime_format: str = ""
    url_escaping_charset: str | None = None
    output_encoding: str | None = None

    def copy(self) -> Settings:
        return replace(self)


@dataclass(frozen=True, slots=True)
class Limits:
    """Resource limits of a render; each breach is a ResourceLimitError at its span.

    The defaults let any real payload through (a 1,000,000-user update renders to about
    50 MB) and stop a hostile template fast."""

    max_output_chars: int = 256 * 1024 * 1024
    """Characters of output (checked as loops run and at the end)."""
    max_depth: int = 2500
    """Nested macro and function calls (FreeMarker itself allows thousands)."""
    max_iterations: int = 10_000_000
    """Iterations of all loops together, which bounds ``<#list 1.. as i>`` too."""
    max_template_chars: int = 4 * 1024 * 1024
    """Size of the template source."""
    timeout: float | None = 30.0
    """Seconds a render may take (checked cooperatively, every few hundred steps)."""


@dataclass(slots=True)
class LoopState:
    """The state of one ``<#list>`` iteration, read by the loop-variable built-ins."""

    name: str
    index: int = 0
    has_next: bool = False
    item: Any = None
    key: Any = None


@dataclass(slots=True)
class Environment:
    """Per-render state.  Built-ins receive it as their first argument."""

    settings: Settings = field(default_factory=Settings)
    template_name: str = "<template>"
    globals: dict[str, Any] = field(default_factory=dict)
    data: dict[str, Any] = field(default_factory=dict)
    call_hook: Callable[[Environment, Any, list[Any]], Any] | None = None
    eval_hook: Callable[[Environment, str], Any] | None = None
    interpret_hook: Callable[[Environment, str], Any] | None = None
    amplitude: bool = True

    # -- coercions -------------------------------------------------------------------

    def format_number(self, n: int | float | Decimal) -> str:
        return formatting.format_number(n, self.settings.number_format, self.settings.locale)

    def format_date(self, d: TemplateDate) -> str:
        return formatting.format_date_setting(d, self.settings)

    def format_boolean(self, b: bool, *, for_interpolation: bool = True) -> str:
        fmt = self.settings.boolean_format
        if fmt == DEFAULT_BOOLEAN_FORMAT and for_interpolation:
            raise MiscTemplateError(
                "Can't convert boolean to string automatically, because the "
                '"boolean_format" setting was "true,false", which is the legacy deprecated '
                "default, and we treat it as if no format was set. This is the default "
                "configuration; you should provide the format explicitly for each place where "
                "you print a boolean.",
                tip='Write something like myBool?c (for "true"/"false" in JSON) or '
                'myBool?string("yes", "no").',
            )
        if fmt == "c":
            return "true" if b else "false"
        true_s, _, false_s = fmt.partition(",")
        return true_s if b else false_s

    def to_string(self, v: Any, *, output: bool = False) -> str:
        """Coerce for ``${...}`` (``output``) and string built-ins: strings, numbers, dates,
        and booleans (only with an explicit ``boolean_format``)."""
        if type(v) is str:
            return v
        if isinstance(v, BooleanString):  # b?string, formatted when printed
            from .builtins.booleans import boolean_words

            return boolean_words(self.settings.boolean_format, v.boolean)
        if isinstance(v, str):
            return v
        if isinstance(v, bool):
            return self.format_boolean(v)
        if isinstance(v, int | float | Decimal):
            return self.format_number(v)
        if isinstance(v, TemplateDate):
            return self.format_date(v)
        if output:
            raise NonStringOrTemplateOutputError(
                'For "${...}" content: Expected a string or something automatically convertible '
                'to string (number, date or boolean), or "template output", but this has evaluated to '
                f"{type_description(v)}."
            )
        raise NonStringError(
            "Expected a string or something automatically convertible to string (number, "
            f"date or boolean), but this has evaluated to {type_description(v)}."
        )

    def to_boolean(self, v: Any) -> bool:
        if isinstance(v, bool):
            return v
        raise NonBooleanError(
            f"Expected a boolean, but this has evaluated to {type_description(v)}."
        )

    # -- calling ---------------------------------------------------------------------

    def call(self, f: Any, args: list[Any]) -> Any:
        """Call a lambda, a ``<#function>`` or a method value with evaluated arguments."""
        if isinstance(f, Lambda | Method):
            return f.call(args)
        if isinstance(f, Macro) and f.is_function and self.call_hook is not None:
            return self.call_hook(self, f, args)
        raise NonMethodError(
            f"Expected a method or function, but this has evaluated to {type_description(f)}."
        )

    def interpret(self, source: str) -> Any:
        """Parse a string as a template, as a directive value (``?interpret``)."""
        if self.interpret_hook is None:
            raise TemplateRuntimeError("?interpret is not available outside a render.")
        return self.interpret_hook(self, source)

    def eval_expression(self, source: str) -> Any:
        """Evaluate an FTL expression given as text in the current context (``?eval``)."""
        if self.eval_hook is None:
            raise TemplateRuntimeError("?eval is not available outside a render.")
        return self.eval_hook(self, source)

    # -- arithmetic ------------------------------------------------------------------

    @staticmethod
    def compare(a: Any, b: Any) -> int:
        return arith.compare(a, b)


def runtime_error(message: str) -> TemplateRuntimeError:
    return TemplateRuntimeError(message)
