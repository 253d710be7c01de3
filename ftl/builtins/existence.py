"""Existence built-ins: ``?default``, ``?exists``, ``?has_content``, ``?if_exists``.
The target may be missing (``None``); these never fail because of that."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from . import builtin
from ._common import NOTHING

__all__ = ["has_content"]


@builtin(
    "default",
    family="existence",
    accepts=("any",),
    result="any",
    summary="The value, or the first argument that is not missing (deprecated: use x!default).",
    example='${missing?default("n/a")}  → n/a',
    arity=(1, -1),
    params=("default",),
    kind="missing_ok",
)
def _default(env: Any, target: Any, *args: Any) -> Any:
    if target is not None:
        return target
    for a in args:
        if a is not None:
            return a
    return None


@builtin(
    "exists",
    family="existence",
    accepts=("any",),
    result="boolean",
    summary="Whether the value exists (is not null or missing); same as x??.",
    example="${missing?exists?c}  → false",
    kind="missing_ok",
)
def _exists(env: Any, target: Any) -> bool:
    return target is not None


def has_content(v: Any) -> bool:
    """FreeMarker's ``?has_content``: missing, "", empty sequences and hashes are empty."""
    if v is None:
        return False
    if isinstance(v, str):
        return v != ""
    if isinstance(v, list | tuple | range):
        return len(v) > 0
    if isinstance(v, Mapping):
        return len(v) > 0
    return True


@builtin(
    "has_content",
    family="existence",
    accepts=("any",),
    result="boolean",
    summary='Whether the value exists and is not empty ("", [] and {} are empty; numbers, '
    "booleans and dates are content).",
    example='${""?has_content?c}  → false',
    kind="missing_ok",
    aliases=("hasContent",),
)
def _has_content(env: Any, target: Any) -> bool:
    return has_content(target)


@builtin(
    "if_exists",
    family="existence",
    accepts=("any",),
    result="any",
    summary="The value, or an empty value when missing (deprecated: use x!).",
    example="[${missing?if_exists}]  → []",
    kind="missing_ok",
    aliases=("ifExists",),
)
def _if_exists(env: Any, target: Any) -> Any:
    return NOTHING if target is None else target
