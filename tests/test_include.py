"""#include and #import through a FileLoader (and only through one).

FreeMarker's oracle runs without a template loader, so these tests check equivalences
instead of typed-in outputs: an #include renders as the included text pasted in place, and
an #import's macros and variables behave as they do when defined in the template itself.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import ftl
from ftl.loader import FileLoader

PART = '{"user_id": "${user.user_id?json_string}"}'
LIB = '<#macro user_obj u>{"id": "${u.user_id?json_string}"}</#macro><#assign kind = "enter">noise'
DATA = {"input": {"users": [{"user_id": 'a"b'}, {"user_id": "c"}]}}


@pytest.fixture
def root(tmp_path: Path) -> Path:
    (tmp_path / "partials").mkdir()
    (tmp_path / "partials" / "user.ftl").write_text(PART, "utf-8")
    (tmp_path / "lib.ftl").write_text(LIB, "utf-8")
    return tmp_path


def test_include_renders_like_the_pasted_text(root: Path) -> None:
    main = '[<#list input.users as user><#include "partials/user.ftl"><#sep>, </#list>]'
    pasted = main.replace('<#include "partials/user.ftl">', PART)
    with_loader = ftl.Template(main, "main.ftl", loader=FileLoader(root)).render(DATA)
    assert with_loader == ftl.Template(pasted, "main.ftl").render(DATA)


def test_import_exposes_macros_and_variables_in_a_namespace(root: Path) -> None:
    main = '<#import "lib.ftl" as lib>[<#list input.users as u><@lib.user_obj u=u/><#sep>,</#list>] ${lib.kind}'
    inline = (
        '<#macro user_obj u>{"id": "${u.user_id?json_string}"}</#macro><#assign kind = "enter">'
        "[<#list input.users as u><@user_obj u=u/><#sep>,</#list>] ${kind}"
    )
    imported = ftl.Template(main, "main.ftl", loader=FileLoader(root)).render(DATA)
    assert imported == ftl.Template(inline, "main.ftl").render(DATA)
    assert "noise" not in imported  # a library's own output is discarded


def test_without_a_loader_no_file_is_read(root: Path) -> None:
    with pytest.raises(ftl.SandboxError, match="needs a template loader"):
        ftl.Template('<#include "lib.ftl">', "main.ftl").render(DATA)


@pytest.mark.parametrize("name", ["../outside.ftl", "partials/../../outside.ftl"])
def test_a_loader_never_leaves_its_root(root: Path, name: str) -> None:
    (root.parent / "outside.ftl").write_text("secret", "utf-8")
    t = ftl.Template(f'<#include "{name}">', "main.ftl", loader=FileLoader(root))
    with pytest.raises(ftl.SandboxError) as info:
        t.render(DATA)
    assert "secret" not in str(info.value)
    assert info.value.lineno == 1


def test_missing_included_template_names_the_include(root: Path) -> None:
    t = ftl.Template('a\n<#include "nope.ftl">', "main.ftl", loader=FileLoader(root))
    with pytest.raises(ftl.TemplateRuntimeError) as info:
        t.render(DATA)
    assert info.value.lineno == 2 and info.value.name == "main.ftl"
