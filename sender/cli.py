"""The sender's subcommands: ``send``, ``resume``, ``journal``, ``sink``, ``sync``, ``demo``.

``register(subparsers)`` adds them to the ``cohort-webhooks`` command (see :mod:`ftl.cli`);
each handler is ``func(args) -> int``.  Exit codes: 0 every message acknowledged, 1 a
delivery or template failed, 2 usage error (bad option, header, input).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import functools
import json
import os
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from ftl.cli import CliError, _one_line, load_json_file, write_atomically

from .cohort_sync import async_sync, parse_interval, sync_history
from .deliver import DeliveryReport, Timeouts, WebhookSender, aresume
from .destination import Destination, parse_header
from .errors import ConfigError, GuardError, JournalError, PayloadError
from .journal import Journal
from .members import read_members
from .progress import progress_for
from .retry import PRESETS, RetryPolicy
from .sink import Faults, Sink
from .update import CohortUpdate

__all__ = ["register"]

SECRET_ENV = "COHORT_WEBHOOKS_SIGNING_SECRET"
Handler = Callable[[argparse.Namespace], int]


def _handled(func: Handler) -> Handler:
    """Turn the sender's exceptions into ``LOCATION: error: MESSAGE`` lines."""

    @functools.wraps(func)
    def run(args: argparse.Namespace) -> int:
        try:
            return func(args)
        except ConfigError as e:
            raise CliError(e.field, e.message, code=2) from None
        except PayloadError as e:
            where = f"{e.template}:{e.line}:{e.column}" if e.line else e.template
            batch = f"batch {e.batch_index}: " if e.batch_index >= 0 else ""
            # a template error in one line, worded exactly as `render` words it
            cause = e.__cause__
            message = _one_line(cause) if isinstance(cause, Exception) else e.message
            raise CliError(where, batch + message, code=1) from None
        except (JournalError, GuardError) as e:
            where = getattr(args, "journal", None) or "journal"
            raise CliError(where, str(e).removeprefix(f"{where}: "), code=1) from None

    return run


# -- shared options ------------------------------------------------------------------------


def _add_destination(p: argparse.ArgumentParser, *, toml: bool) -> None:
    g = p.add_argument_group("destination")
    g.add_argument("--url", help="the webhook URL")
    g.add_argument(
        "-H",
        "--header",
        action="append",
        default=[],
        metavar="'NAME: VALUE'",
        help="a custom header (at most five); repeatable",
    )
    g.add_argument("--template", metavar="T.ftl", help="payload template (default: Amplitude's)")
    g.add_argument("--batch-size", type=int, metavar="N", help="users per message (default 1000)")
    if toml:
        g.add_argument(
            "--destination", metavar="DEST.toml", help="destination file (url, headers, template)"
        )


def _add_delivery(p: argparse.ArgumentParser) -> None:
    g = p.add_argument_group("delivery")
    _add_journal(g)
    g.add_argument("--concurrency", type=int, default=4, metavar="N", help="messages in flight (4)")
    g.add_argument(
        "--retry",
        default="amplitude",
        metavar="SPEC",
        help=f"retry preset ({', '.join(PRESETS)}) or key=value,... e.g. retries=3,initial=0.5",
    )
    g.add_argument(
        "--timeout", type=float, metavar="SECONDS", help="hard deadline per attempt (15)"
    )
    g.add_argument(
        "--signing-secret",
        metavar="SECRET",
        help=f"sign with Standard Webhooks (or set ${SECRET_ENV})",
    )
    g.add_argument(
        "--block-private",
        action="store_true",
        help="refuse destinations that resolve to private, loopback or link-local addresses",
    )
    g.add_argument("-q", "--quiet", action="store_true", help="no progress bar")


def _add_journal(p: Any) -> None:
    p.add_argument("--journal", metavar="PATH", help="journal file (default: under ~/.local/state)")


def _destination(args: argparse.Namespace) -> Destination:
    headers = [parse_header(h) for h in args.header]
    if getattr(args, "destination", None):
        base = Destination.from_toml(args.destination, url=args.url)
        return Destination(
            url=base.url,
            headers=[*base.custom_headers, *headers],
            template=args.template or base.template,
            batch_size=args.batch_size or base.batch_size,
        )
    if not args.url:
        raise ConfigError("--url", "the webhook URL is required (or --destination)")
    return Destination(
        url=args.url, headers=headers, template=args.template, batch_size=args.batch_size or 1000
    )


