"""The language server end to end: the real server (``python -m lsp --stdio``) over stdio,
driven by pytest-lsp as VS Code would drive it (its captured client capabilities).

One server serves the module (diagnostics pushed, as for a client without pull support);
a second one is started with pull diagnostics.  Every wait is bounded.
"""

from __future__ import annotations

import asyncio
import faulthandler
import json
import sys
from collections.abc import Callable
from itertools import count
from pathlib import Path
from typing import Any

import pytest
import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities

ROOT = Path(__file__).resolve().parents[1]
SEED = (ROOT / "vscode-extension" / "e2e" / "workspace" / "payload.ftl").read_text("utf-8")
SERVER = [sys.executable, "-m", "lsp", "--stdio"]
INPUT_FIELDS = ["cohort_name", "cohort_id", "in_cohort", "computed_time", "message_id", "users"]
CURSOR = "‸"
TIMEOUT = 15.0
P = types.Position
_n = count()

# The module's tests share the servers started by the module-scoped fixtures, so they run in
# the fixtures' event loop.
pytestmark = pytest.mark.asyncio(loop_scope="module")


def _recording_client() -> LanguageClient:
    """pytest-lsp's client, also recording (uri, version, diagnostics) of every publish."""
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


def _capabilities(pull: bool) -> types.ClientCapabilities:
    caps = client_capabilities("visual-studio-code")
    assert caps.text_document is not None
    caps.text_document.diagnostic = (
        types.DiagnosticClientCapabilities(related_document_support=False) if pull else None
    )
    if pull and caps.workspace is not None:
        caps.workspace.diagnostics = types.DiagnosticWorkspaceClientCapabilities(
            refresh_support=True
        )
    return caps


INIT_OPTIONS = {"schemaFile": None, "sampleFiles": [], "jsonOutputCheck": True}


@pytest_lsp.fixture(
    scope="module",
    config=ClientServerConfig(server_command=SERVER, client_factory=_recording_client),
)
async def client(lsp_client: LanguageClient) -> Any:
    result = await lsp_client.initialize_session(
        types.InitializeParams(
            capabilities=_capabilities(pull=False),
            initialization_options=INIT_OPTIONS,
            root_uri=ROOT.as_uri(),
        )
    )
    lsp_client.init_result = result  # type: ignore[attr-defined]
    yield
    await lsp_client.shutdown_session()


@pytest.fixture(autouse=True)
def _watchdog() -> Any:
    """Bounded time: a test stuck on a request that never comes back ends the run (with every
    thread's traceback) instead of hanging CI."""
    faulthandler.dump_traceback_later(120, exit=True)
    yield
    faulthandler.cancel_dump_traceback_later()


# ----------------------------------------------------------------------------- helpers


def at(text: str) -> tuple[str, types.Position]:
    """The text without its cursor marker, and the marker's LSP position (UTF-16)."""
    before, _, after = text.partition(CURSOR)
    assert _, "no cursor marker"
    lines = before.split("\n")
    return before + after, P(line=len(lines) - 1, character=len(lines[-1].encode("utf-16-le")) // 2)


def open_doc(client: LanguageClient, text: str, suffix: str = ".ftl") -> str:
    uri = (ROOT / "build" / f"lsp-e2e-{next(_n)}{suffix}").as_uri()
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(
                uri=uri, language_id="cohort-ftl", version=1, text=text
            )
        )
    )
    return uri


def change(client: LanguageClient, uri: str, version: int, text: str) -> None:
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
            content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)],
        )
    )


async def until(predicate: Callable[[], bool], timeout: float = TIMEOUT) -> None:
    deadline = asyncio.get_running_loop().time() + timeout
    while not predicate():
        if asyncio.get_running_loop().time() > deadline:
            raise AssertionError("timed out waiting for the server")
        await asyncio.sleep(0.01)


async def diagnostics_for(
    client: LanguageClient, uri: str, version: int = 1
) -> list[types.Diagnostic]:
    """The diagnostics published for ``version`` of ``uri``."""
    published: list[types.PublishDiagnosticsParams] = client.published  # type: ignore[attr-defined]

    def got() -> bool:
        return any(p.uri == uri and p.version == version for p in published)

    await until(got)
    return list([p for p in published if p.uri == uri and p.version == version][-1].diagnostics)


def labels(items: types.CompletionList | list[types.CompletionItem] | None) -> list[str]:
    if items is None:
        return []
    if isinstance(items, types.CompletionList):
        items = items.items
    return [i.label for i in items]


