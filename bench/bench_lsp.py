"""Language-server latency, measured through the real server over stdio.

    python -m bench.bench_lsp [--lines 2000] [--rounds 40] [--completions 200]

Starts ``python -m lsp --stdio`` (as an editor does), opens a generated payload template of
``--lines`` lines, and measures from the client's side:

- diagnostics after a change: from sending ``didChange`` (one edited line) to receiving
  ``publishDiagnostics`` for that version.  With the debounce set to 0 (the server's own
  work: static analysis and the JSON output check) and with the default debounce (what a
  user waits for after the last keystroke);
- completion: the round trip of ``textDocument/completion`` after ``${input.`` at the end
  of the template, both on an unchanged document (analysis cached) and right after a change
  (the analysis of the new text included, as when typing the ``.`` itself).

Reports median, p95 and max in milliseconds.  No assertions: the figures go to
``bench/RESULTS-lsp.md``.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from lsprotocol import types
from pygls.lsp.client import LanguageClient

from bench.bench_sender import machine

REPO = Path(__file__).resolve().parents[1]

_HEAD = """<#-- Generated payload template for the language-server benchmark. -->
<#assign entering = input.in_cohort>
<#macro user_row u>
  {
    "user_id": "${u.user_id?json_string}",
    "plan": "${(u.user_properties.plan)!""?json_string}",
    "entering": ${entering?c}
  }
