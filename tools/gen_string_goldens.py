"""Write ``tests/golden/strings.json``: string built-ins on random Unicode strings, as
FreeMarker 2.3.31 computes them, for ``tests/test_string_builtins.py``.

The strings (seeded, reproducible) mix ASCII, Latin-1, Turkish dotted/dotless i, German
sharp s, ligatures, title-case digraphs, Greek final sigma, combining marks, CJK, emoji
(surrogate pairs), control characters, no-break and Unicode spaces.  Each built-in
expression is rendered for every string in one ``fmref --batch`` run.

    python tools/gen_string_goldens.py [path/to/fmref]
"""

from __future__ import annotations

import json
import random
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "tests" / "golden" / "strings.json"
SEP = "\u001e"

ALPHABET = (
    list("abcxyzABCXYZ0129 .,;:-_/\\'\"<>&=?!()[]{}$%#@*+~|^`")
    + list("éÉüÜßñÑçøÅåæ")
    + list("İıIiĞğŞş")
    + ["ﬁ", "ǅ", "ǆ", "Ǆ", "ŉ", "ΐ", "ΣΑΣ", "ς", "σ", "Ω", "дЖ", "Ꭰ"]
    + ["e\u0301", "a\u0308", "\u0301"]
    + ["中文", "日本語", "한국어", "😀", "👍🏽", "𝔘", "\U0001f1fa\U0001f1f8"]
    + ["\t", "\n", "\r\n", "\r", "\x00", "\x01", "\x1f", "\x7f", "\x85", "\x9f"]
    + ["\u00a0", "\u2003", "\u3000", "\u2028", "\u2029", "\ufeff", "\u200b"]
    + ["  ", "   ", "..", "…", "]]>", "</", "-->", "<!"]
)

EXPRESSIONS = [
    "s?length",
    "s?upper_case",
    "s?lower_case",
    "s?cap_first",
    "s?uncap_first",
    "s?capitalize",
    "s?trim",
    "s?chop_linebreak",
    's?word_list?join("|")',
    "s?json_string",
    "s?js_string",
    "s?j_string",
    "s?html",
    "s?xml",
    "s?rtf",
    's?url("UTF-8")',
    's?url_path("UTF-8")',
    's?url("ISO-8859-1")',
    "s?truncate(10)",
    "s?truncate_w(12)",
    "s?truncate_c(8)",
    's?left_pad(12, ".")',
    's?right_pad(12, "ab")',
    's?index_of("a")',
    's?last_index_of("a")',
    's?index_of("😀")',
    's?contains("ß")?c',
    's?split(" ")?join("|")',
    's?split("a", "i")?join("|")',
    's?replace("i", "_", "i")',
    's?replace("[aeiou]", "_", "r")',
    's?replace("\\\\w+", "W", "r")',
    's?replace("\\\\s+", " ", "r")',
    's?replace("\\\\b", "|", "r")',
    's?replace(".", "*", "r")',
    's?replace("(?i)SS", "5", "r")',
    's?split("\\\\W+", "r")?join("|")',
    's?matches(".*[a-z].*")?c',
    's?keep_after(" ")',
    's?keep_before_last("a")',
    's?remove_beginning("a")',
    's?ensure_ends_with(".")',
    "s?has_content?c",
    's?starts_with("a")?c',
]


def random_strings(n: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    out = ["", " ", "a", "ß", "İ", "😀", "ǆa", "ΣΑΣ ΣΑΣ", "  x  ", "a\nb\r\n"]
    while len(out) < n:
        out.append("".join(rng.choice(ALPHABET) for _ in range(rng.randint(1, 14))))
    return out


def main() -> None:
    fmref = (
        sys.argv[1]
        if len(sys.argv) > 1
        else str(Path(__file__).resolve().parents[2] / "shared" / "tools" / "fmref" / "fmref")
    )
    strings = random_strings(120, 20261129)
    lists = [random_strings(12, seed) for seed in range(40)]
    cases: list[dict[str, object]] = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        (folder / "_data.json").write_text(
            json.dumps({"strs": strings, "lists": lists}), encoding="utf-8"
        )
        for i, expr in enumerate(EXPRESSIONS):
            src = f"<#list strs as s>${{{expr}}}{SEP}</#list>"
            (folder / f"x{i:03d}.ftl").write_text(src, encoding="utf-8")
        sort_src = f'<#list lists as l>${{l?sort?join("{SEP}")}}{SEP}{SEP}</#list>'
        (folder / "sort.ftl").write_text(sort_src, encoding="utf-8")
        subprocess.run([fmref, "--batch", str(folder)], check=True, capture_output=True)
        for i, expr in enumerate(EXPRESSIONS):
            out = folder / f"x{i:03d}.out"
            if not out.is_file():
                err = (folder / f"x{i:03d}.err").read_text(encoding="utf-8").strip()
                print(f"skipped {expr}: {err}")
                continue
            results = out.read_bytes().decode("utf-8").split(SEP)[:-1]
            assert len(results) == len(strings), expr
            for s, r in zip(strings, results, strict=True):
                cases.append({"expr": expr, "s": s, "expected": r})
        sorted_lists = (folder / "sort.out").read_bytes().decode("utf-8").split(SEP * 2)[:-1]
        for lst, r in zip(lists, sorted_lists, strict=True):
            cases.append({"expr": "sort", "list": lst, "expected": r.split(SEP)})
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(cases, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")
    print(f"{len(cases)} cases -> {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
