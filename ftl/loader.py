"""Template loaders: where ``#include`` and ``#import`` would find other templates.

The engine reads no file unless a loader is configured.  :class:`FileLoader` serves the
files below one root folder and nothing else::

    loader = FileLoader("templates")
    loader.load("partials/user.ftl")          # templates/partials/user.ftl
    loader.load("../secrets.txt")             # SandboxError: backs out of the root
    loader.load("/etc/passwd")                # templates/etc/passwd (root-relative), not found

Names follow FreeMarker's template names: ``/`` separates folders, a leading ``/`` means the
root, other names are relative to the including template's folder (``base``), and ``.`` and
``..`` are resolved without ever leaving the root.  A symbolic link is followed only when
its target is below the root too.  (The check resolves links when a template is loaded; the
template author, not whoever writes the folder, is the adversary here.)

Pass one to ``ftl.Template(source, name, loader=FileLoader(root))`` to let ``#include`` and
``#import`` use it; without a loader those directives refuse to run.
"""

from __future__ import annotations

import os
from pathlib import Path

from .errors import SandboxError, TemplateRuntimeError

__all__ = ["FileLoader", "TemplateNotFoundError"]


class TemplateNotFoundError(TemplateRuntimeError):
    """No template of that name below the loader's root."""

    java_class = "TemplateNotFoundException"


class FileLoader:
    """Serves the UTF-8 files below ``root`` (see the module docstring)."""

    def __init__(self, root: str | os.PathLike[str], *, max_chars: int = 4 * 1024 * 1024) -> None:
        self.root = Path(os.path.realpath(root))
        if not self.root.is_dir():
            raise ValueError(f"template root {str(root)!r} is not a folder")
        self.max_chars = max_chars

    def normalize(self, name: str, base: str | None = None) -> str:
        """The root-relative name of ``name`` as seen from template ``base`` (``a/b.ftl``),
        or SandboxError when it is malformed or backs out of the root."""
        if "\x00" in name or "\\" in name:
            raise SandboxError(
                f"Malformed template name {name!r}: NUL and backslash are not allowed"
            )
        if "://" in name or (len(name) >= 2 and name[1] == ":" and name[0].isalpha()):
            raise SandboxError(
                f"Malformed template name {name!r}: a template name is a path below the "
                "loader's root, not a URL or a drive"
            )
        if name.startswith("/"):
            parts: list[str] = []
        else:
            parts = (base or "").split("/")[:-1]
        for segment in name.split("/"):
            if segment in ("", "."):
                continue
            if segment == "..":
                if not parts:
                    raise SandboxError(
                        f"Template name {name!r} backs out of the loader's root, "
                        "which is not allowed"
                    )
                parts.pop()
            else:
                parts.append(segment)
        if not parts:
            raise SandboxError(f"Malformed template name {name!r}: it names no file")
        return "/".join(parts)

    def path(self, name: str, base: str | None = None) -> Path:
        """The real path of the file that ``name`` names; it is below the root."""
        normalized = self.normalize(name, base)
        real = Path(os.path.realpath(self.root.joinpath(*normalized.split("/"))))
        if real != self.root and self.root not in real.parents:
            raise SandboxError(
                f"Template {normalized!r} links outside the loader's root, which is not allowed"
            )
        if not real.is_file():
            raise TemplateNotFoundError(f"Template not found for name {normalized!r}.")
        return real

    def load(self, name: str, base: str | None = None) -> str:
        """The text of template ``name`` (relative to ``base``, the including template)."""
        real = self.path(name, base)
        with real.open("r", encoding="utf-8", newline="") as f:
            text = f.read(self.max_chars + 1)
        if len(text) > self.max_chars:
            raise SandboxError(
                f"Template {name!r} is larger than the loader's limit of "
                f"{self.max_chars:,} characters"
            )
        return text
