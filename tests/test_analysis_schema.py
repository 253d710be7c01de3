"""The input schema: built-in documentation, JSON Schema extension, discovery."""

from __future__ import annotations

import json
from pathlib import Path

from ftl.analysis import lint
from ftl.schema import default_schema, discover, load_schema, schema_from_json

PROPS = {
    "properties": {
        "users": {
            "items": {
                "properties": {
                    "user_properties": {
                        "additionalProperties": False,
                        "properties": {
                            "plan": {"type": "string", "description": "Billing plan."},
                            "age": {"type": "integer"},
                        },
                    }
                }
            }
        },
        "campaign": {"type": "string", "description": "Added by our proxy."},
    }
}


def test_builtin_schema_documents_every_field() -> None:
    inp = default_schema().input
    assert [f.name for f in inp.fields] == [
        "cohort_name",
        "cohort_id",
        "in_cohort",
        "computed_time",
        "message_id",
        "users",
    ]
    assert all(f.doc for f in inp.fields)
    user = inp.field("users").type.item  # type: ignore[union-attr]
    assert user is not None and [f.name for f in user.fields] == ["user_id", "user_properties"]


def test_json_schema_extends_users_properties_and_input() -> None:
    schema = schema_from_json(PROPS)
    src = "<#list input.users as u>${u.user_properties.plann!}${input.campaign}</#list>"
    assert [d.code for d in lint(src, schema=schema, json_check=False)] == []
    src2 = "<#list input.users as u>${u.user_properties.plann}</#list>"
    [d] = lint(src2, schema=schema, json_check=False)
    assert d.code == "FTL002" and "Did you mean plan?" in d.message
    # the built-in fields keep their documentation
    assert schema.input.field("cohort_name").doc  # type: ignore[union-attr]


def test_discovery_order(tmp_path: Path) -> None:
    (tmp_path / "schemas").mkdir()
    (tmp_path / "schemas" / "a.json").write_text(json.dumps(PROPS))
    (tmp_path / "b.json").write_text(json.dumps({"properties": {"other": {"type": "string"}}}))
    (tmp_path / "s1.json").write_text(json.dumps({"cohort_name": "x"}))
    (tmp_path / "cohort-webhooks.toml").write_text(
        'schema = "schemas/a.json"\nsamples = ["s1.json"]\n'
    )
    sub = tmp_path / "templates"
    sub.mkdir()
    t = sub / "t.ftl"
    t.write_text("${input.campaign}")
    cfg = discover(t, t.read_text())
    assert cfg.schema.input.field("campaign") is not None
    assert [Path(p).name for p, _ in cfg.samples] == ["s1.json"]
    # a header comment wins over the config file
    header = "<#-- @schema ../b.json -->\n${input.other}"
    cfg2 = discover(t, header)
    assert cfg2.schema.input.field("other") is not None and cfg2.origin == "header"
    # an explicit option wins over both
    cfg3 = discover(t, header, schema=tmp_path / "schemas" / "a.json")
    assert cfg3.schema.input.field("campaign") is not None


def test_pyproject_table(tmp_path: Path) -> None:
    (tmp_path / "s.json").write_text(json.dumps(PROPS))
    (tmp_path / "pyproject.toml").write_text('[tool.cohort-webhooks]\nschema = "s.json"\n')
    t = tmp_path / "t.ftl"
    t.write_text("")
    assert discover(t, "").schema.input.field("campaign") is not None


def test_missing_files_are_problems_not_exceptions(tmp_path: Path) -> None:
    t = tmp_path / "t.ftl"
    src = "<#-- @schema nope.json -->\n<#-- @sample gone.json -->\n"
    cfg = discover(t, src)
    assert [(line, col) for _, line, col in cfg.problems] == [(1, 14), (2, 14)]
    assert cfg.schema is default_schema()


def test_load_schema_errors(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("{")
    try:
        load_schema(bad)
    except Exception as e:
        assert "invalid JSON" in str(e)
    else:  # pragma: no cover
        raise AssertionError