def _secret(args: argparse.Namespace) -> str | None:
    return getattr(args, "signing_secret", None) or os.environ.get(SECRET_ENV) or None


def _delivery_options(args: argparse.Namespace) -> dict[str, Any]:
    return {
        "concurrency": args.concurrency,
        "retry": RetryPolicy.parse(args.retry),
        "timeout": Timeouts.of(args.timeout) if args.timeout else None,
        "signing_secret": _secret(args),
        "block_private": args.block_private,
    }


def _finish(report: DeliveryReport) -> int:
    print(report.summary(), file=sys.stderr)
    for mid in report.dead[:10]:
        print(f"{mid}: error: dead-lettered (see `journal show {mid}`)", file=sys.stderr)
    if report.interrupted:
        print("interrupted: run `cohort-webhooks resume` to finish", file=sys.stderr)
        return 130
    return 0 if report.ok else 1


# -- send ----------------------------------------------------------------------------------


@_handled
def _cmd_send(args: argparse.Namespace) -> int:
    destination = _destination(args)
    data = load_json_file(args.input)
    users = read_members(args.users) if args.users else None
    update = CohortUpdate.from_json(data, users)
    options = _delivery_options(args)
    if args.dry_run:
        with WebhookSender(destination, journal=Journal(":memory:"), **options) as sender:
            count = 0
            for mid, body in sender.render(update):
                count += 1
                if args.out:
                    Path(args.out).mkdir(parents=True, exist_ok=True)
                    name = mid.replace("::", "-") + ".json"
                    write_atomically(str(Path(args.out) / name), body.decode("utf-8"))
                else:
                    sys.stdout.write(body.decode("utf-8") + "\n")
            print(
                f"dry run: {count} messages rendered and valid JSON; nothing sent", file=sys.stderr
            )
        return 0
    progress = progress_for(quiet=args.quiet)
    with WebhookSender(destination, journal=args.journal, progress=progress, **options) as sender:
        report = sender.send(update)
    return _finish(report)


# -- resume and journal --------------------------------------------------------------------


@_handled
def _cmd_resume(args: argparse.Namespace) -> int:
    with Journal(args.journal) as journal:
        runs = args.run or journal.open_runs()
        if not runs:
            print(
                "nothing to resume: every journaled message was acknowledged or dead-lettered",
                file=sys.stderr,
            )
            return 0
        report = asyncio.run(
            aresume(
                journal,
                runs,
                signing_secret=_secret(args),
                retry=RetryPolicy.parse(args.retry) if args.retry else None,
                concurrency=args.concurrency,
                progress=progress_for(quiet=args.quiet),
            )
        )
    return _finish(report)


def _when(ts: float | None) -> str:
    if ts is None:
        return "-"
    return datetime.fromtimestamp(ts, UTC).strftime("%Y-%m-%d %H:%M:%S")


@_handled
def _cmd_journal_list(args: argparse.Namespace) -> int:
    with Journal(args.journal) as journal:
        if args.state or args.run:
            rows = journal.messages(run_id=args.run, state=args.state)
            if args.json:
                print(json.dumps(rows, indent=1))
                return 0
            for m in rows:
                print(
                    f"{m['message_id']}  {m['state']:10s} {m['users']:6d} users"
                    f"  {m['attempts']} attempts  {m['last_error'] or ''}"
                )
            return 0
        runs = journal.runs(limit=args.limit)
        if args.json:
            print(json.dumps([r.__dict__ for r in runs], indent=1))
            return 0
        if not runs:
            print(f"{journal.path}: no runs", file=sys.stderr)
        for r in runs:
            direction = "enter" if r.in_cohort else "exit"
            print(
                f"{r.run_id}  {_when(r.created_at)}  {direction:5s} cohort {r.cohort_id}"
                f"  {r.messages} msgs {r.users} users: {r.acked} acked, {r.pending} pending,"
                f" {r.dead} dead  -> {r.url}"
            )
    return 0


