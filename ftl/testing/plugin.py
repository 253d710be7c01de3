"""The cohort-webhooks pytest plugin: fixtures for golden-file tests of payload templates.

Registered through the ``pytest11`` entry point, so it is active wherever the package is
installed.  Fixtures:

- ``render_payload(template_path, update_or_sample=None, *, data=None, name=None, **options)``
  renders a template and returns its text (a ``RenderedPayload``).  A relative
  ``template_path`` is resolved against pytest's rootdir; a template error fails the test
  with ``FILE:LINE:COLUMN: message``.
- ``cohort_update(n_users=3, in_cohort=True, user_ids=None, ...)`` builds a reproducible
  ``input`` (see :func:`ftl.testing.make_cohort_update`).
- ``payload_snapshot``: syrupy's ``snapshot`` using :class:`PayloadSnapshotExtension`;
  ``raw_payload_snapshot``: the same with exact-text comparison.

This module imports nothing heavy: the engine and syrupy are imported when a fixture runs,
so the plugin costs nothing to projects that do not use it.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from .render import RenderedPayload

__all__ = ["cohort_update", "payload_snapshot", "raw_payload_snapshot", "render_payload"]


def pytest_configure(config: pytest.Config) -> None:
    from . import checks

    previous = checks.ROOTDIR
    checks.ROOTDIR = Path(config.rootpath)
    config.add_cleanup(lambda: setattr(checks, "ROOTDIR", previous))  # nested (pytester) runs


class _PayloadRenderer:
    """The ``render_payload`` fixture's value."""

    def __init__(self, rootdir: Path, test_dir: Path) -> None:
        self.rootdir = rootdir
        self.test_dir = test_dir

    def _resolve(self, template_path: str | os.PathLike[str]) -> tuple[Path, str]:
        p = Path(template_path)
        if p.is_absolute():
            return p, os.fspath(p)
        full = self.rootdir / p
        if not full.is_file():
            hint = ""
            if (self.test_dir / p).is_file():
                hint = (
                    f" (there is {self.test_dir / p}: relative paths are resolved against "
                    "the rootdir; pass request.path.parent / path for a path next to the test)"
                )
            pytest.fail(
                f"{p}: error: template not found under the rootdir {self.rootdir}{hint}",
                pytrace=False,
            )
        return full, p.as_posix()

    def __call__(
        self,
        template_path: str | os.PathLike[str],
        update_or_sample: Mapping[str, Any] | str | os.PathLike[str] | None = None,
        *,
        data: Mapping[str, Any] | None = None,
        name: str | None = None,
        **options: Any,
    ) -> RenderedPayload:
        __tracebackhide__ = True
        from ftl import TemplateError

        from .render import load_sample, render_file

        path, shown = self._resolve(template_path)
        if data is not None:
            if update_or_sample is not None:
                raise TypeError("render_payload: pass an update/sample or data=, not both")
            model: Mapping[str, Any] = data
        elif update_or_sample is None:
            raise TypeError("render_payload: pass a cohort update, a JSON sample path or data=")
        elif isinstance(update_or_sample, Mapping):
            model = {"input": update_or_sample}
        else:
            sample = Path(update_or_sample)
            if not sample.is_absolute():
                sample = self.rootdir / sample
            model = load_sample(sample)
        try:
            return render_file(path, model, name=name or shown, **options)
        except TemplateError as e:
            problem = f"{e.name or name or shown}:{e.lineno}:{e.column}: {e}"
        pytest.fail(problem, pytrace=False)


@pytest.fixture
def render_payload(request: pytest.FixtureRequest) -> _PayloadRenderer:
    """Render a payload template: ``render_payload("templates/x.ftl", update)`` -> text."""
    return _PayloadRenderer(Path(request.config.rootpath), Path(request.path).parent)


@pytest.fixture
def cohort_update() -> Callable[..., dict[str, Any]]:
    """Build a reproducible cohort update: ``cohort_update(n_users=3, in_cohort=True)``."""
    from .data import make_cohort_update

    return make_cohort_update


def _snapshot_with(request: pytest.FixtureRequest, extension: str) -> Any:
    try:
        from . import snapshot as ext
    except ImportError as e:  # syrupy missing
        pytest.fail(
            f"{request.fixturename} needs syrupy (pip install syrupy, or install "
            f"cohort-webhooks with its dependencies): {e}",
            pytrace=False,
        )
    snapshot = request.getfixturevalue("snapshot")
    return snapshot.use_extension(getattr(ext, extension))


@pytest.fixture
def payload_snapshot(request: pytest.FixtureRequest) -> Any:
    """syrupy's ``snapshot``, storing payloads as pretty JSON and comparing JSON values."""
    return _snapshot_with(request, "PayloadSnapshotExtension")


@pytest.fixture
def raw_payload_snapshot(request: pytest.FixtureRequest) -> Any:
    """syrupy's ``snapshot``, storing payloads as exact text and comparing bytes."""
    return _snapshot_with(request, "RawPayloadSnapshotExtension")
