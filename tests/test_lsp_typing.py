"""Language-server robustness: the real server (``python -m lsp --stdio``) receives corpus
templates typed one character at a time (a didChange per keystroke, with a completion
request now and then, as an editor sends them).

It must not crash nor log an exception, and the diagnostics published after the last change
must be those of the final version and equal to a fresh didOpen of the final text (never
stale).  Bounded: four templates of a few hundred characters.
"""

from __future__ import annotations

import asyncio
import faulthandler
import os
import sys
from pathlib import Path
from typing import Any

import pytest
import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities

ROOT = Path(__file__).resolve().parents[1]
LOG = ROOT / "build" / f"lsp-typing-{os.getpid()}.log"
SERVER = [sys.executable, "-m", "lsp", "--stdio", "--log", str(LOG), "--log-level", "INFO"]
TIMEOUT = 30.0
TEMPLATES = [
    ROOT / "examples" / "amplitude-user-properties.ftl",
    ROOT / "tests/conformance/core/payloads/macro_user_object.ftl",
    ROOT / "tests/conformance/core/payloads/split_by_lambda.ftl",
    ROOT / "tests/conformance/core/amplitude/braze_iterator.ftl",
]

pytestmark = pytest.mark.asyncio(loop_scope="module")


def _recording_client() -> LanguageClient:
    client = pytest_lsp.make_test_lsp_client()
    published: list[types.PublishDiagnosticsParams] = []
    features = client.protocol.fm.features
    original = features[types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS]

    def record(params: types.PublishDiagnosticsParams) -> None:
        published.append(params)
        original(params)

    features[types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS] = record
    client.published = published  # type: ignore[attr-defined]
    return client


@pytest_lsp.fixture(
    scope="module",
    config=ClientServerConfig(server_command=SERVER, client_factory=_recording_client),
)
async def client(lsp_client: LanguageClient) -> Any:
    LOG.parent.mkdir(exist_ok=True)
    caps = client_capabilities("visual-studio-code")
    assert caps.text_document is not None
    caps.text_document.diagnostic = None  # pushed diagnostics
    await lsp_client.initialize_session(
        types.InitializeParams(
            capabilities=caps,
            initialization_options={"schemaFile": None, "sampleFiles": []},
            root_uri=ROOT.as_uri(),
        )
    )
    yield
    await lsp_client.shutdown_session()
    LOG.unlink(missing_ok=True)


@pytest.fixture(autouse=True)
def _watchdog() -> Any:
    faulthandler.dump_traceback_later(240, exit=True)
    yield
    faulthandler.cancel_dump_traceback_later()


def _published(client: LanguageClient, uri: str) -> list[types.PublishDiagnosticsParams]:
    return [p for p in client.published if p.uri == uri]  # type: ignore[attr-defined]


async def _diagnostics(client: LanguageClient, uri: str, version: int) -> list[Any]:
    deadline = asyncio.get_running_loop().time() + TIMEOUT
    while not any(p.version == version for p in _published(client, uri)):
        if asyncio.get_running_loop().time() > deadline:
            raise AssertionError(f"no diagnostics for version {version} of {uri}")
        await asyncio.sleep(0.02)
    final = [p for p in _published(client, uri) if p.version == version][-1]
    return [(d.range, d.severity, d.code, d.message) for d in final.diagnostics]


def _position(text: str) -> types.Position:
    lines = text.split("\n")
    return types.Position(line=len(lines) - 1, character=len(lines[-1].encode("utf-16-le")) // 2)


@pytest.mark.parametrize("path", TEMPLATES, ids=lambda p: p.name)
async def test_typing_one_character_at_a_time(client: LanguageClient, path: Path) -> None:
    final = path.read_text("utf-8")[:400]
    uri = (ROOT / "build" / f"typed-{path.stem}.ftl").as_uri()
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(
                uri=uri, language_id="cohort-ftl", version=1, text=""
            )
        )
    )
    version = 1
    for end in range(1, len(final) + 1):
        version += 1
        text = final[:end]
        client.text_document_did_change(
            types.DidChangeTextDocumentParams(
                text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
                content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)],
            )
        )
        if text[-1] in ".?#@<" or end % 50 == 0:
            await client.text_document_completion_async(
                types.CompletionParams(
                    text_document=types.TextDocumentIdentifier(uri=uri), position=_position(text)
                )
            )
        if end % 20 == 0:
            await asyncio.sleep(0)  # let the server's replies in, as an editor would

    typed = await _diagnostics(client, uri, version)
    await asyncio.sleep(0.5)  # nothing older may be published after the final version
    assert _published(client, uri)[-1].version == version, "stale diagnostics published last"

    fresh_uri = (ROOT / "build" / f"fresh-{path.stem}.ftl").as_uri()
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(
                uri=fresh_uri, language_id="cohort-ftl", version=1, text=final
            )
        )
    )
    assert typed == await _diagnostics(client, fresh_uri, 1)

    log = LOG.read_text("utf-8", errors="replace") if LOG.is_file() else ""
    for marker in ("Traceback", "Exception", "ERROR"):
        assert marker not in log, log[-3000:]
