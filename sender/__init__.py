"""sender: deliver Amplitude cohort updates to a webhook (journal, retries, sink) and sync
cohort membership.

Public names: :class:`Destination`, :class:`CohortUpdate`, :class:`WebhookSender` (with its
:class:`DeliveryReport`), :func:`sync`, :class:`Journal`, :class:`RetryPolicy`, the local
receiver :class:`Sink` (with :class:`Faults`) and the exceptions of :mod:`sender.errors`.
"""

from __future__ import annotations

from .cohort_sync import SyncReport, async_sync, sync, sync_history
from .deliver import DeliveryReport, Timeouts, WebhookSender, resume
from .destination import Destination
from .errors import ConfigError, GuardError, JournalError, PayloadError, SenderError
from .journal import Journal
from .retry import PRESETS, RetryPolicy
from .signing import Signer
from .sink import Faults, Sink
from .update import CohortUpdate

__all__ = [
    "PRESETS",
    "CohortUpdate",
    "ConfigError",
    "DeliveryReport",
    "Destination",
    "Faults",
    "GuardError",
    "Journal",
    "JournalError",
    "PayloadError",
    "RetryPolicy",
    "SenderError",
    "Signer",
    "Sink",
    "SyncReport",
    "Timeouts",
    "WebhookSender",
    "async_sync",
    "resume",
    "sync",
    "sync_history",
]
