"""Realistic, reproducible cohort updates (the ``input`` of a payload template) for tests."""

from __future__ import annotations

import random
import uuid
from collections.abc import Iterable, Mapping
from typing import Any

__all__ = ["ADVERSARIAL_USER_IDS", "make_cohort_update"]

#: User ids that break a template which forgets ``?json_string`` (or escapes for the wrong
#: context): JSON's own specials, C0 controls, U+2028/U+2029 (valid JSON, invalid JavaScript
#: before ES2019), astral-plane emoji (surrogate pairs in UTF-16), HTML breakers, and text
#: that looks like FreeMarker or JSON itself.
ADVERSARIAL_USER_IDS: tuple[str, ...] = (
    'quote"inside',
    "back\\slash",
    "line\nbreak",
    "tab\tchar",
    "ctrl\u0001char\u001f",
    "nul\u0000byte",
    "sep\u2028arator\u2029",
    "emoji 😀 rocket 🚀",
    "ünïcödé 日本語 русский",
    "</script><b>",
    "it's",
    "${not_ftl}",
    '{"json": [1, 2]}',
    "trailing\\",
    "\u007fdel",
)

_FIRST_NAMES = ("Ada", "Grace", "Linus", "Margaret", "Alan", "Barbara", "Ken", "Frances")
_COUNTRIES = ("United States", "Germany", "Japan", "Brazil", "India", "France")
_PLANS = ("free", "starter", "growth", "enterprise")


def _regular_user_id(i: int, rng: random.Random) -> str:
    # The id shapes Amplitude projects use: emails, UUIDs, numeric ids, device-style ids.
    kind = i % 4
    if kind == 0:
        return f"{_FIRST_NAMES[rng.randrange(len(_FIRST_NAMES))].lower()}.{i}@example.com"
    if kind == 1:
        return str(uuid.UUID(int=rng.getrandbits(128), version=4))
    if kind == 2:
        return str(100000 + rng.randrange(900000))
    return f"device-{rng.getrandbits(32):08x}"


def _user_properties(rng: random.Random) -> dict[str, Any]:
    return {
        "first_name": _FIRST_NAMES[rng.randrange(len(_FIRST_NAMES))],
        "country": _COUNTRIES[rng.randrange(len(_COUNTRIES))],
        "plan": _PLANS[rng.randrange(len(_PLANS))],
        "sessions": rng.randrange(1, 500),
        "paying": rng.random() < 0.3,
    }


def make_cohort_update(
    n_users: int = 3,
    in_cohort: bool = True,
    user_ids: Iterable[str] | None = None,
    *,
    seed: int = 2311,
    adversarial: bool = False,
    cohort_name: str = "Power users",
    cohort_id: str | None = None,
    computed_time: str | int | None = None,
    message_id: str | None = None,
    batch_index: int = 0,
    user_properties: bool | Mapping[str, Any] = False,
) -> dict[str, Any]:
    """Build one cohort update as Amplitude passes it to a template as ``input``.

    The same arguments always give the same value (a ``random.Random(seed)`` drives every
    choice), so snapshots of payloads rendered from it are stable.

    - ``user_ids``: use these ids (``n_users`` is then ignored); otherwise ``n_users`` ids of
      the usual shapes (email, UUID, numeric, device id).
    - ``adversarial=True``: every id is taken, in turn, from :data:`ADVERSARIAL_USER_IDS`
      (suffixed with ``-<i>`` so ids stay unique), so a payload of ``len(ADVERSARIAL_USER_IDS)``
      users holds every one of them.
    - ``user_properties``: ``True`` adds generated properties to each user; a mapping adds that
      mapping to each user.
    - ``message_id`` defaults to ``<uuid>::enter::<batch_index>`` (``exit`` when leaving), and
      ``computed_time`` to epoch seconds as text, as Amplitude sends them.
    """
    rng = random.Random(seed)
    update_uuid = uuid.UUID(int=rng.getrandbits(128), version=4)
    if user_ids is not None:
        ids = [str(u) for u in user_ids]
    elif adversarial:
        ids = [f"{ADVERSARIAL_USER_IDS[i % len(ADVERSARIAL_USER_IDS)]}-{i}" for i in range(n_users)]
    else:
        ids = [_regular_user_id(i, rng) for i in range(n_users)]
    users: list[dict[str, Any]] = []
    for uid in ids:
        user: dict[str, Any] = {"user_id": uid}
        if user_properties is True:
            user["user_properties"] = _user_properties(rng)
        elif isinstance(user_properties, Mapping):
            user["user_properties"] = dict(user_properties)
        users.append(user)
    direction = "enter" if in_cohort else "exit"
    return {
        "cohort_name": cohort_name,
        "cohort_id": cohort_id if cohort_id is not None else f"{rng.getrandbits(32):08x}",
        "in_cohort": in_cohort,
        "computed_time": str(computed_time if computed_time is not None else 1700000000 + seed),
        "message_id": message_id or f"{update_uuid}::{direction}::{batch_index}",
        "users": users,
    }
