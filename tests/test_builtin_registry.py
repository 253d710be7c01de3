"""The built-in registry documents itself correctly, and refuses what only the JVM can do.

Each entry's example ends with the output it claims (``FTL  → output``); that claim must be
what FreeMarker 2.3.31 prints (``tests/golden/builtin_examples.json``, written by
``tools/gen_example_goldens.py`` from the oracle).  JVM-only built-ins claim an error on
purpose: the sandbox refuses them, where FreeMarker would run them.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

import ftl
from ftl.builtins import BuiltIn, all_builtins
from ftl.errors import SandboxError

ARROW = "  → "
EXAMPLES: dict[str, str] = json.loads(
    (Path(__file__).parent / "golden" / "builtin_examples.json").read_text(encoding="utf-8")
)
ENTRIES = sorted(all_builtins().items())


@pytest.mark.parametrize(("name", "entry"), ENTRIES, ids=[n for n, _ in ENTRIES])
def test_entry_documents_itself(name: str, entry: BuiltIn) -> None:
    assert entry.summary and not entry.summary[0].islower() and entry.summary.endswith(".")
    src, arrow, _ = entry.example.partition(ARROW)
    assert arrow, f"?{name}: the example must show its output after '{ARROW.strip()}'"
    used = {all_builtins()[w].fn for w in re.findall(r"\?(\w+)", src) if w in all_builtins()}
    assert entry.fn in used, f"the example of ?{name} does not use it"


@pytest.mark.parametrize(
    ("name", "entry"),
    [(n, e) for n, e in ENTRIES if e.kind != "jvm_only"],
    ids=[n for n, e in ENTRIES if e.kind != "jvm_only"],
)
def test_example_output_is_freemarkers(name: str, entry: BuiltIn) -> None:
    src, _, claim = entry.example.partition(ARROW)
    assert src in EXAMPLES, "example not in the oracle goldens: run tools/gen_example_goldens.py"
    assert EXAMPLES[src] == claim


JVM_ONLY = [n for n, e in ENTRIES if e.kind == "jvm_only"]


@pytest.mark.parametrize("name", JVM_ONLY)
def test_jvm_only_builtins_are_refused(name: str) -> None:
    with pytest.raises(SandboxError) as info:
        ftl.Template("${x?" + name + "}").render({"x": "java.lang.Runtime"})
    assert "not available in this sandbox" in info.value.message


def test_new_cannot_reach_a_class() -> None:
    source = '<#assign e = "freemarker.template.utility.Execute"?new()>${e("id")}'
    with pytest.raises(SandboxError):
        ftl.Template(source).render({})


def test_builtin_docs_are_current() -> None:
    """docs/BUILTINS.md is generated from the registry; regenerate it when entries change."""
    import subprocess
    import sys

    root = Path(__file__).resolve().parent.parent
    result = subprocess.run(
        [sys.executable, str(root / "tools" / "gen_builtin_docs.py"), "--check"],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
