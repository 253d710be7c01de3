"""The data-model schema: what ``input`` holds, with documentation, and how users extend it.

The built-in schema is Amplitude's cohort update (:func:`default_schema`).  A JSON Schema
file extends it (:func:`load_schema`): its ``properties`` add fields to ``input`` or refine
existing ones, most usefully ``users.items.properties.user_properties.properties`` with the
user-property keys a project sends.

Where the schema and sample files come from (:func:`discover`), most specific first:

1. an explicit ``schema=`` / ``samples=`` (the CLI's ``--schema``/``--sample``, the language
   server's settings);
2. header comments in the template, anywhere before the first output::

       <#-- @schema schemas/cohort.json -->
       <#-- @sample samples/enter.json -->      (repeatable)

   paths are relative to the template's directory;
3. the nearest ``cohort-webhooks.toml`` (top-level keys) or ``pyproject.toml`` (table
   ``[tool.cohort-webhooks]``) found upward from the template's directory::

       schema = "schemas/cohort.json"
       samples = ["samples/enter.json", "samples/exit.json"]

   paths are relative to that file's directory.

A sample file holds one cohort update (the value of ``input``).
"""

from __future__ import annotations

import json
import re
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal
from pathlib import Path
from typing import Any

__all__ = [
    "ANY",
    "BOOLEAN",
    "NUMBER",
    "STRING",
    "Config",
    "Field",
    "Schema",
    "SchemaError",
    "Type",
    "default_schema",
    "discover",
    "header_directives",
    "load_sample",
    "load_schema",
    "schema_from_json",
]


@dataclass(frozen=True)
class Field:
    """A named member of a hash type (a key of ``input``, of a user object...)."""

    name: str
    type: Type
    doc: str = ""
    json_safe: bool = False
    """The value never holds characters that need escaping in a JSON string (ids and
    timestamps Amplitude generates); lint then accepts it unescaped between quotes."""
    example: str = ""


@dataclass(frozen=True)
class Type:
    """An inferred or declared value type.

    ``kind`` is one of the registry's vocabulary: "string", "number", "boolean", "date",
    "sequence", "hash", "macro", "function", "method", or "any" (unknown).
    """

    kind: str
    name: str = ""
    """A display name for object types ("user", "input"); empty for plain types."""
    doc: str = ""
    fields: tuple[Field, ...] = ()
    closed: bool = False
    """A closed hash holds only ``fields``: any other key is reported as unknown."""
    item: Type | None = None
    """The element type of a sequence."""

    def field(self, key: str) -> Field | None:
        for f in self.fields:
            if f.name == key:
                return f
        return None

    def display(self) -> str:
        if self.kind == "sequence":
            return f"sequence of {self.item.display()}" if self.item else "sequence"
        if self.name:
            return self.name
        return self.kind

    @property
    def known(self) -> bool:
        return self.kind != "any"


ANY = Type("any")
STRING = Type("string")
NUMBER = Type("number")
BOOLEAN = Type("boolean")


@dataclass(frozen=True, eq=False)
class Schema:
    """The top-level variables of the data model (``input`` for a cohort update).

    Compared and hashed by identity, so analyses can be cached per schema object."""

    variables: tuple[Field, ...]
    origin: str = "built-in"

    def variable(self, name: str) -> Field | None:
        for f in self.variables:
            if f.name == name:
                return f
        return None

    @property
    def input(self) -> Type:
        f = self.variable("input")
        return f.type if f is not None else ANY


class SchemaError(Exception):
    """A schema or sample file could not be read; ``path`` names it."""

    def __init__(self, path: str, message: str) -> None:
        super().__init__(f"{path}: {message}")
        self.path = path
        self.message = message


# ----------------------------------------------------------------------------- built-in


USER_PROPERTIES = Type(
    "hash",
    name="user_properties",
    doc="The user's properties (up to 50), as Amplitude sends them. Keys are the property "
    "names; name them in a JSON Schema file to get completion and checks.",
)

USER = Type(
    "hash",
    name="user",
    doc="One cohort member.",
    closed=True,
    fields=(
        Field(
            "user_id",
            STRING,
            "The user's Amplitude `user_id`. Set by your product, so it can hold any "
            "character (quotes, backslashes, newlines): print it with `?json_string`.",
            example='"user-42"',
        ),
        Field(
            "user_properties",
            USER_PROPERTIES,
            "An object of up to 50 user properties of this user (names and values as in "
            "Amplitude).",
            example='{"plan": "pro"}',
        ),
    ),
)

