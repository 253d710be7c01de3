"""Static analysis of payload templates: diagnostics, types, symbols, editor queries.

One analysis serves the CLI's ``lint``, the language server and the preview::

    from ftl.analysis import analyze, lint
    a = analyze(source, name="payload.ftl")          # cached per (source, name, schema)
    a.diagnostics, a.ast, a.symbols                  # static findings, AST, defined names
    lint(source, name="payload.ftl")                 # static findings + the JSON output check

Editor queries (completion, hover, definition, ...) are pure functions over an
:class:`Analysis` in :mod:`ftl.analysis.editor`; the preview is
:func:`ftl.analysis.output.preview`.  The diagnostic codes are listed in
:mod:`ftl.analysis.catalogue`.
"""

from __future__ import annotations

import re
import threading
from collections import OrderedDict
from collections.abc import Mapping, Sequence
from typing import Any, cast

from ..schema import Schema, default_schema
from .catalogue import CATALOGUE
from .model import Analysis, Diagnostic, Fix, Reference, Severity, Symbol, SymbolKind, TextEdit

__all__ = [
    "CATALOGUE",
    "Analysis",
    "Diagnostic",
    "Fix",
    "Reference",
    "Severity",
    "Symbol",
    "SymbolKind",
    "TextEdit",
    "analyze",
    "apply_suppressions",
    "lint",
]

_CACHE: OrderedDict[tuple[str, str, int], tuple[Schema, Analysis]] = OrderedDict()
_CACHE_SIZE = 32
_CACHE_LOCK = threading.Lock()


def analyze(source: str, *, name: str = "<template>", schema: Schema | None = None) -> Analysis:
    """Analyse ``source`` statically (no rendering): tolerant parse, types, symbols,
    diagnostics.  Results are cached per (source, name, schema object); treat them as
    read-only.  Safe to call from several threads."""
    from ._core import build

    sch = schema or default_schema()
    key = (source, name, id(sch))
    with _CACHE_LOCK:
        hit = _CACHE.get(key)
        if hit is not None and hit[0] is sch:
            _CACHE.move_to_end(key)
            return hit[1]
    result = build(source, name, sch)
    with _CACHE_LOCK:
        _CACHE[key] = (sch, result)
        if len(_CACHE) > _CACHE_SIZE:
            _CACHE.popitem(last=False)
    return result


def lint(
    source: str,
    *,
    name: str = "<template>",
    schema: Schema | None = None,
    samples: Sequence[Mapping[str, Any]] | Sequence[tuple[str, Mapping[str, Any]]] = (),
    json_check: bool = True,
) -> list[Diagnostic]:
    """All diagnostics of a template, in source order: the static ones of :func:`analyze`,
    plus (with ``json_check``, and when the template parses and writes JSON) the output
    check, which renders it against synthesized cohort updates and ``samples`` (each a
    cohort update, the value of ``input``, or a ``(name, update)`` pair)."""
    a = analyze(source, name=name, schema=schema)
    diags: list[Diagnostic] = []
    if json_check and a.ast is not None and not a.has_syntax_errors:
        from .output import check_output

        named: list[tuple[str, Mapping[str, Any]]] = []
        for i, s in enumerate(samples):
            if isinstance(s, tuple):
                named.append((str(s[0]), cast(Mapping[str, Any], s[1])))
            else:
                named.append((f"sample #{i + 1}", cast(Mapping[str, Any], s)))
        diags.extend(check_output(a, named))
    # the output check's findings name the sample: they win over a static twin
    diags.extend(a.diagnostics)
    return sort_diagnostics(_dedupe(apply_suppressions(source, diags)))


_IGNORE_RX = re.compile(r"<#--\s*lint-ignore(-file)?((?:\s+FTL\d{3})*)\s*-->")


def apply_suppressions(source: str, diags: list[Diagnostic]) -> list[Diagnostic]:
    """Drop diagnostics silenced by comments: ``<#-- lint-ignore FTL101 -->`` silences the
    codes on its own line and the next one, ``<#-- lint-ignore-file FTL101 -->`` in the whole
    template; without codes, every warning and information (never an error)."""
    if "lint-ignore" not in source:
        return diags
    file_codes: set[str] = set()
    file_all = False
    lines: dict[int, tuple[set[str], bool]] = {}
    for m in _IGNORE_RX.finditer(source):
        codes = set(m.group(2).split())
        if m.group(1):
            file_codes |= codes
            file_all = file_all or not codes
            continue
        line = source.count("\n", 0, m.start()) + 1
        for ln in (line, line + 1):
            old_codes, old_all = lines.get(ln, (set(), False))
            lines[ln] = (old_codes | codes, old_all or not codes)

    def silenced(d: Diagnostic) -> bool:
        if d.code in file_codes or (file_all and d.severity != "error"):
            return True
        codes, every = lines.get(d.span.line, (set(), False))
        return d.code in codes or (every and d.severity != "error")

    return [d for d in diags if not silenced(d)]


def _dedupe(diags: list[Diagnostic]) -> list[Diagnostic]:
    seen: set[tuple[str, int, int, int, int]] = set()
    out = []
    for d in diags:
        key = (d.code, d.span.line, d.span.column, d.span.end_line, d.span.end_column)
        if key not in seen:
            seen.add(key)
            out.append(d)
    return out


def sort_diagnostics(diags: list[Diagnostic]) -> list[Diagnostic]:
    return sorted(diags, key=lambda d: (d.span.line, d.span.column, d.code))
