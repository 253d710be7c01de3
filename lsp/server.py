"""The language server: one thin handler per LSP method over :mod:`ftl.analysis`.

Documents are synchronised in full (``TextDocumentSyncKind.Full``): pygls's incremental
path splits lines with ``str.splitlines``, which also breaks at U+2028, form feeds and
``\\x85`` where LSP does not, and a payload template is small enough to resend.

Diagnostics are pulled (``textDocument/diagnostic``) when the client can, and pushed
otherwise: linted on open and, after :attr:`Settings.diagnostics_delay` of quiet, after each
change, off the event loop (the JSON output check renders the template), and published only
if the document has not changed meanwhile, so the last change always wins.

Every handler turns an exception of the analysis into an empty answer and a log line: a
half-typed template never takes the server down.
"""

from __future__ import annotations

import asyncio
import functools
import hashlib
import logging
import threading
import time
from collections.abc import Awaitable, Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from importlib import metadata
from typing import Any, ParamSpec, TypeVar

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.uris import to_fs_path
from pygls.workspace import TextDocument

from ftl.analysis import Analysis, Diagnostic, analyze, lint
from ftl.analysis import editor as ed
from ftl.nodes import Span
from ftl.schema import Config, SchemaError, discover, header_directives, load_sample

from . import PREVIEW_REQUEST
from . import convert as cv
from .convert import LineIndex
from .settings import SECTION, Settings

__all__ = ["CohortServer", "create_server", "server"]

log = logging.getLogger(__name__)

P = ParamSpec("P")
R = TypeVar("R")

COMPLETION_TRIGGERS = [".", "?", "#", "@", "/", "<"]
CONFIG_TTL = 2.0
"""Seconds a discovered schema/sample configuration is reused before the files are read
again (so an edited schema file is picked up without a restart)."""
MAX_PREVIEW_USERS = 10_000


def _version() -> str:
    try:
        return metadata.version("cohort-webhooks")
    except metadata.PackageNotFoundError:  # pragma: no cover - a bare checkout
        return "0"


@dataclass
class _Linted:
    source: str
    settings: Settings
    diagnostics: list[Diagnostic]


