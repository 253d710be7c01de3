"""The diagnostic catalogue: every code lint can report, with its severity and meaning.

Codes are stable: a code is never reused for another meaning.  ``FTL0xx`` are errors,
``FTL1xx`` warnings, ``FTL2xx`` information.  The README's table is generated from
:data:`CATALOGUE` (``python -m ftl.analysis.catalogue``).
"""

from __future__ import annotations

from dataclasses import dataclass

from .model import Severity

__all__ = ["CATALOGUE", "Entry", "severity_of"]


@dataclass(frozen=True)
class Entry:
    code: str
    severity: Severity
    title: str
    meaning: str
    fix: str


CATALOGUE: dict[str, Entry] = {
    e.code: e
    for e in (
        Entry(
            "FTL001",
            "error",
            "syntax error",
            "The template is not valid FreeMarker 2.3.31; the position is FreeMarker's. Every "
            "syntax error is reported, and the rest of the template is still analysed.",
            "As the message says.",
        ),
        Entry(
            "FTL002",
            "error",
            "unknown field",
            "A key that the schema's object does not have (`input.cohort_nme`), with a "
            "did-you-mean; `input.user_properties` points to the loop variable's "
            "`user.user_properties`.",
            "Replace with the suggested field (quick fix), or declare the field in a JSON Schema.",
        ),
        Entry(
            "FTL003",
            "error",
            "undefined variable",
            "A top-level name that is neither in the data model (`input`), nor assigned, nor a "
            "macro, loop variable or parameter in scope. Names guarded with `??` or `!` anywhere "
            "in the template are not reported.",
            "Fix the name (did-you-mean quick fix), or guard it with `!`/`??`.",
        ),
        Entry(
            "FTL004",
            "error",
            "boolean printed without a format",
            "`${bool}` fails in FreeMarker 2.3.31 (the boolean_format is the legacy default).",
            'Add `?c` (prints true/false, quick fix) or `?string("yes", "no")`.',
        ),
        Entry(
            "FTL005",
            "error",
            "built-in refuses the type",
            "A built-in applied to a value of a type it does not accept (`?c` on a string, "
            "`?size` on a string, `?upper_case` on a sequence).",
            "Use a built-in for that type (`?length` for strings, `?json_string` for strings).",
        ),
        Entry(
            "FTL006",
            "error",
            "JVM-only built-in",
            "`?new`, `?api` and the like, and `statics[...]` of a Java class other than "
            "Amplitude's helper, need a Java runtime; the sandbox (and Amplitude) refuse them.",
            "Remove it.",
        ),
        Entry(
            "FTL007",
            "error",
            "render error on a sample",
            "The output check rendered the template against a sample (named in the message) and "
            "rendering failed at this place.",
            "As the message says; guard optional values with `!` or `??`.",
        ),
        Entry(
            "FTL008",
            "error",
            "payload is not JSON",
            "The output check rendered the template against a sample (named in the message) and "
            "the output is not valid JSON; the range is the part of the template that wrote the "
            "offending text.",
            "As the message says.",
        ),
        Entry(
            "FTL009",
            "error",
            "value cannot be printed",
            "`${...}` of a sequence or hash (e.g. `${user.user_properties}`): FreeMarker prints "
            "only strings, numbers, dates and booleans.",
            'Print a field, `?join(", ")` a sequence, or `UtilClass.toJson(value)`.',
        ),
        Entry(
            "FTL010",
            "error",
            "schema or sample file problem",
            "A `@schema`/`@sample` header comment (or configuration) names a file that is missing "
            "or is not valid JSON.",
            "Fix the path or the file.",
        ),
        Entry(
            "FTL101",
            "warning",
            "unescaped text in a JSON string",
            'An interpolation inside a JSON string literal prints text that may hold `"`, `\\` '
            "or a newline (a user id, a cohort name) without an escaping built-in: such a value "
            "breaks the payload.",
            "Add `?json_string` (quick fix).",
        ),
        Entry(
            "FTL102",
            "warning",
            "number printed without ?c",
            "A number printed into JSON (outside a string) with the default number format: "
            "1234 users print as `1,234`, which is not JSON.",
            "Add `?c` (quick fix).",
        ),
        Entry(
            "FTL103",
            "warning",
            "broken directive",
            "Text that looks like a directive or interpolation with a stray space (`< #list`, "
            "`< /#if>`, `$ {`): FreeMarker prints it as text.",
            "Remove the space (quick fix).",
        ),
        Entry(
            "FTL104",
            "warning",
            "list items without a separator",
            "A `<#list>` writes JSON objects or values with no comma between items: with two "
            "users or more the payload is not JSON.",
            "Add `<#sep>,` before `</#list>` (quick fix).",
        ),
        Entry(
            "FTL201",
            "information",
            "Amplitude-only idiom",
            "`users.iterator()` works only in Amplitude's beans-wrapped FreeMarker; plain "
            "FreeMarker lists the sequence directly.",
            "Remove `.iterator()` (quick fix).",
        ),
        Entry(
            "FTL202",
            "information",
            "legacy loop variable",
            "`user_has_next` / `user_index` are FreeMarker's legacy loop variables.",
            "Use `<#sep>` or `user?has_next` / `user?index` (quick fix).",
        ),
    )
}


def severity_of(code: str) -> Severity:
    return CATALOGUE[code].severity


def markdown_table() -> str:
    rows = ["| Code | Severity | Meaning | Fix |", "|---|---|---|---|"]
    for e in CATALOGUE.values():
        rows.append(f"| {e.code} | {e.severity} | **{e.title}**: {e.meaning} | {e.fix} |")
    return "\n".join(rows)


if __name__ == "__main__":  # pragma: no cover
    print(markdown_table())
