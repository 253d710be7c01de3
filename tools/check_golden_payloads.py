#!/usr/bin/env python3
"""Check (or regenerate) the golden payload snapshots against the FreeMarker oracle.

    python tools/check_golden_payloads.py [--fmref PATH] [--write]

For every case of ``tests/test_golden_payloads.py`` (template x cohort update) this renders
the template with real Apache FreeMarker 2.3.31 (``fmref --batch``, one JVM) and compares:

- ``tests/__snapshots__/test_golden_payloads/test_golden_payload[ID].json``: the oracle's
  payload pretty-printed as the plugin stores it, compared as parsed JSON;
- ``.../test_golden_payload_bytes[ID].txt``: the oracle's exact output.

Exit 0 when every snapshot matches the oracle, 1 when one differs or is missing (each is
listed), 2 when the oracle cannot run.  ``--write`` writes the oracle's renderings instead.
Our own engine is not used: the tests then check the engine against these files.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import subprocess
import sys
import tempfile
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parent.parent
TESTS = ROOT / "tests" / "test_golden_payloads.py"
SNAPSHOTS = ROOT / "tests" / "__snapshots__" / "test_golden_payloads"
DEFAULT_FMREF = ROOT.parent / "shared" / "tools" / "fmref" / "fmref"


def load_cases() -> ModuleType:
    spec = importlib.util.spec_from_file_location("test_golden_payloads", TESTS)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def oracle_outputs(fmref: Path, cases: ModuleType) -> dict[str, str | None]:
    """Case id -> the oracle's output (None when FreeMarker raised an error)."""
    from ftl.testing import make_cohort_update

    results: dict[str, str | None] = {}
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        ids = []
        for param in cases.PARAMS:
            template, case = param.values
            case_id = param.id
            ids.append(case_id)
            source = (ROOT / "examples" / template).read_text(encoding="utf-8")
            (work / f"{case_id}.ftl").write_text(source, encoding="utf-8")
            data = {"input": make_cohort_update(**cases.CASES[case])}
            (work / f"{case_id}.json").write_text(
                json.dumps(data, ensure_ascii=False), encoding="utf-8"
            )
        proc = subprocess.run(
            [str(fmref), "--batch", str(work)], capture_output=True, text=True, timeout=600
        )
        if proc.returncode not in (0, 1):
            sys.exit(f"fmref failed ({proc.returncode}): {proc.stderr.strip()}")
        for case_id in ids:
            out = work / f"{case_id}.out"
            results[case_id] = (
                out.read_bytes().decode("utf-8")
                if out.exists()
                else None  # NAME.err: FreeMarker raised an error
            )
    return results


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--fmref", type=Path, default=DEFAULT_FMREF, help="the oracle script")
    ap.add_argument("--write", action="store_true", help="write the oracle's renderings")
    args = ap.parse_args()
    if not args.fmref.exists():
        print(f"{args.fmref}: not found (see ../shared/tools/fmref/README.md)", file=sys.stderr)
        return 2

    from ftl.testing import json_equal, parse_payload, pretty_json

    cases = load_cases()
    outputs = oracle_outputs(args.fmref, cases)
    json_ids = {param.id for param in cases.JSON_PARAMS}
    problems: list[str] = []
    written = 0
    for case_id, text in outputs.items():
        if text is None:
            problems.append(f"{case_id}: FreeMarker raised an error; drop or fix the case")
            continue
        raw = SNAPSHOTS / f"test_golden_payload_bytes[{case_id}].txt"
        pretty = SNAPSHOTS / f"test_golden_payload[{case_id}].json"
        expected_json: str | None = None
        if case_id in json_ids:
            try:
                expected_json = pretty_json(parse_payload(text))
            except ValueError as e:
                problems.append(f"{case_id}: the oracle's payload is not JSON ({e})")
                continue
        if args.write:
            SNAPSHOTS.mkdir(parents=True, exist_ok=True)
            raw.write_bytes(text.encode("utf-8"))
            written += 1
            if expected_json is not None:
                pretty.write_text(expected_json, encoding="utf-8")
                written += 1
            continue
        if not raw.exists() or raw.read_bytes() != text.encode("utf-8"):
            problems.append(f"{raw.relative_to(ROOT)}: differs from the oracle or is missing")
        if expected_json is not None and (
            not pretty.exists()
            or not json_equal(
                parse_payload(pretty.read_text(encoding="utf-8")), parse_payload(expected_json)
            )
        ):
            problems.append(f"{pretty.relative_to(ROOT)}: differs from the oracle or is missing")
    for p in problems:
        print(p, file=sys.stderr)
    if args.write:
        print(f"wrote {written} snapshot files from the oracle under {SNAPSHOTS.relative_to(ROOT)}")
    else:
        print(f"{len(outputs)} cases checked against the oracle: {len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