@_handled
def _cmd_journal_show(args: argparse.Namespace) -> int:
    with Journal(args.journal) as journal:
        if "::" in args.id:
            msg = journal.message(args.id)
            if args.json:
                print(json.dumps(msg, indent=1, ensure_ascii=False))
                return 0
            print(
                f"message {msg['message_id']} ({msg['state']}, {msg['users']} users) -> {msg['url']}"
            )
            for k, v in msg["headers"]:
                print(f"  {k}: {v}")
            body = msg["body"]
            print(
                body if args.full or len(body) <= 2000 else body[:2000] + f"... ({len(body)} chars)"
            )
            for a in msg["attempts"]:
                print(
                    f"  attempt {a['attempt']} {_when(a['started_at'])} {a['duration']:.3f}s"
                    f" {a['outcome']}: {a['status'] or ''} {a['error'] or ''}"
                    f" {(a['response'] or '')[:120]!r}"
                )
            return 0
        run = journal.run(args.id)
        print(json.dumps(run.__dict__, indent=1))
        for m in journal.messages(run_id=args.id):
            print(
                f"  {m['message_id']}  {m['state']:10s} {m['attempts']} attempts {m['last_error'] or ''}"
            )
    return 0


@_handled
def _cmd_journal_replay(args: argparse.Namespace) -> int:
    with Journal(args.journal) as journal:
        ids: list[str] = []
        for item in args.ids or [m["message_id"] for m in journal.messages(state="dead")]:
            if "::" in item:
                ids.append(item)
            else:
                ids += [
                    m["message_id"]
                    for m in journal.messages(run_id=item)
                    if m["state"] in ("dead", "superseded")
                ]
        revived = journal.revive(ids)
        if not revived:
            print("nothing to replay: no dead-lettered message matched", file=sys.stderr)
            return 0
        runs = sorted({m.run_id for m in map(journal.load, ids)})
        report = asyncio.run(
            aresume(
                journal, runs, signing_secret=_secret(args), progress=progress_for(quiet=args.quiet)
            )
        )
    return _finish(report)


@_handled
def _cmd_journal_prune(args: argparse.Namespace) -> int:
    seconds = parse_interval(args.older_than, option="--older-than")
    with Journal(args.journal) as journal:
        removed = journal.prune(seconds, vacuum=args.vacuum)
    print(f"pruned {removed} acknowledged messages older than {args.older_than}", file=sys.stderr)
    return 0


# -- sink ----------------------------------------------------------------------------------


@_handled
def _cmd_sink(args: argparse.Namespace) -> int:
    faults = Faults(
        fail_rate=args.fail_rate,
        status=args.status,
        retry_after=args.retry_after,
        delay=args.delay,
        drop_connection=args.drop_connection,
        drip=args.drip,
        fail_first=args.fail_first,
        seed=args.seed,
    )
    sink = Sink(
        args.host,
        args.port,
        faults=faults,
        store=args.store,
        signing_secret=_secret(args),
        log=None if args.quiet else sys.stdout,
    )

    async def main() -> None:
        async with sink:
            print(f"sink listening on {sink.url} (Ctrl-C to stop)", file=sys.stderr, flush=True)
            if args.port_file:
                write_atomically(args.port_file, f"{sink.port}\n")
            await asyncio.Event().wait()

    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(main())
    verdict = sink.verdict()
    print(verdict.text(), file=sys.stderr)
    return 0 if verdict.ok else 1


# -- sync ----------------------------------------------------------------------------------


