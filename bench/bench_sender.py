"""Delivery throughput to the loopback sink: messages/s and users/s.

    python -m bench.bench_sender [--users 100000] [--batch-size 1000] [--repeat 3]

The sink runs in its own process (``cohort-webhooks sink``), as a receiver would, so the
sender has the GIL to itself; both share the machine's cores.  Each round journals and
delivers one update (render, JSON check, SQLite journal, HTTP with keep-alive,
concurrency 4) and is timed end to end, journaling included; the best and median rounds
are reported.  Rounds: the default payload, the template payload
(``examples/default.ftl``, when the engine is built), and many small messages (batches
of 10) to show the per-message cost.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from sender import CohortUpdate, Destination, WebhookSender
from sender.demo import demo_users
from sender.payload import engine_available

REPO = Path(__file__).resolve().parents[1]
COMMAND = [sys.executable, "-c", "import sys; from ftl.cli import main; sys.exit(main())"]


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{cpu}, {os.cpu_count()} cores, Python {platform.python_version()}, {platform.system()}"


@contextlib.contextmanager
def loopback_sink(tmp: Path) -> Iterator[str]:
    """``cohort-webhooks sink`` in its own process, as a receiver would be; yields its URL."""
    port_file = tmp / "sink.port"
    sink = subprocess.Popen(
        [*COMMAND, "sink", "--quiet", "--port-file", str(port_file)],
        cwd=REPO,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 20
        while not port_file.exists():
            if time.monotonic() > deadline:
                raise SystemExit("the sink did not start")
            time.sleep(0.05)
        yield f"http://127.0.0.1:{port_file.read_text().strip()}/"
    finally:
        sink.terminate()
        sink.wait(10)


def _round(
    url: str, users: list[str], batch: int, template: str | None, tmp: Path
) -> tuple[float, int]:
    journal = tmp / f"j{time.monotonic_ns()}.sqlite3"
    dest = Destination(url, batch_size=batch, template=template)
    with WebhookSender(dest, journal=str(journal), concurrency=4) as sender:
        t0 = time.perf_counter()
        report = sender.send(CohortUpdate("Bench", "bench", True, users))
        elapsed = time.perf_counter() - t0
    assert report.ok, report.summary()
    return elapsed, report.messages


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--users", type=int, default=100_000)
    ap.add_argument("--batch-size", type=int, default=1000)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args(argv)
    users = demo_users(args.users)
    print(f"machine: {machine()}")
    with tempfile.TemporaryDirectory() as d:
        tmp = Path(d)
        with loopback_sink(tmp) as url:
            cases: list[tuple[str, list[str], int, str | None]] = [
                ("default payload", users, args.batch_size, None)
            ]
            if engine_available():
                cases.append(
                    (
                        "template examples/default.ftl",
                        users,
                        args.batch_size,
                        str(REPO / "examples" / "default.ftl"),
                    )
                )
            else:
                print("(template round skipped: ftl.Template is not built)")
            small = users[: max(10, args.users // 10)]
            cases.append(("default payload, batches of 10", small, 10, None))
            print(
                f"{'case':36s} {'users':>8s} {'msgs':>6s} {'best s':>8s} {'median s':>9s}"
                f" {'msgs/s':>8s} {'users/s':>9s}"
            )
            for label, us, batch, template in cases:
                times = []
                messages = 0
                for _ in range(args.repeat):
                    elapsed, messages = _round(url, us, batch, template, tmp)
                    times.append(elapsed)
                best = min(times)
                print(
                    f"{label:36s} {len(us):8d} {messages:6d} {best:8.3f} "
                    f"{statistics.median(times):9.3f} {messages / best:8.0f} {len(us) / best:9.0f}",
                    flush=True,
                )
    return 0


if __name__ == "__main__":
    sys.exit(main())