async def complete(client: LanguageClient, text: str, trigger: str | None = None) -> list[str]:
    source, pos = at(text)
    uri = open_doc(client, source)
    res = await client.text_document_completion_async(
        types.CompletionParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            position=pos,
            context=types.CompletionContext(
                trigger_kind=types.CompletionTriggerKind.TriggerCharacter
                if trigger
                else types.CompletionTriggerKind.Invoked,
                trigger_character=trigger,
            ),
        )
    )
    return labels(res)


def doc_id(uri: str) -> types.TextDocumentIdentifier:
    return types.TextDocumentIdentifier(uri=uri)


# ----------------------------------------------------------------------------- capabilities


async def test_capabilities(client: LanguageClient) -> None:
    caps: types.ServerCapabilities = client.init_result.capabilities  # type: ignore[attr-defined]
    assert caps.position_encoding == types.PositionEncodingKind.Utf16
    sync = caps.text_document_sync
    assert isinstance(sync, types.TextDocumentSyncOptions)
    assert sync.change == types.TextDocumentSyncKind.Full and sync.open_close
    assert caps.completion_provider is not None
    assert set(caps.completion_provider.trigger_characters or []) == set(".?#@/<")
    assert caps.hover_provider
    assert caps.signature_help_provider is not None
    assert caps.definition_provider and caps.references_provider
    assert isinstance(caps.rename_provider, types.RenameOptions)
    assert caps.rename_provider.prepare_provider
    assert caps.document_symbol_provider and caps.folding_range_provider
    assert caps.inlay_hint_provider
    assert isinstance(caps.semantic_tokens_provider, types.SemanticTokensOptions)
    assert caps.semantic_tokens_provider.full
    assert isinstance(caps.code_action_provider, types.CodeActionOptions)
    assert types.CodeActionKind.QuickFix in (caps.code_action_provider.code_action_kinds or [])
    assert caps.diagnostic_provider is not None


# ----------------------------------------------------------------------------- diagnostics


async def test_seed_gets_the_user_id_warning(client: LanguageClient) -> None:
    uri = open_doc(client, SEED)
    diags = await diagnostics_for(client, uri)
    user_id = [d for d in diags if "user_id" in d.message]
    assert user_id, diags
    d = user_id[0]
    assert d.severity == types.DiagnosticSeverity.Warning
    assert d.source == "cohort-webhooks" and isinstance(d.code, str) and d.code.startswith("FTL")
    line = SEED.split("\n")[d.range.start.line]
    assert "${user.user_id}" in line
    assert [x for x in diags if x.severity == types.DiagnosticSeverity.Error] == []


async def test_diagnostics_follow_the_last_change(client: LanguageClient) -> None:
    """A burst of changes: only the last one's diagnostics count, and none go stale."""
    good = SEED.replace("${user.user_id}", "${user.user_id?json_string}")
    uri = open_doc(client, SEED)
    await diagnostics_for(client, uri)
    for v in range(2, 12):  # faster than the debounce
        change(client, uri, v, good if v % 2 else SEED)
    change(client, uri, 12, good)
    diags = await diagnostics_for(client, uri, 12)
    assert [d for d in diags if "user_id" in d.message] == []
    await asyncio.sleep(0.5)  # nothing older may arrive afterwards
    published = [p for p in client.published if p.uri == uri]  # type: ignore[attr-defined]
    assert published[-1].version == 12
    assert all(p.version in (1, 12) for p in published), [p.version for p in published]


async def test_half_typed_template_never_crashes(client: LanguageClient) -> None:
    """Type the seed one chunk at a time, asking for completion, hover and tokens on the way."""
    uri = open_doc(client, "")
    version = 1
    for end in range(0, len(SEED) + 1, 7):
        version += 1
        text = SEED[:end]
        change(client, uri, version, text)
        lines = text.split("\n")
        pos = P(line=len(lines) - 1, character=len(lines[-1]))
        res = await client.text_document_completion_async(
            types.CompletionParams(text_document=doc_id(uri), position=pos)
        )
        assert res is None or isinstance(res, types.CompletionList | list)
        await client.text_document_hover_async(
            types.HoverParams(text_document=doc_id(uri), position=pos)
        )
        await client.text_document_semantic_tokens_full_async(
            types.SemanticTokensParams(text_document=doc_id(uri))
        )
    version += 1
    change(client, uri, version, SEED)
    diags = await diagnostics_for(client, uri, version)
    assert any("user_id" in d.message for d in diags)


