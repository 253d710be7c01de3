"""Cohort sync: membership snapshots to enter and exit updates, as Amplitude's cohort syncs do.

"The first sync is a full sync of the entire cohort.  Subsequent syncs include only the
users who have moved in or out."  State lives in the journal's database (tables
``cohorts``, ``members``, ``syncs``; see :mod:`sender.journal`): ``members`` holds, per
(destination URL, cohort id), the users whose messages the receiver acknowledged.  A sync:

1. finishes what an interrupted sync of the same cohort journaled (same ids, same bytes),
   and marks that cohort's dead-lettered messages ``superseded`` (their users are diffed
   again, so a later replay cannot send them twice);
2. loads the current membership into a temporary SQLite table (streamed, so a million ids
   stay in bounded memory) and diffs it against ``members`` with indexed anti-joins;
3. journals the entering users as one update (``<uuid>::enter::<i>``) and the leaving ones
   as another (``<uuid>::exit::<i>``), then delivers both;
4. each acknowledged message moves its users into or out of ``members`` in the same
   transaction that records the acknowledgement.

Kill it anywhere and run it again: nothing journaled is lost or renumbered, and no user is
sent twice beyond at-least-once retries of one message.
"""

from __future__ import annotations

import asyncio
import fcntl
import json
import re
import sqlite3
import time
import uuid
from collections.abc import Iterable, Iterator, Mapping
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import httpx

from .deliver import DeliveryReport, Sleep, Timeouts, WebhookSender
from .destination import Destination
from .errors import ConfigError, JournalError
from .journal import Journal
from .members import read_members
from .progress import Progress
from .retry import RetryPolicy
from .update import CohortUpdate, normalize_user

__all__ = ["SyncReport", "async_sync", "parse_interval", "sync", "sync_history"]

Members = Iterable[str | Mapping[str, Any]] | str | Path


@dataclass
class SyncReport:
    """One sync: how many members, who entered and left, and how delivery went."""

    cohort_id: str
    cohort_name: str
    sync_id: int | None = None
    members: int = 0
    entered: int = 0
    left: int = 0
    resumed: DeliveryReport = field(default_factory=DeliveryReport)
    delivery: DeliveryReport = field(default_factory=DeliveryReport)
    dry_run: bool = False
    first_payloads: dict[str, bytes] = field(default_factory=dict)
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        """Every message acknowledged (a dry run sends nothing, so it cannot fail)."""
        return self.dry_run or (self.resumed.ok and self.delivery.ok)

    def summary(self) -> str:
        what = "would send" if self.dry_run else "sent"
        text = (
            f"sync of cohort {self.cohort_id} ({self.cohort_name}): {self.members:,} members,"
            f" {self.entered:,} entered, {self.left:,} left; {what}"
            f" {self.delivery.messages} messages"
        )
        if not self.dry_run:
            text += f"\n  delivery: {self.delivery.summary()}"
        if self.resumed.messages:
            text += f"\n  resumed from an interrupted sync: {self.resumed.summary()}"
        return text


def _cohort_key(journal: Journal, dest_key: str, cohort_id: str) -> int:
    c = journal.conn
    c.execute(
        "INSERT OR IGNORE INTO cohorts (dest_key, cohort_id) VALUES (?, ?)", (dest_key, cohort_id)
    )
    row = c.execute(
        "SELECT cohort_key FROM cohorts WHERE dest_key = ? AND cohort_id = ?", (dest_key, cohort_id)
    ).fetchone()
    return int(row[0])


def _load_current(journal: Journal, members: Members) -> int:
    """Fill ``temp.current`` with the membership; returns how many distinct users.

    Rows are appended to a heap table first and then copied in sorted order (SQLite's
    external sorter): faster than inserting shuffled ids straight into the B-tree (about
    a third, for a million ids), and in bounded memory either way.  A repeated user id
    keeps its last row."""
    c = journal.conn
    c.execute("PRAGMA temp_store = FILE")
    c.execute("DROP TABLE IF EXISTS temp.current")
    c.execute("DROP TABLE IF EXISTS temp.incoming")
    c.execute("CREATE TEMP TABLE incoming (user_id TEXT NOT NULL, props TEXT)")
    c.execute("CREATE TEMP TABLE current (user_id TEXT PRIMARY KEY, props TEXT) WITHOUT ROWID")
    from_file = isinstance(members, str | Path)
    users: Iterable[Any] = read_members(members) if isinstance(members, str | Path) else members

    def rows() -> Iterator[tuple[str, str | None]]:
        for u in users:
            if isinstance(u, str):
                if not u:
                    raise ConfigError("members", "empty user id")
                yield u, None
                continue
            user = u if from_file else normalize_user(u)
            props = user.get("user_properties")
            yield user["user_id"], None if props is None else _json(props)

    with journal.transaction():
        c.executemany("INSERT INTO temp.incoming VALUES (?, ?)", rows())
        c.execute(
            "INSERT OR REPLACE INTO temp.current"
            " SELECT user_id, props FROM temp.incoming ORDER BY user_id, rowid"
        )
        c.execute("DROP TABLE temp.incoming")
    return int(c.execute("SELECT count(*) FROM temp.current").fetchone()[0])


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, default=str)


