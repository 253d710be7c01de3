"""Write ``tests/golden/numbers.json``: number formatting and arithmetic as FreeMarker 2.3.31
computes them, for the unit tests of ``ftl.formatting`` and ``ftl.arith``.

Every expected string comes from the oracle (one ``fmref --batch`` run); nothing here is
typed by hand except the inputs.  Values are written as ``D:1.5`` (a BigDecimal, i.e. an
FTL literal or a JSON decimal: Python ``Decimal``), ``F:0.1`` (a Double: Python ``float``)
and ``I:42`` (an Integer/Long: Python ``int``).

    python tools/gen_format_goldens.py [path/to/fmref]
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "tests" / "golden" / "numbers.json"
FMREF = Path(__file__).resolve().parents[2] / "shared" / "tools" / "fmref" / "fmref"

VALUES = [
    "I:0",
    "I:1",
    "I:-1",
    "I:42",
    "I:-7",
    "I:999",
    "I:1000",
    "I:-1000",
    "I:1234567",
    "I:2147483647",
    "I:-2147483648",
    "I:9223372036854775807",
    "I:12345678901234",
    "D:0",
    "D:0.0",
    "D:1.0",
    "D:1.50",
    "D:-0.5",
    "D:0.5",
    "D:1.5",
    "D:2.5",
    "D:-2.5",
    "D:0.125",
    "D:0.375",
    "D:1.005",
    "D:1.015",
    "D:0.0005",
    "D:0.0015",
    "D:-0.0005",
    "D:3.14159",
    "D:1234567.891",
    "D:-1234.5678",
    "D:0.000123456",
    "D:123456789.987654321",
    "D:0.1",
    "D:0.01",
    "D:99.995",
    "D:999999.9995",
    "D:12345678901234567890.123",
    "D:0.00000000000000000001",
    "D:1E+3",
    "D:1.23E-7",
    "F:0",
    "F:0.1",
    "F:0.2",
    "F:0.3",
    "F:1.5",
    "F:2.5",
    "F:-2.5",
    "F:0.125",
    "F:1.005",
    "F:2.675",
    "F:0.0005",
    "F:0.0015",
    "F:1e-7",
    "F:1e20",
    "F:1e21",
    "F:123456789.125",
    "F:0.3333333333333333",
    "F:-0.0004",
    "F:12345.6789",
    "F:9007199254740993",
    "F:1.7976931348623157e308",
    "F:5.097654563224752e18",
    "F:-1.141567904788997e18",
    "F:3.66609493277426e17",
    "F:2.8606316905910003e17",
    "F:9007199254740992",
    "F:18014398509481984",
    "F:4.9e-324",
]

PATTERNS = [
    "number",
    "computer",
    "currency",
    "percent",
    "0",
    "0.0",
    "0.00",
    "0.###",
    "#,##0.0#",
    "#,##0.00;(#,##0.00)",
    "#.##",
    ".##",
    "000.0",
    "#,##0%",
    "0.##%",
    "\u00a4#,##0.00",
    "0.###E0",
    "##0.##E0",
    "00.###E0",
    "0.00E00",
    "#,##,###",
    "0.0;; roundingMode=halfUp",
    "0.00;; roundingMode=down",
    "#,##0.00;; decimalSeparator=',' groupingSeparator='.'",
]


def random_patterns(n: int, seed: int) -> list[str]:
    """Seeded random DecimalFormat patterns: grouping, fraction, exponent, percent/per mille,
    quoted literals and negative subpatterns."""
    import random

    rng = random.Random(seed)
    out: list[str] = []
    while len(out) < n:
        int_part = rng.choice(["#", "##", "#,##", "#,###", "0", "00", "#,##0", "#,#00", "#0"])
        frac = rng.choice(["", ".", ".0", ".00", ".#", ".##", ".0#", ".00##", ".###"])
        exp = rng.choice(["", "", "", "E0", "E00", "E000"])
        if exp:
            int_part = int_part.replace(",", "")
        pre = rng.choice(["", "", "", "$", "'#'", "x ", "(", "%", "\u2030"])
        suf = rng.choice(["", "", "", " kg", "%", "'", "''", ")", "\u00a4"])
        pattern = pre + int_part + frac + exp + suf
        if rng.random() < 0.2:
            pattern += ";" + rng.choice(["(", "-", "neg "]) + "#" + rng.choice([")", "", " n"])
        if pattern not in out and pattern not in PATTERNS:
            out.append(pattern)
    return out


PATTERNS += random_patterns(40, 42)

ARITH_PAIRS = [
    ("I:1", "I:3"),
    ("I:2", "I:3"),
    ("I:10", "I:4"),
    ("I:-7", "I:2"),
    ("I:7", "I:-3"),
    ("D:1", "D:3"),
    ("D:1.00", "D:3"),
    ("D:7.5", "D:2"),
    ("D:-7.9", "D:2"),
    ("D:0.1", "D:0.2"),
    ("D:1.5", "D:1.5"),
    ("D:0.0000005", "D:0.000001"),
    ("D:0.0000015", "D:0.000001"),
    ("D:12345678901234567890", "D:7"),
    ("D:1", "D:3.00000000000000"),
    ("D:10", "D:0.0001"),
    ("I:9223372036854775807", "I:1"),
    ("I:42", "D:0.5"),
    ("F:0.1", "F:0.2"),
    ("F:1.5", "I:2"),
    ("F:7.5", "I:2"),
    ("F:1e20", "I:3"),
    ("D:2.5", "F:2.5"),
    ("D:0.1", "F:0.1"),
]


def random_pairs(n: int, seed: int) -> list[tuple[str, str]]:
    """Seeded random operand pairs: integers and decimals of assorted scales and signs."""
    import random

    rng = random.Random(seed)

    def one() -> str:
        kind = rng.choice("IDDF")
        if kind == "I":
            return f"I:{rng.randint(-(10 ** rng.randint(1, 12)), 10 ** rng.randint(1, 12))}"
        digits = str(rng.randint(1, 10 ** rng.randint(1, 20)))
        scale = rng.randint(0, 16)
        sign = rng.choice(["", "-"])
        text = (
            digits
            if scale == 0
            else digits[:-scale].rjust(1, "0") + "." + digits[-scale:].rjust(scale, "0")
        )
        if kind == "F":
            return f"F:{sign}{float(text)!r}"
        return f"D:{sign}{text}"

    pairs = []
    while len(pairs) < n:
        a, b = one(), one()
        if float(b.split(":")[1]) != 0:
            pairs.append((a, b))
    return pairs


ARITH_PAIRS += random_pairs(150, 7)


def ftl_value(spec: str, ints: list[int]) -> str:
    kind, _, text = spec.partition(":")
    if kind == "I":
        ints.append(int(text))
        return f"ints[{len(ints) - 1}]"
    if kind == "D":
        return f'"{text}"?number'
    return f'"{text}"?number?double'


def ftl_escape(s: str) -> str:
    return s.replace("\\", "\\\\").replace('"', '\\"')


def main() -> None:
    fmref = sys.argv[1] if len(sys.argv) > 1 else str(FMREF)
    ints: list[int] = []
    jobs: dict[str, tuple[str, list[dict[str, str]]]] = {}
    for pi, pattern in enumerate(PATTERNS):
        for vi, spec in enumerate(VALUES):
            expr = ftl_value(spec, ints)
            if pattern in ("number", "computer", "currency", "percent") or ";;" in pattern:
                src = f'<#setting number_format="{ftl_escape(pattern)}">${{{expr}}}'
            else:
                src = f'${{{expr}?string("{ftl_escape(pattern)}")}}'
            jobs[f"fmt_{pi:02d}_{vi:03d}"] = (
                src,
                [{"op": "format", "pattern": pattern, "value": spec}],
            )
    for vi, spec in enumerate(VALUES):
        jobs[f"c_{vi:03d}"] = (f"${{{ftl_value(spec, ints)}?c}}", [{"op": "c", "value": spec}])
    ops = {"add": "+", "sub": "-", "mul": "*", "div": "/", "mod": "%"}
    for ai, (a, b) in enumerate(ARITH_PAIRS):
        for op, sym in ops.items():
            src = f"${{({ftl_value(a, ints)} {sym} {ftl_value(b, ints)})?c}}"
            jobs[f"ar_{ai:02d}_{op}"] = (src, [{"op": op, "a": a, "b": b}])
        src = (
            f"<#assign x = {ftl_value(a, ints)}><#assign y = {ftl_value(b, ints)}>"
            "${(x < y)?then(-1, (x == y)?then(0, 1))}"
        )
        jobs[f"ar_{ai:02d}_cmp"] = (src, [{"op": "compare", "a": a, "b": b}])
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        (folder / "_data.json").write_text(json.dumps({"ints": ints}), encoding="utf-8")
        for name, (src, _) in jobs.items():
            (folder / f"{name}.ftl").write_text(src, encoding="utf-8")
        subprocess.run([fmref, "--batch", str(folder)], check=True, capture_output=True)
        cases = []
        for name, (_, meta) in sorted(jobs.items()):
            entry = dict(meta[0])
            out = folder / f"{name}.out"
            err = folder / f"{name}.err"
            if out.is_file():
                entry["expected"] = out.read_bytes().decode("utf-8")
            else:
                entry["error"] = err.read_text(encoding="utf-8").strip().split(":", 1)[0]
            cases.append(entry)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(cases, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"{len(cases)} cases -> {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
