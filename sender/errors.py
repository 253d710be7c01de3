"""Exceptions raised by the sender.

::

    SenderError                  base of everything below
    ├── ConfigError              a destination, header, retry or option is invalid (names ``field``)
    ├── PayloadError             a rendered payload is not valid JSON, or the template failed
    │                            (names the template and the batch; the message is never sent)
    ├── JournalError             the journal is unusable, or a run/message id is unknown
    └── GuardError               the private-address guard refused a destination

Delivery failures are not exceptions: a message that exhausts its retries is
dead-lettered in the journal and reported in the :class:`~sender.DeliveryReport`.
"""

from __future__ import annotations

__all__ = ["ConfigError", "GuardError", "JournalError", "PayloadError", "SenderError"]


class SenderError(Exception):
    """Root of the sender's exceptions."""


class ConfigError(SenderError, ValueError):
    """A configuration value is invalid; ``field`` names it (a header name, ``url``, ...)."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


class PayloadError(SenderError):
    """A payload could not be produced, or is not valid JSON; it was not sent."""

    def __init__(
        self, template: str, batch_index: int, message: str, line: int = 0, column: int = 0
    ) -> None:
        super().__init__(f"{template}: batch {batch_index}: {message}")
        self.template = template
        self.batch_index = batch_index
        self.message = message
        self.line = line
        self.column = column


class JournalError(SenderError):
    """The journal cannot be used as asked."""


class GuardError(SenderError):
    """The destination resolves to an address the private-address guard refuses."""
