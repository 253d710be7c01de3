"""The built-in registry: every ``?name`` the engine knows, one module per family.

Each family module defines its built-ins with the :func:`builtin` decorator, which
records a :class:`BuiltIn` entry (name, accepted target types, result type, arity,
documentation with an FTL example).  The compiler calls them; lint, completion and
hover read the same entries.

Calling convention::

    fn(env, target, *args) -> value

``env`` is the :class:`ftl.runtime.Environment` (settings, string/number coercion,
calling lambdas/functions).  ``target`` is the value left of ``?``; ``args`` are the
evaluated arguments (only when ``arity`` is not None).  Built-ins raise
``ftl.errors`` exceptions without a location; the compiler adds the span.

Special kinds (``kind``):

- ``"plain"``: the usual case.
- ``"missing_ok"``: the target may be missing (``None``): ``?default``, ``?has_content``...
- ``"lazy"``: arguments arrive as zero-argument callables, evaluated on demand (``?then``, ``?switch``).
- ``"loop"``: the target is a loop variable; it receives a :class:`LoopState` instead of its value.
- ``"jvm_only"``: refused with :class:`ftl.errors.SandboxError` (``?new``, ``?api``...).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

__all__ = ["BUILTINS", "BuiltIn", "Kind", "builtin", "lookup"]

Kind = Literal["plain", "missing_ok", "lazy", "loop", "jvm_only"]


@dataclass(frozen=True, slots=True)
class BuiltIn:
    name: str
    fn: Callable[..., Any]
    family: str
    accepts: tuple[str, ...]
    """Target types: "string", "number", "boolean", "date", "sequence", "hash", "macro",
    "function", "method", "any".  Used by lint and completion ranking."""
    result: str
    """Result type name (same vocabulary, plus "method" for built-ins that return callables)."""
    summary: str
    """One line, written for users: shown in completion and hover."""
    example: str
    """A short FTL example with its output, e.g. ``'${"abc"?upper_case}  → ABC'``."""
    arity: tuple[int, int] | None = None
    """(min, max) arguments when the built-in is called with parentheses; None when it takes none.
    max may be -1 for "any number"."""
    params: tuple[str, ...] = ()
    """Parameter names for signature help, e.g. ("length", "filler")."""
    bare_ok: bool = True
    """Whether ``x?name`` without parentheses is evaluated directly (True), or yields a method
    value to be called later (False; e.g. ``?left_pad``)."""
    kind: Kind = "plain"


BUILTINS: dict[str, BuiltIn] = {}


def builtin(
    name: str,
    *,
    family: str,
    accepts: tuple[str, ...],
    result: str,
    summary: str,
    example: str,
    arity: tuple[int, int] | None = None,
    params: tuple[str, ...] = (),
    bare_ok: bool | None = None,
    kind: Kind = "plain",
    aliases: tuple[str, ...] = (),
) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Register ``fn`` as the built-in ``name`` (and its camelCase/legacy ``aliases``)."""

    def register(fn: Callable[..., Any]) -> Callable[..., Any]:
        direct = bare_ok if bare_ok is not None else (arity is None or arity[0] == 0)
        for n in (name, *aliases):
            if n in BUILTINS:
                raise RuntimeError(f"built-in ?{n} registered twice")
            BUILTINS[n] = BuiltIn(
                n, fn, family, accepts, result, summary, example, arity, params, direct, kind
            )
        return fn

    return register


def lookup(name: str) -> BuiltIn | None:
    _load_families()
    return BUILTINS.get(name)


_loaded = False
_load_lock = threading.RLock()  # a family may look a built-in up while loading


def _load_families() -> None:
    """Import every family module once (each registers its entries on import).

    Thread-safe: the flag is set only when every family is registered, under a lock, so a
    second thread (the language server has two) never sees a half-filled registry."""
    global _loaded
    if _loaded:
        return
    with _load_lock:
        if _loaded:
            return
        import importlib
        import pkgutil

        for info in sorted(pkgutil.iter_modules(__path__), key=lambda i: i.name):
            if not info.name.startswith("_"):
                importlib.import_module(f"{__name__}.{info.name}")
        _loaded = True


def all_builtins() -> dict[str, BuiltIn]:
    _load_families()
    return BUILTINS
