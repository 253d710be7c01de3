"""The ``cohort-webhooks`` command line.

Subcommands are contributed by the packages that own them: this module defines
``render`` (and ``lint`` once analysis exists); ``sender.cli`` and ``lsp.cli`` each expose
``register(subparsers)``, which adds their subcommands.  Every subcommand's handler is
``func(args) -> int`` (the exit code).  Exit codes: 0 success, 1 the template or
delivery failed, 2 usage error.  Errors print as ``FILE:LINE:COLUMN: error: MESSAGE``.
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import sys
import tempfile
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

__all__ = ["CliError", "load_json_file", "main", "read_template_file", "write_atomically"]


class CliError(Exception):
    """A usage or input problem: printed as ``LOCATION: error: MESSAGE``; exit code ``code``."""

    def __init__(self, location: str, message: str, code: int = 1) -> None:
        super().__init__(message)
        self.location = location
        self.message = message
        self.code = code


def read_template_file(path: str) -> str:
    """Read a template as UTF-8, with errors naming the file (and the byte offset)."""
    try:
        raw = Path(path).read_bytes()
    except FileNotFoundError:
        raise CliError(path, "no such file") from None
    except IsADirectoryError:
        raise CliError(path, "is a directory, not a template file") from None
    except OSError as e:
        raise CliError(path, f"cannot read: {e.strerror}") from None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        line = raw.count(b"\n", 0, e.start) + 1
        col = e.start - (raw.rfind(b"\n", 0, e.start) + 1) + 1
        raise CliError(
            f"{path}:{line}:{col}", f"not UTF-8 text (byte 0x{raw[e.start]:02x})"
        ) from None


def load_json_file(path: str) -> Any:
    """Load a JSON file as the data model; non-integral numbers become ``Decimal`` (as
    FreeMarker's BigDecimal keeps them)."""
    text = read_template_file(path)
    try:
        return json.loads(text, parse_float=Decimal)
    except json.JSONDecodeError as e:
        raise CliError(f"{path}:{e.lineno}:{e.colno}", f"invalid JSON: {e.msg}") from None


def write_atomically(path: str, text: str) -> None:
    """Write ``text`` to ``path`` through a temporary file: never a half-written file."""
    target = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent or Path("."))
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as f:
            f.write(text)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _cmd_render(args: argparse.Namespace) -> int:
    from . import Template, TemplateError

    source = read_template_file(args.template)
    if args.input is not None:
        data: Any = {"input": load_json_file(args.input)}
    elif args.data is not None:
        data = load_json_file(args.data)
        if not isinstance(data, dict):
            raise CliError(args.data, "the data model must be a JSON object", code=1)
    else:
        data = {}
    try:
        template = Template(source, name=args.template)
        out = template.render(data)
    except TemplateError as e:
        raise CliError(f"{args.template}:{e.lineno}:{e.column}", _one_line(e)) from None
    if args.output:
        write_atomically(args.output, out)
    else:
        sys.stdout.write(out)
        sys.stdout.flush()
    return 0


def _one_line(e: Exception) -> str:
    from .errors import TemplateError

    if isinstance(e, TemplateError):
        msg = e.message
        if e.expression:
            msg += f" ==> {e.expression}"
        if e.tip:
            msg += f" (tip: {e.tip})"
        return msg.replace("\n", " ")
    return str(e)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="cohort-webhooks",
        description="FreeMarker payload templates for Amplitude cohort webhooks.",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    p = sub.add_parser("render", help="render a template with FreeMarker 2.3.31 semantics")
    p.add_argument("template", help="the .ftl template file")
    src = p.add_mutually_exclusive_group()
    src.add_argument("--input", metavar="UPDATE.json", help="JSON bound to the variable `input`")
    src.add_argument("--data", metavar="MODEL.json", help="JSON object whose keys become variables")
    p.add_argument("-o", "--output", metavar="FILE", help="write the payload here (atomically)")
    p.set_defaults(func=_cmd_render)

    for module in ("ftl.lint_cli", "sender.cli", "lsp.cli"):
        try:
            mod = importlib.import_module(module)
        except ModuleNotFoundError as e:
            if e.name != module:
                raise
            continue
        mod.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        code: int = args.func(args)
        return code
    except CliError as e:
        print(f"{e.location}: error: {e.message}", file=sys.stderr)
        return e.code
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
