"""Where updates go: the webhook URL, its headers and the payload template, validated once."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from .errors import ConfigError

__all__ = [
    "MAX_CUSTOM_HEADERS",
    "PRESET_HEADERS",
    "Destination",
    "is_secret_header",
    "parse_header",
    "redact_headers",
]

#: Sent with every request, first and in this order, exactly as Amplitude sends them.
PRESET_HEADERS: tuple[tuple[str, str], ...] = (
    ("Content-Type", "application/json"),
    ("User-Agent", "Amplitude/Webhook/1.0"),
)
MAX_CUSTOM_HEADERS = 5
MAX_HEADER_NAME = 256
MAX_HEADER_VALUE = 8192
DEFAULT_BATCH_SIZE = 1000
MAX_BATCH_SIZE = 100_000

# RFC 9110 token characters.
_TOKEN = re.compile(r"[!#$%&'*+\-.^_`|~0-9A-Za-z]+")
# Headers that HTTP itself manages: a custom value would break framing or routing.
_MANAGED = frozenset(
    {"host", "content-length", "transfer-encoding", "connection", "te", "trailer", "upgrade"}
)
_SECRET_PARTS = ("token", "key", "secret", "password", "signature")
_SECRET_NAMES = frozenset({"authorization", "proxy-authorization", "cookie"})


def is_secret_header(name: str) -> bool:
    """Whether a header's value looks like a credential (and must be redacted in views)."""
    low = name.lower()
    return low in _SECRET_NAMES or any(part in low for part in _SECRET_PARTS)


def redact_headers(headers: Iterable[tuple[str, str]]) -> list[tuple[str, str]]:
    """The headers with credential-looking values replaced by ``[redacted]``."""
    return [(k, "[redacted]" if is_secret_header(k) else v) for k, v in headers]


def parse_header(text: str) -> tuple[str, str]:
    """Parse ``"Name: value"`` (as given to ``-H``); raises :class:`ConfigError`."""
    name, sep, value = text.partition(":")
    if not sep:
        # the text is not echoed: it may hold a credential
        raise ConfigError("--header", "expected 'Name: value' (no colon found)")
    return name.strip(), value.strip()


def _validate_headers(headers: Iterable[tuple[str, str]]) -> tuple[tuple[str, str], ...]:
    preset = {k.lower() for k, _ in PRESET_HEADERS}
    seen: set[str] = set()
    out: list[tuple[str, str]] = []
    for name, value in headers:
        if not isinstance(name, str) or not isinstance(value, str):
            raise ConfigError(str(name), "header names and values must be strings")
        low = name.lower()
        if not name or not _TOKEN.fullmatch(name):
            raise ConfigError(name or "<empty>", "a header name must be an HTTP token")
        if len(name) > MAX_HEADER_NAME:
            raise ConfigError(name[:40], f"header name longer than {MAX_HEADER_NAME} characters")
        if low in preset:
            raise ConfigError(
                name, "is a preset header (sent as Amplitude sends it); it cannot be replaced"
            )
        if low in _MANAGED:
            raise ConfigError(name, "is managed by HTTP itself and cannot be set")
        if low in seen:
            raise ConfigError(name, "header given twice")
        bad = next((c for c in value if c in "\r\n\0"), None)
        if bad is not None:
            raise ConfigError(name, f"header value holds a forbidden character ({bad!r})")
        if len(value) > MAX_HEADER_VALUE:
            raise ConfigError(name, f"header value longer than {MAX_HEADER_VALUE} characters")
        seen.add(low)
        out.append((name, value))
    if len(out) > MAX_CUSTOM_HEADERS:
        raise ConfigError(
            out[MAX_CUSTOM_HEADERS][0],
            f"at most {MAX_CUSTOM_HEADERS} custom headers are allowed (this is number {len(out)})",
        )
    return tuple(out)


@dataclass(frozen=True)
class Destination:
    """A webhook destination, as set up on Amplitude's webhook screen.

    ``headers`` are the custom headers (at most five); the presets ``Content-Type:
    application/json`` and ``User-Agent: Amplitude/Webhook/1.0`` are always sent first and
    cannot be replaced.  ``template`` is a template path, an ``ftl.Template``, or ``None``
    for Amplitude's default payload.  Invalid settings raise :class:`ConfigError`.
    """

    url: str
    headers: Mapping[str, str] | Iterable[tuple[str, str]] = field(default=())
    template: str | Path | Any = None
    batch_size: int = DEFAULT_BATCH_SIZE
    custom_headers: tuple[tuple[str, str], ...] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        parts = urlsplit(self.url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise ConfigError("url", f"expected an http:// or https:// URL, got {self.url!r}")
        if any(c in self.url for c in "\r\n\0 "):
            raise ConfigError("url", "the URL holds whitespace or control characters")
        if not isinstance(self.batch_size, int) or not 1 <= self.batch_size <= MAX_BATCH_SIZE:
            raise ConfigError("batch_size", f"must be an integer from 1 to {MAX_BATCH_SIZE}")
        pairs = self.headers.items() if isinstance(self.headers, Mapping) else self.headers
        object.__setattr__(self, "custom_headers", _validate_headers(list(pairs)))

    @property
    def request_headers(self) -> list[tuple[str, str]]:
        """Every header sent: the presets, then the custom ones."""
        return [*PRESET_HEADERS, *self.custom_headers]

    @property
    def key(self) -> str:
        """The identity of this destination in sync state: its URL."""
        return self.url

    @classmethod
    def from_toml(cls, path: str | Path, **overrides: Any) -> Destination:
        """Load a destination file that mirrors Amplitude's setup screen::

        url = "https://example.com/hook"
        template = "payload.ftl"      # optional, relative to this file
        batch_size = 1000             # optional
        [headers]                     # optional, at most five
        Authorization = "Bearer ..."
        """
        p = Path(path)
        try:
            data = tomllib.loads(p.read_text(encoding="utf-8"))
        except OSError as e:
            raise ConfigError(str(p), f"cannot read: {e.strerror}") from None
        except tomllib.TOMLDecodeError as e:
            raise ConfigError(str(p), f"invalid TOML: {e}") from None
        unknown = set(data) - {"url", "headers", "template", "batch_size"}
        if unknown:
            raise ConfigError(str(p), f"unknown key(s): {', '.join(sorted(unknown))}")
        if "url" not in data and "url" not in overrides:
            raise ConfigError(str(p), "missing 'url'")
        headers = data.get("headers", {})
        if not isinstance(headers, dict):
            raise ConfigError(str(p), "'headers' must be a table of name = value")
        template = data.get("template")
        if isinstance(template, str):
            template = str(p.parent / template)
        kwargs: dict[str, Any] = {
            "url": data.get("url"),
            "headers": headers,
            "template": template,
            "batch_size": data.get("batch_size", DEFAULT_BATCH_SIZE),
        }
        kwargs.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**kwargs)