class CohortServer(LanguageServer):
    """The pygls server with this project's state: settings, debounced lint tasks, the last
    lint result per document, and the configuration (schema, samples) per template."""

    def __init__(self) -> None:
        super().__init__(
            "cohort-webhooks", _version(), text_document_sync_kind=types.TextDocumentSyncKind.Full
        )
        self.settings = Settings()
        self.settings_given = False
        self.pull_diagnostics = False
        self.snippets = True
        self.encoding = cv.UTF16
        # lint and preview (they render the template) / editor queries: never on the loop
        self.executor = ThreadPoolExecutor(max_workers=2, thread_name_prefix="lint")
        self.query_executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="query")
        self._pending: dict[str, asyncio.Task[None]] = {}
        self._linted: dict[str, _Linted] = {}
        self._running: dict[str, tuple[str, Settings, asyncio.Future[list[Diagnostic]]]] = {}
        self._configs: dict[tuple[Any, ...], tuple[float, Config]] = {}
        self._indexes: dict[str, tuple[str, LineIndex]] = {}
        # analyze() keeps an LRU cache that is not thread-safe; the lint worker and the
        # editor queries both analyse (the second one of a text finds it cached).
        self._analysis_lock = threading.Lock()
        self._config_lock = threading.Lock()

    # --------------------------------------------------------------- documents

    def document(self, uri: str) -> TextDocument | None:
        """The open document, or None (a closed document is never read from disk here)."""
        doc: TextDocument | None = self.workspace.text_documents.get(uri)
        return doc

    def index(self, uri: str, source: str) -> LineIndex:
        hit = self._indexes.get(uri)
        if hit is not None and hit[0] is source:
            return hit[1]
        idx = LineIndex(source, self.encoding)
        self._indexes[uri] = (source, idx)
        return idx

    @staticmethod
    def template_path(uri: str) -> str | None:
        return to_fs_path(uri) if uri.startswith("file:") else None

    def name_of(self, uri: str) -> str:
        return self.template_path(uri) or uri

    def config(self, uri: str, source: str) -> Config:
        """The schema and samples for a template (see :func:`ftl.schema.discover`)."""
        path = self.template_path(uri)
        s = self.settings
        key = (path, s.schema_file, s.sample_files, tuple(header_directives(source)))
        with self._config_lock:  # called from the event loop and the lint worker
            now = time.monotonic()
            hit = self._configs.get(key)
            if hit is not None and now - hit[0] < CONFIG_TTL:
                return hit[1]
            cfg = discover(path, source, schema=s.schema_file, samples=s.sample_files)
            self._configs[key] = (now, cfg)
            if len(self._configs) > 64:
                self._configs.pop(next(iter(self._configs)))
            return cfg

    def analysis_of(self, uri: str, source: str) -> tuple[LineIndex, Analysis]:
        """The analysis of ``source`` (cached by :func:`ftl.analysis.analyze`)."""
        cfg = self.config(uri, source)
        with self._analysis_lock:
            a = analyze(source, name=self.name_of(uri), schema=cfg.schema)
        return self.index(uri, source), a

    async def query(self, uri: str, answer: Callable[[LineIndex, Analysis], R]) -> R | None:
        """``answer`` over the analysis of the open document, computed in the query thread;
        None when the document is not open or the analysis fails (logged)."""
        doc = self.document(uri)
        if doc is None:
            return None
        source = doc.source

        def work() -> R:
            return answer(*self.analysis_of(uri, source))

        try:
            return await asyncio.get_running_loop().run_in_executor(self.query_executor, work)
        except asyncio.CancelledError:
            raise
        except Exception:
            log.exception("%s failed on %s", getattr(answer, "__qualname__", "query"), uri)
            return None

    def forget(self, uri: str) -> None:
        task = self._pending.pop(uri, None)
        if task is not None:
            task.cancel()
        self._linted.pop(uri, None)
        self._indexes.pop(uri, None)
        running = self._running.pop(uri, None)
        if running is not None:
            running[2].cancel()

    # --------------------------------------------------------------- diagnostics

    def lint_sync(self, uri: str, source: str, settings: Settings) -> list[Diagnostic]:
        """Every diagnostic of ``source`` (runs in a worker thread)."""
        cfg = self.config(uri, source)
        self.analysis_of(uri, source)  # under the lock; lint() below finds it cached
        diags = lint(
            source,
            name=self.name_of(uri),
            schema=cfg.schema,
            samples=cfg.samples,
            json_check=settings.json_output_check,
        )
        return _config_diagnostics(cfg, source) + diags

    async def lint_async(self, uri: str, source: str) -> list[Diagnostic]:
        """Lint off the event loop; the result is kept for code actions.  Callers asking for
        the same text at once (a pull and the code actions VS Code requests after a change)
        share one run; a run for an older text that has not started yet is dropped."""
        settings = self.settings
        hit = self._linted.get(uri)
        if hit is not None and hit.source is source and hit.settings == settings:
            return hit.diagnostics
        running = self._running.get(uri)
        if running is not None and running[0] is source and running[1] == settings:
            fut = running[2]
        else:
            if running is not None:
                running[2].cancel()  # only cancels a run still waiting for a worker
            loop = asyncio.get_running_loop()
            fut = loop.run_in_executor(self.executor, self.lint_sync, uri, source, settings)
            self._running[uri] = (source, settings, fut)
        try:
            diags = await asyncio.shield(fut)
        finally:
            if self._running.get(uri, (None, None, None))[2] is fut and fut.done():
                del self._running[uri]
        self._linted[uri] = _Linted(source, settings, diags)
        return diags

    def schedule_lint(self, uri: str, delay: float) -> None:
        """(Re)start the debounced lint of one document (push mode)."""
        if self.pull_diagnostics:
            return
        old = self._pending.pop(uri, None)
        if old is not None:
            old.cancel()
        self._pending[uri] = asyncio.get_running_loop().create_task(self._publish_later(uri, delay))

    async def _publish_later(self, uri: str, delay: float) -> None:
        try:
            if delay > 0:
                await asyncio.sleep(delay)
            doc = self.document(uri)
            if doc is None:
                return
            source, version = doc.source, doc.version
            try:
                diags = await self.lint_async(uri, source)
            except Exception:
                # never leave the previous version's diagnostics standing
                log.exception("lint of %s failed", uri)
                diags = []
            doc = self.document(uri)
            if doc is None or doc.source is not source:
                return  # changed meanwhile: the newer change's task publishes
            idx = self.index(uri, source)
            self.text_document_publish_diagnostics(
                types.PublishDiagnosticsParams(
                    uri=uri,
                    version=version,
                    diagnostics=[cv.diagnostic(d, idx, uri) for d in diags],
                )
            )
        except asyncio.CancelledError:
            raise
        except Exception:
            log.exception("publishing the diagnostics of %s failed", uri)
        finally:
            if self._pending.get(uri) is asyncio.current_task():
                del self._pending[uri]

    def refresh_diagnostics(self) -> None:
        """After a settings change: lint every open document again (or ask the client to
        pull again)."""
        self._configs.clear()
        self._linted.clear()
        if self.pull_diagnostics:
            if _cap(self.client_capabilities, "workspace", "diagnostics", "refresh_support"):
                self.workspace_diagnostic_refresh(None)
            return
        for uri in list(self.workspace.text_documents):
            self.schedule_lint(uri, 0)

    async def pull_settings(self) -> None:
        """Ask the client for the ``cohortWebhooks`` section (workspace/configuration)."""
        if not _cap(self.client_capabilities, "workspace", "configuration"):
            return
        try:
            res = await self.workspace_configuration_async(
                types.ConfigurationParams(items=[types.ConfigurationItem(section=SECTION)])
            )
        except Exception:
            log.exception("workspace/configuration failed")
            return
        if res:
            self.settings = self.settings.updated(_plain(res[0]))
            self.refresh_diagnostics()


