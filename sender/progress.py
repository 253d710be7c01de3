"""Progress of a delivery: a one-line bar on a terminal, nothing when piped."""

from __future__ import annotations

import sys
import time
from typing import TextIO

__all__ = ["Progress", "TerminalProgress", "progress_for"]


class Progress:
    """Counts what a delivery did; this base class shows nothing."""

    def __init__(self) -> None:
        self.messages = self.users = self.acked = self.acked_users = 0
        self.retries = self.dead = 0

    def add(self, messages: int, users: int) -> None:
        self.messages += messages
        self.users += users
        self.draw()

    def ack(self, users: int) -> None:
        self.acked += 1
        self.acked_users += users
        self.draw()

    def retry(self) -> None:
        self.retries += 1
        self.draw()

    def fail(self, users: int) -> None:
        self.dead += 1
        self.draw()

    def draw(self, force: bool = False) -> None:
        """Show the counts (nothing here)."""

    def close(self) -> None:
        """Finish the display."""


class TerminalProgress(Progress):
    """Redraws one status line (at most ten times a second) with a bar."""

    def __init__(self, stream: TextIO, label: str = "", width: int = 28) -> None:
        super().__init__()
        self.stream = stream
        self.label = label
        self.width = width
        self.started = time.monotonic()
        self._last = 0.0
        self._shown = False

    def draw(self, force: bool = False) -> None:
        now = time.monotonic()
        if not force and now - self._last < 0.1:
            return
        self._last = now
        done = self.acked + self.dead
        frac = done / self.messages if self.messages else 0.0
        bar = "#" * int(frac * self.width)
        line = (
            f"\r{self.label}[{bar:<{self.width}}] {done}/{self.messages} messages"
            f"  {self.acked_users:,}/{self.users:,} users  {self.retries} retries"
            f"  {self.dead} dead  {now - self.started:.1f}s"
        )
        self.stream.write(line + "\x1b[K")
        self.stream.flush()
        self._shown = True

    def close(self) -> None:
        if self._shown:
            self.draw(force=True)
            self.stream.write("\n")
            self.stream.flush()
            self._shown = False


def progress_for(stream: TextIO | None = None, label: str = "", quiet: bool = False) -> Progress:
    """A terminal bar when ``stream`` (default stderr) is a terminal, else a silent counter."""
    stream = sys.stderr if stream is None else stream
    if not quiet and stream.isatty():
        return TerminalProgress(stream, label)
    return Progress()
