"""``cohort-webhooks lint``: check payload templates before Amplitude sends them.

::

    cohort-webhooks lint PATH... [--format text|json|sarif] [--schema FILE] [--sample FILE]...
                         [--strict] [--no-json-check]

A directory argument lints every ``*.ftl`` and ``*.ftlh`` under it.  Exit codes: 1 when an
error is reported (or a warning, with ``--strict``), 0 otherwise, 2 on usage errors.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from .analysis import Diagnostic, lint
from .analysis.catalogue import CATALOGUE
from .cli import CliError, read_template_file
from .schema import SchemaError, discover

__all__ = ["lint_paths", "register"]

_EXTENSIONS = (".ftl", ".ftlh")


def register(subparsers: Any) -> None:
    p = subparsers.add_parser(
        "lint",
        help="check templates: syntax, fields, types, JSON escaping, and the rendered payload",
        description="Check payload templates statically and by rendering them against "
        "synthesized cohort updates (and your samples): the payload must be JSON.",
    )
    p.add_argument("paths", nargs="+", metavar="PATH", help="template files or directories")
    p.add_argument(
        "--format", choices=("text", "json", "sarif"), default="text", help="output format"
    )
    p.add_argument("--schema", metavar="FILE", help="JSON Schema extending the input schema")
    p.add_argument(
        "--sample",
        action="append",
        default=[],
        metavar="FILE",
        help="a cohort update (JSON, the value of `input`) to render; repeatable",
    )
    p.add_argument("--strict", action="store_true", help="exit 1 on warnings too")
    p.add_argument(
        "--no-json-check",
        dest="json_check",
        action="store_false",
        help="skip rendering the template against samples",
    )
    p.set_defaults(func=_cmd_lint)


def _collect(paths: Sequence[str]) -> list[Path]:
    files: list[Path] = []
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            found = sorted(f for f in p.rglob("*") if f.suffix in _EXTENSIONS and f.is_file())
            files.extend(found)
        elif p.exists():
            files.append(p)
        else:
            raise CliError(raw, "no such file or directory", code=2)
    return files


def lint_paths(
    paths: Sequence[str],
    *,
    schema: str | None = None,
    samples: Sequence[str] = (),
    json_check: bool = True,
) -> list[tuple[str, str, list[Diagnostic]]]:
    """(file, source, diagnostics) for every template under ``paths``."""
    if schema is not None and not Path(schema).is_file():
        raise CliError(schema, "schema file not found", code=2)
    for s in samples:
        if not Path(s).is_file():
            raise CliError(s, "sample file not found", code=2)
    results = []
    for f in _collect(paths):
        name = str(f)
        source = read_template_file(name)
        try:
            config = discover(f, source, schema=schema, samples=samples)
        except SchemaError as e:  # pragma: no cover - discover reports, never raises
            raise CliError(e.path, e.message) from None
        diags = lint(
            source,
            name=name,
            schema=config.schema,
            samples=list(config.samples),
            json_check=json_check,
        )
        diags = _config_problems(config.problems) + diags
        results.append((name, source, diags))
    return results


def _config_problems(problems: Sequence[tuple[str, int, int]]) -> list[Diagnostic]:
    from .nodes import Span

    out = []
    for message, line, col in problems:
        ln = max(line, 1)
        c = max(col, 1)
        out.append(Diagnostic("FTL010", "error", message, Span(ln, c, ln, c + 1)))
    return out


def _cmd_lint(args: argparse.Namespace) -> int:
    results = lint_paths(
        args.paths, schema=args.schema, samples=args.sample, json_check=args.json_check
    )
    if args.format == "json":
        sys.stdout.write(json.dumps(to_json(results), indent=2, ensure_ascii=False) + "\n")
    elif args.format == "sarif":
        sys.stdout.write(json.dumps(to_sarif(results), indent=2, ensure_ascii=False) + "\n")
    else:
        sys.stdout.write(to_text(results))
    failing = {"error", "warning"} if args.strict else {"error"}
    failed = any(d.severity in failing for _, _, diags in results for d in diags)
    return 1 if failed else 0


# ----------------------------------------------------------------------------- formats


def to_text(results: Sequence[tuple[str, str, list[Diagnostic]]]) -> str:
    """``FILE:LINE:COL: severity CODE message``, the source line and a caret line."""
    out: list[str] = []
    counts = {"error": 0, "warning": 0, "information": 0}
    for name, source, diags in results:
        lines = source.split("\n")
        for d in diags:
            counts[d.severity] += 1
            sp = d.span
            out.append(f"{name}:{sp.line}:{sp.column}: {d.severity} {d.code} {d.message}")
            if 1 <= sp.line <= len(lines):
                text = lines[sp.line - 1].rstrip("\r")
                out.append("    " + text.expandtabs(1))
                width = (sp.end_column if sp.end_line == sp.line else len(text) + 1) - sp.column
                out.append("    " + " " * (sp.column - 1) + "^" + "~" * max(width - 1, 0))
    files = len(results)
    out.append(
        f"{files} file{'s' if files != 1 else ''} checked: {counts['error']} error(s), "
        f"{counts['warning']} warning(s), {counts['information']} information"
    )
    return "\n".join(out) + "\n"


def _fixes_json(d: Diagnostic) -> list[dict[str, Any]]:
    return [
        {
            "title": f.title,
            "edits": [
                {
                    "line": e.span.line,
                    "column": e.span.column,
                    "end_line": e.span.end_line,
                    "end_column": e.span.end_column,
                    "new_text": e.new_text,
                }
                for e in f.edits
            ],
        }
        for f in d.fixes
    ]


def to_json(results: Sequence[tuple[str, str, list[Diagnostic]]]) -> list[dict[str, Any]]:
    return [
        {
            "file": name,
            "code": d.code,
            "severity": d.severity,
            "message": d.message,
            "line": d.span.line,
            "column": d.span.column,
            "end_line": d.span.end_line,
            "end_column": d.span.end_column,
            "fixes": _fixes_json(d),
        }
        for name, _, diags in results
        for d in diags
    ]


_SARIF_LEVEL = {"error": "error", "warning": "warning", "information": "note"}


def to_sarif(results: Sequence[tuple[str, str, list[Diagnostic]]]) -> Mapping[str, Any]:
    """A SARIF 2.1.0 log with one run; rules are the diagnostic catalogue."""
    rules = [
        {
            "id": e.code,
            "name": e.title.title().replace(" ", "").replace("?", ""),
            "shortDescription": {"text": e.title},
            "fullDescription": {"text": e.meaning},
            "help": {"text": e.fix},
            "defaultConfiguration": {"level": _SARIF_LEVEL[e.severity]},
        }
        for e in CATALOGUE.values()
    ]
    index = {e.code: i for i, e in enumerate(CATALOGUE.values())}
    sarif_results = []
    for name, _, diags in results:
        uri = Path(name).as_posix()
        for d in diags:
            item: dict[str, Any] = {
                "ruleId": d.code,
                "ruleIndex": index[d.code],
                "level": _SARIF_LEVEL[d.severity],
                "message": {"text": d.message},
                "locations": [
                    {
                        "physicalLocation": {
                            "artifactLocation": {"uri": uri},
                            "region": {
                                "startLine": d.span.line,
                                "startColumn": d.span.column,
                                "endLine": d.span.end_line,
                                "endColumn": d.span.end_column,
                            },
                        }
                    }
                ],
            }
            if d.fixes:
                item["fixes"] = [
                    {
                        "description": {"text": f.title},
                        "artifactChanges": [
                            {
                                "artifactLocation": {"uri": uri},
                                "replacements": [
                                    {
                                        "deletedRegion": {
                                            "startLine": e.span.line,
                                            "startColumn": e.span.column,
                                            "endLine": e.span.end_line,
                                            "endColumn": e.span.end_column,
                                        },
                                        "insertedContent": {"text": e.new_text},
                                    }
                                    for e in f.edits
                                ],
                            }
                        ],
                    }
                    for f in d.fixes
                ]
            sarif_results.append(item)
    return {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "cohort-webhooks lint",
                        "rules": rules,
                    }
                },
                "columnKind": "unicodeCodePoints",
                "results": sarif_results,
            }
        ],
    }