def _cap(obj: Any, *path: str) -> Any:
    """A nested attribute of the client capabilities, or None."""
    for name in path:
        obj = getattr(obj, name, None)
        if obj is None:
            return None
    return obj


def _plain(value: Any) -> Any:
    """JSON-like values from pygls's namedtuples (custom params) or dicts."""
    if hasattr(value, "_asdict"):
        return {k: _plain(v) for k, v in value._asdict().items()}
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


def _config_diagnostics(cfg: Config, source: str) -> list[Diagnostic]:
    """FTL010 for schema and sample files that could not be read (``Config.problems``): at
    the header comment's path, or at the start of the template for a configuration file."""
    out = []
    lines = source.split("\n")
    for message, line, column in cfg.problems:
        if 1 <= line <= len(lines) and column >= 1:
            rest = lines[line - 1][column - 1 :]
            width = len(rest.split(None, 1)[0]) if rest.strip() else 1
            span = Span(line, column, line, column + width)
        else:
            span = Span(1, 1, 1, 1 + min(1, len(lines[0])))
        out.append(Diagnostic("FTL010", "error", message, span))
    return out


server = CohortServer()


def create_server() -> CohortServer:
    return server


def guarded_async(fn: Callable[P, Awaitable[R]]) -> Callable[P, Awaitable[R | None]]:
    @functools.wraps(fn)
    async def inner(*args: P.args, **kwargs: P.kwargs) -> R | None:
        try:
            return await fn(*args, **kwargs)
        except asyncio.CancelledError:
            raise
        except Exception:
            log.exception("%s failed", fn.__name__)
            return None

    return inner


# ----------------------------------------------------------------------------- lifecycle


@server.feature(types.INITIALIZE)
def initialize(ls: CohortServer, params: types.InitializeParams) -> None:
    ls.settings = Settings().updated(params.initialization_options)
    ls.settings_given = params.initialization_options is not None
    caps = params.capabilities
    ls.pull_diagnostics = _cap(caps, "text_document", "diagnostic") is not None
    ls.snippets = bool(
        _cap(caps, "text_document", "completion", "completion_item", "snippet_support")
    )
    encoding = ls.workspace.position_encoding or cv.UTF16
    ls.encoding = str(getattr(encoding, "value", encoding))
    # Load the grammar and the built-in registry now, on this thread: the first diagnostics
    # come sooner, and the worker threads never race to initialise them.
    try:
        analyze("${input.cohort_name?json_string}", name="<warm-up>")
    except Exception:
        log.exception("warm-up analysis failed")
    log.info(
        "initialized: %s diagnostics, %s positions, %s",
        "pull" if ls.pull_diagnostics else "push",
        ls.encoding,
        ls.settings,
    )