_ENTERED = (
    "FROM temp.current c WHERE NOT EXISTS"
    " (SELECT 1 FROM members m WHERE m.cohort_key = ? AND m.user_id = c.user_id)"
)
_LEFT = (
    "FROM members m WHERE m.cohort_key = ? AND NOT EXISTS"
    " (SELECT 1 FROM temp.current c WHERE c.user_id = m.user_id)"
)


def _entered(c: sqlite3.Connection, key: int) -> Iterator[dict[str, Any]]:
    for uid, props in c.execute(f"SELECT c.user_id, c.props {_ENTERED} ORDER BY c.user_id", (key,)):
        yield (
            {"user_id": uid}
            if props is None
            else {
                "user_id": uid,
                "user_properties": json.loads(props),
            }
        )


def _left(c: sqlite3.Connection, key: int) -> Iterator[dict[str, Any]]:
    for (uid,) in c.execute(f"SELECT m.user_id {_LEFT} ORDER BY m.user_id", (key,)):
        yield {"user_id": uid}


def diff_counts(journal: Journal, key: int) -> tuple[int, int]:
    c = journal.conn
    entered = c.execute(f"SELECT count(*) {_ENTERED}", (key,)).fetchone()[0]
    left = c.execute(f"SELECT count(*) {_LEFT}", (key,)).fetchone()[0]
    return int(entered), int(left)


async def async_sync(
    destination: Destination,
    *,
    cohort_id: str,
    cohort_name: str,
    members: Members,
    journal: Journal | str | Path | None = None,
    concurrency: int = 4,
    retry: RetryPolicy | str = "amplitude",
    timeout: Timeouts | float | None = None,
    signing_secret: str | bytes | None = None,
    block_private: bool = False,
    transport: httpx.AsyncBaseTransport | None = None,
    sleep: Sleep | None = None,
    progress: Progress | None = None,
    dry_run: bool = False,
    computed_time: str | int | datetime | None = None,
) -> SyncReport:
    """Sync one cohort to one destination (see the module docstring); the async twin of
    :func:`sync`.  ``members`` is a file path (ids per line, CSV or NDJSON) or an iterable
    of user ids or ``{"user_id", "user_properties"?}`` objects."""
    started = time.monotonic()
    own = not isinstance(journal, Journal)
    j = journal if isinstance(journal, Journal) else Journal(journal)
    report = SyncReport(cohort_id=cohort_id, cohort_name=cohort_name, dry_run=dry_run)
    stack = ExitStack()
    try:
        sender = WebhookSender(
            destination,
            journal=j,
            concurrency=concurrency,
            retry=retry,
            timeout=timeout,
            signing_secret=signing_secret,
            block_private=block_private,
            transport=transport,
            sleep=sleep,
            progress=progress,
        )
        with j.transaction():
            key = _cohort_key(j, destination.key, cohort_id)
        if not dry_run:
            stack.enter_context(_cohort_lock(j, key, cohort_id))
            report.resumed = await _finish_previous(j, sender, key)
            if not report.resumed.ok:
                return report
        report.members = _load_current(j, members)
        if dry_run:
            report.entered, report.left = diff_counts(j, key)
            _preview(j, sender, key, report, computed_time)
            return report
        with j.transaction() as c:
            report.sync_id = c.execute(
                "INSERT INTO syncs (cohort_key, cohort_name, started_at, members) VALUES (?,?,?,?)",
                (key, cohort_name, time.time(), report.members),
            ).lastrowid
        run_ids = []
        for in_cohort, users in ((True, _entered(j.conn, key)), (False, _left(j.conn, key))):
            update = CohortUpdate(cohort_name, cohort_id, in_cohort, users, computed_time)
            run_id = sender.prepare(update, sync_id=report.sync_id, cohort_key=key)
            if run_id is not None:
                run_ids.append(run_id)
                count = j.run(run_id).users
                if in_cohort:
                    report.entered = count
                else:
                    report.left = count
        with j.transaction() as c:
            c.execute(
                "UPDATE syncs SET entered = ?, left = ? WHERE sync_id = ?",
                (report.entered, report.left, report.sync_id),
            )
        j.conn.execute("DROP TABLE IF EXISTS temp.current")
        report.delivery = await sender.deliverer.deliver(run_ids)
        with j.transaction() as c:
            c.execute(
                "UPDATE syncs SET finished_at = ?, messages = ?, failures = ?, state = ?"
                " WHERE sync_id = ?",
                (
                    time.time(),
                    report.delivery.messages,
                    len(report.delivery.dead),
                    "done"
                    if report.delivery.ok
                    else "interrupted"
                    if report.delivery.interrupted
                    else "failed",
                    report.sync_id,
                ),
            )
        return report
    finally:
        stack.close()
        report.seconds = time.monotonic() - started
        if own:
            j.close()


