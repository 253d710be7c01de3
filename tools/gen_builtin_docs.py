"""Write ``docs/BUILTINS.md``: every built-in the engine knows, by family, from the registry
(the same summaries and examples that hover and completion show).

    python tools/gen_builtin_docs.py          # rewrite the file
    python tools/gen_builtin_docs.py --check  # exit 1 if the file is out of date
"""

from __future__ import annotations

import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ftl.builtins import BuiltIn, all_builtins  # noqa: E402

OUT = ROOT / "docs" / "BUILTINS.md"
FAMILIES = [
    ("strings", "Strings"),
    ("escaping", "Escaping"),
    ("numbers", "Numbers"),
    ("booleans", "Booleans"),
    ("dates", "Dates"),
    ("sequences", "Sequences"),
    ("hashes", "Hashes"),
    ("existence", "Existence"),
    ("types", "Types and ?switch"),
    ("loop", "Loop variables"),
    ("jvm", "Refused: JVM-only"),
]
INTRO = """# Built-ins

Generated from the registry by `tools/gen_builtin_docs.py`; do not edit by hand.

Every built-in of Apache FreeMarker 2.3.31 is here with its exact semantics (checked
against FreeMarker itself: `tests/conformance/builtins`, `tests/golden`), except:

- the JVM-only ones at the end, which the sandbox refuses with an error (templates see
  only the JSON-like data model, never Java or Python objects);
- `?esc`, `?no_esc` and `?markup_string`, which only exist inside output formats
  (FreeMarker itself rejects them in this configuration).

`?with_args` works on macros assigned to a variable (`<#assign m2 = m?with_args({...})><@m2/>`)
and on functions and methods; `<@m?with_args(...)/>` written directly after `<@` is not
supported (the macro name after `<@` must be a name).

Camel-case spellings (`?jsonString`) are accepted wherever FreeMarker accepts them.
"""


def render() -> str:
    by_family: dict[str, dict[int, tuple[list[str], BuiltIn]]] = defaultdict(dict)
    for name, entry in sorted(all_builtins().items()):
        group = by_family[entry.family].setdefault(id(entry.fn), ([], entry))
        group[0].append(name)
    lines = [INTRO]
    for family, title in FAMILIES:
        groups = sorted(by_family.pop(family, {}).values(), key=lambda g: g[1].name)
        if not groups:
            continue
        lines.append(f"\n## {title}\n")
        lines.append("| Built-in | What it does | Example |")
        lines.append("|---|---|---|")
        for names, entry in sorted(groups, key=lambda g: min(g[0], key=_snake_first)):
            names.sort(key=_snake_first)
            params = f"({', '.join(entry.params)})" if entry.params else ""
            shown = ", ".join(f"`?{n}{params if i == 0 else ''}`" for i, n in enumerate(names))
            example = entry.example.replace("|", "\\|")
            lines.append(f"| {shown} | {entry.summary} | `{example}` |")
    if by_family:
        raise SystemExit(f"families without a section: {sorted(by_family)}")
    return "\n".join(lines) + "\n"


def _snake_first(name: str) -> tuple[bool, str]:
    return (any(c.isupper() for c in name), name)


def main() -> None:
    text = render()
    if "--check" in sys.argv:
        if not OUT.is_file() or OUT.read_text(encoding="utf-8") != text:
            print(f"{OUT.relative_to(ROOT)} is out of date: run python tools/gen_builtin_docs.py")
            raise SystemExit(1)
        return
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
