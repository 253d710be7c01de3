"""Built-ins that only make sense on the JVM (object creation, the Java API, XML DOM
nodes).  They are known to the parser, so templates that use them still parse, but they
always fail with :class:`ftl.errors.SandboxError`: no Python object is ever reachable."""

from __future__ import annotations

from typing import Any

from ..errors import SandboxError
from . import builtin

__all__: list[str] = []

_REFUSED: list[tuple[str, str, tuple[str, ...]]] = [
    ("new", "creates Java objects from a class name", ()),
    ("api", "exposes the Java API of a value", ()),
    ("has_api", "tells whether a value exposes its Java API", ("hasApi",)),
    ("ancestors", "works on XML DOM nodes", ()),
    ("children", "works on XML DOM nodes", ()),
    ("node_name", "works on XML DOM nodes", ("nodeName",)),
    ("node_namespace", "works on XML DOM nodes", ("nodeNamespace",)),
    ("node_type", "works on XML DOM nodes", ("nodeType",)),
    ("parent", "works on XML DOM nodes", ()),
    ("root", "works on XML DOM nodes", ()),
    ("previous_sibling", "works on XML DOM nodes", ("previousSibling",)),
    ("next_sibling", "works on XML DOM nodes", ("nextSibling",)),
]


def _make(name: str, why: str) -> Any:
    def fn(env: Any, target: Any, *args: Any) -> Any:
        raise SandboxError(
            f"?{name} is not available in this sandbox: it {why}, which only the JVM can do; "
            "templates here see nothing but the JSON-like data model."
        )

    fn.__name__ = f"_{name}"
    return fn


for _name, _why, _aliases in _REFUSED:
    builtin(
        _name,
        family="jvm",
        accepts=("any",),
        result="any",
        summary=f"Not available in this sandbox (on the JVM it {_why}).",
        example=f"${{x?{_name}}}  → error: not available in this sandbox",
        arity=(0, -1),
        kind="jvm_only",
        aliases=_aliases,
    )(_make(_name, _why))