async def test_syntax_errors_and_related_information(client: LanguageClient) -> None:
    text = '{"a": ${input.cohort_name?json_string}\n<#if input.in_cohort>\n"x"\n'
    uri = open_doc(client, text)
    diags = await diagnostics_for(client, uri)
    errors = [d for d in diags if d.severity == types.DiagnosticSeverity.Error]
    assert errors and all(d.code for d in errors)


async def test_utf16_ranges_after_astral_characters(client: LanguageClient) -> None:
    text = '{"emoji": "😀😀", "id": "${user.user_id}"}<#sep>,</#sep>\n'
    text = f"[<#list input.users as user>\n{text}</#list>]\n"
    uri = open_doc(client, text)
    diags = await diagnostics_for(client, uri)
    (d,) = [d for d in diags if "user_id" in d.message]
    line = text.split("\n")[1]
    utf16 = line.encode("utf-16-le")
    # the range lies on the interpolation, counted in UTF-16 code units
    start = len(line[: line.index("${user")].encode("utf-16-le")) // 2
    end = len(line[: line.index("}", line.index("${user")) + 1].encode("utf-16-le")) // 2
    assert start <= d.range.start.character < d.range.end.character <= end, (d.range, len(utf16))


# ----------------------------------------------------------------------------- completion


async def test_completion_of_input_fields_half_typed(client: LanguageClient) -> None:
    got = await complete(client, SEED + "${input.‸", ".")
    assert set(INPUT_FIELDS) <= set(got)


async def test_completion_of_a_loop_variable(client: LanguageClient) -> None:
    text = "<#list input.users as user>\n  ${user.‸\n</#list>\n"
    got = await complete(client, text, ".")
    assert {"user_id", "user_properties"} <= set(got)


async def test_completion_items_carry_type_and_documentation(client: LanguageClient) -> None:
    source, pos = at("${input.‸")
    uri = open_doc(client, source)
    res = await client.text_document_completion_async(
        types.CompletionParams(text_document=doc_id(uri), position=pos)
    )
    assert isinstance(res, types.CompletionList)
    item = next(i for i in res.items if i.label == "cohort_name")
    assert item.kind == types.CompletionItemKind.Field
    assert item.detail and "string" in item.detail
    assert item.documentation is not None


async def test_completion_of_builtins_ranked_by_type(client: LanguageClient) -> None:
    source, pos = at("${input.cohort_name?‸")
    uri = open_doc(client, source)
    res = await client.text_document_completion_async(
        types.CompletionParams(text_document=doc_id(uri), position=pos)
    )
    assert isinstance(res, types.CompletionList)
    names = [i.label for i in res.items]
    assert "json_string" in names and "c" in names
    rank = {i.label: i.sort_text or i.label for i in res.items}
    assert rank["json_string"] < rank["c"]  # string built-ins first after a string


async def test_completion_of_directives_end_tags_and_macros(client: LanguageClient) -> None:
    assert {"list", "if", "assign"} <= set(await complete(client, "<#‸", "#"))
    got = await complete(client, "<#list input.users as u>\n  ${u.user_id}\n</‸", "/")
    assert any("list" in g for g in got)
    text = "<#macro row u>${u.user_id}</#macro>\n<#list input.users as u><@‸</#list>"
    assert "row" in await complete(client, text, "@")


async def test_completion_inside_a_list_offers_sep(client: LanguageClient) -> None:
    got = await complete(client, "<#list input.users as user>\n  <#‸\n</#list>\n", "#")
    assert "sep" in got


# ----------------------------------------------------------------------------- other queries


async def test_hover_on_a_field_and_a_builtin(client: LanguageClient) -> None:
    source, pos = at("${input.cohort_n‸ame?json_string}")
    uri = open_doc(client, source)
    h = await client.text_document_hover_async(
        types.HoverParams(text_document=doc_id(uri), position=pos)
    )
    assert h is not None and isinstance(h.contents, types.MarkupContent)
    assert "string" in h.contents.value
    pos = P(line=0, character=source.index("json_string") + 2)
    h = await client.text_document_hover_async(
        types.HoverParams(text_document=doc_id(uri), position=pos)
    )
    assert h is not None and isinstance(h.contents, types.MarkupContent)
    assert "json_string" in h.contents.value


async def test_signature_help_of_a_builtin(client: LanguageClient) -> None:
    source, pos = at("${input.cohort_name?left_pad(‸")
    uri = open_doc(client, source)
    s = await client.text_document_signature_help_async(
        types.SignatureHelpParams(text_document=doc_id(uri), position=pos)
    )
    assert s is not None and s.signatures
    assert "left_pad" in s.signatures[0].label


