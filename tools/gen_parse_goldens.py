"""Write ``tests/golden/date_parsing.json``: ``"..."?date(fmt)`` / ``?time`` / ``?datetime``
parsing as FreeMarker 2.3.31 does it (epoch milliseconds, or the error class), for
``tests/test_date_parsing.py``.

    python tools/gen_parse_goldens.py [path/to/fmref]
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "tests" / "golden" / "date_parsing.json"

CASES = [
    ("datetime", "yyyy-MM-dd HH:mm:ss", "2023-11-14 10:20:30"),
    ("datetime", "yyyy-MM-dd HH:mm:ss", "2023-11-14 10:20"),
    ("datetime", "yyyy-MM-dd HH:mm:ss", "2023-11-14 10:20:30 trailing"),
    ("datetime", "yyyy-MM-dd HH:mm:ss", "2023-11-14T10:20:30"),
    ("date", "yyyy-MM-dd", "2023-11-14"),
    ("date", "yyyy-MM-dd", "2023-02-30"),
    ("date", "yyyy-MM-dd", "2023-13-01"),
    ("date", "yyyy-MM-dd", "23-1-5"),
    ("date", "yyyy-MM-dd", "nope"),
    ("date", "yyyy-MM-dd", ""),
    ("date", "MM/dd/yy", "11/14/23"),
    ("date", "MM/dd/yy", "11/14/99"),
    ("date", "MM/dd/yyyy", "1/2/2024"),
    ("date", "dd.MM.yyyy", "14.11.2023"),
    ("date", "d MMMM yyyy", "14 November 2023"),
    ("date", "d MMM yyyy", "14 Nov 2023"),
    ("date", "d MMM yyyy", "14 nov 2023"),
    ("date", "EEE, d MMM yyyy", "Tue, 14 Nov 2023"),
    ("date", "yyyyMMdd", "20231114"),
    ("datetime", "yyyy-MM-dd'T'HH:mm:ssXXX", "2023-11-14T10:20:30-03:00"),
    ("datetime", "yyyy-MM-dd'T'HH:mm:ssXXX", "2023-11-14T10:20:30Z"),
    ("datetime", "yyyy-MM-dd'T'HH:mm:ssZ", "2023-11-14T10:20:30+0530"),
    ("datetime", "yyyy-MM-dd'T'HH:mm:ss.SSSZ", "2023-11-14T10:20:30.123+0000"),
    ("datetime", "EEE, d MMM yyyy HH:mm:ss Z", "Tue, 14 Nov 2023 22:13:20 +0000"),
    ("datetime", "yyyy-MM-dd hh:mm a", "2023-11-14 10:20 PM"),
    ("datetime", "yyyy-MM-dd hh:mm a", "2023-11-14 12:05 AM"),
    ("datetime", "yyyy-MM-dd HH:mm z", "2023-11-14 10:20 UTC"),
    ("datetime", "yyyy-MM-dd HH:mm z", "2023-11-14 10:20 PST"),
    ("time", "HH:mm", "10:20"),
    ("time", "HH:mm:ss", "23:59:59"),
    ("time", "h:mm a", "9:05 AM"),
    ("time", "HH:mm", "25:61"),
    ("date", "iso", "2023-11-14"),
    ("date", "iso", "2023-11"),
    ("date", "iso", "20231114"),
    ("datetime", "iso", "2023-11-14T10:20:30Z"),
    ("datetime", "iso", "2023-11-14T10:20:30.5+02:00"),
    ("datetime", "iso", "2023-11-14T10:20"),
    ("datetime", "iso", "2023-11-14T10:20:30"),
    ("datetime", "iso", "2023-11-14 10:20:30"),
    ("datetime", "iso", "20231114T102030Z"),
    ("time", "iso", "10:20:30Z"),
    ("time", "iso", "10:20"),
    ("date", "xs", "2023-11-14"),
    ("date", "xs", "2023-11-14Z"),
    ("date", "xs", "2023-11-14+05:00"),
    ("datetime", "xs", "2023-11-14T10:20:30Z"),
    ("datetime", "xs", "2023-11-14T10:20:30"),
    ("datetime", "xs", "2023-11-14T24:00:00Z"),
    ("date", "short", "11/14/23"),
    ("date", "medium", "Nov 14, 2023"),
    ("date", "long", "November 14, 2023"),
    ("datetime", "medium", "Nov 14, 2023, 10:13:20 PM"),
    ("time", "short", "10:13 PM"),
    ("time", "medium", "10:13:20 PM"),
]
ZONES = ["UTC", "America/New_York"]


def main() -> None:
    fmref = (
        sys.argv[1]
        if len(sys.argv) > 1
        else str(Path(__file__).resolve().parents[2] / "shared" / "tools" / "fmref" / "fmref")
    )
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        names = []
        for zi, zone in enumerate(ZONES):
            for ci, (kind, fmt, text) in enumerate(CASES):
                name = f"p{zi}_{ci:03d}"
                src = f'<#setting time_zone="{zone}">${{"{text}"?{kind}("{fmt}")?long?c}}'
                (folder / f"{name}.ftl").write_text(src, encoding="utf-8")
                names.append((name, zone, kind, fmt, text))
        subprocess.run([fmref, "--batch", str(folder)], check=True, capture_output=True)
        for name, zone, kind, fmt, text in names:
            out = folder / f"{name}.out"
            entry = {"zone": zone, "kind": kind, "format": fmt, "text": text}
            if out.is_file():
                entry["ms"] = int(out.read_bytes().decode("utf-8"))
            else:
                err = (folder / f"{name}.err").read_bytes().decode("utf-8").strip()
                entry["error"] = err.split(":", 1)[0].removeprefix("ERROR ")
            results.append(entry)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(results, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")
    print(f"{len(results)} cases -> {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
