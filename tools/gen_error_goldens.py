#!/usr/bin/env python3
"""Regenerate tests/errors/*.expected.json with the real FreeMarker 2.3.31 (the oracle).

For every tests/errors/NAME.ftl (data: NAME.json, else _data.json beside it) this runs
``fmref`` with FMREF_FULL_ERROR=1 and records what FreeMarker reports: the exception class
and the position it blames (the ``==>`` expression's location for runtime errors, or the
"Failed at" instruction when there is none; "in line L, column C" for syntax errors).

    python3 tools/gen_error_goldens.py [--fmref ../shared/tools/fmref/fmref]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CASES = ROOT / "tests" / "errors"
_AT = re.compile(r"at line (\d+), column (\d+)\]")
_SYNTAX_AT = re.compile(r"in line (\d+), column (\d+)")


def expected_for(fmref: str, template: Path) -> dict[str, object]:
    data = template.with_suffix(".json")
    if not data.exists():
        data = template.parent / "_data.json"
    env = {**os.environ, "FMREF_FULL_ERROR": "1"}
    proc = subprocess.run(
        [fmref, str(template), str(data)], capture_output=True, text=True, env=env, timeout=120
    )
    if proc.returncode == 0:
        raise SystemExit(f"{template.name}: FreeMarker rendered it without an error")
    first = proc.stderr.splitlines()[0]
    m = re.match(r"ERROR (\w+): ", first)
    if m is None:
        raise SystemExit(f"{template.name}: unexpected oracle output: {first}")
    java_class = m.group(1)
    full = proc.stderr
    pos = _SYNTAX_AT.search(first) if java_class == "ParseException" else None
    if pos is None:
        blamed = re.search(r"==> .*?\[in template \"[^\"]*\" " + _AT.pattern, full)
        pos = blamed or _AT.search(full)
    if pos is None:
        raise SystemExit(f"{template.name}: no position in the oracle's message")
    return {"class": java_class, "line": int(pos.group(1)), "column": int(pos.group(2))}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--fmref", default=str(ROOT.parent / "shared" / "tools" / "fmref" / "fmref"))
    args = ap.parse_args()
    if not Path(args.fmref).exists():
        print(f"fmref not found at {args.fmref}", file=sys.stderr)
        return 2
    for template in sorted(CASES.glob("*.ftl")):
        expected = expected_for(args.fmref, template)
        out = template.with_suffix(".expected.json")
        out.write_text(json.dumps(expected, indent=2) + "\n", encoding="utf-8")
        print(f"{template.name}: {expected}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
