"""A stand-in for the real `lsp` package, used only by `E2E_SERVER=stub e2e/run.sh`.

It answers just what the end-to-end driver checks (one diagnostic, completion after
`${input.`, `cohortWebhooks/preview` with a synthesized payload), so the harness itself can be
proven before the real server exists. It knows nothing of FreeMarker; it is not the server.
"""
