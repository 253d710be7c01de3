"""Opt-in Standard Webhooks signatures (``webhook-id``, ``webhook-timestamp``, ``webhook-signature``).

Off by default, so requests match Amplitude's byte for byte.  The signature is
``v1,`` + base64(HMAC-SHA256(secret, f"{id}.{timestamp}.{body}")); a secret written as
``whsec_<base64>`` is decoded, any other text is used as its UTF-8 bytes.  A timestamp is
taken per attempt, so a retried message keeps its id and gets a fresh signature.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import time
from collections.abc import Mapping

from .errors import ConfigError

__all__ = ["Signer"]

TOLERANCE_SECONDS = 5 * 60


class Signer:
    """Signs and verifies webhook bodies with one shared secret."""

    def __init__(self, secret: str | bytes) -> None:
        if isinstance(secret, str):
            if secret.startswith("whsec_"):
                try:
                    secret = base64.b64decode(secret.removeprefix("whsec_"), validate=True)
                except ValueError:
                    raise ConfigError("--signing-secret", "whsec_ secret is not base64") from None
            else:
                secret = secret.encode("utf-8")
        if not secret:
            raise ConfigError("--signing-secret", "the signing secret is empty")
        self._key = secret

    def sign(self, msg_id: str, timestamp: int, body: bytes) -> str:
        signed = f"{msg_id}.{timestamp}.".encode() + body
        digest = hmac.new(self._key, signed, hashlib.sha256).digest()
        return "v1," + base64.b64encode(digest).decode("ascii")

    def headers(
        self, msg_id: str, body: bytes, timestamp: int | None = None
    ) -> list[tuple[str, str]]:
        ts = int(time.time()) if timestamp is None else timestamp
        return [
            ("webhook-id", msg_id),
            ("webhook-timestamp", str(ts)),
            ("webhook-signature", self.sign(msg_id, ts, body)),
        ]

    def verify(self, body: bytes, headers: Mapping[str, str], now: float | None = None) -> bool:
        """Whether ``headers`` carry a valid, fresh signature of ``body`` (constant time)."""
        low = {k.lower(): v for k, v in headers.items()}
        msg_id = low.get("webhook-id")
        ts_text = low.get("webhook-timestamp", "")
        if msg_id is None or not ts_text.isdigit():
            return False
        ts = int(ts_text)
        if abs((time.time() if now is None else now) - ts) > TOLERANCE_SECONDS:
            return False
        expected = self.sign(msg_id, ts, body)
        return any(
            hmac.compare_digest(expected, candidate)
            for candidate in low.get("webhook-signature", "").split()
        )
