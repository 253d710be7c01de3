"""Delivery: render and journal each update, then POST its messages with retries.

:class:`WebhookSender` is the public face (``send``/``asend``, ``resume``/``aresume``);
:class:`Deliverer` sends journaled messages and knows nothing of templates, so ``resume``
replays exactly the bytes that were journaled.  httpx does the HTTP: explicit connect, read,
write and pool timeouts plus a hard deadline per attempt (a receiver that drips its answer
cannot hold an attempt), keep-alive connections, redirects not followed.
"""

from __future__ import annotations

import asyncio
import ipaddress
import random
import signal
import socket
import sys
import threading
import time
from collections.abc import Awaitable, Callable, Iterator
from dataclasses import asdict, dataclass, field
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import httpx

from .destination import Destination
from .errors import ConfigError, GuardError
from .journal import Journal, PendingMessage
from .payload import PayloadRenderer
from .progress import Progress
from .retry import RetryPolicy, is_retryable, parse_retry_after
from .signing import Signer
from .update import CohortUpdate, batched, message_id

__all__ = ["Deliverer", "DeliveryReport", "Timeouts", "WebhookSender", "resume"]

Sleep = Callable[[float], Awaitable[None]]


@dataclass(frozen=True)
class Timeouts:
    """Seconds: httpx's four timeouts, and ``total``, a hard deadline for a whole attempt."""

    connect: float = 5.0
    read: float = 10.0
    write: float = 10.0
    pool: float = 10.0
    total: float = 15.0

    def __post_init__(self) -> None:
        if min(asdict(self).values()) <= 0:
            raise ConfigError("timeout", "every timeout must be positive")

    @classmethod
    def of(cls, value: Timeouts | float | None) -> Timeouts:
        if value is None:
            return cls()
        if isinstance(value, Timeouts):
            return value
        t = float(value)
        return cls(connect=min(5.0, t), read=t, write=t, pool=t, total=t)

    def httpx(self) -> httpx.Timeout:
        return httpx.Timeout(connect=self.connect, read=self.read, write=self.write, pool=self.pool)


@dataclass
class DeliveryReport:
    """What a delivery did.  ``ok`` when every message was acknowledged."""

    run_ids: list[str] = field(default_factory=list)
    messages: int = 0
    users: int = 0
    acknowledged: int = 0
    acknowledged_users: int = 0
    dead: list[str] = field(default_factory=list)
    attempts: int = 0
    retries: int = 0
    seconds: float = 0.0
    interrupted: bool = False

    @property
    def ok(self) -> bool:
        return not self.dead and not self.interrupted and self.acknowledged == self.messages

    def merge(self, other: DeliveryReport) -> DeliveryReport:
        return DeliveryReport(
            run_ids=self.run_ids + other.run_ids,
            messages=self.messages + other.messages,
            users=self.users + other.users,
            acknowledged=self.acknowledged + other.acknowledged,
            acknowledged_users=self.acknowledged_users + other.acknowledged_users,
            dead=self.dead + other.dead,
            attempts=self.attempts + other.attempts,
            retries=self.retries + other.retries,
            seconds=self.seconds + other.seconds,
            interrupted=self.interrupted or other.interrupted,
        )

    def summary(self) -> str:
        rate = self.acknowledged_users / self.seconds if self.seconds > 0 else 0.0
        return (
            f"{self.acknowledged}/{self.messages} messages acknowledged,"
            f" {self.acknowledged_users:,}/{self.users:,} users, {self.retries} retries,"
            f" {len(self.dead)} dead-lettered, {self.seconds:.2f} s ({rate:,.0f} users/s)"
            + (", interrupted" if self.interrupted else "")
        )


@dataclass
class _Outcome:
    status: int | None
    error: str | None
    response: str | None
    retry_after: float | None
    retryable: bool

    @property
    def ok(self) -> bool:
        return self.status is not None and 200 <= self.status <= 299


