"""Conformance: every ``tests/conformance/**/NAME.ftl`` renders as Apache FreeMarker 2.3.31 does.

The expected results were written by the oracle (``make goldens``, i.e.
``tools/gen_goldens.py`` running ``fmref --batch``), never by hand or by this engine:

- ``NAME.out``: the exact output bytes;
- ``NAME.err``: one line ``ERROR <JavaExceptionClass>: <first line of the message>``; the
  engine must raise an ``ftl.TemplateError`` whose ``java_class`` names the same class
  (``ParseException`` is ``ftl.TemplateSyntaxError``) and that carries the template's file
  name and a line number. When FreeMarker's first line states ``line L, column C`` (syntax
  errors do), ``error.freemarker_position()`` must give the same pair (FreeMarker counts
  UTF-16 code units and expands tabs to multiples of 8; ``error.column`` counts characters).

The data model is ``NAME.json``, else the nearest ``_data.json`` up the tree (not above
``tests/conformance``), else empty; numbers with a fraction or exponent load as ``Decimal``
(the oracle reads them as ``BigDecimal``). A case runs with ``amplitude=True`` when the
nearest ``_wrapper`` file (or a ``NAME.wrapper`` file) says ``beans``, the oracle's
BeansWrapper, which is what Amplitude runs.

Setting ``FTL_FORCE_GENERAL_PATH=1`` in the environment makes the engine skip its fast paths;
the runner passes the environment through unchanged, so ``FTL_FORCE_GENERAL_PATH=1 pytest
tests/test_conformance.py`` checks the general path against the same goldens.
"""

from __future__ import annotations

import decimal
import difflib
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

import ftl

ROOT = Path(__file__).resolve().parent / "conformance"
CASES = sorted(ROOT.rglob("*.ftl"))
ERR_LINE = re.compile(r"ERROR (?P<cls>[\w$.]+): (?P<message>.*)")
POSITION = re.compile(r"\bline (?P<line>\d+), column (?P<column>\d+)")
OPERAND_ROLE = re.compile(
    r'For "[^"]*" (?:left-hand operand|right-hand operand|enclosed operand|item key|list source|callee|condition|content): '
)
MAX_DIFF_LINES = 60


@dataclass(frozen=True)
class Case:
    template: Path

    @property
    def name(self) -> str:
        return self.template.relative_to(ROOT).as_posix()

    def sibling(self, suffix: str) -> Path:
        return self.template.with_suffix(suffix)

    def nearest(self, file_name: str) -> Path | None:
        """``file_name`` in the case's folder or the closest ancestor up to the root."""
        folder = self.template.parent
        while True:
            candidate = folder / file_name
            if candidate.is_file():
                return candidate
            if folder == ROOT or ROOT not in folder.parents:
                return None
            folder = folder.parent

    def data(self) -> dict[str, Any]:
        own = self.sibling(".json")
        path = own if own.is_file() else self.nearest("_data.json")
        if path is None:
            return {}
        text = path.read_bytes().decode("utf-8-sig")
        model = json.loads(text, parse_float=decimal.Decimal)
        assert isinstance(model, dict), f"{path}: the data model must be a JSON object"
        return model

    def amplitude(self) -> bool:
        own = self.sibling(".wrapper")
        path = own if own.is_file() else self.nearest("_wrapper")
        return path is not None and path.read_text(encoding="utf-8").strip() == "beans"


def show(text: str) -> list[str]:
    """Lines with their ends kept and invisible characters made visible, for diffs."""
    return [repr(line)[1:-1] + "\n" for line in text.splitlines(keepends=True)]


def diff(expected: str, actual: str) -> str:
    lines = list(difflib.unified_diff(show(expected), show(actual), "oracle (.out)", "ftl", n=2))
    if len(lines) > MAX_DIFF_LINES:
        lines = [*lines[:MAX_DIFF_LINES], f"... {len(lines) - MAX_DIFF_LINES} more diff lines\n"]
    return "".join(lines)


def render(case: Case) -> str:
    source = case.template.read_bytes().decode("utf-8")  # bytes: no newline translation
    template = ftl.Template(source, name=case.template.name, amplitude=case.amplitude())
    result: str = template.render(case.data())
    return result


@pytest.mark.parametrize("case", [Case(t) for t in CASES], ids=lambda c: c.name)
def test_conformance(case: Case) -> None:
    out, err = case.sibling(".out"), case.sibling(".err")
    if err.is_file():
        check_error(case, err.read_bytes().decode("utf-8").strip())
    elif out.is_file():
        check_output(case, out.read_bytes())
    else:
        pytest.fail(f"{case.name}: no .out or .err golden; run make goldens", pytrace=False)


def check_output(case: Case, expected: bytes) -> None:
    try:
        actual = render(case)
    except ftl.TemplateError as error:
        failure = (
            f"{case.name}: FreeMarker renders this, but ftl raised {type(error).__name__} "
            f"(java_class={error.java_class}): {error}"
        )
    else:
        # Java's UTF-8 encoder writes "?" for a lone surrogate; errors="replace" does the same.
        if actual.encode("utf-8", errors="replace") == expected:
            return
        failure = f"{case.name}: output differs from the oracle\n" + diff(
            expected.decode("utf-8"), actual
        )
    pytest.fail(failure, pytrace=False)


def check_error(case: Case, golden: str) -> None:
    match = ERR_LINE.fullmatch(golden)
    assert match, f"{case.name}: malformed .err golden {golden!r}"
    java_class, message = match["cls"], match["message"]
    try:
        output = render(case)
    except ftl.TemplateError as error:
        caught = error
    else:
        pytest.fail(
            f"{case.name}: expected {java_class} ({message}), but rendered:\n{output!r}",
            pytrace=False,
        )
    if java_class == "ParseException":
        assert isinstance(caught, ftl.TemplateSyntaxError), (
            f"{case.name}: expected a syntax error (ParseException), got "
            f"{type(caught).__name__}: {caught}"
        )
    else:
        assert not isinstance(caught, ftl.TemplateSyntaxError), (
            f"{case.name}: expected runtime {java_class}, got a syntax error: {caught}"
        )
    assert caught.java_class == java_class, (
        f"{case.name}: expected {java_class} ({message}), got "
        f"{type(caught).__name__} (java_class={caught.java_class}): {caught}"
    )
    assert caught.lineno > 0, f"{case.name}: the error carries no line: {caught}"
    assert caught.name == case.template.name, (
        f"{case.name}: the error names template {caught.name!r}, not {case.template.name!r}"
    )
    role = OPERAND_ROLE.match(message)
    if role:  # which operand failed, as FreeMarker words it: 'For "-" left-hand operand: '
        assert caught.message.startswith(role[0]), (
            f"{case.name}: FreeMarker's message begins {role[0]!r}; ftl's is {caught.message!r}"
        )
    position = POSITION.search(message)
    if position:
        expected_at = (int(position["line"]), int(position["column"]))
        got_at = caught.freemarker_position()
        assert got_at == expected_at, (
            f"{case.name}: FreeMarker reports line {expected_at[0]}, column {expected_at[1]}; "
            f"ftl says line {got_at[0]}, column {got_at[1]}: {caught}"
        )