@_handled
def _cmd_sync(args: argparse.Namespace) -> int:
    if args.action == "status":
        return _sync_status(args)
    missing = [
        o
        for o, v in (
            ("--cohort-id", args.cohort_id),
            ("--cohort-name", args.cohort_name),
            ("--members", args.members),
        )
        if not v
    ]
    if missing:
        raise ConfigError(missing[0], "required for a sync")
    if args.every and args.cadence:
        raise ConfigError("--every", "give --every or --cadence, not both")
    interval = parse_interval(args.every or args.cadence) if (args.every or args.cadence) else None
    destination = _destination(args)
    options = _delivery_options(args)
    while True:
        started = time.monotonic()
        try:
            report = asyncio.run(
                async_sync(
                    destination,
                    cohort_id=args.cohort_id,
                    cohort_name=args.cohort_name,
                    members=args.members,
                    journal=args.journal,
                    dry_run=args.dry_run,
                    progress=progress_for(quiet=args.quiet),
                    **options,
                )
            )
        except KeyboardInterrupt:
            print(
                "stopped during a sync: run it again to finish what was journaled", file=sys.stderr
            )
            return 130
        print(report.summary(), file=sys.stderr)
        if args.dry_run:
            for direction, body in report.first_payloads.items():
                print(f"first {direction} payload:", file=sys.stderr)
                sys.stdout.write(body.decode("utf-8") + "\n")
            return 0
        code = 0 if report.ok else 130 if report.delivery.interrupted else 1
        if interval is None or code == 130:
            return code
        wait = max(0.0, interval - (time.monotonic() - started))
        print(f"next sync in {wait:.0f} s (Ctrl-C to stop)", file=sys.stderr)
        try:
            time.sleep(wait)
        except KeyboardInterrupt:
            print("stopped", file=sys.stderr)
            return code


def _sync_status(args: argparse.Namespace) -> int:
    with Journal(args.journal) as journal:
        rows = sync_history(journal, latest_only=not args.all)
    if args.json:
        print(json.dumps(rows, indent=1))
        return 0
    if not rows:
        print("no syncs yet", file=sys.stderr)
    for r in rows:
        print(
            f"cohort {r['cohort_id']} ({r['cohort_name']}) -> {r['destination']}\n"
            f"  sync #{r['sync_id']} {_when(r['started_at'])} {r['state']}: {r['members']:,} members,"
            f" {r['entered']:,} entered, {r['left']:,} left, {r['messages']} messages,"
            f" {r['failures']} failures"
            + ("" if args.all else f"; {r['delivered_members']:,} members delivered now")
        )
    return 0


# -- registration --------------------------------------------------------------------------