async def _resolve_public(url: str) -> tuple[str, str, str]:
    """Resolve the URL's host and refuse private, loopback, link-local and other non-global
    addresses; returns (URL with the checked address, Host header, TLS server name), so the
    connection goes to the very address that was checked."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    port = parts.port or (443 if parts.scheme == "https" else 80)
    try:
        infos = await asyncio.get_running_loop().getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except OSError as e:
        raise GuardError(f"cannot resolve {host}: {e}") from None
    addrs = [ipaddress.ip_address(str(info[4][0]).split("%")[0]) for info in infos]
    for addr in addrs:
        if not addr.is_global or addr.is_multicast:
            raise GuardError(
                f"{host} resolves to {addr}, a private, loopback or link-local address;"
                " refused by the address guard"
            )
    addr = addrs[0]
    literal = f"[{addr}]" if addr.version == 6 else str(addr)
    netloc = literal if parts.port is None else f"{literal}:{parts.port}"
    return urlunsplit(parts._replace(netloc=netloc)), parts.netloc.rpartition("@")[2], host


class Deliverer:
    """Sends journaled messages, ``concurrency`` at a time, with retries, recording each
    attempt in the journal.  ``sleep`` and ``rng`` are injectable for tests."""

    def __init__(
        self,
        journal: Journal,
        *,
        concurrency: int = 4,
        retry: RetryPolicy | str = "amplitude",
        timeout: Timeouts | float | None = None,
        signing_secret: str | bytes | None = None,
        block_private: bool = False,
        transport: httpx.AsyncBaseTransport | None = None,
        sleep: Sleep | None = None,
        rng: random.Random | None = None,
        progress: Progress | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        if concurrency < 1:
            raise ConfigError("concurrency", "must be at least 1")
        self.journal = journal
        self.concurrency = concurrency
        self.retry = retry if isinstance(retry, RetryPolicy) else RetryPolicy.parse(retry)
        self.timeouts = Timeouts.of(timeout)
        self.signer = Signer(signing_secret) if signing_secret else None
        self.block_private = block_private
        self.transport = transport
        self.sleep: Sleep = sleep or asyncio.sleep
        self.rng = rng or random.Random()
        self.progress = progress or Progress()
        self.clock = clock
        self.client: httpx.AsyncClient | None = None
        self._stop = asyncio.Event()
        self._aborted = False

    def settings(self) -> dict[str, Any]:
        """What a resume needs to deliver the same way (no secrets)."""
        return {
            "retry": self.retry.to_json(),
            "timeout": asdict(self.timeouts),
            "concurrency": self.concurrency,
            "signed": self.signer is not None,
            "block_private": self.block_private,
        }

    def new_client(self) -> httpx.AsyncClient:
        limits = httpx.Limits(
            max_connections=self.concurrency, max_keepalive_connections=self.concurrency
        )
        return httpx.AsyncClient(
            timeout=self.timeouts.httpx(),
            limits=limits,
            follow_redirects=False,
            transport=self.transport,
            trust_env=False,
        )

    def stop(self) -> None:
        """Finish the messages in flight, start no new ones (what Ctrl-C does); call it
        from the event loop's thread."""
        self._stop.set()

    async def deliver(self, run_ids: list[str]) -> DeliveryReport:
        """Deliver every pending message of the runs, one run after the other."""
        report = DeliveryReport()
        own_client = self.client is None
        client = self.client or self.new_client()
        self._stop = asyncio.Event()
        self._aborted = False
        restore = self._catch_sigint()
        try:
            for run_id in run_ids:
                report = report.merge(await self._deliver_run(client, run_id))
                if self._stop.is_set():
                    report.interrupted = True
                    break
        except asyncio.CancelledError:
            if self._aborted:  # a second Ctrl-C: what is in flight stays pending
                raise KeyboardInterrupt from None
            raise
        finally:
            restore()
            if own_client:
                await client.aclose()
            self.progress.close()
        return report

    def _catch_sigint(self) -> Callable[[], None]:
        """First Ctrl-C: stop between messages; the second aborts (messages stay pending)."""
        if threading.current_thread() is not threading.main_thread():
            return lambda: None
        loop = asyncio.get_running_loop()
        task = asyncio.current_task()

        def on_sigint() -> None:
            if self._stop.is_set() and task is not None:
                self._aborted = True
                task.cancel()
                return
            self._stop.set()
            print(
                "\nstopping after the messages in flight (Ctrl-C again to abort)",
                file=sys.stderr,
            )

        try:
            loop.add_signal_handler(signal.SIGINT, on_sigint)
        except (NotImplementedError, RuntimeError, ValueError):
            return lambda: None

        def restore() -> None:
            loop.remove_signal_handler(signal.SIGINT)

        return restore

    async def _deliver_run(self, client: httpx.AsyncClient, run_id: str) -> DeliveryReport:
        started = self.clock()
        pending = self.journal.pending_ids(run_id)
        report = DeliveryReport(
            run_ids=[run_id], messages=len(pending), users=sum(u for _, u in pending)
        )
        self.progress.add(report.messages, report.users)
        queue: asyncio.Queue[str] = asyncio.Queue()
        for mid, _ in pending:
            queue.put_nowait(mid)

        async def worker() -> None:
            while not self._stop.is_set():
                try:
                    mid = queue.get_nowait()
                except asyncio.QueueEmpty:
                    return
                await self._deliver_message(client, self.journal.load(mid), report)

        workers = [
            asyncio.create_task(worker()) for _ in range(min(self.concurrency, len(pending)))
        ]
        try:
            await asyncio.gather(*workers)
        finally:
            for w in workers:
                w.cancel()
        report.seconds = self.clock() - started
        return report

    async def _deliver_message(
        self, client: httpx.AsyncClient, msg: PendingMessage, report: DeliveryReport
    ) -> None:
        retry = 0
        while True:
            started_at = time.time()
            t0 = self.clock()
            outcome = await self._attempt(client, msg)
            duration = self.clock() - t0
            report.attempts += 1
            if outcome.ok:
                kind = "ack"
            elif outcome.retryable and retry < self.retry.retries:
                kind = "retry"
            else:
                kind = "fail"
            self.journal.record_attempt(
                msg.message_id,
                started_at=started_at,
                duration=duration,
                status=outcome.status,
                error=outcome.error,
                response=outcome.response,
                outcome=kind,
            )
            if kind == "ack":
                report.acknowledged += 1
                report.acknowledged_users += msg.users
                self.progress.ack(msg.users)
                return
            if kind == "fail":
                report.dead.append(msg.message_id)
                self.progress.fail(msg.users)
                return
            if self._stop.is_set():
                return  # stays pending: resume or the next sync sends it
            retry += 1
            report.retries += 1
            self.progress.retry()
            if not await self._wait(self.retry.delay(retry, self.rng, outcome.retry_after)):
                return

    async def _wait(self, seconds: float) -> bool:
        """Sleep before a retry; False when a stop was asked meanwhile."""
        sleeper = asyncio.ensure_future(self.sleep(seconds))
        stopper = asyncio.ensure_future(self._stop.wait())
        try:
            await asyncio.wait({sleeper, stopper}, return_when=asyncio.FIRST_COMPLETED)
        finally:
            sleeper.cancel()
            stopper.cancel()
        return not self._stop.is_set()

    async def _attempt(self, client: httpx.AsyncClient, msg: PendingMessage) -> _Outcome:
        headers = list(msg.headers)
        if self.signer is not None:
            headers += self.signer.headers(msg.message_id, msg.body)
        url = msg.url
        extensions: dict[str, Any] = {}
        try:
            if self.block_private:
                url, host, sni = await _resolve_public(url)
                headers.append(("Host", host))
                extensions["sni_hostname"] = sni
        except GuardError as e:
            return _Outcome(None, str(e), None, None, retryable=False)
        request = client.build_request("POST", url, headers=headers, content=msg.body)
        request.extensions.update(extensions)
        for name in ("accept", "accept-encoding"):
            if not any(k.lower() == name for k, _ in msg.headers):
                del request.headers[name]
        try:
            async with asyncio.timeout(self.timeouts.total):
                response = await client.send(request, stream=True)
                try:
                    excerpt = await _read_excerpt(response)
                finally:
                    await response.aclose()
        except TimeoutError:
            return _Outcome(
                None,
                f"no complete response within {self.timeouts.total:g} s",
                None,
                None,
                retryable=True,
            )
        except httpx.TimeoutException as e:
            return _Outcome(
                None,
                f"{type(e).__name__}: {e}" if str(e) else type(e).__name__,
                None,
                None,
                retryable=True,
            )
        except httpx.TransportError as e:
            return _Outcome(
                None,
                f"{type(e).__name__}: {e}" if str(e) else type(e).__name__,
                None,
                None,
                retryable=True,
            )
        status = response.status_code
        error = None
        if 300 <= status <= 399:
            error = f"redirect to {response.headers.get('location', '?')} not followed"
        elif not 200 <= status <= 299:
            error = f"HTTP {status}"
        return _Outcome(
            status,
            error,
            excerpt,
            parse_retry_after(response.headers.get("retry-after")),
            retryable=is_retryable(status),
        )


