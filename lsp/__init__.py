"""lsp: the language server for cohort-webhook payload templates (pygls 2, over stdio).

A thin protocol layer over :mod:`ftl.analysis`: every answer comes from the analysis; this
package converts 1-based character spans to LSP's 0-based positions (:mod:`lsp.convert`),
reads the client's settings (:mod:`lsp.settings`) and shapes the messages
(:mod:`lsp.server`).  Run it with ``python -m lsp --stdio`` or ``cohort-webhooks lsp``.
"""

from __future__ import annotations

LANGUAGE_ID = "cohort-ftl"
PREVIEW_REQUEST = "cohortWebhooks/preview"

__all__ = ["LANGUAGE_ID", "PREVIEW_REQUEST"]
