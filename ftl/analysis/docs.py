"""Documentation of directives and completion snippets, for completion and hover."""

from __future__ import annotations

from dataclasses import dataclass

from ..builtins import BuiltIn

__all__ = ["DIRECTIVES", "Directive", "builtin_markdown", "builtin_snippet"]


@dataclass(frozen=True)
class Directive:
    name: str
    summary: str
    snippet: str
    """What follows ``<#`` (LSP snippet syntax)."""
    block: bool = False
    in_list_only: bool = False


DIRECTIVES: dict[str, Directive] = {
    d.name: d
    for d in (
        Directive(
            "if",
            "Runs its body only when the condition is true: `<#if cond>...<#elseif cond>..."
            "<#else>...</#if>`.",
            "if ${1:condition}>\n\t$0\n</#if>",
            block=True,
        ),
        Directive(
            "elseif", "Another condition of the enclosing `<#if>`.", "elseif ${1:condition}>"
        ),
        Directive("else", "The branch of `<#if>` (or `<#list>`) taken otherwise.", "else>"),
        Directive(
            "list",
            "Repeats its body for each item of a sequence: `<#list input.users as user>..."
            "<#sep>,</#list>`.",
            "list ${1:input.users} as ${2:user}>\n\t$0<#sep>,\n</#list>",
            block=True,
        ),
        Directive(
            "items",
            "Inside `<#list seq>` without `as`: the part repeated per item.",
            "items as ${1:item}>$0</#items>",
            block=True,
            in_list_only=True,
        ),
        Directive(
            "sep",
            "Printed between items of the enclosing `<#list>` (not after the last one): the "
            "standard way to put commas between JSON items.",
            "sep>,",
            in_list_only=True,
        ),
        Directive(
            "break", "Leaves the enclosing `<#list>` or `<#switch>`.", "break>", in_list_only=True
        ),
        Directive(
            "continue",
            "Skips to the next item of the enclosing `<#list>`.",
            "continue>",
            in_list_only=True,
        ),
        Directive(
            "assign",
            "Creates or replaces a variable of the template: `<#assign name = value>`.",
            "assign ${1:name} = ${2:value}>",
        ),
        Directive(
            "global", "Creates or replaces a global variable.", "global ${1:name} = ${2:value}>"
        ),
        Directive(
            "local",
            "Creates or replaces a variable local to the enclosing macro or function.",
            "local ${1:name} = ${2:value}>",
        ),
        Directive(
            "macro",
            "Defines a macro, called as `<@name param=value/>`.",
            "macro ${1:name} ${2:param}>\n\t$0\n</#macro>",
            block=True,
        ),
        Directive(
            "function",
            "Defines a function, called as `name(args)`; it returns with `<#return value>`.",
            "function ${1:name} ${2:param}>\n\t<#return $0>\n</#function>",
            block=True,
        ),
        Directive(
            "return", "Returns from a macro, or with a value from a function.", "return ${1:value}>"
        ),
        Directive("nested", "Inside a macro: runs the body the macro was called with.", "nested>"),
        Directive(
            "switch",
            "Chooses a `<#case>` by value.",
            "switch ${1:value}>\n\t<#case ${2:x}>\n\t\t$0\n\t\t<#break>\n\t<#default>\n</#switch>",
            block=True,
        ),
        Directive("case", "A branch of `<#switch>`.", "case ${1:value}>"),
        Directive("default", "The branch of `<#switch>` taken when no case matches.", "default>"),
        Directive(
            "attempt",
            "Runs its body; if that fails, prints the `<#recover>` part instead.",
            "attempt>\n\t$0\n<#recover>\n</#attempt>",
            block=True,
        ),
        Directive("recover", "The fallback part of `<#attempt>`.", "recover>"),
        Directive(
            "compress",
            "Collapses runs of white-space in its output.",
            "compress>\n\t$0\n</#compress>",
            block=True,
        ),
        Directive(
            "setting",
            'Changes a setting for the rest of the render, e.g. `<#setting number_format="c">`.',
            'setting ${1:number_format}="${2:c}">',
        ),
        Directive("stop", "Aborts the render with an error message.", 'stop "${1:reason}">'),
        Directive(
            "ftl",
            "The template header: must come first (`<#ftl strip_whitespace=true>`).",
            "ftl ${1:strip_whitespace=true}>",
        ),
        Directive("t", "Trims leading and trailing white-space of its line.", "t>"),
        Directive("lt", "Trims leading white-space of its line.", "lt>"),
        Directive("rt", "Trims trailing white-space of its line.", "rt>"),
        Directive("nt", "Disables white-space trimming for its line.", "nt>"),
    )
}


def builtin_markdown(b: BuiltIn) -> str:
    accepts = ", ".join(b.accepts)
    sig = f"?{b.name}"
    if b.arity is not None and b.params:
        sig += "(" + ", ".join(b.params) + ")"
    lines = [f"**{sig}** — {accepts} → {b.result}", "", b.summary]
    if b.example:
        lines += ["", "```ftl", b.example, "```"]
    if b.kind == "jvm_only":
        lines += ["", "_Not available: needs a Java runtime._"]
    return "\n".join(lines)


def builtin_snippet(b: BuiltIn) -> tuple[str, bool]:
    """The insert text for a built-in after ``?`` and whether it is a snippet."""
    if b.arity is None or (b.arity[0] == 0 and b.bare_ok):
        return b.name, False
    params = b.params or tuple(f"arg{i + 1}" for i in range(max(b.arity[0], 1)))
    need = max(b.arity[0], 1)
    args = ", ".join(f"${{{i + 1}:{p}}}" for i, p in enumerate(params[:need]))
    return f"{b.name}({args})", True
