"""The delivery journal: every message, byte for byte, before its first attempt (SQLite, WAL).

Schema (``PRAGMA user_version`` = 1)::

    runs        one per update (its uuid): destination URL, cohort, direction, template name,
                delivery settings (retry policy, timeouts, concurrency, signed), sync link
    messages    one per batch: message_id (``<uuid>::enter::<i>``), exact headers and body,
                the batch's user ids, state pending|acked|dead|superseded, attempts so far
    attempts    one per HTTP attempt: start, duration, status or error, response excerpt,
                outcome ack|retry|fail
    syncs       one per ``sync`` run: cohort, counts, state (see :mod:`sender.sync`)
    cohorts     one per (destination, cohort) that was ever synced
    members     the membership last acknowledged per cohort (user ids)

A message becomes ``acked`` in the same transaction that records its successful attempt
and, for a sync, moves its users into (enter) or out of (exit) ``members``; so a run killed
at any point resumes from exactly what the receiver acknowledged.  Header values are stored
exactly (they are resent on resume) in a file created with mode 0600; every readable view
(:meth:`Journal.message`, ``journal show``) redacts credentials.
"""

from __future__ import annotations

import json
import os
import sqlite3
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .destination import redact_headers
from .errors import JournalError

__all__ = ["Journal", "PendingMessage", "RunInfo", "default_journal_path"]

SCHEMA_VERSION = 1
RESPONSE_EXCERPT = 500

_SCHEMA = """
CREATE TABLE IF NOT EXISTS syncs (
    sync_id     INTEGER PRIMARY KEY,
    cohort_key  INTEGER NOT NULL REFERENCES cohorts(cohort_key),
    cohort_name TEXT NOT NULL,
    started_at  REAL NOT NULL,
    finished_at REAL,
    members     INTEGER NOT NULL DEFAULT 0,
    entered     INTEGER NOT NULL DEFAULT 0,
    left        INTEGER NOT NULL DEFAULT 0,
    messages    INTEGER NOT NULL DEFAULT 0,
    failures    INTEGER NOT NULL DEFAULT 0,
    state       TEXT NOT NULL DEFAULT 'running'
);
CREATE TABLE IF NOT EXISTS cohorts (
    cohort_key INTEGER PRIMARY KEY,
    dest_key   TEXT NOT NULL,
    cohort_id  TEXT NOT NULL,
    UNIQUE (dest_key, cohort_id)
);
CREATE TABLE IF NOT EXISTS members (
    cohort_key INTEGER NOT NULL,
    user_id    TEXT NOT NULL,
    PRIMARY KEY (cohort_key, user_id)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS runs (
    run_id      TEXT PRIMARY KEY,
    created_at  REAL NOT NULL,
    url         TEXT NOT NULL,
    cohort_id   TEXT NOT NULL,
    cohort_name TEXT NOT NULL,
    in_cohort   INTEGER NOT NULL,
    template    TEXT NOT NULL,
    messages    INTEGER NOT NULL DEFAULT 0,
    users       INTEGER NOT NULL DEFAULT 0,
    settings    TEXT NOT NULL,
    sync_id     INTEGER REFERENCES syncs(sync_id),
    cohort_key  INTEGER REFERENCES cohorts(cohort_key)
);
CREATE TABLE IF NOT EXISTS messages (
    message_id  TEXT PRIMARY KEY,
    run_id      TEXT NOT NULL REFERENCES runs(run_id),
    batch_index INTEGER NOT NULL,
    headers     TEXT NOT NULL,
    body        BLOB NOT NULL,
    user_ids    TEXT NOT NULL,
    users       INTEGER NOT NULL,
    state       TEXT NOT NULL DEFAULT 'pending'
                CHECK (state IN ('pending', 'acked', 'dead', 'superseded')),
    attempts    INTEGER NOT NULL DEFAULT 0,
    last_status INTEGER,
    last_error  TEXT,
    updated_at  REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS messages_by_run ON messages(run_id, state, batch_index);
CREATE INDEX IF NOT EXISTS messages_by_state ON messages(state);
CREATE TABLE IF NOT EXISTS attempts (
    message_id TEXT NOT NULL REFERENCES messages(message_id),
    attempt    INTEGER NOT NULL,
    started_at REAL NOT NULL,
    duration   REAL NOT NULL,
    status     INTEGER,
    error      TEXT,
    response   TEXT,
    outcome    TEXT NOT NULL CHECK (outcome IN ('ack', 'retry', 'fail')),
    PRIMARY KEY (message_id, attempt)
) WITHOUT ROWID;
"""