</#macro>
{
  "cohort_name": "${input.cohort_name?json_string}",
  "cohort_id": "${input.cohort_id?json_string}",
  "in_cohort": ${input.in_cohort?c},
  "computed_time": "${input.computed_time?json_string}",
  "message_id": "${input.message_id?json_string}",
  "count": ${input.users?size?c},
"""

_BLOCK = """  "section_{i}": [
    <#list input.users as user>
    <#if user.user_id?has_content>
    {{
      "id": "${{user.user_id?json_string}}",
      "index": ${{user?index?c}},
      "first": ${{user?is_first?c}},
      "name": "${{input.cohort_name?upper_case?json_string}}"
    }}<#sep>,</#sep>
    <#else>
    <@user_row u=user/><#sep>,</#sep>
    </#if>
    </#list>
  ],
"""

_TAIL = """  "end": true
}
"""


def template(lines: int) -> str:
    """A realistic payload template of about ``lines`` lines."""
    parts = [_HEAD]
    n = _HEAD.count("\n") + _TAIL.count("\n")
    i = 0
    while n + _BLOCK.count("\n") <= lines:
        parts.append(_BLOCK.format(i=i))
        n += _BLOCK.count("\n")
        i += 1
    parts.append(_TAIL)
    return "".join(parts)


def _stats(samples: list[float]) -> str:
    ms = sorted(s * 1000 for s in samples)
    p95 = ms[min(len(ms) - 1, round(0.95 * (len(ms) - 1)))]
    return f"median {statistics.median(ms):.1f} ms, p95 {p95:.1f} ms, max {ms[-1]:.1f} ms (n={len(ms)})"


class _Bench:
    def __init__(self) -> None:
        self.client = LanguageClient("bench-lsp", "0")
        self.waiters: dict[int, asyncio.Future[float]] = {}

        @self.client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        def _published(params: types.PublishDiagnosticsParams) -> None:
            fut = self.waiters.get(params.version or -1)
            if fut is not None and not fut.done():
                fut.set_result(time.perf_counter())

    async def start(self, log: Path, options: dict[str, Any]) -> None:
        await self.client.start_io(
            sys.executable, "-m", "lsp", "--stdio", "--log", str(log), cwd=str(REPO)
        )
        await self.client.initialize_async(
            types.InitializeParams(
                capabilities=types.ClientCapabilities(),
                initialization_options=options,
            )
        )
        self.client.initialized(types.InitializedParams())

    async def stop(self) -> None:
        await self.client.shutdown_async(None)
        self.client.exit(None)
        await self.client.stop()

    def expect(self, version: int) -> asyncio.Future[float]:
        fut: asyncio.Future[float] = asyncio.get_running_loop().create_future()
        self.waiters[version] = fut
        return fut

    def open(self, uri: str, text: str) -> None:
        self.client.text_document_did_open(
            types.DidOpenTextDocumentParams(
                text_document=types.TextDocumentItem(
                    uri=uri, language_id="cohort-ftl", version=1, text=text
                )
            )
        )

    def change(self, uri: str, version: int, text: str) -> None:
        self.client.text_document_did_change(
            types.DidChangeTextDocumentParams(
                text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
                content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)],
            )
        )

    async def complete(self, uri: str, pos: types.Position) -> tuple[float, int]:
        t0 = time.perf_counter()
        res = await self.client.text_document_completion_async(
            types.CompletionParams(
                text_document=types.TextDocumentIdentifier(uri=uri), position=pos
            )
        )
        elapsed = time.perf_counter() - t0
        items = res.items if isinstance(res, types.CompletionList) else res or []
        return elapsed, len(items)


def _variant(text: str, v: int) -> str:
    """The template with its last line edited (as a keystroke would), distinct per version."""
    return text + f"<#-- edit {v} -->\n"


async def _diagnostics_round(
    b: _Bench, uri: str, text: str, rounds: int, first_version: int
) -> list[float]:
    out = []
    for r in range(rounds):
        v = first_version + r
        fut = b.expect(v)
        t0 = time.perf_counter()
        b.change(uri, v, _variant(text, v))
        t1 = await asyncio.wait_for(fut, 60)
        out.append(t1 - t0)
    return out


SEED = REPO / "vscode-extension" / "e2e" / "workspace" / "payload.ftl"


async def measure(text: str, rounds: int, completions: int, label: str) -> list[str]:
    """The figures for one template (see the module docstring)."""
    with_cursor = text + "${input."
    last = with_cursor.split("\n")
    pos = types.Position(line=len(last) - 1, character=len(last[-1]))
    report = [f"{label}:"]
    with tempfile.TemporaryDirectory() as d:
        uri = (Path(d) / "bench.ftl").as_uri()
        for what, options in (
            ("debounce 0, JSON output check on", {"diagnosticsDelayMs": 0}),
            (
                "debounce 0, JSON output check off",
                {"diagnosticsDelayMs": 0, "jsonOutputCheck": False},
            ),
            ("default debounce (100 ms), JSON output check on", {}),
        ):
            b = _Bench()
            await b.start(Path(d) / "server.log", options)
            try:
                fut = b.expect(1)
                t0 = time.perf_counter()
                b.open(uri, text)
                first = await asyncio.wait_for(fut, 120) - t0
                diag = await _diagnostics_round(b, uri, text, rounds, 2)
                report.append(f"- diagnostics after a change ({what}): {_stats(diag)}")
                report.append(f"  (first diagnostics after didOpen: {first * 1000:.0f} ms)")
                if options == {"diagnosticsDelayMs": 0, "jsonOutputCheck": False}:
                    v = 2 + rounds
                    b.change(uri, v, with_cursor)
                    await b.complete(uri, pos)  # the analysis of this text is now cached
                    warm = []
                    n_items = 0
                    for _ in range(completions):
                        t, n_items = await b.complete(uri, pos)
                        warm.append(t)
                    report.append(
                        f"- completion after `${{input.` (unchanged document, {n_items} items): "
                        f"{_stats(warm)}"
                    )
                    after_change = []
                    counts = set()
                    for k in range(rounds):
                        v += 1
                        typed = f"{text}<#-- {k} -->${{input."
                        b.change(uri, v, typed)
                        end = types.Position(line=pos.line, character=len(typed.split("\n")[-1]))
                        t, n = await b.complete(uri, end)
                        after_change.append(t)
                        counts.add(n)
                    report.append(
                        "- completion right after a change (the analysis of the new text "
                        f"included; {'/'.join(map(str, sorted(counts)))} items): "
                        f"{_stats(after_change)}"
                    )
            finally:
                await b.stop()
    return report


async def run(lines: int, rounds: int, completions: int) -> list[str]:
    seed = SEED.read_text("utf-8")
    big = template(lines)
    out = await measure(seed, rounds, completions, f"seed template ({seed.count(chr(10))} lines)")
    out += await measure(
        big, max(3, rounds // 4), completions, f"generated template ({big.count(chr(10))} lines)"
    )
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--lines", type=int, default=2000)
    ap.add_argument("--rounds", type=int, default=40, help="(a quarter for the large template)")
    ap.add_argument("--completions", type=int, default=200)
    args = ap.parse_args(argv)
    text = template(args.lines)
    print(f"machine: {machine()}")
    print(f"template: {text.count(chr(10))} lines, {len(text):,} characters")
    for line in asyncio.run(run(args.lines, args.rounds, args.completions)):
        print(line, flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
