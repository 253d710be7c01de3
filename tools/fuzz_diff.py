#!/usr/bin/env python3
"""Differential fuzzing: random templates and data rendered by ``ftl`` and by the real
FreeMarker 2.3.31 (the oracle), every divergence reported.

    python3 tools/fuzz_diff.py [--count 200] [--seed 0] [--batches 1] [--fmref PATH] [--keep DIR]

Each batch writes ``COUNT`` cases (``case_NNNN.ftl`` + ``case_NNNN.json``, from
``tools/fuzz_gen.py``) to a temporary folder, runs ``fmref --batch`` over it (one JVM) and
renders every case with ``ftl``.  A divergence is a difference of output bytes, of error
kind (syntax vs runtime, or rendered vs failed), or of the error's Java class.  ``--keep``
copies the divergent cases there, ready to become conformance cases.

Exit status: 0 when the engines agree on every case, 1 on a divergence, 2 when the oracle
cannot run.
"""

from __future__ import annotations

import argparse
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "tools"))

from fuzz_gen import Generator, mutate  # noqa: E402

import ftl  # noqa: E402

DEFAULT_FMREF = REPO.parent / "shared" / "tools" / "fmref" / "fmref"
ERR_LINE = re.compile(r"ERROR (?P<cls>[\w$.]+): ?(?P<message>.*)", re.S)


@dataclass(frozen=True)
class Outcome:
    kind: str
    """"ok", "syntax", "runtime" or "crash" (ftl raised something else than TemplateError)."""
    detail: str
    """The output, or the error's Java class."""
    message: str = ""


@dataclass(frozen=True)
class Divergence:
    name: str
    source: str
    data_json: str
    ours: Outcome
    oracle: Outcome

    def describe(self) -> str:
        def show(o: Outcome) -> str:
            if o.kind == "ok":
                return f"renders {o.detail!r}"
            return f"{o.kind} error {o.detail}: {o.message[:160]}"

        return (
            f"{self.name}: {self.source!r}\n  data:   {self.data_json}\n"
            f"  oracle: {show(self.oracle)}\n  ftl:    {show(self.ours)}"
        )


def render_ours(
    source: str, data_json: str, timeout: float = 5.0, name: str = "case.ftl"
) -> Outcome:
    import decimal
    import json

    data = json.loads(data_json, parse_float=decimal.Decimal)
    try:
        template = ftl.Template(source, name, amplitude=False, limits=ftl.Limits(timeout=timeout))
        output = template.render(data)
    except ftl.TemplateSyntaxError as e:
        return Outcome("syntax", str(e.java_class), str(e).splitlines()[0])
    except ftl.TemplateError as e:
        return Outcome("runtime", str(e.java_class), str(e).splitlines()[0])
    except Exception as e:  # a crash: never acceptable, always a divergence
        return Outcome("crash", type(e).__name__, f"{e}")
    return Outcome("ok", output.encode("utf-8", errors="replace").decode("utf-8"))


def oracle_outcome(folder: Path, name: str) -> Outcome:
    err, out = folder / f"{name}.err", folder / f"{name}.out"
    if err.is_file():
        text = err.read_bytes().decode("utf-8").strip()
        match = ERR_LINE.fullmatch(text)
        cls = match["cls"] if match else "?"
        message = match["message"] if match else text
        return Outcome("syntax" if cls == "ParseException" else "runtime", cls, message)
    if out.is_file():
        return Outcome("ok", out.read_bytes().decode("utf-8", errors="replace"))
    return Outcome("missing", "")


# Where FreeMarker itself crashes with a JVM error rather than a TemplateException, ftl
# failing cleanly is the agreement we want: deep recursion and runaway loops end in our
# limits (ResourceLimitError, no Java class), and FreeMarker's ClassCastException on odd
# #ftl header values is a syntax error here.
JVM_CRASHES = {
    "StackOverflowError": ("runtime",),
    "OutOfMemoryError": ("runtime",),
    "ClassCastException": ("syntax", "runtime"),
}
LIMIT_CRASHES = frozenset({"StackOverflowError", "OutOfMemoryError"})


# Our documented refusals (README, Output formats): FreeMarker renders these templates,
# ftl refuses them with a syntax error saying why, rather than rendering them differently.
DELIBERATE_REFUSALS = ("Square-bracket tag syntax", "turns on auto-escaping")