VARS = '<#assign total = input.users?size>\n{"n": ${total?c}, "again": ${total?c}}\n'


async def test_definition_references_and_rename(client: LanguageClient) -> None:
    uri = open_doc(client, VARS)
    use = P(line=1, character=VARS.split("\n")[1].index("total") + 1)
    loc = await client.text_document_definition_async(
        types.DefinitionParams(text_document=doc_id(uri), position=use)
    )
    loc = loc[0] if isinstance(loc, list) else loc
    assert isinstance(loc, types.Location)
    assert loc.range.start == P(line=0, character=VARS.index("total"))
    refs = await client.text_document_references_async(
        types.ReferenceParams(
            text_document=doc_id(uri),
            position=use,
            context=types.ReferenceContext(include_declaration=True),
        )
    )
    assert refs is not None and len(refs) == 3
    prep = await client.text_document_prepare_rename_async(
        types.PrepareRenameParams(text_document=doc_id(uri), position=use)
    )
    assert isinstance(prep, types.Range)
    edit = await client.text_document_rename_async(
        types.RenameParams(text_document=doc_id(uri), position=use, new_name="count")
    )
    assert edit is not None and edit.changes is not None
    assert len(edit.changes[uri]) == 3
    assert {e.new_text for e in edit.changes[uri]} == {"count"}


async def test_document_symbols_folding_and_inlay_hints(client: LanguageClient) -> None:
    text = (
        "<#-- a\n  multi-line comment -->\n"
        "<#macro row u>\n  ${u.user_id?json_string}\n</#macro>\n"
        "<#assign n = 1>\n"
        "<#list input.users as user>\n  <@row u=user/>\n</#list>\n"
    )
    uri = open_doc(client, text)
    syms = await client.text_document_document_symbol_async(
        types.DocumentSymbolParams(text_document=doc_id(uri))
    )
    names = {s.name for s in syms or []}
    assert {"row", "n"} <= names, names
    folds = await client.text_document_folding_range_async(
        types.FoldingRangeParams(text_document=doc_id(uri))
    )
    assert folds is not None
    assert {(f.start_line, f.end_line) for f in folds} >= {(0, 1), (2, 4), (6, 8)}
    hints = await client.text_document_inlay_hint_async(
        types.InlayHintParams(
            text_document=doc_id(uri),
            range=types.Range(start=P(line=0, character=0), end=P(line=9, character=0)),
        )
    )
    assert hints and any("user" in str(h.label) for h in hints)
    assert all(h.position.line == 6 for h in hints if "user" in str(h.label))


async def test_semantic_tokens(client: LanguageClient) -> None:
    text = '<#-- c -->\n{"a": ${input.cohort_name?json_string}, "n": ${1}}\n'
    uri = open_doc(client, text)
    res = await client.text_document_semantic_tokens_full_async(
        types.SemanticTokensParams(text_document=doc_id(uri))
    )
    assert res is not None and len(res.data) % 5 == 0 and res.data
    caps = client.init_result.capabilities  # type: ignore[attr-defined]
    legend = caps.semantic_tokens_provider.legend.token_types
    line = char = 0
    tokens: dict[str, str] = {}
    lines = text.split("\n")
    for i in range(0, len(res.data), 5):
        dl, dc, length, typ, _ = res.data[i : i + 5]
        line += dl
        char = char + dc if dl == 0 else dc
        tokens[lines[line][char : char + length]] = legend[typ]
    assert tokens.get("<#-- c -->") == "comment"
    assert {v for k, v in tokens.items() if "json_string" in k} == {"function"}
    assert tokens.get("cohort_name") == "property"


# ----------------------------------------------------------------------------- code actions


