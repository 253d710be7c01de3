"""Exceptions raised by the template engine.

The tree mirrors Apache FreeMarker's, so a test can tell which FreeMarker exception
class an error corresponds to (``java_class``)::

    TemplateError
    ├── TemplateSyntaxError                      ParseException
    └── TemplateRuntimeError                     TemplateException
        ├── InvalidReferenceError                InvalidReferenceException
        ├── UnexpectedTypeError                  UnexpectedTypeException
        │   ├── NonBooleanError                  NonBooleanException
        │   ├── NonStringError                   NonStringException
        │   ├── NonStringOrTemplateOutputError   NonStringOrTemplateOutputException
        │   ├── NonNumericalError                NonNumericalException
        │   ├── NonHashError                     NonHashException
        │   ├── NonExtendedHashError             NonExtendedHashException
        │   ├── NonSequenceError                 NonSequenceException
        │   ├── NonSequenceOrCollectionError     NonSequenceOrCollectionException
        │   ├── NonDateError                     NonDateException
        │   ├── NonMethodError                   NonMethodException
        │   ├── NonUserDefinedDirectiveOrMacroError  NonUserDefinedDirectiveOrMacroException
        │   └── NonUserDefinedDirectiveLikeError NonUserDefinedDirectiveLikeException
        ├── MiscTemplateError                    _MiscTemplateException
        ├── TemplateModelError                   TemplateModelException
        │   └── BuiltInArgumentError             _TemplateModelException (bad built-in arguments)
        ├── SettingValueAssignmentError          SettingValueAssignmentException
        ├── StopError                            StopException (<#stop>)
        ├── SandboxError                         (no FreeMarker twin: JVM-only feature refused)
        └── ResourceLimitError                   (no FreeMarker twin: a configured limit was hit)

Every error carries the template ``name``, 1-based ``lineno`` and ``column`` (0 when
unknown), and the bare ``message``; ``str(error)`` adds the location in FreeMarker's
style.  Built-ins and runtime helpers raise errors without a location; the compiled
closure of the node being evaluated fills it in (see :meth:`TemplateError.locate`).
"""

from __future__ import annotations

from typing import Any

__all__ = [
    "BuiltInArgumentError",
    "InvalidReferenceError",
    "MiscTemplateError",
    "NonBooleanError",
    "NonDateError",
    "NonExtendedHashError",
    "NonHashError",
    "NonMethodError",
    "NonNumericalError",
    "NonSequenceError",
    "NonSequenceOrCollectionError",
    "NonStringError",
    "NonStringOrTemplateOutputError",
    "NonUserDefinedDirectiveLikeError",
    "NonUserDefinedDirectiveOrMacroError",
    "ResourceLimitError",
    "ReturnOutsideFunctionError",
    "SandboxError",
    "SettingValueAssignmentError",
    "StopError",
    "TemplateError",
    "TemplateModelError",
    "TemplateRuntimeError",
    "TemplateSyntaxError",
    "UnexpectedTypeError",
]