@server.feature(types.INITIALIZED)
async def initialized(ls: CohortServer, params: types.InitializedParams) -> None:
    if not ls.settings_given:
        await ls.pull_settings()


@server.feature(types.WORKSPACE_DID_CHANGE_CONFIGURATION)
async def did_change_configuration(
    ls: CohortServer, params: types.DidChangeConfigurationParams
) -> None:
    raw = _plain(params.settings)
    if isinstance(raw, dict) and isinstance(raw.get(SECTION), dict):
        ls.settings = ls.settings.updated(raw)
        ls.refresh_diagnostics()
    else:  # "settings": null — the client wants to be asked
        await ls.pull_settings()


@server.feature(types.TEXT_DOCUMENT_DID_OPEN)
def did_open(ls: CohortServer, params: types.DidOpenTextDocumentParams) -> None:
    ls.forget(params.text_document.uri)
    ls.schedule_lint(params.text_document.uri, 0)


@server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
def did_change(ls: CohortServer, params: types.DidChangeTextDocumentParams) -> None:
    ls.schedule_lint(params.text_document.uri, ls.settings.diagnostics_delay)


@server.feature(types.TEXT_DOCUMENT_DID_SAVE)
def did_save(ls: CohortServer, params: types.DidSaveTextDocumentParams) -> None:
    ls._configs.clear()  # a header comment's schema may have been saved alongside


@server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
def did_close(ls: CohortServer, params: types.DidCloseTextDocumentParams) -> None:
    uri = params.text_document.uri
    ls.forget(uri)
    if not ls.pull_diagnostics:
        ls.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(uri=uri, diagnostics=[])
        )


# ----------------------------------------------------------------------------- diagnostics


@server.feature(
    types.TEXT_DOCUMENT_DIAGNOSTIC,
    types.DiagnosticOptions(
        identifier="cohort-webhooks", inter_file_dependencies=False, workspace_diagnostics=False
    ),
)
async def pull_diagnostics(
    ls: CohortServer, params: types.DocumentDiagnosticParams
) -> types.DocumentDiagnosticReport:
    uri = params.text_document.uri
    doc = ls.document(uri)
    if doc is None:
        return types.RelatedFullDocumentDiagnosticReport(items=[])
    source = doc.source
    result_id = hashlib.blake2b(f"{ls.settings}\0{source}".encode(), digest_size=12).hexdigest()
    if params.previous_result_id == result_id:
        return types.RelatedUnchangedDocumentDiagnosticReport(result_id=result_id)
    try:
        diags = await ls.lint_async(uri, source)
    except Exception:
        log.exception("lint of %s failed", uri)
        diags = []
    idx = ls.index(uri, source)
    return types.RelatedFullDocumentDiagnosticReport(
        items=[cv.diagnostic(d, idx, uri) for d in diags], result_id=result_id
    )


@server.feature(
    types.TEXT_DOCUMENT_CODE_ACTION,
    types.CodeActionOptions(
        code_action_kinds=[types.CodeActionKind.QuickFix, types.CodeActionKind.SourceFixAll]
    ),
)
@guarded_async
async def code_action(
    ls: CohortServer, params: types.CodeActionParams
) -> list[types.CodeAction] | None:
    uri = params.text_document.uri
    doc = ls.document(uri)
    if doc is None:
        return None
    source = doc.source
    diags = await ls.lint_async(uri, source)
    idx = ls.index(uri, source)
    only = params.context.only
    actions: list[types.CodeAction] = []
    kinds = [str(getattr(k, "value", k)) for k in only or ()]
    if not kinds or any(k.startswith("quickfix") for k in kinds):
        actions += cv.code_actions(diags, idx.span(params.range), idx, uri)
    if any(k.startswith("source") for k in kinds):
        fix = cv.fix_all(diags, idx, uri)
        if fix is not None:
            actions.append(fix)
    return actions


