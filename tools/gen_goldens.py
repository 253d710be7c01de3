#!/usr/bin/env python3
"""Regenerate the conformance goldens with the real Apache FreeMarker 2.3.31 (the oracle).

    python3 tools/gen_goldens.py --fmref ../shared/tools/fmref/fmref [--root tests/conformance]

Every ``NAME.ftl`` under the root gets ``NAME.out`` (the exact output) or ``NAME.err``
(``ERROR <ExceptionClass>: <first line>``) written by ``fmref --batch``, which renders the
whole tree in one JVM. The data model of a case is ``NAME.json``, else the nearest
``_data.json`` up the tree (never above the root); a ``_wrapper`` file holding ``beans``
switches a folder to FreeMarker's BeansWrapper (the Amplitude profile). The oracle is always
run over the whole root so that this lookup is the same one ``tests/test_conformance.py``
does. Expected files are never written by hand nor by our own engine.

Exit status: 0 on success; 1 when the oracle is missing, fails, or leaves a case without a
golden; 2 on bad usage.
"""

from __future__ import annotations

import argparse
import collections
import os
import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_ROOT = REPO / "tests" / "conformance"
INSTALL_HINT = "sudo apt-get update && sudo apt-get install -y libfreemarker-java"


def fail(message: str) -> int:
    print(f"gen_goldens: error: {message}", file=sys.stderr)
    return 1


def check_oracle(fmref: Path) -> str | None:
    """Return the oracle's version line, or None (after explaining why) if it cannot run."""
    if not fmref.is_file() or not os.access(fmref, os.X_OK):
        fail(
            f"the FreeMarker oracle {fmref} is missing or not executable; it lives in "
            "../shared/tools/fmref/ (pass another one with --fmref or make goldens FMREF=...) "
            f"and needs FreeMarker 2.3.31: {INSTALL_HINT}"
        )
        return None
    if shutil.which("java") is None:
        fail(f"java is not on PATH; the oracle needs Java 17: {INSTALL_HINT} (and a JDK 17)")
        return None
    proc = subprocess.run([str(fmref), "--version"], capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        detail = (proc.stderr or proc.stdout).strip()
        fail(
            f"the oracle cannot run ({detail or f'exit {proc.returncode}'}); install it with: {INSTALL_HINT}"
        )
        return None
    version = proc.stdout.strip()
    if "2.3.31" not in version:
        fail(f"the oracle reports {version!r}, but the goldens must come from FreeMarker 2.3.31")
        return None
    return version


def topic_of(case: Path, root: Path) -> str:
    """The first two folder levels below the root, e.g. ``core/payloads``."""
    parts = case.relative_to(root).parent.parts
    return "/".join(parts[:2]) if parts else "."


def orphans(root: Path) -> list[Path]:
    """Goldens whose template no longer exists."""
    found = []
    for suffix in (".out", ".err"):
        for golden in root.rglob(f"*{suffix}"):
            if not golden.with_suffix(".ftl").exists():
                found.append(golden)
    return sorted(found)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--fmref", type=Path, required=True, help="path of the fmref oracle script")
    ap.add_argument("--root", type=Path, default=DEFAULT_ROOT, help="conformance root folder")
    ap.add_argument(
        "--prune", action="store_true", help="delete .out/.err files whose .ftl is gone"
    )
    args = ap.parse_args(argv)

    root: Path = args.root.resolve()
    if not root.is_dir():
        return fail(f"no conformance folder at {root}")
    cases = sorted(root.rglob("*.ftl"))
    if not cases:
        return fail(f"no *.ftl cases under {root}")

    version = check_oracle(args.fmref.resolve())
    if version is None:
        return 1
    print(f"gen_goldens: {version}; rendering {len(cases)} cases under {root}", file=sys.stderr)

    # One JVM for the whole tree; fmref prints its own summary on stderr.
    proc = subprocess.run([str(args.fmref.resolve()), "--batch", str(root)], check=False)
    if proc.returncode != 0:
        return fail(f"fmref --batch exited {proc.returncode} (see its messages above)")

    counts: dict[str, collections.Counter[str]] = collections.defaultdict(collections.Counter)
    missing = []
    for case in cases:
        out, err = case.with_suffix(".out"), case.with_suffix(".err")
        kind = "out" if out.exists() else "err" if err.exists() else None
        if kind is None:
            missing.append(case)
            continue
        counts[topic_of(case, root)][kind] += 1

    width = max(len(t) for t in counts) if counts else 10
    print(f"{'topic':<{width}}  {'cases':>6}  {'.out':>6}  {'.err':>6}")
    for topic in sorted(counts):
        c = counts[topic]
        print(f"{topic:<{width}}  {c['out'] + c['err']:>6}  {c['out']:>6}  {c['err']:>6}")
    total_out = sum(c["out"] for c in counts.values())
    total_err = sum(c["err"] for c in counts.values())
    print(f"{'total':<{width}}  {total_out + total_err:>6}  {total_out:>6}  {total_err:>6}")

    stale = orphans(root)
    if stale:
        verb = "deleted" if args.prune else "left (use --prune to delete)"
        print(f"gen_goldens: {len(stale)} goldens without a template {verb}:", file=sys.stderr)
        for path in stale:
            print(f"  {path.relative_to(root)}", file=sys.stderr)
            if args.prune:
                path.unlink()
    if missing:
        for case in missing:
            print(f"  no golden: {case.relative_to(root)}", file=sys.stderr)
        return fail(f"{len(missing)} cases got no golden")
    return 0


if __name__ == "__main__":
    sys.exit(main())