@contextmanager
def _cohort_lock(j: Journal, key: int, cohort_id: str) -> Iterator[None]:
    """One sync at a time per (destination, cohort): a byte-range lock (byte ``key``) on
    ``JOURNAL.lock``, so an overlapping cron run cannot send the same diff twice.  The
    kernel drops it when the process dies, kill -9 included."""
    if str(j.path) == ":memory:":
        yield
        return
    with open(f"{j.path}.lock", "a+b") as f:
        try:
            fcntl.lockf(f, fcntl.LOCK_EX | fcntl.LOCK_NB, 1, key)
        except OSError:
            raise JournalError(
                f"another sync of cohort {cohort_id} to this destination is running"
                f" (lock {j.path}.lock)"
            ) from None
        try:
            yield
        finally:
            fcntl.lockf(f, fcntl.LOCK_UN, 1, key)


async def _finish_previous(j: Journal, sender: WebhookSender, key: int) -> DeliveryReport:
    """Deliver what an interrupted sync of this cohort journaled; supersede dead letters."""
    c = j.conn
    with j.transaction():
        c.execute(
            "UPDATE messages SET state = 'superseded' WHERE state = 'dead'"
            " AND run_id IN (SELECT run_id FROM runs WHERE cohort_key = ?)",
            (key,),
        )
    open_runs = [
        r[0]
        for r in c.execute(
            "SELECT run_id FROM runs WHERE cohort_key = ? AND run_id IN"
            " (SELECT run_id FROM messages WHERE state = 'pending') ORDER BY created_at, rowid",
            (key,),
        )
    ]
    report = await sender.deliverer.deliver(open_runs) if open_runs else DeliveryReport()
    if not report.interrupted:
        # this run holds the cohort's lock: a sync still marked running was killed
        with j.transaction():
            c.execute(
                "UPDATE syncs SET state = 'resumed', finished_at = ? WHERE cohort_key = ?"
                " AND state IN ('running', 'interrupted')",
                (time.time(), key),
            )
    return report


def _preview(
    j: Journal,
    sender: WebhookSender,
    key: int,
    report: SyncReport,
    computed_time: str | int | datetime | None,
) -> None:
    """Dry run: count the messages and render the first payload of each direction."""
    size = sender.destination.batch_size
    report.delivery.messages = -(-report.entered // size) + -(-report.left // size)
    report.delivery.users = report.entered + report.left
    for in_cohort, users in ((True, _entered(j.conn, key)), (False, _left(j.conn, key))):
        first = [u for _, u in zip(range(size), users, strict=False)]
        if first:
            update = CohortUpdate(
                report.cohort_name,
                report.cohort_id,
                in_cohort,
                first,
                computed_time,
                update_id=str(uuid.uuid4()),
            )
            for _, body in sender.render(update):
                report.first_payloads["enter" if in_cohort else "exit"] = body
                break


def sync(destination: Destination, **kwargs: Any) -> SyncReport:
    """Sync a cohort's membership to ``destination`` (blocking; see :func:`async_sync`)."""
    return asyncio.run(async_sync(destination, **kwargs))


def sync_history(journal: Journal, *, latest_only: bool = True) -> list[dict[str, Any]]:
    """Each cohort's last sync (or every sync): time, entered, left, messages, failures."""
    sql = (
        "SELECT s.sync_id, c.dest_key, c.cohort_id, s.cohort_name, s.started_at, s.finished_at,"
        " s.members, s.entered, s.left, s.messages, s.failures, s.state,"
        " (SELECT count(*) FROM members m WHERE m.cohort_key = c.cohort_key)"
        " FROM syncs s JOIN cohorts c USING (cohort_key)"
    )
    if latest_only:
        sql += " WHERE s.sync_id = (SELECT max(sync_id) FROM syncs s2 WHERE s2.cohort_key = s.cohort_key)"
    sql += " ORDER BY s.sync_id DESC"
    cols = (
        "sync_id",
        "destination",
        "cohort_id",
        "cohort_name",
        "started_at",
        "finished_at",
        "members",
        "entered",
        "left",
        "messages",
        "failures",
        "state",
        "delivered_members",
    )
    return [dict(zip(cols, r, strict=True)) for r in journal.conn.execute(sql)]


_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
_CADENCES = {"realtime": 60, "hourly": 3600, "daily": 86400}


def parse_interval(text: str, option: str = "--every") -> float:
    """``30s``, ``1m``, ``1h``, ``1d`` (or ``realtime``, ``hourly``, ``daily``) in seconds."""
    if text in _CADENCES:
        return float(_CADENCES[text])
    m = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([smhd]?)\s*", text)
    if not m or float(m.group(1)) <= 0:
        raise ConfigError(option, f"expected an interval like 1m, 1h, 1d (got {text!r})")
    return float(m.group(1)) * _UNITS[m.group(2) or "s"]
