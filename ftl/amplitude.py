"""The Amplitude profile: what Amplitude's beans-wrapped FreeMarker offers, inside the sandbox.

Amplitude renders cohort-webhook templates with a BeansWrapper and a helper class, and its
published templates rely on both:

- ``input.users.iterator()`` (a Java method call on the list): here it returns the list
  itself, which ``<#list>`` iterates the same way;
- ``UtilClass.toJson(value)`` and ``UtilClass.toJsonString(value)``, where
  ``UtilClass = statics['com.amplitude.integrations.connector.utils.FtlUtils']`` (also
  predefined, so templates that use it without the assignment work);
- the legacy loop variables ``user_index``/``user_has_next`` (plain FreeMarker 2.3.31 has
  them too).

No other ``statics[...]`` class resolves: asking for one is a :class:`SandboxError` that
says why.  Nothing here reaches a Python object's attributes.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from .errors import SandboxError, TemplateModelError
from .values import Method, TemplateDate

__all__ = ["FTL_UTILS_CLASS", "STATICS", "UTIL_CLASS", "iterator_method", "to_json"]

FTL_UTILS_CLASS = "com.amplitude.integrations.connector.utils.FtlUtils"


def _jsonable(v: Any) -> Any:
    if v is None or isinstance(v, bool | str | int):
        return v
    if isinstance(v, float):
        return v
    if isinstance(v, Decimal):
        return _RawNumber(v)
    if isinstance(v, Mapping):
        return {str(k): _jsonable(x) for k, x in v.items()}
    if isinstance(v, list | tuple | range):
        return [_jsonable(x) for x in v]
    if isinstance(v, TemplateDate):
        return v.epoch_ms
    raise TemplateModelError(f"UtilClass.toJson can't convert {type(v).__name__} values to JSON.")


class _RawNumber(float):
    """A Decimal printed with its exact digits by the JSON encoder."""

    def __new__(cls, d: Decimal) -> _RawNumber:
        obj = super().__new__(cls, float(d))
        obj.text = format(d, "f") if d == d.to_integral_value() else str(d)  # type: ignore[attr-defined]
        return obj

    def __repr__(self) -> str:
        return self.text  # type: ignore[attr-defined,no-any-return]


def to_json(value: Any) -> str:
    """The value as compact JSON text (what Amplitude's FtlUtils.toJson produces)."""
    return json.dumps(_jsonable(value), ensure_ascii=False, separators=(",", ":"))


def _one_arg(name: str, args: list[Any]) -> Any:
    if len(args) != 1:
        raise TemplateModelError(
            f"UtilClass.{name}(value) takes exactly 1 argument, got {len(args)}."
        )
    return args[0]


UTIL_CLASS: dict[str, Any] = {
    "toJson": Method("toJson", lambda args: to_json(_one_arg("toJson", args))),
    "toJsonString": Method("toJsonString", lambda args: to_json(_one_arg("toJsonString", args))),
}


class _Statics(dict[str, Any]):
    """``statics[...]``: only the Amplitude helper class resolves."""

    def get(self, key: str, default: Any = None) -> Any:  # type: ignore[override]
        if key == FTL_UTILS_CLASS:
            return UTIL_CLASS
        raise SandboxError(
            f'statics["{key}"] is not available: this sandbox exposes no Java classes; only '
            f'the Amplitude helper statics["{FTL_UTILS_CLASS}"] (UtilClass) is provided.'
        )

    def __contains__(self, key: object) -> bool:
        return key == FTL_UTILS_CLASS


STATICS = _Statics()


def iterator_method(seq: list[Any] | tuple[Any, ...]) -> Method:
    """``seq.iterator()``: returns the sequence itself for ``<#list>``."""

    def call(args: list[Any]) -> Any:
        if args:
            raise TemplateModelError("iterator() takes no arguments.")
        return seq

    return Method("iterator", call)