# ----------------------------------------------------------------------------- editor queries
#
# Each handler is a question to ftl.analysis.editor asked through CohortServer.query: the
# analysis and the answer are computed off the event loop, so a long analysis (a large
# template just changed) never stalls the protocol, and a request the client cancels is
# dropped.


@server.feature(
    types.TEXT_DOCUMENT_COMPLETION,
    types.CompletionOptions(trigger_characters=COMPLETION_TRIGGERS, resolve_provider=False),
)
async def completion(
    ls: CohortServer, params: types.CompletionParams
) -> types.CompletionList | None:
    def answer(idx: LineIndex, a: Analysis) -> types.CompletionList:
        items = ed.completions(a, *idx.location(params.position))
        return types.CompletionList(
            is_incomplete=False,
            items=[cv.completion_item(i, idx, snippets=ls.snippets) for i in items],
        )

    return await ls.query(params.text_document.uri, answer)


@server.feature(types.TEXT_DOCUMENT_HOVER)
async def hover(ls: CohortServer, params: types.HoverParams) -> types.Hover | None:
    def answer(idx: LineIndex, a: Analysis) -> types.Hover | None:
        h = ed.hover(a, *idx.location(params.position))
        return cv.hover(h, idx) if h is not None else None

    return await ls.query(params.text_document.uri, answer)


@server.feature(
    types.TEXT_DOCUMENT_SIGNATURE_HELP,
    types.SignatureHelpOptions(trigger_characters=["(", ","], retrigger_characters=[" "]),
)
async def signature_help(
    ls: CohortServer, params: types.SignatureHelpParams
) -> types.SignatureHelp | None:
    def answer(idx: LineIndex, a: Analysis) -> types.SignatureHelp | None:
        s = ed.signature_help(a, *idx.location(params.position))
        return cv.signature_help(s) if s is not None else None

    return await ls.query(params.text_document.uri, answer)


@server.feature(types.TEXT_DOCUMENT_DEFINITION)
async def definition(ls: CohortServer, params: types.DefinitionParams) -> types.Location | None:
    uri = params.text_document.uri

    def answer(idx: LineIndex, a: Analysis) -> types.Location | None:
        span = ed.definition(a, *idx.location(params.position))
        return cv.location(uri, span, idx) if span is not None else None

    return await ls.query(uri, answer)


@server.feature(types.TEXT_DOCUMENT_REFERENCES)
async def references(
    ls: CohortServer, params: types.ReferenceParams
) -> list[types.Location] | None:
    uri = params.text_document.uri

    def answer(idx: LineIndex, a: Analysis) -> list[types.Location]:
        line, column = idx.location(params.position)
        spans = ed.references(a, line, column, params.context.include_declaration)
        return [cv.location(uri, s, idx) for s in spans]

    return await ls.query(uri, answer)


@server.feature(types.TEXT_DOCUMENT_PREPARE_RENAME)
async def prepare_rename(
    ls: CohortServer, params: types.PrepareRenameParams
) -> types.PrepareRenameResult | None:
    def answer(idx: LineIndex, a: Analysis) -> types.Range | None:
        line, column = idx.location(params.position)
        for span in ed.references(a, line, column, True):
            if span.contains(line, column) or (span.end_line, span.end_column) == (line, column):
                return idx.range(span)
        return None

    return await ls.query(params.text_document.uri, answer)


@server.feature(types.TEXT_DOCUMENT_RENAME)
async def rename(ls: CohortServer, params: types.RenameParams) -> types.WorkspaceEdit | None:
    uri = params.text_document.uri

    def answer(idx: LineIndex, a: Analysis) -> types.WorkspaceEdit | None:
        edits = ed.rename(a, *idx.location(params.position), params.new_name)
        if edits is None:
            return None
        return types.WorkspaceEdit(changes={uri: cv.text_edits(edits, idx)})

    return await ls.query(uri, answer)