def agree(ours: Outcome, oracle: Outcome) -> bool:
    if ours.kind == "syntax" and any(r in ours.message for r in DELIBERATE_REFUSALS):
        return True
    if oracle.kind == "runtime" and oracle.detail in JVM_CRASHES:
        return ours.kind in JVM_CRASHES[oracle.detail] and (
            oracle.detail not in LIMIT_CRASHES or ours.detail == "None"
        )
    return ours.kind == oracle.kind and ours.detail == oracle.detail


def generate(seed: int, count: int, *, avoid_known: bool = False) -> list[tuple[str, str, str]]:
    """``count`` (name, source, data JSON) cases from ``seed``."""
    r = random.Random(seed)
    cases = []
    for i in range(count):
        gen = Generator(r, avoid_known=avoid_known)
        source = gen.template()
        cases.append((f"case_{i:04d}", source, Generator.data_json(gen.data())))
    return cases


def generate_mutants(seed: int, count: int) -> list[tuple[str, str, str]]:
    """``count`` mutations of the core conformance corpus (its default object wrapper part),
    with the corpus's data."""
    corpus = REPO / "tests" / "conformance" / "core"
    files = sorted(p for p in corpus.rglob("*.ftl") if "amplitude" not in p.parts)
    data_json = (corpus / "_data.json").read_text("utf-8")
    r = random.Random(seed)
    cases = []
    for i in range(count):
        path = r.choice(files)
        try:
            source = path.read_text("utf-8")
        except FileNotFoundError:  # the corpus is being regenerated
            continue
        own = path.with_suffix(".json")
        data = own.read_text("utf-8") if own.is_file() else data_json
        cases.append((f"mut_{i:04d}", mutate(source, r, r.randint(1, 4)), data))
    return cases


def run_batch(
    fmref: Path, cases: list[tuple[str, str, str]], timeout: float = 600
) -> list[Divergence]:
    with tempfile.TemporaryDirectory(prefix="fuzz-diff-") as tmp:
        folder = Path(tmp)
        for name, source, data_json in cases:
            (folder / f"{name}.ftl").write_bytes(source.encode("utf-8"))
            (folder / f"{name}.json").write_bytes(data_json.encode("utf-8"))
        subprocess.run(
            [str(fmref), "--batch", str(folder)],
            check=True,
            capture_output=True,
            timeout=timeout,
        )
        found = []
        for name, source, data_json in cases:
            oracle = oracle_outcome(folder, name)
            # the oracle's template is {name}.ftl: .current_template_name must agree
            ours = render_ours(source, data_json, name=f"{name}.ftl")
            if not agree(ours, oracle):
                found.append(Divergence(name, source, data_json, ours, oracle))
        return found


def oracle_available(fmref: Path) -> bool:
    return (
        fmref.is_file()
        and shutil.which("java") is not None
        and Path("/usr/share/java/freemarker.jar").is_file()
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=200, help="cases per batch (one JVM each)")
    parser.add_argument("--batches", type=int, default=1)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--fmref", type=Path, default=DEFAULT_FMREF)
    parser.add_argument(
        "--avoid-known",
        action="store_true",
        help="don't generate the divergences already reported (fuzz_gen.KNOWN_DIVERGENCES)",
    )
    parser.add_argument(
        "--mutate",
        action="store_true",
        help="mutations of the core conformance corpus instead of generated templates",
    )
    parser.add_argument("--keep", type=Path, help="copy divergent cases to this folder")
    args = parser.parse_args(argv)
    if not oracle_available(args.fmref):
        print(
            f"fuzz_diff: the oracle {args.fmref} cannot run (java, libfreemarker-java)",
            file=sys.stderr,
        )
        return 2
    started = time.monotonic()
    total, divergences = 0, []
    for b in range(args.batches):
        if args.mutate:
            cases = generate_mutants(args.seed + b, args.count)
        else:
            cases = generate(args.seed + b, args.count, avoid_known=args.avoid_known)
        found = run_batch(args.fmref, cases)
        total += len(cases)
        for d in found:
            d = Divergence(f"s{args.seed + b}_{d.name}", d.source, d.data_json, d.ours, d.oracle)
            divergences.append(d)
            print(d.describe(), flush=True)
            if args.keep:
                args.keep.mkdir(parents=True, exist_ok=True)
                (args.keep / f"{d.name}.ftl").write_bytes(d.source.encode("utf-8"))
                (args.keep / f"{d.name}.json").write_bytes(d.data_json.encode("utf-8"))
    elapsed = time.monotonic() - started
    print(f"fuzz_diff: {total} cases, {len(divergences)} divergences, {elapsed:.0f} s")
    return 1 if divergences else 0


if __name__ == "__main__":
    sys.exit(main())
