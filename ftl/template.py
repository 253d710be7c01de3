"""``Template``: parse and compile once, render many times."""

from __future__ import annotations

import io
import queue
import sys
import threading
import time
from collections.abc import Iterator, Mapping
from typing import IO, Any, cast

from . import nodes as n
from .compiler import Ctx, EscapingReturn, compile_template
from .errors import ResourceLimitError, TemplateError
from .loader import FileLoader
from .parser import parse
from .runtime import Environment, Limits, Settings

__all__ = ["Template"]


class Template:
    """A compiled FreeMarker template.

    ``amplitude`` turns on the Amplitude profile (``users.iterator()``, ``UtilClass``,
    ``statics[...]`` for the helper class only); it is on by default, as the templates
    are written for Amplitude.  ``limits`` bounds output size, call depth, loop
    iterations, template size and render time (:class:`ftl.Limits`).  ``loader`` (a
    :class:`ftl.loader.FileLoader`) lets ``#include``/``#import`` read templates below its
    root; without one they refuse to run and no file is ever read.
    """

    def __init__(
        self,
        source: str,
        name: str = "<template>",
        *,
        amplitude: bool = True,
        settings: Settings | None = None,
        limits: Limits | None = None,
        loader: FileLoader | None = None,
    ) -> None:
        self.source = source
        self.name = name
        self.amplitude = amplitude
        self._settings = settings or Settings()
        self.limits = limits or Limits()
        self.loader = loader
        if len(source) > self.limits.max_template_chars:
            raise ResourceLimitError(
                f"The template has {len(source):,} characters, over the limit of "
                f"{self.limits.max_template_chars:,}.",
                name=name,
                lineno=1,
                column=1,
            )
        self.ast: n.Template = parse(source, name)
        self._compiled = compile_template(self.ast, source, amplitude=amplitude)

    def _context(self, data: Mapping[str, Any], out: list[str]) -> Ctx:
        if not isinstance(data, Mapping):
            raise TypeError("the data model must be a mapping (e.g. {'input': update})")
        env = Environment(
            settings=self._settings.copy(), template_name=self.name, amplitude=self.amplitude
        )
        ctx = Ctx(env=env, out=out, data=data, limits=self.limits, loader=self.loader)
        if self.limits.timeout is not None:
            ctx.deadline = time.monotonic() + self.limits.timeout
        ctx.ns.update(self._compiled.macros)
        compiled = self._compiled
        env.call_hook = lambda _env, f, args: compiled.call_function(ctx, f, args)
        env.eval_hook = lambda _env, source: compiled.eval_expression(ctx, source)
        env.interpret_hook = lambda _env, source: compiled.interpret(ctx, source)
        return ctx

    def render(self, data: Mapping[str, Any] | None = None) -> str:
        """Render with ``data`` as the data model (a cohort update is ``{"input": update}``)."""
        out: list[str] = []
        ctx = self._context(data or {}, out)
        self._run(ctx)
        ctx.check()
        return "".join(out)

    def _run(self, ctx: Ctx) -> None:
        # Each nested macro or function call takes a few Python frames; make room for
        # max_depth of them (Python 3.11 calls between Python functions use no C stack).
        needed = self.limits.max_depth * 8 + 2000
        if sys.getrecursionlimit() < needed:
            sys.setrecursionlimit(needed)
        try:
            self._compiled.body(ctx)
        except EscapingReturn as r:
            raise r.error from None
        except TemplateError as e:
            if e.name is None:
                e.name = self.name
            raise
        except RecursionError:
            raise ResourceLimitError(
                "The template nests too deeply for Python's stack (recursion limit reached).",
                name=self.name,
                lineno=1,
                column=1,
            ) from None

    def stream(
        self, data: Mapping[str, Any] | None = None, *, chunk_size: int = 1 << 16
    ) -> Iterator[str]:
        """Yield the output in chunks of about ``chunk_size`` characters, without ever
        holding the whole payload (see :meth:`render`).

        The template runs in a worker thread that hands chunks over through a small
        bounded queue, so memory stays at a few chunks whatever the payload's size.  A
        template error is raised from the generator, after the chunks that preceded it.
        Closing the generator early stops the render."""
        chunks: queue.Queue[object] = queue.Queue(maxsize=4)
        sink = _StreamSink(chunks, chunk_size)
        ctx = self._context(data or {}, sink)  # type: ignore[arg-type]

        def work() -> None:
            try:
                self._run(ctx)
                sink.flush()
                sink.put(_DONE)
            except _Cancelled:
                return
            except BaseException as e:  # handed to the consumer
                if isinstance(e, TemplateError) and e.name is None:
                    e.name = self.name
                sink.put(_Failure(e))

        worker = threading.Thread(target=work, name=f"ftl-stream:{self.name}", daemon=True)
        worker.start()
        try:
            while True:
                item = chunks.get()
                if item is _DONE:
                    return
                if isinstance(item, _Failure):
                    raise item.error
                yield item  # type: ignore[misc]
        finally:
            sink.cancelled = True
            while worker.is_alive():
                try:
                    chunks.get_nowait()
                except queue.Empty:
                    worker.join(0.01)

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


_DONE = object()


class _Cancelled(Exception):
    """The consumer of :meth:`Template.stream` went away."""


class _Failure:
    __slots__ = ("error",)

    def __init__(self, error: BaseException) -> None:
        self.error = error


class _StreamSink:
    """Stands in for the output list: buffers appends and hands over full chunks."""

    __slots__ = ("buf", "cancelled", "chunk_size", "queue", "size")

    def __init__(self, q: queue.Queue[object], chunk_size: int) -> None:
        self.queue = q
        self.chunk_size = chunk_size
        self.buf: list[str] = []
        self.size = 0
        self.cancelled = False

    def append(self, s: str) -> None:
        self.buf.append(s)
        self.size += len(s)
        if self.size >= self.chunk_size:
            self.flush()

    def flush(self) -> None:
        if self.buf:
            text = "".join(self.buf)
            self.buf.clear()
            self.size = 0
            self.put(text)

    def put(self, item: object) -> None:
        while True:
            if self.cancelled:
                raise _Cancelled()
            try:
                self.queue.put(item, timeout=0.05)
                return
            except queue.Full:
                continue