async def test_quick_fix_and_fix_all(client: LanguageClient) -> None:
    text = (
        "[<#list input.users as user>\n"
        '{"id": "${user.user_id}", "again": "${user.user_id}"}<#sep>,</#sep>\n'
        "</#list>]\n"
    )
    uri = open_doc(client, text)
    diags = [d for d in await diagnostics_for(client, uri) if "user_id" in d.message]
    assert len(diags) == 2
    actions = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=doc_id(uri),
            range=diags[0].range,
            context=types.CodeActionContext(diagnostics=[diags[0]]),
        )
    )
    assert actions
    titles = [a.title for a in actions if isinstance(a, types.CodeAction)]
    fix = next(a for a in actions if isinstance(a, types.CodeAction) and "json_string" in a.title)
    assert fix.kind == types.CodeActionKind.QuickFix and fix.edit and fix.edit.changes
    (edit,) = fix.edit.changes[uri]
    assert edit.new_text.startswith("?json_string") or "json_string" in edit.new_text
    fix_all = [
        a for a in actions if isinstance(a, types.CodeAction) and a.title.startswith("Fix all")
    ]
    assert fix_all, titles
    assert fix_all[0].edit and len(fix_all[0].edit.changes[uri]) == 2
    source_fix_all = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=doc_id(uri),
            range=types.Range(start=P(line=0, character=0), end=P(line=0, character=0)),
            context=types.CodeActionContext(
                diagnostics=[], only=[types.CodeActionKind.SourceFixAll]
            ),
        )
    )
    assert source_fix_all is not None
    (action,) = source_fix_all
    assert isinstance(action, types.CodeAction) and action.kind == types.CodeActionKind.SourceFixAll
    assert action.edit and len(action.edit.changes[uri]) == 2


# ----------------------------------------------------------------------------- preview


async def preview(client: LanguageClient, uri: str, sample: dict[str, Any]) -> Any:
    res = await asyncio.wait_for(
        client.protocol.send_request_async(
            "cohortWebhooks/preview", {"uri": uri, "sample": sample}
        ),
        TIMEOUT,
    )
    return _plain(res)