def register(sub: Any) -> None:
    """Add the sender's subcommands to the ``cohort-webhooks`` parser."""
    p = sub.add_parser("send", help="send a cohort update to a webhook (journaled, with retries)")
    _add_destination(p, toml=True)
    p.add_argument(
        "--input",
        required=True,
        metavar="UPDATE.json",
        help="cohort_name, cohort_id, in_cohort and users",
    )
    p.add_argument("--users", metavar="FILE", help="users from a file: ids per line, CSV or NDJSON")
    _add_delivery(p)
    p.add_argument(
        "--dry-run", action="store_true", help="render and check every message; send nothing"
    )
    p.add_argument("--out", metavar="DIR", help="with --dry-run: write each message to DIR")
    p.set_defaults(func=_cmd_send)

    p = sub.add_parser("resume", help="send every journaled message not yet acknowledged")
    p.add_argument("run", nargs="*", help="run ids (default: every open run)")
    _add_journal(p)
    p.add_argument("--retry", metavar="SPEC", help="override the journaled retry policy")
    p.add_argument(
        "--concurrency", type=int, metavar="N", help="override the journaled concurrency"
    )
    p.add_argument("--signing-secret", metavar="SECRET", help=f"for signed runs (or ${SECRET_ENV})")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress bar")
    p.set_defaults(func=_cmd_resume)

    p = sub.add_parser("journal", help="list, show and replay journaled messages")
    jsub = p.add_subparsers(dest="journal_command", metavar="ACTION", required=True)
    q = jsub.add_parser("list", help="runs, or messages with --state/--run")
    _add_journal(q)
    q.add_argument("--state", choices=["pending", "acked", "dead", "superseded"])
    q.add_argument("--run", metavar="RUN_ID")
    q.add_argument("--limit", type=int, default=50)
    q.add_argument("--json", action="store_true")
    q.set_defaults(func=_cmd_journal_list)
    q = jsub.add_parser("show", help="one run, or one message with its attempts (secrets redacted)")
    q.add_argument("id", help="a run id or a message id")
    _add_journal(q)
    q.add_argument("--full", action="store_true", help="the whole body")
    q.add_argument("--json", action="store_true")
    q.set_defaults(func=_cmd_journal_show)
    q = jsub.add_parser("replay", help="send dead-lettered messages again (same ids and bytes)")
    q.add_argument("ids", nargs="*", help="message or run ids (default: every dead letter)")
    _add_journal(q)
    q.add_argument("--signing-secret", metavar="SECRET")
    q.add_argument("-q", "--quiet", action="store_true")
    q.set_defaults(func=_cmd_journal_replay)
    q = jsub.add_parser("prune", help="forget acknowledged messages of old runs (keeps sync state)")
    _add_journal(q)
    q.add_argument("--older-than", default="7d", metavar="AGE", help="e.g. 12h, 7d (7d)")
    q.add_argument("--vacuum", action="store_true", help="then give the space back to the disk")
    q.set_defaults(func=_cmd_journal_prune)

    p = sub.add_parser(
        "sink", help="a local webhook receiver that checks, counts and injects faults"
    )
    p.add_argument("--host", default="127.0.0.1", help="bind address (loopback by default)")
    p.add_argument("--port", type=int, default=0, help="port (default: a free one)")
    p.add_argument("--port-file", metavar="FILE", help="write the port here once listening")
    p.add_argument("--store", metavar="FILE", help="append every request to FILE (NDJSON)")
    p.add_argument(
        "--fail-rate", type=float, default=0.0, metavar="P", help="share of requests that fail"
    )
    p.add_argument(
        "--fail-first",
        type=int,
        default=0,
        metavar="N",
        help="fail the first N arrivals of each message",
    )
    p.add_argument("--status", type=int, metavar="CODE", help="status of a failure (503)")
    p.add_argument("--retry-after", metavar="VALUE", help="Retry-After sent with a failure status")
    p.add_argument("--delay", type=float, default=0.0, metavar="S", help="wait before every answer")
    p.add_argument(
        "--drop-connection", action="store_true", help="failures close the connection unanswered"
    )
    p.add_argument(
        "--drip", type=float, default=0.0, metavar="S", help="failures drip a 200 over S seconds"
    )
    p.add_argument("--seed", type=int, help="seed of the fault choice")
    p.add_argument(
        "--signing-secret", metavar="SECRET", help="require Standard Webhooks signatures"
    )
    p.add_argument("-q", "--quiet", action="store_true", help="no line per request")
    p.set_defaults(func=_cmd_sink)

    p = sub.add_parser(
        "sync", help="sync a cohort's membership: enter and exit updates (or `sync status`)"
    )
    p.add_argument(
        "action", nargs="?", choices=["status"], help="`status`: each cohort's last sync"
    )
    _add_destination(p, toml=True)
    p.add_argument("--cohort-id", metavar="ID")
    p.add_argument("--cohort-name", metavar="NAME")
    p.add_argument(
        "--members", metavar="FILE", help="user ids per line, CSV with user_id, or NDJSON"
    )
    _add_delivery(p)
    p.add_argument("--every", metavar="INTERVAL", help="keep syncing: 1m, 1h, 1d ...")
    p.add_argument("--cadence", choices=["hourly", "daily", "realtime"], help="as --every 1h|1d|1m")
    p.add_argument(
        "--dry-run", action="store_true", help="show counts and the first payloads; send nothing"
    )
    p.add_argument("--all", action="store_true", help="with status: every sync, not only the last")
    p.add_argument("--json", action="store_true", help="with status: JSON")
    p.set_defaults(func=_cmd_sync)

    p = sub.add_parser("demo", help="the whole flow against a local sink with injected faults")
    p.add_argument("--users", type=int, default=100_000, help="cohort size (100000)")
    p.add_argument("--leaving", type=int, default=5_000, help="users who then leave (5000)")
    p.add_argument("--churn", type=float, default=0.05, help="churn of the second sync (0.05)")
    p.add_argument("--template", metavar="T.ftl", help="payload template (examples/default.ftl)")
    p.add_argument(
        "--out", default="demo-out", metavar="DIR", help="journal and sink store (demo-out)"
    )
    p.add_argument("-q", "--quiet", action="store_true", help="no progress bar")
    p.set_defaults(func=_cmd_demo)


@_handled
def _cmd_demo(args: argparse.Namespace) -> int:
    from .demo import run_demo

    return run_demo(args)
