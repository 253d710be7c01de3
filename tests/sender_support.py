"""Helpers shared by the sender and sync tests (real sink, recording sleep, subprocess CLI)."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from sender import RetryPolicy

REPO = Path(__file__).resolve().parents[1]

#: ``cohort-webhooks`` (not ``-m ftl.cli``, which would load ftl.cli twice, as __main__ too).
COMMAND = [sys.executable, "-c", "import sys; from ftl.cli import main; sys.exit(main())"]

#: Retries that happen at once (the waits still go through the injected sleep).
FAST = RetryPolicy(retries=8, initial=0.001, maximum=0.005)


class RecordingSleep:
    """An injected sleep: records each wait and returns at once."""

    def __init__(self) -> None:
        self.waits: list[float] = []

    async def __call__(self, seconds: float) -> None:
        self.waits.append(seconds)


def cli(*args: str, timeout: float = 30) -> subprocess.CompletedProcess[str]:
    """Run ``cohort-webhooks ARGS`` in a subprocess (bounded in time)."""
    return subprocess.run(
        [*COMMAND, *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        cwd=REPO,
        env=_env(),
    )


def popen(*args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [*COMMAND, *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=REPO,
        env=_env(),
    )


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env.pop("COHORT_WEBHOOKS_SIGNING_SECRET", None)
    return env


def wait_for(predicate: Callable[[], bool], timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError("condition not met in time")
        time.sleep(0.01)
