"""``Template``: parse and compile once, render many times."""

from __future__ import annotations

import io
from collections.abc import Iterator, Mapping
from typing import IO, Any, cast

from . import nodes as n
from .compiler import Ctx, compile_template
from .errors import TemplateError, TemplateRuntimeError
from .parser import parse
from .runtime import Environment, Settings

__all__ = ["Template"]


class Template:
    """A compiled FreeMarker template.

    ``amplitude`` turns on the Amplitude profile (``users.iterator()``, ``UtilClass``,
    ``statics[...]`` for the helper class only); it is on by default, as the templates
    are written for Amplitude.
    """

    def __init__(
        self,
        source: str,
        name: str = "<template>",
        *,
        amplitude: bool = True,
        settings: Settings | None = None,
    ) -> None:
        self.source = source
        self.name = name
        self.amplitude = amplitude
        self._settings = settings or Settings()
        self.ast: n.Template = parse(source, name)
        self._compiled = compile_template(self.ast, source, amplitude=amplitude)

    def _context(self, data: Mapping[str, Any], out: list[str]) -> Ctx:
        if not isinstance(data, Mapping):
            raise TypeError("the data model must be a mapping (e.g. {'input': update})")
        env = Environment(
            settings=self._settings.copy(), template_name=self.name, amplitude=self.amplitude
        )
        ctx = Ctx(env=env, out=out, data=data)
        ctx.ns.update(self._compiled.macros)
        compiled = self._compiled
        env.call_hook = lambda _env, f, args: compiled.call_function(ctx, f, args)
        env.eval_hook = lambda _env, source: compiled.eval_expression(ctx, source)
        return ctx

    def render(self, data: Mapping[str, Any] | None = None) -> str:
        """Render with ``data`` as the data model (a cohort update is ``{"input": update}``)."""
        out: list[str] = []
        ctx = self._context(data or {}, out)
        try:
            self._compiled.body(ctx)
        except TemplateError as e:
            if e.name is None:
                e.name = self.name
            raise
        except RecursionError:
            raise TemplateRuntimeError(
                "The template nests too deeply (recursion limit reached).", name=self.name
            ) from None
        return "".join(out)

    def stream(self, data: Mapping[str, Any] | None = None) -> Iterator[str]:
        """Yield the output in chunks (see :meth:`render`)."""
        yield self.render(data)

    def render_to(self, fp: IO[str] | IO[bytes], data: Mapping[str, Any] | None = None) -> None:
        """Write the output to a text stream, or UTF-8 encoded to a binary stream."""
        binary = not isinstance(fp, io.TextIOBase) and (
            "b" in getattr(fp, "mode", "") or isinstance(fp, io.BufferedIOBase | io.BytesIO)
        )
        for chunk in self.stream(data):
            if binary:
                cast("IO[bytes]", fp).write(chunk.encode("utf-8"))
            else:
                cast("IO[str]", fp).write(chunk)
