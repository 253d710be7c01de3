"""ftl.loader.FileLoader serves the files below its root and nothing else: no ``..`` out of
it, no absolute path of the machine, no symbolic link leading outside."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from ftl.errors import SandboxError
from ftl.loader import FileLoader, TemplateNotFoundError

SECRET = "loader-canary-7f3a"


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    """tmp/root/{a.ftl, sub/b.ftl, sub/deeper/c.ftl} and tmp/outside/secret.ftl."""
    root = tmp_path / "root"
    (root / "sub" / "deeper").mkdir(parents=True)
    (root / "a.ftl").write_text("A", "utf-8")
    (root / "sub" / "b.ftl").write_text("B", "utf-8")
    (root / "sub" / "deeper" / "c.ftl").write_text("C\r\n", "utf-8")
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.ftl").write_text(SECRET, "utf-8")
    return root


def test_serves_files_below_the_root(tree: Path) -> None:
    loader = FileLoader(tree)
    assert loader.load("a.ftl") == "A"
    assert loader.load("sub/b.ftl") == "B"
    assert loader.load("/sub/deeper/c.ftl") == "C\r\n"  # no newline translation
    assert loader.load("sub/./deeper/../b.ftl") == "B"  # .. that stays inside is fine


def test_names_are_relative_to_the_including_template(tree: Path) -> None:
    loader = FileLoader(tree)
    assert loader.load("b.ftl", base="sub/x.ftl") == "B"
    assert loader.load("../a.ftl", base="sub/x.ftl") == "A"
    assert loader.load("/a.ftl", base="sub/deeper/x.ftl") == "A"
    assert loader.normalize("deeper/c.ftl", base="sub/b.ftl") == "sub/deeper/c.ftl"


@pytest.mark.parametrize(
    ("name", "base"),
    [
        ("../outside/secret.ftl", None),
        ("../../etc/passwd", None),
        ("sub/../../outside/secret.ftl", None),
        ("/../outside/secret.ftl", None),
        ("../../outside/secret.ftl", "sub/x.ftl"),
        ("../../../outside/secret.ftl", "sub/deeper/x.ftl"),
        ("..", None),
    ],
)
def test_dotdot_out_of_the_root_is_refused(tree: Path, name: str, base: str | None) -> None:
    with pytest.raises(SandboxError, match="backs out of the loader's root") as info:
        FileLoader(tree).load(name, base)
    assert SECRET not in str(info.value)


def test_absolute_paths_are_root_relative(tree: Path) -> None:
    loader = FileLoader(tree)
    secret = tree.parent / "outside" / "secret.ftl"
    with pytest.raises(TemplateNotFoundError):
        loader.load(str(secret))  # /tmp/.../outside/secret.ftl below the root: not there
    with pytest.raises(TemplateNotFoundError):
        loader.load("/etc/passwd")


@pytest.mark.parametrize(
    "name",
    [
        "file:///etc/passwd",
        "http://127.0.0.1/a.ftl",
        "C:/Windows/win.ini",
        "sub\\..\\..\\outside\\secret.ftl",
        "a.ftl\x00.txt",
        "/",
        ".",
        "sub/..",
    ],
)
def test_malformed_names_are_refused(tree: Path, name: str) -> None:
    with pytest.raises(SandboxError, match="Malformed template name"):
        FileLoader(tree).load(name)


def test_symlink_to_a_file_outside_is_refused(tree: Path) -> None:
    os.symlink(tree.parent / "outside" / "secret.ftl", tree / "link.ftl")
    with pytest.raises(SandboxError, match="links outside") as info:
        FileLoader(tree).load("link.ftl")
    assert SECRET not in str(info.value)


def test_symlinked_folder_outside_is_refused(tree: Path) -> None:
    os.symlink(tree.parent / "outside", tree / "sub" / "escape")
    with pytest.raises(SandboxError, match="links outside"):
        FileLoader(tree).load("sub/escape/secret.ftl")


def test_symlink_with_dotdot_target_is_refused(tree: Path) -> None:
    os.symlink("../../outside/secret.ftl", tree / "sub" / "rel.ftl")
    with pytest.raises(SandboxError, match="links outside"):
        FileLoader(tree).load("sub/rel.ftl")


def test_symlink_inside_the_root_is_followed(tree: Path) -> None:
    os.symlink(tree / "sub" / "b.ftl", tree / "alias.ftl")
    assert FileLoader(tree).load("alias.ftl") == "B"


def test_root_given_through_a_symlink(tree: Path) -> None:
    os.symlink(tree, tree.parent / "root-link")
    loader = FileLoader(tree.parent / "root-link")
    assert loader.load("sub/b.ftl") == "B"
    with pytest.raises(SandboxError):
        loader.load("../outside/secret.ftl")


def test_folders_and_missing_files_are_not_found(tree: Path) -> None:
    loader = FileLoader(tree)
    with pytest.raises(TemplateNotFoundError):
        loader.load("sub")
    with pytest.raises(TemplateNotFoundError):
        loader.load("missing.ftl")


def test_size_limit(tree: Path) -> None:
    (tree / "big.ftl").write_text("x" * 2000, "utf-8")
    with pytest.raises(SandboxError, match="larger than"):
        FileLoader(tree, max_chars=1000).load("big.ftl")


def test_root_must_be_a_folder(tree: Path) -> None:
    with pytest.raises(ValueError):
        FileLoader(tree / "a.ftl")
