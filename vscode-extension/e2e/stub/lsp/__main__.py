"""Stub server: `python -m lsp --stdio` with PYTHONPATH=vscode-extension/e2e/stub."""

import argparse
import json
import re
from typing import Any

from lsprotocol import types
from pygls.lsp.server import LanguageServer

INPUT_FIELDS = ["cohort_name", "cohort_id", "in_cohort", "computed_time", "message_id", "users"]
UNESCAPED = re.compile(r'"\$\{user\.user_id\}"')

server = LanguageServer("cohort-webhooks-e2e-stub", "0")


def _publish(uri: str) -> None:
    doc = server.workspace.get_text_document(uri)
    diags = []
    for n, line in enumerate(doc.lines):
        for m in UNESCAPED.finditer(line):
            diags.append(
                types.Diagnostic(
                    range=types.Range(
                        start=types.Position(line=n, character=m.start() + 1),
                        end=types.Position(line=n, character=m.end() - 1),
                    ),
                    message="(stub) user.user_id is inserted into a JSON string without ?json_string",
                    severity=types.DiagnosticSeverity.Warning,
                    source="cohort-webhooks-stub",
                    code="STUB001",
                )
            )
    server.text_document_publish_diagnostics(
        types.PublishDiagnosticsParams(uri=uri, version=doc.version, diagnostics=diags)
    )


@server.feature(types.TEXT_DOCUMENT_DID_OPEN)
def did_open(ls: LanguageServer, params: types.DidOpenTextDocumentParams) -> None:
    _publish(params.text_document.uri)


@server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
def did_change(ls: LanguageServer, params: types.DidChangeTextDocumentParams) -> None:
    _publish(params.text_document.uri)


@server.feature(types.TEXT_DOCUMENT_COMPLETION, types.CompletionOptions(trigger_characters=["."]))
def completion(ls: LanguageServer, params: types.CompletionParams) -> types.CompletionList:
    doc = ls.workspace.get_text_document(params.text_document.uri)
    line = doc.lines[params.position.line] if params.position.line < len(doc.lines) else ""
    before = line[: params.position.character]
    items = []
    if re.search(r"\binput\.\w*$", before):
        items = [
            types.CompletionItem(label=f, kind=types.CompletionItemKind.Field, detail="(stub) input field")
            for f in INPUT_FIELDS
        ]
    return types.CompletionList(is_incomplete=False, items=items)


def _get(obj: Any, key: str) -> Any:
    return obj.get(key) if isinstance(obj, dict) else getattr(obj, key, None)


@server.feature("cohortWebhooks/preview")
def preview(ls: LanguageServer, params: Any) -> dict[str, Any]:
    doc = ls.workspace.get_text_document(_get(params, "uri"))
    for n, line in enumerate(doc.lines):
        col = line.find("input.cohort_nme")
        if col >= 0:
            start, end = col + len("input."), col + len("input.cohort_nme")
            return {
                "ok": False,
                "error": {
                    "message": "(stub) The following has evaluated to null or missing: ==> input.cohort_nme",
                    "range": {"start": {"line": n, "character": start}, "end": {"line": n, "character": end}},
                },
            }
    sample = _get(params, "sample")
    if _get(sample, "kind") == "file":
        with open(_get(sample, "path"), encoding="utf-8") as f:
            data = json.load(f)
    else:
        n, entering = int(_get(sample, "users")), bool(_get(sample, "inCohort"))
        data = {
            "cohort_name": "Power users",
            "cohort_id": "abc123",
            "in_cohort": entering,
            "computed_time": "1764374400",
            "message_id": f"00000000-0000-0000-0000-000000000000::{'enter' if entering else 'exit'}::0",
            "users": [{"user_id": f"user-{i}"} for i in range(1, n + 1)],
        }
    return {"ok": True, "payload": json.dumps(data), "json": True}


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("--stdio", action="store_true")
    p.parse_args()
    server.start_io()


if __name__ == "__main__":
    main()