INPUT = Type(
    "hash",
    name="input",
    doc="The cohort update Amplitude renders this template with.",
    closed=True,
    fields=(
        Field(
            "cohort_name",
            STRING,
            "The cohort's name as typed in Amplitude. User-controlled text: it can hold "
            "quotes and backslashes, so print it with `?json_string`.",
            example='"Power users"',
        ),
        Field(
            "cohort_id",
            STRING,
            "The cohort's id, generated by Amplitude (letters and digits).",
            json_safe=True,
            example='"abc123"',
        ),
        Field(
            "in_cohort",
            BOOLEAN,
            "`true` when the users of this message entered the cohort, `false` when they "
            "left it. Print it with `?c`: `${input.in_cohort}` is an error in FreeMarker "
            "2.3.31.",
            example="true",
        ),
        Field(
            "computed_time",
            STRING,
            'When the cohort was computed, in Unix epoch seconds, as a string (e.g. "1692206763").',
            json_safe=True,
            example='"1692206763"',
        ),
        Field(
            "message_id",
            STRING,
            "The de-duplication id of this message: `<uuid>::enter::<batch>` or "
            "`<uuid>::exit::<batch>` (e.g. `9baaa88f-9d46-4ee5-a946-be0c6aea0046::enter::0`). "
            "A retry reuses it.",
            json_safe=True,
            example='"9baaa88f-9d46-4ee5-a946-be0c6aea0046::enter::0"',
        ),
        Field(
            "users",
            Type("sequence", item=USER),
            "The users of this message (up to 1,000 per message): each has `user_id` and "
            "`user_properties`. Iterate with `<#list input.users as user>`.",
        ),
    ),
)

# Names Amplitude's FreeMarker predefines (the Amplitude profile).
UTIL_CLASS = Type(
    "hash",
    name="UtilClass",
    doc="Amplitude's helper class `FtlUtils`: `UtilClass.toJson(value)` prints a value as "
    "JSON (a string with its quotes).",
    fields=(
        Field("toJson", Type("method"), "`toJson(value)`: the value as compact JSON text."),
        Field("toJsonString", Type("method"), "`toJsonString(value)`: the value as JSON text."),
    ),
)


def default_schema() -> Schema:
    """Amplitude's cohort update, bound to the variable ``input``."""
    return _DEFAULT


_DEFAULT = Schema(
    (Field("input", INPUT, INPUT.doc),),
    origin="built-in",
)


# ----------------------------------------------------------------------------- JSON Schema


def _from_json_schema(node: Any, base: Type | None, name: str = "") -> Type:
    """A Type from a JSON Schema node, refining ``base`` where both describe an object."""
    if not isinstance(node, Mapping):
        return base or ANY
    typ = node.get("type")
    if isinstance(typ, list):
        non_null = [t for t in typ if t != "null"]
        typ = non_null[0] if len(non_null) == 1 else None
    doc = str(node.get("description") or node.get("title") or (base.doc if base else ""))
    if typ == "object" or "properties" in node or (typ is None and base and base.kind == "hash"):
        fields: dict[str, Field] = {f.name: f for f in (base.fields if base else ())}
        for key, sub in (node.get("properties") or {}).items():
            old = fields.get(key)
            ftype = _from_json_schema(sub, old.type if old else None, key)
            fdoc = (str(sub.get("description") or "") if isinstance(sub, Mapping) else "") or (
                old.doc if old else ""
            )
            example = ""
            if isinstance(sub, Mapping) and "examples" in sub and sub["examples"]:
                example = json.dumps(sub["examples"][0], default=str)
            fields[key] = Field(
                key, ftype, fdoc, json_safe=old.json_safe if old else False, example=example
            )
        closed = node.get("additionalProperties") is False or (
            base is not None and base.closed and "additionalProperties" not in node
        )
        return Type(
            "hash",
            name=base.name if base and base.name else name,
            doc=doc,
            fields=tuple(fields.values()),
            closed=closed,
        )
    if typ == "array" or (
        typ is None and ("items" in node or (base is not None and base.kind == "sequence"))
    ):
        item = _from_json_schema(node.get("items"), base.item if base else None, name)
        return Type("sequence", doc=doc, item=item)
    kinds = {"string": "string", "integer": "number", "number": "number", "boolean": "boolean"}
    if isinstance(typ, str) and typ in kinds:
        return Type(kinds[typ], doc=doc)
    return replace(base, doc=doc) if base else Type("any", doc=doc)


def schema_from_json(data: Any, origin: str = "<schema>") -> Schema:
    """Extend the built-in schema with a JSON Schema (already parsed) describing ``input``."""
    if not isinstance(data, Mapping):
        raise SchemaError(origin, "a schema must be a JSON object (a JSON Schema for `input`)")
    base = default_schema()
    input_type = _from_json_schema(data, base.input, "input")
    return Schema((Field("input", input_type, input_type.doc),), origin=origin)


def load_schema(path: str | Path) -> Schema:
    """Read a JSON Schema file that extends the built-in ``input`` schema."""
    p = Path(path)
    try:
        data = json.loads(p.read_text("utf-8"))
    except FileNotFoundError:
        raise SchemaError(str(path), "schema file not found") from None
    except (OSError, UnicodeDecodeError) as e:
        raise SchemaError(str(path), f"cannot read the schema file: {e}") from None
    except json.JSONDecodeError as e:
        raise SchemaError(str(path), f"invalid JSON at line {e.lineno}: {e.msg}") from None
    return schema_from_json(data, str(path))


