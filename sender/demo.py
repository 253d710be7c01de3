"""``cohort-webhooks demo`` (``make demo``): the whole flow against a local sink with faults.

A reproducible cohort of 100,000 users is synced to a sink on a free loopback port that
injects faults (503 with ``Retry-After``, connections dropped after the message was
taken): the first sync sends everyone entering, a second sends the 5,000 who left, a third
applies 5% churn and sends only the difference.  Payloads go through
``examples/default.ftl`` (with ``?json_string``, since some user ids hold quotes,
backslashes, newlines and emoji).  At the end the sink replays what it accepted and says
whether every user arrived exactly once after de-duplication by ``message_id``.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
import uuid
from pathlib import Path

from .cohort_sync import sync
from .deliver import DeliveryReport
from .destination import Destination
from .payload import engine_available
from .progress import progress_for
from .sink import Faults, Sink

__all__ = ["demo_users", "run_demo"]

COHORT_ID = "demo0cohort"
COHORT_NAME = "Demo cohort: power users"
_SPECIAL = [
    'quote"inside',
    "back\\slash",
    "line\nbreak",
    "tab\tchar",
    "emoji 😀 🚀",
    "ünïcödé 日本語",
    "sep\u2028arator",
    "</script>",
]


def demo_users(n: int, seed: int = 20260101, prefix: str = "") -> list[str]:
    """``n`` distinct, reproducible user ids in realistic shapes; every 997th needs escaping."""
    rng = random.Random(seed)
    out = []
    for i in range(n):
        kind = i % 4
        if i % 997 == 996:
            uid = f"{_SPECIAL[(i // 997) % len(_SPECIAL)]}-{i}"
        elif kind == 0:
            uid = f"user{i}@example.com"
        elif kind == 1:
            uid = str(uuid.UUID(int=rng.getrandbits(128), version=4))
        elif kind == 2:
            uid = str(100000 + i * 7)
        else:
            uid = f"device-{i:06d}-{rng.getrandbits(24):06x}"
        out.append(prefix + uid)
    return out


def _template(args: argparse.Namespace) -> tuple[str | None, str]:
    path = (
        Path(args.template)
        if args.template
        else Path(__file__).resolve().parents[1] / "examples" / "default.ftl"
    )
    if not engine_available():
        return None, (
            "note: the FreeMarker engine (ftl.Template) is not in this build yet, so the demo"
            " sends Amplitude's default payload (written by Python's json module)"
        )
    if not path.is_file():
        return None, f"note: {path} not found; the demo sends Amplitude's default payload"
    return str(path), f"payload template: {path}"


def run_demo(args: argparse.Namespace) -> int:
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    journal = out / "journal.sqlite3"
    store = out / "sink.ndjson"
    for stale in (journal, Path(f"{journal}-wal"), Path(f"{journal}-shm"), store):
        stale.unlink(missing_ok=True)
    template, note = _template(args)
    print(note)

    rng = random.Random(7)
    cohort = demo_users(args.users)
    after_leaving = set(cohort) - set(rng.sample(cohort, min(args.leaving, len(cohort))))
    members_1 = [u for u in cohort if u in after_leaving]
    churned = round(len(members_1) * args.churn)
    gone = set(rng.sample(members_1, churned))
    members_2 = [u for u in members_1 if u not in gone] + demo_users(
        churned, seed=99, prefix="new-"
    )
    phases = [
        (f"1/3 first sync: {len(cohort):,} users enter (full sync)", cohort),
        (f"2/3 sync: {len(cohort) - len(members_1):,} users leave", members_1),
        (f"3/3 second sync with {args.churn:.0%} churn: only the difference", members_2),
    ]

    faults = Faults(fail_rate=0.06, status=503, retry_after="1", drop_connection=True, seed=11)
    total = DeliveryReport()
    ok = True
    started = time.monotonic()
    with Sink(faults=faults, store=store).in_thread() as sink:
        print(
            f"sink: {sink.url} (faults: 6% of requests get 503 + Retry-After: 1 or a dropped"
            " connection after the message was taken)"
        )
        destination = Destination(
            sink.url,
            headers={
                "Authorization": "Bearer demo-token",
                "X-Cohort-Source": "cohort-webhooks demo",
            },
            template=template,
        )
        delivered: set[str] = set()
        for label, members in phases:
            print(f"\n{label}")
            want_enter = len(set(members) - delivered)
            want_exit = len(delivered - set(members))
            report = sync(
                destination,
                cohort_id=COHORT_ID,
                cohort_name=COHORT_NAME,
                members=members,
                journal=journal,
                progress=progress_for(quiet=args.quiet, label="  "),
            )
            print("  " + report.summary().replace("\n", "\n  "))
            if (report.entered, report.left) != (want_enter, want_exit) or not report.ok:
                print(
                    f"  error: expected {want_enter} entering and {want_exit} leaving, all"
                    " acknowledged",
                    file=sys.stderr,
                )
                ok = False
            total = total.merge(report.delivery)
            delivered = set(members)
        verdict = sink.verdict({COHORT_ID: delivered})

    print(
        f"\nsummary: {total.messages} messages, {total.users:,} users, {total.retries} retries,"
        f" {len(total.dead)} dead-lettered, in {time.monotonic() - started:.1f} s"
    )
    print(verdict.text())
    print(
        f"journal: {journal} (try: cohort-webhooks journal list --journal {journal};"
        f" cohort-webhooks sync status --journal {journal})"
    )
    return 0 if ok and verdict.ok else 1
