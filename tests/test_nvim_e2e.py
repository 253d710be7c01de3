"""Neovim, headless, as a real third-party client of the language server (tests/nvim/init.lua).

Skipped only when ``nvim`` is not installed and ``CI`` is not set: in CI (``.ci/run``
installs Debian's neovim) a missing nvim is a failure.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
INIT = ROOT / "tests" / "nvim" / "init.lua"
# The seed payload template (Amplitude's default payload, user_id not escaped), shared with the
# VS Code extension's end-to-end test.
SEED = ROOT / "vscode-extension" / "e2e" / "workspace" / "payload.ftl"

NVIM = shutil.which("nvim")
pytestmark = pytest.mark.skipif(
    NVIM is None and not os.environ.get("CI"),
    reason="nvim is not installed (apt-get install -y neovim); CI runs this test",
)


def test_neovim_gets_diagnostics_and_completion(tmp_path: Path) -> None:
    assert NVIM is not None, "CI is set but nvim is missing: .ci/run installs Debian's neovim"
    template = tmp_path / "payload.ftl"
    shutil.copyfile(SEED, template)
    env = {
        **os.environ,
        "FTL_PY": sys.executable,
        "PYTHONPATH": str(ROOT),
        "XDG_STATE_HOME": str(tmp_path / "state"),  # nvim's lsp.log stays in tmp
        "XDG_CACHE_HOME": str(tmp_path / "cache"),
    }
    proc = subprocess.run(
        [NVIM, "--headless", "--clean", "-u", str(INIT), str(template)],
        cwd=tmp_path,
        env=env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=90,
    )
    out = proc.stdout + proc.stderr
    assert proc.returncode == 0, out
    lines = out.splitlines()
    assert "E2E OK" in lines, out

    diags = [ln for ln in lines if ln.startswith("DIAG ")]
    warnings = [ln for ln in diags if ln.split()[2] == "2"]
    assert any("user_id" in ln for ln in warnings), out
    assert not [ln for ln in diags if ln.split()[2] == "1"], f"no error expected:\n{out}"

    (inp,) = [ln for ln in lines if ln.startswith("COMPLETION input ")]
    fields = inp.removeprefix("COMPLETION input ").split(",")
    for name in ("cohort_name", "cohort_id", "in_cohort", "computed_time", "message_id", "users"):
        assert name in fields, out
    (usr,) = [ln for ln in lines if ln.startswith("COMPLETION user ")]
    assert {"user_id", "user_properties"} <= set(usr.removeprefix("COMPLETION user ").split(","))