class TemplateError(Exception):
    """Base of every error the engine raises."""

    java_class: str | None = "TemplateException"

    def __init__(
        self,
        message: str,
        *,
        name: str | None = None,
        lineno: int = 0,
        column: int = 0,
        end_lineno: int = 0,
        end_column: int = 0,
        expression: str | None = None,
        tip: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.name = name
        self.lineno = lineno
        self.column = column
        self.end_lineno = end_lineno or lineno
        self.end_column = end_column or column
        self.expression = expression
        self.tip = tip
        self.source_line: str | None = None

    def freemarker_position(self) -> tuple[int, int]:
        """(line, column) as FreeMarker reports them: columns count UTF-16 code units and
        tabs advance to the next multiple of 8.  ``column`` itself counts characters."""
        if self.source_line is None or self.column <= 0:
            return self.lineno, self.column
        col = 0
        for ch in self.source_line[: self.column - 1]:
            if ch == "\t":
                col += 8 - (col % 8)
            else:
                col += 2 if ord(ch) > 0xFFFF else 1
        if self.column - 1 < len(self.source_line) and self.source_line[self.column - 1] == "\t":
            return self.lineno, col + 8 - (col % 8)
        return self.lineno, col + 1

    @property
    def located(self) -> bool:
        return self.lineno > 0

    def locate(
        self,
        name: str,
        lineno: int,
        column: int,
        end_lineno: int = 0,
        end_column: int = 0,
        expression: str | None = None,
    ) -> TemplateError:
        """Fill in the position if no inner node has done so already; returns self."""
        if not self.located:
            self.name = name
            self.lineno = lineno
            self.column = column
            self.end_lineno = end_lineno or lineno
            self.end_column = end_column or column
            if self.expression is None:
                self.expression = expression
        elif self.name is None:
            self.name = name
        return self

    def where(self) -> str:
        return (
            f'in template "{self.name or "<template>"}" at line {self.lineno}, column {self.column}'
        )

    def __str__(self) -> str:
        text = self.message
        if self.expression:
            text += f"\n==> {self.expression}"
        if self.located:
            text += f"  [{self.where()}]"
        if self.tip:
            text += f"\nTip: {self.tip}"
        return text

    def __reduce__(self) -> tuple[Any, ...]:
        return (_rebuild, (type(self), self.message, self.__dict__.copy()))


def _rebuild(cls: type[TemplateError], message: str, state: dict[str, Any]) -> TemplateError:
    err = cls.__new__(cls)
    Exception.__init__(err, message)
    err.__dict__.update(state)
    return err


class TemplateSyntaxError(TemplateError):
    """The template text is not valid FreeMarker (FreeMarker's ParseException)."""

    java_class = "ParseException"


class TemplateRuntimeError(TemplateError):
    """Rendering failed (FreeMarker's TemplateException and its subclasses)."""

    java_class: str | None = "TemplateException"


class InvalidReferenceError(TemplateRuntimeError):
    """A value was null or missing where one was required."""

    java_class = "InvalidReferenceException"


class UnexpectedTypeError(TemplateRuntimeError):
    """A value had the wrong type."""

    java_class = "UnexpectedTypeException"


class NonBooleanError(UnexpectedTypeError):
    java_class = "NonBooleanException"


class NonStringError(UnexpectedTypeError):
    java_class = "NonStringException"


class NonStringOrTemplateOutputError(UnexpectedTypeError):
    """``${...}`` of a value that is not a string, number, date or boolean."""

    java_class = "NonStringOrTemplateOutputException"


class NonNumericalError(UnexpectedTypeError):
    java_class = "NonNumericalException"


class NonHashError(UnexpectedTypeError):
    java_class = "NonHashException"


class NonExtendedHashError(UnexpectedTypeError):
    java_class = "NonExtendedHashException"


class NonSequenceError(UnexpectedTypeError):
    java_class = "NonSequenceException"


class NonSequenceOrCollectionError(UnexpectedTypeError):
    java_class = "NonSequenceOrCollectionException"


class NonDateError(UnexpectedTypeError):
    java_class = "NonDateException"


class NonMethodError(UnexpectedTypeError):
    java_class = "NonMethodException"


class NonUserDefinedDirectiveOrMacroError(UnexpectedTypeError):
    java_class = "NonUserDefinedDirectiveOrMacroException"


class MiscTemplateError(TemplateRuntimeError):
    """A runtime error with no more specific class (FreeMarker's _MiscTemplateException)."""

    java_class = "_MiscTemplateException"


class NonUserDefinedDirectiveLikeError(UnexpectedTypeError):
    """``<@x/>`` where ``x`` is not a macro (nor anything directive-like)."""

    java_class = "NonUserDefinedDirectiveLikeException"


class SettingValueAssignmentError(TemplateRuntimeError):
    """``<#setting>`` with a value the setting does not accept."""

    java_class = "SettingValueAssignmentException"


class TemplateModelError(TemplateRuntimeError):
    """A value could not do what was asked of it (FreeMarker's TemplateModelException)."""

    java_class = "TemplateModelException"


class BuiltInArgumentError(TemplateModelError):
    """A built-in got bad arguments (FreeMarker's _TemplateModelException)."""

    java_class = "_TemplateModelException"


class StopError(TemplateRuntimeError):
    """``<#stop>`` was executed."""

    java_class = "StopException"


class ReturnOutsideFunctionError(TemplateRuntimeError):
    """``<#return value>`` ran outside any #function: FreeMarker parses it, evaluates the
    value, then its internal Return signal escapes the whole render (past #attempt)."""

    java_class = "Return"


class SandboxError(TemplateRuntimeError):
    """The template asked for something the sandbox refuses (JVM-only features, host objects)."""

    java_class = None


class ResourceLimitError(TemplateRuntimeError):
    """A configured resource limit (output size, recursion depth, deadline...) was exceeded."""

    java_class = None
