"""Hash built-ins: ``?keys`` and ``?values``, in insertion order (``?size`` is with the
sequences)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..errors import NonExtendedHashError
from ..values import type_description
from . import builtin
from ._common import Nothing

__all__: list[str] = []


def _hash(name: str, v: Any) -> Mapping[str, Any]:
    if isinstance(v, Mapping) and not isinstance(v, str):
        return v
    if isinstance(v, Nothing):  # x!: also an empty hash
        return {}
    raise NonExtendedHashError(
        f'For "?{name}" left-hand operand: Expected an extended hash, but this has evaluated to '
        f"{type_description(v)}."
    )


@builtin(
    "keys",
    family="hashes",
    accepts=("hash",),
    result="sequence",
    summary="The keys of the hash, in insertion order.",
    example='${{"b": 1, "a": 2}?keys?join(",")}  → b,a',
)
def _keys(env: Any, target: Any) -> list[str]:
    return list(_hash("keys", target).keys())


@builtin(
    "values",
    family="hashes",
    accepts=("hash",),
    result="sequence",
    summary="The values of the hash, in insertion order.",
    example='${{"b": 1, "a": 2}?values?join(",")}  → 1,2',
)
def _values(env: Any, target: Any) -> list[Any]:
    return list(_hash("values", target).values())
