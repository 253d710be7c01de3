"""A local webhook receiver for tests, rehearsals and ``make demo``: a real HTTP/1.1 server.

It is asyncio plus h11 (the HTTP/1.1 state machine httpx itself stands on) rather than
uvicorn + starlette, because the faults it injects live below what an ASGI app can do:
closing the socket without an answer, and dripping a response byte by byte.

Each request is checked as Amplitude would send it (``POST``, ``Content-Type:
application/json``, ``User-Agent: Amplitude/Webhook/1.0``, a JSON body, optionally a
Standard Webhooks signature) and answered 400 (401 for a bad signature) when it is not.
Accepted messages are de-duplicated by ``message_id`` (from the body, else the
``webhook-id`` header); a retry's bytes are compared with the first copy's.

Faults (:class:`Faults`) hit a request chosen by ``fail_rate`` (seeded) or the first
``fail_first`` arrivals of each message id; each fault is one of the kinds enabled (picked
at random when several are), a status fault when none is:

- ``status`` (503 unless set, with ``Retry-After`` when set; a 3xx carries a ``Location``):
  the message is refused, not recorded;
- ``drop_connection``: the message is recorded, then the connection is closed without an
  answer (a receiver that committed and crashed: the retry arrives as a duplicate);
- ``drip``: the message is recorded and answered 200, but the body drips over ``drip``
  seconds (the sender's attempt deadline gives up: again a duplicate follows).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import random
import threading
import time
from collections import Counter
from collections.abc import Collection, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

import h11

from .destination import PRESET_HEADERS, redact_headers
from .signing import Signer

__all__ = ["Faults", "Sink", "Verdict"]

MAX_BODY = 64 * 1024 * 1024


@dataclass(frozen=True)
class Faults:
    """Which requests fail, and how (see the module docstring)."""

    fail_rate: float = 0.0
    status: int | None = None
    retry_after: str | None = None
    delay: float = 0.0
    drop_connection: bool = False
    drip: float = 0.0
    fail_first: int = 0
    seed: int | None = None


@dataclass
class _Message:
    message_id: str
    seq: int
    body: bytes
    update_id: str
    cohort_id: str | None
    in_cohort: bool | None
    user_ids: list[str]


@dataclass
class Verdict:
    """What the sink saw, and whether every user arrived exactly once after de-duplication."""

    requests: int
    messages: int
    users: int
    duplicates: int
    faults: int
    rejected: int
    changed_bytes: int
    users_twice: int
    redundant: int
    missing: int
    unexpected: int
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    def text(self) -> str:
        head = (
            f"sink: {self.requests} requests, {self.messages} unique messages, {self.users:,}"
            f" users; {self.duplicates} duplicate deliveries dropped by message_id,"
            f" {self.faults} faults injected, {self.rejected} rejected"
        )
        if self.ok:
            return head + "\nverdict: OK, every user arrived exactly once after de-duplication"
        return head + "\nverdict: FAILED: " + "; ".join(self.problems)


class Sink:
    """The receiver.  ``async with Sink(...)`` or ``with Sink(...).in_thread()``; ``url``."""

    def __init__(
        self,
        host: str = "127.0.0.1",
        port: int = 0,
        *,
        faults: Faults | None = None,
        store: str | Path | None = None,
        signing_secret: str | None = None,
        log: TextIO | None = None,
    ) -> None:
        self.host = host
        self.port = port
        self.faults = faults or Faults()
        self.store_path = Path(store) if store is not None else None
        self.signer = Signer(signing_secret) if signing_secret else None
        self.log = log
        self._lock = threading.Lock()
        self.set_faults(self.faults)
        self._server: asyncio.Server | None = None
        self._handlers: set[asyncio.Task[None]] = set()
        self._store: TextIO | None = None
        self._seq = 0
        self.requests = 0
        self.faulted = 0
        self.rejected = 0
        self.duplicates = 0
        self.changed_bytes = 0
        self.arrivals: Counter[str] = Counter()
        self.messages: dict[str, _Message] = {}
        self.reasons: Counter[str] = Counter()
        self.headers_seen: list[list[tuple[str, str]]] = []

    def set_faults(self, faults: Faults) -> None:
        """Change the faults (e.g. a receiver that recovers); arrival counts are kept."""
        with self._lock:
            self.faults = faults
            self._rng = random.Random(faults.seed)
            on = {
                "status": faults.status is not None,
                "drop": faults.drop_connection,
                "drip": faults.drip > 0,
            }
            self._kinds = [k for k, enabled in on.items() if enabled] or ["status"]
            self._status = faults.status or 503

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}/"

    # -- lifetime --------------------------------------------------------------------------

    async def start(self) -> None:
        if self.store_path is not None:
            self._store = self.store_path.open("a", encoding="utf-8")
        self._server = await asyncio.start_server(self._connection, self.host, self.port)
        self.port = self._server.sockets[0].getsockname()[1]

    async def close(self) -> None:
        if self._server is not None:
            self._server.close()
        for task in list(self._handlers):
            task.cancel()
        if self._handlers:
            await asyncio.gather(*self._handlers, return_exceptions=True)
        if self._server is not None:
            with contextlib.suppress(Exception):
                await asyncio.wait_for(self._server.wait_closed(), 1.0)
        if self._store is not None:
            self._store.close()
            self._store = None

    async def __aenter__(self) -> Sink:
        await self.start()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()

    @contextlib.contextmanager
    def in_thread(self) -> Iterator[Sink]:
        """Serve from a daemon thread with its own event loop (for blocking callers)."""
        loop = asyncio.new_event_loop()
        ready = threading.Event()
        failure: list[BaseException] = []

        def run() -> None:
            asyncio.set_event_loop(loop)
            try:
                loop.run_until_complete(self.start())
            except BaseException as e:  # e.g. the port is taken: re-raised by the caller
                failure.append(e)
                return
            finally:
                ready.set()
            loop.run_forever()

        thread = threading.Thread(target=run, name="sink", daemon=True)
        thread.start()
        if not ready.wait(10):
            raise RuntimeError("the sink did not start")
        if failure:
            thread.join(5)
            loop.close()
            raise failure[0]
        try:
            yield self
        finally:
            asyncio.run_coroutine_threadsafe(self.close(), loop).result(5)
            loop.call_soon_threadsafe(loop.stop)
            thread.join(5)
            loop.close()

    # -- HTTP ------------------------------------------------------------------------------

    async def _connection(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        conn = h11.Connection(h11.SERVER)
        task = asyncio.current_task()
        if task is not None:
            self._handlers.add(task)
        try:
            while True:
                request, body = await self._read(conn, reader)
                if request is None:
                    break
                if not await self._handle(conn, writer, request, body):
                    break
                if conn.our_state is h11.MUST_CLOSE:
                    break
                conn.start_next_cycle()
        except (ConnectionError, h11.ProtocolError, asyncio.IncompleteReadError, OSError):
            pass
        finally:
            if task is not None:
                self._handlers.discard(task)
            writer.close()
            with contextlib.suppress(Exception):
                await writer.wait_closed()

    @staticmethod
    async def _read(
        conn: h11.Connection, reader: asyncio.StreamReader
    ) -> tuple[h11.Request | None, bytes]:
        request: h11.Request | None = None
        chunks: list[bytes] = []
        size = 0
        while True:
            event = conn.next_event()
            if event is h11.NEED_DATA:
                conn.receive_data(await reader.read(65536))
            elif isinstance(event, h11.Request):
                request = event
            elif isinstance(event, h11.Data):
                size += len(event.data)
                if size > MAX_BODY:
                    return None, b""
                chunks.append(bytes(event.data))
            elif isinstance(event, h11.EndOfMessage):
                return request, b"".join(chunks)
            else:  # ConnectionClosed, PAUSED
                return None, b""

    @staticmethod
    async def _answer(
        conn: h11.Connection,
        writer: asyncio.StreamWriter,
        status: int,
        payload: dict[str, Any],
        headers: list[tuple[str, str]] | None = None,
        drip: float = 0.0,
    ) -> None:
        body = json.dumps(payload).encode()
        head = [("content-type", "application/json"), ("content-length", str(len(body)))]
        writer.write(conn.send(h11.Response(status_code=status, headers=head + (headers or []))))
        if drip > 0:
            for i in range(len(body)):
                writer.write(conn.send(h11.Data(data=body[i : i + 1])) or b"")
                await writer.drain()
                await asyncio.sleep(drip / len(body))
        else:
            writer.write(conn.send(h11.Data(data=body)) or b"")
        writer.write(conn.send(h11.EndOfMessage()) or b"")
        await writer.drain()

    async def _handle(
        self, conn: h11.Connection, writer: asyncio.StreamWriter, req: h11.Request, body: bytes
    ) -> bool:
        """Answer one request; False to close the connection."""
        headers = [(k.decode("latin-1"), v.decode("latin-1")) for k, v in req.headers]
        low = {k.lower(): v for k, v in headers}
        with self._lock:
            self._seq += 1
            seq = self._seq
            self.requests += 1
            self.headers_seen.append(headers)
        if self.faults.delay > 0:
            await asyncio.sleep(self.faults.delay)

        problem, status, data = self._check(req, low, body)
        if problem is not None:
            with self._lock:
                self.rejected += 1
                self.reasons[problem] += 1
            self._record(seq, "rejected", status, headers, body, None, problem)
            await self._answer(conn, writer, status, {"error": problem})
            return True

        mid = data.get("message_id") if isinstance(data, dict) else None
        if not isinstance(mid, str):
            mid = low.get("webhook-id") or f"<no message_id #{seq}>"
        with self._lock:
            self.arrivals[mid] += 1
            fault = self.arrivals[mid] <= self.faults.fail_first or (
                self.faults.fail_rate > 0 and self._rng.random() < self.faults.fail_rate
            )
        with self._lock:
            kind = self._rng.choice(self._kinds) if fault else ""
        if kind == "status":
            with self._lock:
                self.faulted += 1
            extra = []
            if self.faults.retry_after is not None:
                extra.append(("retry-after", self.faults.retry_after))
            if 300 <= self._status <= 399:
                extra.append(("location", self.url + "moved"))
            self._record(seq, "fault", self._status, headers, body, mid)
            await self._answer(conn, writer, self._status, {"fault": "injected"}, extra)
            return True

        outcome = self._accept(seq, mid, body, data)
        self._record(seq, outcome, 200, headers, body, mid)
        if fault:
            with self._lock:
                self.faulted += 1
            if kind == "drop":
                return False
            await self._answer(conn, writer, 200, {"ok": True}, drip=self.faults.drip)
            return True
        await self._answer(conn, writer, 200, {"ok": True, "duplicate": outcome == "duplicate"})
        return True

    def _check(
        self, req: h11.Request, low: Mapping[str, str], body: bytes
    ) -> tuple[str | None, int, Any]:
        if req.method != b"POST":
            return f"method {req.method.decode()} (expected POST)", 405, None
        for name, value in PRESET_HEADERS:
            got = low.get(name.lower())
            if got != value:
                return f"{name} is {got!r}, expected {value!r}", 400, None
        if self.signer is not None and not self.signer.verify(body, low):
            return "missing or invalid webhook signature", 401, None
        try:
            return None, 200, json.loads(body)
        except (json.JSONDecodeError, UnicodeDecodeError) as e:
            return f"body is not valid JSON: {e}", 400, None

    def _accept(self, seq: int, mid: str, body: bytes, data: Any) -> str:
        with self._lock:
            seen = self.messages.get(mid)
            if seen is not None:
                self.duplicates += 1
                if seen.body != body:
                    self.changed_bytes += 1
                return "duplicate"
            users = data.get("users") if isinstance(data, dict) else None
            user_ids = [
                u["user_id"]
                for u in users or []
                if isinstance(u, dict) and isinstance(u.get("user_id"), str)
            ]
            in_cohort = data.get("in_cohort") if isinstance(data, dict) else None
            cohort = data.get("cohort_id") if isinstance(data, dict) else None
            self.messages[mid] = _Message(
                message_id=mid,
                seq=seq,
                body=body,
                update_id=mid.split("::", 1)[0],
                cohort_id=str(cohort) if cohort is not None else None,
                in_cohort=in_cohort if isinstance(in_cohort, bool) else None,
                user_ids=user_ids,
            )
            return "accepted"

    def _record(
        self,
        seq: int,
        outcome: str,
        status: int,
        headers: list[tuple[str, str]],
        body: bytes,
        mid: str | None,
        reason: str | None = None,
    ) -> None:
        if self.log is not None:
            print(f"{seq:6d} {status} {outcome:9s} {mid or '-'}", file=self.log, flush=True)
        if self._store is None:
            return
        entry = {
            "seq": seq,
            "time": time.time(),
            "outcome": outcome,
            "status": status,
            "message_id": mid,
            "reason": reason,
            "headers": redact_headers(headers),
            "body": body.decode("utf-8", "replace"),
        }
        with self._lock:
            self._store.write(json.dumps(entry, ensure_ascii=False) + "\n")
            self._store.flush()

    # -- results ---------------------------------------------------------------------------

    def unique_messages(self) -> dict[str, bytes]:
        """message_id -> body of every message accepted (first copy)."""
        with self._lock:
            return {mid: m.body for mid, m in self.messages.items()}

    def membership(self) -> dict[str, set[str]]:
        """Each cohort's members, replaying the unique messages' updates in arrival order."""
        return self._replay()[0]

    def _replay(self) -> tuple[dict[str, set[str]], int, int]:
        with self._lock:
            msgs = sorted(self.messages.values(), key=lambda m: m.seq)
        updates: dict[str, list[_Message]] = {}
        for m in msgs:
            updates.setdefault(m.update_id, []).append(m)
        members: dict[str, set[str]] = {}
        twice = redundant = 0
        for batch in updates.values():
            seen: set[str] = set()
            for m in batch:
                if m.cohort_id is None or m.in_cohort is None:
                    continue
                cohort = members.setdefault(m.cohort_id, set())
                for uid in m.user_ids:
                    if uid in seen:
                        twice += 1
                        continue
                    seen.add(uid)
                    if m.in_cohort:
                        redundant += uid in cohort
                        cohort.add(uid)
                    else:
                        redundant += uid not in cohort
                        cohort.discard(uid)
        return members, twice, redundant

    def verdict(self, expected: Mapping[str, Collection[str]] | None = None) -> Verdict:
        """Check exactly-once: no user twice within an update, no redundant enter or exit,
        no changed bytes on a retry, and (when ``expected`` maps cohort ids to their true
        membership) the replayed membership equal to it."""
        members, twice, redundant = self._replay()
        missing = unexpected = 0
        problems: list[str] = []
        for cohort, want in (expected or {}).items():
            got = members.get(cohort, set())
            want_set = set(want)
            missing += len(want_set - got)
            unexpected += len(got - want_set)
        with self._lock:
            v = Verdict(
                requests=self.requests,
                messages=len(self.messages),
                users=sum(len(m.user_ids) for m in self.messages.values()),
                duplicates=self.duplicates,
                faults=self.faulted,
                rejected=self.rejected,
                changed_bytes=self.changed_bytes,
                users_twice=twice,
                redundant=redundant,
                missing=missing,
                unexpected=unexpected,
            )
        if v.rejected:
            problems.append(f"{v.rejected} requests rejected ({', '.join(self.reasons)})")
        if twice:
            problems.append(f"{twice} users arrived twice within one update")
        if redundant:
            problems.append(f"{redundant} redundant enters/exits")
        if v.changed_bytes:
            problems.append(f"{v.changed_bytes} retries carried different bytes")
        if missing:
            problems.append(f"{missing} users missing")
        if unexpected:
            problems.append(f"{unexpected} users that should not be members")
        v.problems = problems
        return v