def _plain(value: Any) -> Any:
    """A custom request's result as JSON values (pygls hands it over as namedtuples)."""
    if hasattr(value, "_asdict"):
        return {k: _plain(v) for k, v in value._asdict().items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


async def test_preview_synthesized_and_file(client: LanguageClient, tmp_path: Path) -> None:
    good = SEED.replace("${user.user_id}", "${user.user_id?json_string}")
    uri = open_doc(client, good)
    res = await preview(client, uri, {"kind": "synthesized", "users": 3, "inCohort": True})
    assert res["ok"] is True and res["json"] is True
    payload = json.loads(res["payload"])
    assert payload["in_cohort"] is True and len(payload["users"]) == 3
    res = await preview(client, uri, {"kind": "synthesized", "users": 1, "inCohort": False})
    assert json.loads(res["payload"])["in_cohort"] is False
    sample = tmp_path / "two.json"
    sample.write_text(
        json.dumps(
            {
                "cohort_name": 'Say "hi"',
                "cohort_id": "c1",
                "in_cohort": True,
                "computed_time": "1",
                "message_id": "m::enter::0",
                "users": [{"user_id": "a"}, {"user_id": "b"}],
            }
        )
    )
    res = await preview(client, uri, {"kind": "file", "path": str(sample)})
    assert res["ok"] is True
    assert [u["user_id"] for u in json.loads(res["payload"])["users"]] == ["a", "b"]
    res = await preview(client, uri, {"kind": "file", "path": str(tmp_path / "missing.json")})
    assert res["ok"] is False and res["error"]["range"] is None


async def test_preview_error_with_range(client: LanguageClient) -> None:
    text = '{\n  "name": "${input.cohort_nme}"\n}\n'
    uri = open_doc(client, text)
    res = await preview(client, uri, {"kind": "synthesized", "users": 3, "inCohort": True})
    assert res["ok"] is False
    assert "cohort_nme" in res["error"]["message"]
    assert res["error"]["range"]["start"]["line"] == 1


async def test_preview_of_output_that_is_not_json(client: LanguageClient) -> None:
    text = "[<#list input.users as u>${u.user_id?json_string}</#list>]"
    uri = open_doc(client, text)
    res = await preview(client, uri, {"kind": "synthesized", "users": 3, "inCohort": True})
    assert res["ok"] is True and res["json"] is False
    assert "range" in res["jsonError"] and res["jsonError"]["message"]


async def test_preview_refuses_bad_params(client: LanguageClient) -> None:
    uri = open_doc(client, "x")
    res = await preview(client, uri, {"kind": "nonsense"})
    assert res["ok"] is False


# ----------------------------------------------------------------------------- configuration


async def test_configuration_switches_the_output_check(client: LanguageClient) -> None:
    # a missing comma: only rendering the template shows that the payload is not JSON
    text = '{\n  "id": "${input.cohort_id?json_string}"\n  "n": 1\n}\n'
    uri = open_doc(client, text)
    with_check = await diagnostics_for(client, uri)
    client.workspace_did_change_configuration(
        types.DidChangeConfigurationParams(
            settings={"cohortWebhooks": {**INIT_OPTIONS, "jsonOutputCheck": False}}
        )
    )
    change(client, uri, 2, text)
    without = await diagnostics_for(client, uri, 2)
    client.workspace_did_change_configuration(
        types.DidChangeConfigurationParams(settings={"cohortWebhooks": INIT_OPTIONS})
    )
    change(client, uri, 3, text)
    again = await diagnostics_for(client, uri, 3)
    assert len(without) < len(with_check), (with_check, without)
    assert {d.code for d in again} == {d.code for d in with_check}


async def test_schema_file_setting_extends_completion(
    client: LanguageClient, tmp_path: Path
) -> None:
    schema = tmp_path / "schema.json"
    schema.write_text(
        json.dumps(
            {
                "properties": {
                    "users": {
                        "items": {
                            "properties": {
                                "user_properties": {"properties": {"plan": {"type": "string"}}}
                            }
                        }
                    }
                }
            }
        )
    )
    client.workspace_did_change_configuration(
        types.DidChangeConfigurationParams(
            settings={"cohortWebhooks": {**INIT_OPTIONS, "schemaFile": str(schema)}}
        )
    )
    try:
        text = "<#list input.users as user>\n${user.user_properties.‸\n</#list>"
        assert "plan" in await complete(client, text, ".")
    finally:
        client.workspace_did_change_configuration(
            types.DidChangeConfigurationParams(settings={"cohortWebhooks": INIT_OPTIONS})
        )


async def test_close_clears_diagnostics(client: LanguageClient) -> None:
    uri = open_doc(client, SEED)
    assert await diagnostics_for(client, uri)
    client.text_document_did_close(types.DidCloseTextDocumentParams(text_document=doc_id(uri)))
    await until(lambda: uri in client.diagnostics and len(client.diagnostics[uri]) == 0)


# ----------------------------------------------------------------------------- pull diagnostics


@pytest_lsp.fixture(
    scope="module",
    config=ClientServerConfig(server_command=SERVER, client_factory=_recording_client),
)
async def pull_client(lsp_client: LanguageClient) -> Any:
    """A client with pull diagnostics that sends no initializationOptions: the server asks
    for the ``cohortWebhooks`` section with workspace/configuration instead."""
    lsp_client.set_configuration(
        {**INIT_OPTIONS, "jsonOutputCheck": False}, section="cohortWebhooks"
    )
    await lsp_client.initialize_session(
        types.InitializeParams(capabilities=_capabilities(pull=True))
    )
    # the pulled settings applied, the server asks the client to pull diagnostics again
    await until(lambda: lsp_client.diagnostic_refresh_count >= 1)
    yield
    await lsp_client.shutdown_session()


async def test_pull_diagnostics(pull_client: LanguageClient) -> None:
    uri = open_doc(pull_client, SEED)
    report = await pull_client.text_document_diagnostic_async(
        types.DocumentDiagnosticParams(text_document=doc_id(uri))
    )
    assert isinstance(report, types.RelatedFullDocumentDiagnosticReport)
    assert any("user_id" in d.message for d in report.items)
    again = await pull_client.text_document_diagnostic_async(
        types.DocumentDiagnosticParams(
            text_document=doc_id(uri), previous_result_id=report.result_id
        )
    )
    assert isinstance(again, types.RelatedUnchangedDocumentDiagnosticReport)
    change(pull_client, uri, 2, SEED.replace("${user.user_id}", "${user.user_id?json_string}"))
    fixed = await pull_client.text_document_diagnostic_async(
        types.DocumentDiagnosticParams(
            text_document=doc_id(uri), previous_result_id=report.result_id
        )
    )
    assert isinstance(fixed, types.RelatedFullDocumentDiagnosticReport)
    assert not any("user_id" in d.message for d in fixed.items)
    await asyncio.sleep(0.3)
    assert pull_client.published == []  # type: ignore[attr-defined]


async def test_settings_pulled_with_workspace_configuration(pull_client: LanguageClient) -> None:
    # a missing comma: only the JSON output check, switched off by the pulled settings, sees it
    uri = open_doc(pull_client, '{\n  "id": "${input.cohort_id?json_string}"\n  "n": 1\n}\n')
    report = await pull_client.text_document_diagnostic_async(
        types.DocumentDiagnosticParams(text_document=doc_id(uri))
    )
    assert isinstance(report, types.RelatedFullDocumentDiagnosticReport)
    assert report.items == [] or list(report.items) == [], report.items
