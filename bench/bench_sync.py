"""A 1,000,000-user cohort sync: membership diff time and peak memory.

    python -m bench.bench_sync [--users 1000000] [--churn 0.05]

The journal holds a delivered membership of N users; the new snapshot file (N ids, one
per line, in shuffled order as an export might give them) has ``churn`` of them gone and
as many new.  Each measurement runs in a fresh process, so its peak RSS (``VmHWM``; not
``ru_maxrss``, which keeps the forking parent's peak across exec) is its own:

- ``import only``: the interpreter with ``sender`` imported (the baseline);
- ``sync --dry-run``: stream the file into SQLite, diff both ways, render the first
  payloads (what every sync does before it sends);
- ``sync``: the same, then journal and deliver the diff (2 x churn x N users, batches of
  1,000) to a loopback sink in another process;
- ``python sets``: the naive diff, both memberships as Python sets, for comparison;
- ``first sync (full)``: a cohort never synced before, so all N users enter (N / 1,000
  messages rendered, journaled and delivered).
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.bench_sender import REPO, loopback_sink, machine

CHILD = r"""
import json, sys, time
mode, journal, members, url = sys.argv[1:5]
t0 = time.perf_counter()
import sender
if mode == "import":
    pass
elif mode == "full":
    r = sender.sync(sender.Destination(url), cohort_id="bench-full", cohort_name="Bench",
                    members=members, journal=journal + ".full")
    assert r.ok, r.summary()
    result = [r.entered, r.left, r.delivery.messages]
elif mode == "sets":
    import sqlite3
    old = {r[0] for r in sqlite3.connect(journal).execute("SELECT user_id FROM members")}
    with open(members) as f:
        new = {line.strip() for line in f if line.strip()}
    entered, left = new - old, old - new
    result = [len(entered), len(left)]
else:
    r = sender.sync(sender.Destination(url), cohort_id="bench", cohort_name="Bench",
                    members=members, journal=journal, dry_run=(mode == "dry"))
    assert r.ok, r.summary()
    result = [r.entered, r.left, r.delivery.messages]
elapsed = time.perf_counter() - t0
hwm = next(l for l in open("/proc/self/status") if l.startswith("VmHWM:"))
print(json.dumps({"seconds": elapsed, "rss_mb": int(hwm.split()[1]) / 1024,
                  "result": None if mode == "import" else result}))
"""


def _child(mode: str, journal: Path, members: Path, url: str) -> dict[str, object]:
    out = subprocess.run(
        [sys.executable, "-c", CHILD, mode, str(journal), str(members), url],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=600,
    )
    if out.returncode:
        raise SystemExit(f"{mode} failed:\n{out.stderr}")
    result: dict[str, object] = json.loads(out.stdout)
    return result


def _prepare(journal: Path, members: Path, url: str, n: int, churn: float) -> None:
    from sender import Journal

    rng = random.Random(1)
    old = [f"user-{i:08d}" for i in range(n)]
    k = int(n * churn)
    gone = set(rng.sample(range(n), k))
    new = [u for i, u in enumerate(old) if i not in gone] + [f"new-{i:08d}" for i in range(k)]
    rng.shuffle(new)
    members.write_text("\n".join(new) + "\n")
    with Journal(journal) as j, j.transaction() as c:
        c.execute("INSERT INTO cohorts (dest_key, cohort_id) VALUES (?, 'bench')", (url,))
        key = c.execute("SELECT cohort_key FROM cohorts").fetchone()[0]
        c.executemany("INSERT INTO members VALUES (?, ?)", ((key, u) for u in old))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--users", type=int, default=1_000_000)
    ap.add_argument("--churn", type=float, default=0.05)
    args = ap.parse_args(argv)
    print(f"machine: {machine()}")
    with tempfile.TemporaryDirectory() as d:
        tmp = Path(d)
        with loopback_sink(tmp) as url:
            t0 = time.perf_counter()
            _prepare(tmp / "j.sqlite3", tmp / "members.txt", url, args.users, args.churn)
            print(
                f"setup: {args.users:,} delivered members and a snapshot with {args.churn:.0%}"
                f" churn in {time.perf_counter() - t0:.1f} s"
            )
            print(f"{'run':18s} {'seconds':>8s} {'peak RSS MB':>12s}  result")
            for label, mode in (
                ("import only", "import"),
                ("sync --dry-run", "dry"),
                ("python sets", "sets"),
                ("sync", "sync"),
                ("first sync (full)", "full"),
            ):
                r = _child(mode, tmp / "j.sqlite3", tmp / "members.txt", url)
                print(
                    f"{label:18s} {r['seconds']:8.2f} {r['rss_mb']:12.1f}  {r['result'] or ''}",
                    flush=True,
                )
    return 0


if __name__ == "__main__":
    sys.exit(main())
