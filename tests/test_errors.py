"""Errors: the FreeMarker exception class, the position FreeMarker blames, and our message.

The class and position of every case in tests/errors/ come from the real FreeMarker
2.3.31 (tools/gen_error_goldens.py writes NAME.expected.json); the message fragments below
are this project's own wording, which must name what went wrong and help fix it.
"""

from __future__ import annotations

import json
import pickle
from decimal import Decimal
from pathlib import Path

import pytest

import ftl

CASES = Path(__file__).parent / "errors"

MESSAGES = {
    "boolean_without_c.ftl": ["Can't convert boolean to string", "?c"],
    "builtin_bad_argument.ftl": ["?left_pad", "number"],
    "c_on_string.ftl": ['"?c"', "string"],
    "dot_on_string.ftl": ["Expected a hash", "string"],
    "end_tag_without_start.ftl": ["</#if>", "no open <#if>"],
    "exponent_literal.ftl": ['"e3"'],
    "list_a_string.ftl": ["sequence", "string"],
    "missing_field.ftl": ["null or missing", 'Did you mean "input.cohort_name"'],
    "sequence_plus_number.ftl": ["sequence"],
    "string_less_than.ftl": ["string literal", "number"],
    "string_minus_number.ftl": ["Expected a number", "string"],
    "unclosed_if.ftl": ["unclosed <#if>", "line 1, column 1", "</#if>"],
    "unclosed_list_tag.ftl": ["shouldn't end with"],
    "undefined_variable.ftl": ["null or missing"],
    "unknown_builtin.ftl": ['Unknown built-in: "upper"', "?upper_case"],
}


def _render(path: Path) -> str:
    data = json.loads((CASES / "_data.json").read_text(encoding="utf-8"), parse_float=Decimal)
    return ftl.Template(path.read_text(encoding="utf-8"), path.name).render(data)


@pytest.mark.parametrize("name", sorted(MESSAGES))
def test_error_class_position_and_message(name: str) -> None:
    path = CASES / name
    expected = json.loads(path.with_suffix(".expected.json").read_text(encoding="utf-8"))
    with pytest.raises(ftl.TemplateError) as info:
        _render(path)
    err = info.value
    assert err.java_class == expected["class"], str(err)
    assert err.freemarker_position() == (expected["line"], expected["column"]), str(err)
    assert err.name == name
    text = str(err)
    for fragment in MESSAGES[name]:
        assert fragment in text, f"{fragment!r} not in {text!r}"
    assert f'in template "{name}" at line {err.lineno}, column {err.column}' in text


def test_every_error_case_has_a_message_check() -> None:
    assert sorted(p.name for p in CASES.glob("*.ftl")) == sorted(MESSAGES)


def test_syntax_errors_are_template_syntax_errors_and_runtime_ones_are_not() -> None:
    with pytest.raises(ftl.TemplateSyntaxError):
        ftl.Template("${x?nosuch}")
    with pytest.raises(ftl.TemplateRuntimeError) as info:
        ftl.Template("${x}").render({})
    assert not isinstance(info.value, ftl.TemplateSyntaxError)
    assert isinstance(info.value, ftl.InvalidReferenceError)


def test_errors_pickle_with_their_location() -> None:
    with pytest.raises(ftl.TemplateError) as info:
        ftl.Template("a\n${b.c}", "p.ftl").render({"b": {}})
    copy = pickle.loads(pickle.dumps(info.value))
    assert (copy.name, copy.lineno, copy.column, copy.message) == (
        "p.ftl",
        2,
        3,
        info.value.message,
    )
    assert type(copy) is type(info.value)


def test_columns_count_characters_while_freemarker_expands_tabs() -> None:
    with pytest.raises(ftl.TemplateSyntaxError) as info:
        ftl.Template("\t${x?nosuch}", "tab.ftl")
    assert info.value.column == 6
    assert info.value.freemarker_position() == (1, 13)


def test_did_you_mean_for_variables() -> None:
    with pytest.raises(ftl.InvalidReferenceError) as info:
        ftl.Template("${inptu.cohort_name}").render({"input": {"cohort_name": "c"}})
    assert 'Did you mean "input"' in str(info.value)
