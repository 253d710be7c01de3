"""A short differential-fuzzing campaign against the oracle (``make fuzz-diff`` runs a long
one): 200 generated templates rendered by ftl and by FreeMarker 2.3.31 must agree on output
bytes, error kind and Java class.  The divergences already reported are steered around
(``avoid_known``), so this fails on a new one.

CI installs the oracle (``.ci/run``); elsewhere the test is skipped when it is missing."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

TOOLS = Path(__file__).resolve().parents[1] / "tools"
sys.path.insert(0, str(TOOLS))

import fuzz_diff  # noqa: E402

FMREF = Path(os.environ.get("FMREF", fuzz_diff.DEFAULT_FMREF))

needs_oracle = pytest.mark.skipif(
    not fuzz_diff.oracle_available(FMREF) and not os.environ.get("CI"),
    reason="the FreeMarker oracle (java, libfreemarker-java, ../shared/tools/fmref) is missing",
)


@needs_oracle
def test_short_differential_campaign() -> None:
    cases = fuzz_diff.generate(seed=20261129, count=200, avoid_known=True)
    divergences = fuzz_diff.run_batch(FMREF, cases, timeout=120)
    assert not divergences, "\n\n".join(d.describe() for d in divergences)


@needs_oracle
def test_unrestricted_generator_never_crashes_ftl() -> None:
    """Without ``avoid_known`` the known divergences may show up (they are conformance
    cases already), but ftl never fails with anything else than a TemplateError."""
    cases = fuzz_diff.generate(seed=7, count=200)
    divergences = fuzz_diff.run_batch(FMREF, cases, timeout=120)
    crashes = [d.describe() for d in divergences if d.ours.kind == "crash"]
    assert not crashes, "\n\n".join(crashes)


def test_a_jvm_crash_of_the_oracle_agrees_only_with_a_clean_failure() -> None:
    out = fuzz_diff.Outcome
    stack_overflow = out("runtime", "StackOverflowError", "null")
    class_cast = out("runtime", "ClassCastException", "class ... cannot be cast")
    depth_limit = out("runtime", "None", "Macro/function calls nest too deeply")
    assert fuzz_diff.agree(depth_limit, stack_overflow)
    assert fuzz_diff.agree(depth_limit, out("runtime", "OutOfMemoryError", "Java heap space"))
    assert not fuzz_diff.agree(out("ok", "out"), stack_overflow)
    assert not fuzz_diff.agree(out("runtime", "InvalidReferenceException"), stack_overflow)
    assert fuzz_diff.agree(out("syntax", "ParseException"), class_cast)
    assert not fuzz_diff.agree(out("ok", "JSON"), class_cast)
    assert not fuzz_diff.agree(out("crash", "TypeError"), class_cast)
    assert not fuzz_diff.agree(out("ok", "a"), out("ok", "b"))


def test_documented_refusals_are_not_divergences() -> None:
    out = fuzz_diff.Outcome
    square = out("syntax", "ParseException", "Square-bracket tag syntax ([#ftl], ...) is not ...")
    assert fuzz_diff.agree(square, out("ok", "ba"))
    assert not fuzz_diff.agree(out("syntax", "ParseException", "Encountered x"), out("ok", "ba"))