async def _read_excerpt(response: httpx.Response, limit: int = 4096) -> str:
    chunks: list[bytes] = []
    size = 0
    async for chunk in response.aiter_bytes():
        chunks.append(chunk)
        size += len(chunk)
        if size >= limit:
            break
    return b"".join(chunks)[:limit].decode("utf-8", "replace")


class WebhookSender:
    """Renders cohort updates for a :class:`Destination`, journals them, delivers them.

    ``send(update)`` blocks and returns a :class:`DeliveryReport`; ``await asend(update)``
    is its async twin.  Use it as a context manager (``with`` or ``async with``) to close
    the journal (and, async, to share one keep-alive client across sends).  ``journal`` is a
    :class:`Journal`, a path, or None for the default path.  ``retry`` is a preset name
    (``amplitude``, ``unattended``, ``none``) or a :class:`RetryPolicy`.
    """

    def __init__(
        self,
        destination: Destination,
        *,
        journal: Journal | str | None = None,
        concurrency: int = 4,
        retry: RetryPolicy | str = "amplitude",
        timeout: Timeouts | float | None = None,
        signing_secret: str | bytes | None = None,
        block_private: bool = False,
        transport: httpx.AsyncBaseTransport | None = None,
        sleep: Sleep | None = None,
        rng: random.Random | None = None,
        progress: Progress | None = None,
    ) -> None:
        self.destination = destination
        self.renderer = PayloadRenderer(destination.template)
        self._own_journal = not isinstance(journal, Journal)
        self.journal = journal if isinstance(journal, Journal) else Journal(journal)
        self.deliverer = Deliverer(
            self.journal,
            concurrency=concurrency,
            retry=retry,
            timeout=timeout,
            signing_secret=signing_secret,
            block_private=block_private,
            transport=transport,
            sleep=sleep,
            rng=rng,
            progress=progress,
        )

    # -- preparing -------------------------------------------------------------------------

    def _messages(
        self, update: CohortUpdate
    ) -> Iterator[tuple[str, int, list[tuple[str, str]], bytes, list[str]]]:
        headers = self.destination.request_headers
        for index, users in enumerate(batched(update.users, self.destination.batch_size)):
            body = self.renderer.render(update.model(index, users), index)
            mid = message_id(update.update_id, update.in_cohort, index)
            yield mid, index, headers, body, [u["user_id"] for u in users]

    def prepare(
        self, update: CohortUpdate, *, sync_id: int | None = None, cohort_key: int | None = None
    ) -> str | None:
        """Render, validate and journal every message of ``update`` (all or none) before
        anything is sent; returns the run id (the update's uuid), or None when the update
        has no users (nothing is journaled then)."""
        messages, _ = self.journal.create_run(
            run_id=update.update_id,
            url=self.destination.url,
            cohort_id=update.cohort_id,
            cohort_name=update.cohort_name,
            in_cohort=update.in_cohort,
            template=self.renderer.name,
            settings=self.deliverer.settings(),
            messages=self._messages(update),
            sync_id=sync_id,
            cohort_key=cohort_key,
        )
        return update.update_id if messages else None

    def render(self, update: CohortUpdate) -> Iterator[tuple[str, bytes]]:
        """(message_id, body) of every message, rendered and validated, nothing journaled."""
        for mid, _, _, body, _ in self._messages(update):
            yield mid, body

    # -- sending ---------------------------------------------------------------------------

    async def asend(self, update: CohortUpdate) -> DeliveryReport:
        run_id = self.prepare(update)
        return await self.deliverer.deliver([] if run_id is None else [run_id])

    def send(self, update: CohortUpdate) -> DeliveryReport:
        """Journal ``update`` and deliver it; blocks until every message is acknowledged or
        dead-lettered."""
        return asyncio.run(self.asend(update))

    async def aresume(self, run_ids: list[str] | None = None) -> DeliveryReport:
        return await self.deliverer.deliver(
            self.journal.open_runs() if run_ids is None else run_ids
        )

    def resume(self, run_ids: list[str] | None = None) -> DeliveryReport:
        """Deliver the journal's unacknowledged messages (all open runs by default)."""
        return asyncio.run(self.aresume(run_ids))

    # -- lifetime --------------------------------------------------------------------------

    def close(self) -> None:
        if self._own_journal:
            self.journal.close()

    def __enter__(self) -> WebhookSender:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    async def __aenter__(self) -> WebhookSender:
        self.deliverer.client = self.deliverer.new_client()
        return self

    async def __aexit__(self, *exc: object) -> None:
        client, self.deliverer.client = self.deliverer.client, None
        if client is not None:
            await client.aclose()
        self.close()


