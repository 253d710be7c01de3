"""When to retry a delivery, and how long to wait: exponential backoff with full jitter.

A response is retried on transport errors and timeouts, and on 408, 425, 429 and 5xx;
``Retry-After`` (seconds or an HTTP date) replaces the computed wait, capped.  Any other
status (3xx included: redirects are not followed) fails at once.

The schedule is a formula, not a library: the ``n``-th retry waits a uniformly random time
in ``[0, min(maximum, initial * multiplier ** (n - 1))]`` ("full jitter").  stamina and
tenacity were weighed and left out: the delivery loop must journal every attempt, resume
with a fresh budget after a crash, obey ``Retry-After`` and run 4 messages at once on one
event loop with an injectable sleep; wrapping a retry decorator around that would hide the
one thing tests must see (each wait), for the sake of a one-line formula.
"""

from __future__ import annotations

import email.utils
import random
import time
from dataclasses import asdict, dataclass
from typing import Any

from .errors import ConfigError

__all__ = ["PRESETS", "RETRYABLE_STATUSES", "RetryPolicy", "is_retryable", "parse_retry_after"]

RETRYABLE_STATUSES = frozenset({408, 425, 429})


def is_retryable(status: int) -> bool:
    """Whether a response status is worth retrying."""
    return status in RETRYABLE_STATUSES or 500 <= status <= 599


def parse_retry_after(value: str | None, now: float | None = None) -> float | None:
    """Seconds to wait from a ``Retry-After`` value (delta seconds or HTTP date), or None."""
    if value is None:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when is None:
        return None
    return max(0.0, when.timestamp() - (time.time() if now is None else now))


@dataclass(frozen=True)
class RetryPolicy:
    """How many times to retry and how long to wait before each retry (seconds)."""

    retries: int = 8
    initial: float = 1.0
    multiplier: float = 2.0
    maximum: float = 150.0
    jitter: bool = True
    retry_after_cap: float = 300.0

    def __post_init__(self) -> None:
        if self.retries < 0 or self.initial < 0 or self.maximum < 0 or self.multiplier < 1:
            raise ConfigError("retry", f"invalid retry policy {self!r}")

    def ceiling(self, retry: int) -> float:
        """The longest wait before the ``retry``-th retry (1-based)."""
        return min(self.maximum, self.initial * self.multiplier ** max(0, retry - 1))

    def delay(self, retry: int, rng: random.Random, retry_after: float | None = None) -> float:
        """The wait before the ``retry``-th retry; ``Retry-After`` wins when given (capped)."""
        if retry_after is not None:
            return min(max(0.0, retry_after), self.retry_after_cap)
        top = self.ceiling(retry)
        return rng.uniform(0.0, top) if self.jitter else top

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def parse(cls, spec: str) -> RetryPolicy:
        """A preset name (``amplitude``, ``unattended``, ``none``) or ``key=value,...``
        over the amplitude preset, e.g. ``retries=3,initial=0.1,maximum=2``."""
        if spec in PRESETS:
            return PRESETS[spec]
        fields: dict[str, Any] = {}
        for part in spec.split(","):
            key, sep, value = part.partition("=")
            key = key.strip()
            try:
                if not sep or key not in cls.__dataclass_fields__:
                    raise ValueError
                if key == "jitter":
                    fields[key] = value.strip().lower() in ("1", "true", "yes", "full")
                elif key == "retries":
                    fields[key] = int(value)
                else:
                    fields[key] = float(value)
            except ValueError:
                names = ", ".join(PRESETS)
                raise ConfigError(
                    "--retry",
                    f"expected a preset ({names}) or key=value pairs of"
                    f" {', '.join(cls.__dataclass_fields__)}; got {spec!r}",
                ) from None
        return cls(**fields)


PRESETS: dict[str, RetryPolicy] = {
    # Amplitude's cohort syncs: 8 retries, 1 s doubling to 128 s (about two minutes).
    "amplitude": RetryPolicy(),
    # Unattended runs (cron, timers): 12 retries, 2 s doubling up to 30 min, ~1.5 h in all.
    "unattended": RetryPolicy(retries=12, initial=2.0, maximum=1800.0, retry_after_cap=1800.0),
    # One attempt only.
    "none": RetryPolicy(retries=0),
}
