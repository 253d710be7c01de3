"""Cohort updates and their split into messages (one batch of users each)."""

from __future__ import annotations

import itertools
import time
import uuid
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from .errors import ConfigError

__all__ = ["CohortUpdate", "batched", "direction", "message_id", "normalize_user"]

User = dict[str, Any]


def direction(in_cohort: bool) -> str:
    """``"enter"`` for users entering the cohort, ``"exit"`` for users leaving it."""
    return "enter" if in_cohort else "exit"


def message_id(update_id: str, in_cohort: bool, batch_index: int) -> str:
    """Amplitude's message id: ``<uuid>::enter::0``; receivers drop duplicates by it."""
    return f"{update_id}::{direction(in_cohort)}::{batch_index}"


def normalize_user(user: str | Mapping[str, Any]) -> User:
    """A user as the data model sees it: ``{"user_id": ..., "user_properties"?: {...}}``."""
    if isinstance(user, str):
        return {"user_id": user}
    if isinstance(user, Mapping):
        uid = user.get("user_id")
        if not isinstance(uid, str) or not uid:
            raise ConfigError("users", f"every user needs a non-empty string user_id: {user!r}")
        props = user.get("user_properties")
        if props is not None and not isinstance(props, Mapping):
            raise ConfigError("users", f"user_properties of {uid!r} must be an object")
        return dict(user)
    raise ConfigError("users", f"a user is a user id or an object with user_id, not {user!r}")


def batched(users: Iterable[str | Mapping[str, Any]], size: int) -> Iterator[list[User]]:
    """The users in batches of ``size`` (the last one may be shorter)."""
    it = iter(users)
    while chunk := list(itertools.islice(it, size)):
        yield [normalize_user(u) for u in chunk]


def _epoch_text(value: str | int | float | datetime | None) -> str:
    if value is None:
        return str(int(time.time()))
    if isinstance(value, datetime):
        return str(int(value.timestamp()))
    if isinstance(value, bool):
        raise ConfigError("computed_time", "expected epoch seconds or a datetime")
    if isinstance(value, int | float):
        return str(int(value))
    if isinstance(value, str) and value.strip().isdigit():
        return value.strip()
    raise ConfigError("computed_time", f"expected epoch seconds or a datetime, got {value!r}")


@dataclass
class CohortUpdate:
    """One direction of change of one cohort: users entering (``in_cohort=True``) or leaving.

    ``users`` holds user ids or objects with ``user_id`` (and optional ``user_properties``);
    ``computed_time`` becomes epoch seconds as text, as Amplitude sends it.  ``update_id`` is
    the uuid shared by the update's messages (a new one unless given).
    """

    cohort_name: str
    cohort_id: str
    in_cohort: bool
    users: Iterable[str | Mapping[str, Any]]
    computed_time: str | int | float | datetime | None = None
    update_id: str = field(default_factory=lambda: str(uuid.uuid4()))

    def __post_init__(self) -> None:
        for name in ("cohort_name", "cohort_id"):
            if not isinstance(getattr(self, name), str):
                raise ConfigError(name, "must be a string")
        if not isinstance(self.in_cohort, bool):
            raise ConfigError("in_cohort", "must be true or false")
        self.computed_time = _epoch_text(self.computed_time)

    @classmethod
    def from_json(cls, data: Any, users: Iterable[Any] | None = None) -> CohortUpdate:
        """Build from the JSON of an update file (``users`` may come from elsewhere)."""
        if not isinstance(data, Mapping):
            raise ConfigError("input", "the update must be a JSON object")
        missing = [k for k in ("cohort_name", "cohort_id", "in_cohort") if k not in data]
        if users is None and "users" not in data:
            missing.append("users")
        if missing:
            raise ConfigError("input", f"missing {', '.join(missing)}")
        raw_users = data.get("users") if users is None else users
        if not isinstance(raw_users, Iterable) or isinstance(raw_users, str | Mapping):
            raise ConfigError("users", "must be a list")
        return cls(
            cohort_name=data["cohort_name"],
            cohort_id=str(data["cohort_id"]),
            in_cohort=data["in_cohort"],
            users=raw_users,
            computed_time=data.get("computed_time"),
        )

    def model(self, batch_index: int, users: list[User]) -> dict[str, Any]:
        """The ``input`` data model of one message."""
        assert isinstance(self.computed_time, str)
        return {
            "cohort_name": self.cohort_name,
            "cohort_id": self.cohort_id,
            "in_cohort": self.in_cohort,
            "computed_time": self.computed_time,
            "message_id": message_id(self.update_id, self.in_cohort, batch_index),
            "users": users,
        }