async def aresume(
    journal: Journal,
    run_ids: list[str] | None = None,
    *,
    signing_secret: str | bytes | None = None,
    retry: RetryPolicy | str | None = None,
    concurrency: int | None = None,
    timeout: Timeouts | float | None = None,
    transport: httpx.AsyncBaseTransport | None = None,
    sleep: Sleep | None = None,
    progress: Progress | None = None,
) -> DeliveryReport:
    """Send every journaled message not yet acknowledged (of ``run_ids``, or of every open
    run), with its original id, headers and bytes, each run with the settings it was
    journaled with unless overridden.  Creates no new message ids."""
    report = DeliveryReport()
    progress = progress or Progress()
    for run_id in journal.open_runs() if run_ids is None else run_ids:
        settings = journal.run(run_id).settings
        if settings.get("signed") and not signing_secret:
            raise ConfigError(
                "--signing-secret", f"run {run_id} was signed: give the signing secret to resume it"
            )
        deliverer = Deliverer(
            journal,
            concurrency=concurrency or int(settings.get("concurrency", 4)),
            retry=retry or RetryPolicy(**settings["retry"]),
            timeout=timeout or Timeouts(**settings["timeout"]),
            signing_secret=signing_secret if settings.get("signed") else None,
            block_private=bool(settings.get("block_private")),
            transport=transport,
            sleep=sleep,
            progress=progress,
        )
        report = report.merge(await deliverer.deliver([run_id]))
        if report.interrupted:
            break
    return report


def resume(journal: Journal, run_ids: list[str] | None = None, **options: Any) -> DeliveryReport:
    """Blocking :func:`aresume`."""
    return asyncio.run(aresume(journal, run_ids, **options))
