"""The ``lsp`` subcommand of ``cohort-webhooks`` and the arguments of ``python -m lsp``."""

from __future__ import annotations

import argparse
import logging
from typing import Any

__all__ = ["add_arguments", "register", "run"]


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--stdio",
        action="store_true",
        help="talk LSP over stdin/stdout (the default and only transport; "
        "vscode-languageclient passes this flag)",
    )
    parser.add_argument("--log", metavar="FILE", help="append the server's log to FILE")
    parser.add_argument(
        "--log-level",
        default="INFO",
        choices=["DEBUG", "INFO", "WARNING", "ERROR"],
        help="log level for --log (default INFO)",
    )


def run(args: argparse.Namespace) -> int:
    """Serve over stdio until the client says exit; the exit code."""
    if args.log:
        logging.basicConfig(
            filename=args.log,
            level=getattr(logging, args.log_level),
            format="%(asctime)s %(levelname)s %(name)s: %(message)s",
        )
        if args.log_level != "DEBUG":  # pygls logs every message at INFO
            logging.getLogger("pygls").setLevel(logging.WARNING)
    else:
        # stdout carries the protocol; stderr reaches the client's output channel.
        logging.basicConfig(level=logging.WARNING)
    from .server import create_server

    create_server().start_io()
    return 0


def register(subparsers: Any) -> None:
    """Add ``cohort-webhooks lsp`` to the CLI (see ``ftl.cli``)."""
    p = subparsers.add_parser(
        "lsp",
        help="run the language server over stdio (for editors)",
        description="The language server for payload templates (.ftl, .ftlh; language id "
        "cohort-ftl) over stdio. Editors start it; see the README for VS Code and Neovim.",
    )
    add_arguments(p)
    p.set_defaults(func=run)
