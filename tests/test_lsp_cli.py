"""How the server is started: ``python -m lsp`` and ``cohort-webhooks lsp`` (their arguments)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from ftl.cli import main as cli_main

ROOT = Path(__file__).resolve().parents[1]


def test_python_m_lsp_accepts_stdio_and_log() -> None:
    """vscode-languageclient appends --stdio: the server must accept it (and --log)."""
    proc = subprocess.run(
        [sys.executable, "-m", "lsp", "--help"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 0, proc.stderr
    assert "--stdio" in proc.stdout and "--log" in proc.stdout


def test_server_exits_when_stdin_closes(tmp_path: Path) -> None:
    log = tmp_path / "server.log"
    proc = subprocess.run(
        [sys.executable, "-m", "lsp", "--stdio", "--log", str(log)],
        cwd=ROOT,
        input=b"",
        capture_output=True,
        timeout=60,
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == b""  # stdout carries only the protocol
    assert log.exists()


def test_cohort_webhooks_lsp_subcommand(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as e:
        cli_main(["lsp", "--help"])
    assert e.value.code == 0
    out = capsys.readouterr().out
    assert "--stdio" in out and "language server" in " ".join(out.split())


def test_unknown_argument_is_a_usage_error() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "lsp", "--tcp"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 2