def load_sample(path: str | Path) -> Mapping[str, Any]:
    """Read a sample cohort update (the value of ``input``) from a JSON file."""
    p = Path(path)
    try:
        data = json.loads(p.read_text("utf-8"), parse_float=Decimal)
    except FileNotFoundError:
        raise SchemaError(str(path), "sample file not found") from None
    except (OSError, UnicodeDecodeError) as e:
        raise SchemaError(str(path), f"cannot read the sample file: {e}") from None
    except json.JSONDecodeError as e:
        raise SchemaError(str(path), f"invalid JSON at line {e.lineno}: {e.msg}") from None
    if not isinstance(data, dict):
        raise SchemaError(str(path), "a sample must be a JSON object (the value of `input`)")
    return data


# ----------------------------------------------------------------------------- discovery

HEADER_RX = re.compile(r"<#--\s*@(schema|sample)\s+(\S+?)\s*-->")
"""``<#-- @schema path -->`` / ``<#-- @sample path -->`` header comments."""


@dataclass(frozen=True)
class Config:
    """The schema and samples that apply to one template, and where they came from."""

    schema: Schema
    samples: tuple[tuple[str, Mapping[str, Any]], ...] = ()
    """(file name, sample update) pairs."""
    problems: tuple[tuple[str, int, int], ...] = field(default=())
    """(message, line, column) for files that could not be read; line 0 when the
    problem is not in the template (a config file)."""
    origin: str = "built-in"


def _find_config(start: Path) -> tuple[Path, Mapping[str, Any]] | None:
    for d in (start, *start.parents):
        cw = d / "cohort-webhooks.toml"
        if cw.is_file():
            try:
                return cw, tomllib.loads(cw.read_text("utf-8"))
            except (OSError, tomllib.TOMLDecodeError):
                return cw, {}
        pp = d / "pyproject.toml"
        if pp.is_file():
            try:
                table = tomllib.loads(pp.read_text("utf-8")).get("tool", {}).get("cohort-webhooks")
            except (OSError, tomllib.TOMLDecodeError):
                table = None
            if isinstance(table, Mapping):
                return pp, table
    return None


def header_directives(source: str) -> list[tuple[str, str, int, int]]:
    """``(kind, path, line, column)`` of each ``@schema``/``@sample`` header comment."""
    out = []
    for m in HEADER_RX.finditer(source):
        line = source.count("\n", 0, m.start()) + 1
        col = m.start(2) - (source.rfind("\n", 0, m.start(2)) + 1) + 1
        out.append((m.group(1), m.group(2), line, col))
    return out


def discover(
    template_path: str | Path | None,
    source: str,
    *,
    schema: str | Path | None = None,
    samples: Sequence[str | Path] = (),
) -> Config:
    """Find the schema and samples for a template (see the module docstring for the order).

    Never raises for a missing or bad file: the problem is returned in ``Config.problems``
    and the built-in schema is used."""
    problems: list[tuple[str, int, int]] = []
    base = Path(template_path).resolve().parent if template_path else Path.cwd()
    schema_ref: tuple[Path, int, int] | None = None
    sample_refs: list[tuple[Path, int, int]] = []
    origin = "built-in"
    if schema is not None:
        schema_ref = (Path(schema), 0, 0)
        origin = "option"
    sample_refs.extend((Path(s), 0, 0) for s in samples)
    heads = header_directives(source)
    if schema_ref is None:
        for kind, path, line, col in heads:
            if kind == "schema":
                schema_ref = (base / path, line, col)
                origin = "header"
    if not samples:
        sample_refs.extend((base / p, ln, c) for k, p, ln, c in heads if k == "sample")
    if template_path and (schema_ref is None or not sample_refs):
        found = _find_config(base)
        if found is not None:
            cfg_path, table = found
            where = cfg_path.parent
            if schema_ref is None and isinstance(table.get("schema"), str):
                schema_ref = (where / table["schema"], 0, 0)
                origin = str(cfg_path)
            if not sample_refs and isinstance(table.get("samples"), list):
                sample_refs.extend((where / str(s), 0, 0) for s in table["samples"])
    result_schema = default_schema()
    if schema_ref is not None:
        try:
            result_schema = load_schema(schema_ref[0])
        except SchemaError as e:
            problems.append((e.message + f": {e.path}", schema_ref[1], schema_ref[2]))
            origin = "built-in"
    loaded: list[tuple[str, Mapping[str, Any]]] = []
    for sample_path, line, col in sample_refs:
        try:
            loaded.append((str(sample_path), load_sample(sample_path)))
        except SchemaError as e:
            problems.append((e.message + f": {e.path}", line, col))
    return Config(result_schema, tuple(loaded), tuple(problems), origin)
