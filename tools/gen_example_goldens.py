"""Render every built-in's documented example with the oracle and write
``tests/golden/builtin_examples.json`` ({example FTL: FreeMarker's output or error}).

``tests/test_builtin_registry.py`` then checks that the output each registry entry claims
(after the arrow) is what FreeMarker prints, so hover and completion never show a wrong
example.

    python tools/gen_example_goldens.py [path/to/fmref]
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ftl.builtins import all_builtins  # noqa: E402

OUT = ROOT / "tests" / "golden" / "builtin_examples.json"
ARROW = "  → "
DATA = {"n": 42, "users": [{"name": "bob"}, {"name": "Ann"}], "x": "text", "missing": None}


def main() -> None:
    fmref = (
        sys.argv[1]
        if len(sys.argv) > 1
        else str(Path(__file__).resolve().parents[2] / "shared" / "tools" / "fmref" / "fmref")
    )
    sources = sorted({b.example.split(ARROW)[0] for b in all_builtins().values()})
    results: dict[str, str] = {}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        (folder / "_data.json").write_text(json.dumps(DATA), encoding="utf-8")
        for i, src in enumerate(sources):
            (folder / f"e{i:04d}.ftl").write_text(src, encoding="utf-8")
        subprocess.run([fmref, "--batch", str(folder)], check=True, capture_output=True)
        for i, src in enumerate(sources):
            out = folder / f"e{i:04d}.out"
            err = folder / f"e{i:04d}.err"
            results[src] = (
                out.read_bytes().decode("utf-8")
                if out.is_file()
                else err.read_text(encoding="utf-8").strip()
            )
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(results, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"{len(results)} examples -> {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