@server.feature(types.TEXT_DOCUMENT_DOCUMENT_SYMBOL)
async def document_symbols(
    ls: CohortServer, params: types.DocumentSymbolParams
) -> list[types.DocumentSymbol] | None:
    def answer(idx: LineIndex, a: Analysis) -> list[types.DocumentSymbol]:
        return [cv.document_symbol(s, idx) for s in ed.document_symbols(a)]

    return await ls.query(params.text_document.uri, answer)


@server.feature(types.TEXT_DOCUMENT_FOLDING_RANGE)
async def folding_ranges(
    ls: CohortServer, params: types.FoldingRangeParams
) -> list[types.FoldingRange] | None:
    def answer(idx: LineIndex, a: Analysis) -> list[types.FoldingRange]:
        out = (cv.folding_range(*f) for f in ed.folding_ranges(a))
        return [f for f in out if f is not None]

    return await ls.query(params.text_document.uri, answer)


@server.feature(types.TEXT_DOCUMENT_SEMANTIC_TOKENS_FULL, cv.SEMANTIC_TOKENS_LEGEND)
async def semantic_tokens(
    ls: CohortServer, params: types.SemanticTokensParams
) -> types.SemanticTokens | None:
    def answer(idx: LineIndex, a: Analysis) -> types.SemanticTokens:
        return types.SemanticTokens(data=cv.semantic_tokens(ed.semantic_tokens(a), idx))

    return await ls.query(params.text_document.uri, answer)


@server.feature(types.TEXT_DOCUMENT_INLAY_HINT)
async def inlay_hints(
    ls: CohortServer, params: types.InlayHintParams
) -> list[types.InlayHint] | None:
    def answer(idx: LineIndex, a: Analysis) -> list[types.InlayHint]:
        wanted = idx.span(params.range)
        return [
            cv.inlay_hint(line, column, label, idx)
            for line, column, label in ed.inlay_hints(a)
            if wanted.line <= line <= wanted.end_line
        ]

    return await ls.query(params.text_document.uri, answer)


# ----------------------------------------------------------------------------- preview


def _field(obj: Any, key: str) -> Any:
    return obj.get(key) if isinstance(obj, dict) else getattr(obj, key, None)


def _preview_error(message: str) -> dict[str, Any]:
    return {"ok": False, "error": {"message": message, "range": None}}


@server.feature(PREVIEW_REQUEST)
async def preview(ls: CohortServer, params: Any) -> dict[str, Any]:
    """``cohortWebhooks/preview``: render the document against a sample (see the README)."""
    uri = _field(params, "uri")
    sample = _field(params, "sample")
    if not isinstance(uri, str) or sample is None:
        return _preview_error("cohortWebhooks/preview needs {uri, sample}.")
    doc = ls.document(uri)
    if doc is None:
        try:
            doc = ls.workspace.get_text_document(uri)  # not open: read it from disk
            _ = doc.source
        except Exception as e:
            return _preview_error(f"Cannot read {uri}: {e}")
    source = doc.source
    kind = _field(sample, "kind")
    data: Any = None
    users, in_cohort = 3, True
    if kind == "file":
        path = _field(sample, "path")
        if not isinstance(path, str):
            return _preview_error("A file sample needs a path.")
        try:
            data = load_sample(path)
        except SchemaError as e:
            return _preview_error(str(e))
    elif kind == "synthesized":
        try:
            users = max(0, min(int(_field(sample, "users")), MAX_PREVIEW_USERS))
        except (TypeError, ValueError):
            return _preview_error("A synthesized sample needs a number of users.")
        in_cohort = bool(_field(sample, "inCohort"))
    else:
        return _preview_error(f"Unknown sample kind {kind!r} (expected synthesized or file).")
    cfg = ls.config(uri, source)
    idx = ls.index(uri, source)

    def render() -> dict[str, Any]:
        r = ed.preview(
            source,
            name=ls.name_of(uri),
            sample=data,
            users=users,
            in_cohort=in_cohort,
            schema=cfg.schema,
        )
        return cv.preview_result(r, idx)

    try:
        return await asyncio.get_running_loop().run_in_executor(ls.executor, render)
    except Exception as e:
        log.exception("preview of %s failed", uri)
        return _preview_error(f"The preview failed inside the server: {e}")
