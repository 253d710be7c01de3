"""Boolean built-ins: ``?then`` and the boolean side of ``?string`` (``?c`` is in numbers)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..errors import NonBooleanError
from ..values import BooleanString, type_description
from . import builtin
from ._common import RegexMatches, arg_count

__all__ = ["boolean_words", "string_of_boolean"]


def string_of_boolean(env: Any, b: bool, args: tuple[Any, ...]) -> str:
    """``b?string`` (the boolean_format words, "true"/"false" by default) or
    ``b?string("yes", "no")``."""
    if args:
        arg_count("string", args, 2, 2)
        return str(env.to_string(args[0] if b else args[1]))
    return BooleanString(boolean_words(env.settings.boolean_format, b), b)


def boolean_words(fmt: str, b: bool) -> str:
    """The word boolean_format gives ``b`` ("true"/"false" for the default and for "c")."""
    if fmt in ("true,false", "c"):
        return "true" if b else "false"
    t, _, f = str(fmt).partition(",")
    return t if b else f


@builtin(
    "then",
    family="booleans",
    accepts=("boolean",),
    result="any",
    summary="The first argument if the boolean is true, else the second (only the chosen one "
    "is evaluated).",
    example='${(n > 1)?then("many", "one")}  → many',
    arity=(2, 2),
    params=("when_true", "when_false"),
    kind="lazy",
)
def _then(env: Any, target: Any, *args: Callable[[], Any]) -> Any:
    arg_count("then", args, 2, 2)
    if isinstance(target, RegexMatches):
        target = target.matched
    if not isinstance(target, bool):
        raise NonBooleanError(
            'For "?then(...)" left-hand operand: Expected a boolean, but this has evaluated to '
            f"{type_description(target)}."
        )
    return args[0]() if target else args[1]()