def default_journal_path() -> Path:
    """``$COHORT_WEBHOOKS_JOURNAL``, else ``$XDG_STATE_HOME/cohort-webhooks/journal.sqlite3``
    (``~/.local/state/...`` when unset)."""
    env = os.environ.get("COHORT_WEBHOOKS_JOURNAL")
    if env:
        return Path(env)
    state = os.environ.get("XDG_STATE_HOME") or str(Path.home() / ".local" / "state")
    return Path(state) / "cohort-webhooks" / "journal.sqlite3"


@dataclass(frozen=True)
class PendingMessage:
    """A journaled message to (re)send, exactly as first written."""

    message_id: str
    run_id: str
    batch_index: int
    url: str
    headers: list[tuple[str, str]]
    body: bytes
    users: int
    attempts: int


@dataclass(frozen=True)
class RunInfo:
    run_id: str
    created_at: float
    url: str
    cohort_id: str
    cohort_name: str
    in_cohort: bool
    template: str
    messages: int
    users: int
    settings: dict[str, Any]
    sync_id: int | None
    pending: int
    acked: int
    dead: int


class Journal:
    """One SQLite journal file (WAL).  Not for concurrent use from several threads."""

    def __init__(self, path: str | Path | None = None) -> None:
        self.path = Path(path) if path is not None else default_journal_path()
        if str(self.path) != ":memory:":
            self.path.parent.mkdir(parents=True, exist_ok=True)
            if not self.path.exists():
                os.close(os.open(self.path, os.O_CREAT | os.O_WRONLY, 0o600))
        try:
            self.conn = sqlite3.connect(
                self.path, isolation_level=None, check_same_thread=False, timeout=30.0
            )
            self.conn.execute("PRAGMA journal_mode=WAL")
            self.conn.execute("PRAGMA synchronous=NORMAL")
            self.conn.execute("PRAGMA foreign_keys=ON")
            version = self.conn.execute("PRAGMA user_version").fetchone()[0]
            if version > SCHEMA_VERSION:
                raise JournalError(f"{self.path}: journal schema {version} is newer than this tool")
            if version == 0:
                self.conn.executescript(
                    f"BEGIN IMMEDIATE; {_SCHEMA}; PRAGMA user_version={SCHEMA_VERSION}; COMMIT;"
                )
        except sqlite3.DatabaseError as e:
            raise JournalError(f"{self.path}: not a usable journal ({e})") from None

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Journal:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """``BEGIN IMMEDIATE`` ... ``COMMIT`` (rolled back on any exception)."""
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield self.conn
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        self.conn.execute("COMMIT")

    # -- writing ---------------------------------------------------------------------------

    def create_run(
        self,
        *,
        run_id: str,
        url: str,
        cohort_id: str,
        cohort_name: str,
        in_cohort: bool,
        template: str,
        settings: dict[str, Any],
        messages: Iterable[tuple[str, int, list[tuple[str, str]], bytes, list[str]]],
        sync_id: int | None = None,
        cohort_key: int | None = None,
    ) -> tuple[int, int]:
        """Journal a run and all its messages (message_id, batch index, headers, body, user
        ids) in one transaction: either every message is written or none.  ``messages`` may
        be a generator (rendering happens inside the transaction; an error rolls back).
        Returns (messages, users); a run without messages is not kept."""
        now = time.time()
        counts = [0, 0]

        def rows() -> Iterator[tuple[Any, ...]]:
            for mid, index, headers, body, user_ids in messages:
                counts[0] += 1
                counts[1] += len(user_ids)
                yield (
                    mid,
                    run_id,
                    index,
                    json.dumps(headers),
                    body,
                    json.dumps(user_ids),
                    len(user_ids),
                    now,
                )

        with self.transaction() as c:
            c.execute(
                "INSERT INTO runs (run_id, created_at, url, cohort_id, cohort_name, in_cohort,"
                " template, settings, sync_id, cohort_key) VALUES (?,?,?,?,?,?,?,?,?,?)",
                (
                    run_id,
                    now,
                    url,
                    cohort_id,
                    cohort_name,
                    int(in_cohort),
                    template,
                    json.dumps(settings),
                    sync_id,
                    cohort_key,
                ),
            )
            c.executemany(
                "INSERT INTO messages (message_id, run_id, batch_index, headers, body, user_ids,"
                " users, updated_at) VALUES (?,?,?,?,?,?,?,?)",
                rows(),
            )
            if counts[0]:
                c.execute(
                    "UPDATE runs SET messages = ?, users = ? WHERE run_id = ?",
                    (counts[0], counts[1], run_id),
                )
            else:  # an update without users: nothing to journal, nothing to send
                c.execute("DELETE FROM runs WHERE run_id = ?", (run_id,))
        return counts[0], counts[1]

    def record_attempt(
        self,
        message_id: str,
        *,
        started_at: float,
        duration: float,
        status: int | None,
        error: str | None,
        response: str | None,
        outcome: str,
    ) -> None:
        """Record one attempt; ``ack`` marks the message acknowledged (and applies a sync's
        membership change), ``fail`` dead-letters it, ``retry`` leaves it pending."""
        state = {"ack": "acked", "fail": "dead", "retry": "pending"}[outcome]
        with self.transaction() as c:
            row = c.execute(
                "SELECT attempts, run_id, user_ids FROM messages WHERE message_id = ?",
                (message_id,),
            ).fetchone()
            if row is None:
                raise JournalError(f"unknown message {message_id}")
            attempt = row[0] + 1
            c.execute(
                "INSERT INTO attempts VALUES (?,?,?,?,?,?,?,?)",
                (
                    message_id,
                    attempt,
                    started_at,
                    duration,
                    status,
                    error,
                    None if response is None else response[:RESPONSE_EXCERPT],
                    outcome,
                ),
            )
            c.execute(
                "UPDATE messages SET attempts = ?, state = ?, last_status = ?, last_error = ?,"
                " updated_at = ? WHERE message_id = ?",
                (attempt, state, status, error, time.time(), message_id),
            )
            if outcome == "ack":
                self._apply_to_members(c, row[1], json.loads(row[2]))

    @staticmethod
    def _apply_to_members(c: sqlite3.Connection, run_id: str, user_ids: list[str]) -> None:
        run = c.execute(
            "SELECT cohort_key, in_cohort FROM runs WHERE run_id = ?", (run_id,)
        ).fetchone()
        if run is None or run[0] is None:
            return
        key, entering = run
        sql = (
            "INSERT OR IGNORE INTO members (cohort_key, user_id) VALUES (?, ?)"
            if entering
            else "DELETE FROM members WHERE cohort_key = ? AND user_id = ?"
        )
        c.executemany(sql, ((key, uid) for uid in user_ids))

    def revive(self, message_ids: Iterable[str]) -> int:
        """Make dead-lettered (or superseded) messages pending again, for a replay."""
        with self.transaction() as c:
            n = 0
            for mid in message_ids:
                n += c.execute(
                    "UPDATE messages SET state = 'pending', updated_at = ? WHERE message_id = ?"
                    " AND state IN ('dead', 'superseded')",
                    (time.time(), mid),
                ).rowcount
        return n

    def prune(self, older_than: float, *, vacuum: bool = False) -> int:
        """Forget acknowledged and superseded messages (with their attempts) of runs created
        more than ``older_than`` seconds ago, and the runs left empty; pending and dead
        messages and the sync state stay.  Returns how many messages were removed."""
        cutoff = time.time() - older_than
        with self.transaction() as c:
            old = "SELECT run_id FROM runs WHERE created_at < ?"
            c.execute(
                "DELETE FROM attempts WHERE message_id IN (SELECT message_id FROM messages"
                f" WHERE state IN ('acked', 'superseded') AND run_id IN ({old}))",
                (cutoff,),
            )
            removed = c.execute(
                "DELETE FROM messages WHERE state IN ('acked', 'superseded')"
                f" AND run_id IN ({old})",
                (cutoff,),
            ).rowcount
            c.execute(
                "DELETE FROM runs WHERE created_at < ? AND NOT EXISTS"
                " (SELECT 1 FROM messages m WHERE m.run_id = runs.run_id)",
                (cutoff,),
            )
        if vacuum:
            self.conn.execute("VACUUM")
        return int(removed)

    # -- reading ---------------------------------------------------------------------------

    def pending_ids(self, run_id: str) -> list[tuple[str, int]]:
        """(message_id, users) of a run's pending messages, in batch order."""
        return [
            (r[0], r[1])
            for r in self.conn.execute(
                "SELECT message_id, users FROM messages WHERE run_id = ? AND state = 'pending'"
                " ORDER BY batch_index",
                (run_id,),
            )
        ]

    def load(self, message_id: str) -> PendingMessage:
        row = self.conn.execute(
            "SELECT m.message_id, m.run_id, m.batch_index, r.url, m.headers, m.body, m.users,"
            " m.attempts FROM messages m JOIN runs r USING (run_id) WHERE m.message_id = ?",
            (message_id,),
        ).fetchone()
        if row is None:
            raise JournalError(f"unknown message {message_id}")
        return PendingMessage(
            message_id=row[0],
            run_id=row[1],
            batch_index=row[2],
            url=row[3],
            headers=[(k, v) for k, v in json.loads(row[4])],
            body=bytes(row[5]),
            users=row[6],
            attempts=row[7],
        )

    def open_runs(self) -> list[str]:
        """Runs with messages not yet acknowledged nor dead-lettered, oldest first."""
        return [
            r[0]
            for r in self.conn.execute(
                "SELECT run_id FROM runs WHERE run_id IN"
                " (SELECT run_id FROM messages WHERE state = 'pending')"
                " ORDER BY created_at, rowid"
            )
        ]

    def run(self, run_id: str) -> RunInfo:
        runs = self.runs(run_id=run_id)
        if not runs:
            raise JournalError(f"unknown run {run_id}")
        return runs[0]

    def runs(self, *, run_id: str | None = None, limit: int | None = None) -> list[RunInfo]:
        """Runs, newest first, with their message counts by state."""
        where, params = ("WHERE r.run_id = ?", [run_id]) if run_id else ("", [])
        sql = (
            "SELECT r.run_id, r.created_at, r.url, r.cohort_id, r.cohort_name, r.in_cohort,"
            " r.template, r.messages, r.users, r.settings, r.sync_id,"
            " (SELECT count(*) FROM messages m WHERE m.run_id = r.run_id AND m.state='pending'),"
            " (SELECT count(*) FROM messages m WHERE m.run_id = r.run_id AND m.state='acked'),"
            " (SELECT count(*) FROM messages m WHERE m.run_id = r.run_id AND m.state='dead')"
            f" FROM runs r {where} ORDER BY r.created_at DESC, r.rowid DESC"
        )
        if limit is not None:
            sql += f" LIMIT {int(limit)}"
        return [
            RunInfo(
                run_id=r[0],
                created_at=r[1],
                url=r[2],
                cohort_id=r[3],
                cohort_name=r[4],
                in_cohort=bool(r[5]),
                template=r[6],
                messages=r[7],
                users=r[8],
                settings=json.loads(r[9]),
                sync_id=r[10],
                pending=r[11],
                acked=r[12],
                dead=r[13],
            )
            for r in self.conn.execute(sql, params)
        ]

    def messages(
        self, *, run_id: str | None = None, state: str | None = None
    ) -> list[dict[str, Any]]:
        """Message summaries (no bodies), filtered by run and/or state."""
        clauses, params = [], []
        if run_id:
            clauses.append("run_id = ?")
            params.append(run_id)
        if state:
            clauses.append("state = ?")
            params.append(state)
        where = f"WHERE {' AND '.join(clauses)}" if clauses else ""
        cols = (
            "message_id",
            "run_id",
            "batch_index",
            "users",
            "state",
            "attempts",
            "last_status",
            "last_error",
            "updated_at",
        )
        sql = f"SELECT {', '.join(cols)} FROM messages {where} ORDER BY updated_at, batch_index"
        return [dict(zip(cols, r, strict=True)) for r in self.conn.execute(sql, params)]

    def message(self, message_id: str) -> dict[str, Any]:
        """One message for reading: redacted headers, body text, every attempt."""
        msg = self.load(message_id)
        state = self.conn.execute(
            "SELECT state FROM messages WHERE message_id = ?", (message_id,)
        ).fetchone()[0]
        cols = ("attempt", "started_at", "duration", "status", "error", "response", "outcome")
        attempts = [
            dict(zip(cols, r, strict=True))
            for r in self.conn.execute(
                f"SELECT {', '.join(cols)} FROM attempts WHERE message_id = ? ORDER BY attempt",
                (message_id,),
            )
        ]
        return {
            "message_id": msg.message_id,
            "run_id": msg.run_id,
            "batch_index": msg.batch_index,
            "url": msg.url,
            "state": state,
            "users": msg.users,
            "headers": redact_headers(msg.headers),
            "body": msg.body.decode("utf-8", "replace"),
            "attempts": attempts,
        }

    def user_ids(self, message_id: str) -> list[str]:
        row = self.conn.execute(
            "SELECT user_ids FROM messages WHERE message_id = ?", (message_id,)
        ).fetchone()
        if row is None:
            raise JournalError(f"unknown message {message_id}")
        ids: list[str] = json.loads(row[0])
        return ids
