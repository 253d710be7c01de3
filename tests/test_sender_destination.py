"""Destination rules: preset headers, at most five custom ones, tokens, no CR/LF/NUL."""

from __future__ import annotations

from pathlib import Path

import pytest

from sender import ConfigError, Destination
from sender.destination import PRESET_HEADERS, is_secret_header, parse_header, redact_headers

URL = "http://127.0.0.1:9/hook"


def test_presets_always_first() -> None:
    d = Destination(URL, headers={"X-One": "1"})
    assert d.request_headers == [
        ("Content-Type", "application/json"),
        ("User-Agent", "Amplitude/Webhook/1.0"),
        ("X-One", "1"),
    ]
    assert tuple(d.request_headers[:2]) == PRESET_HEADERS


def test_five_custom_headers_allowed_sixth_refused() -> None:
    five = {f"X-H{i}": str(i) for i in range(5)}
    assert len(Destination(URL, headers=five).custom_headers) == 5
    with pytest.raises(ConfigError) as e:
        Destination(URL, headers={**five, "X-Sixth": "6"})
    assert e.value.field == "X-Sixth"
    assert "at most 5" in e.value.message


@pytest.mark.parametrize("value", ["a\r\nX-Injected: 1", "line\nbreak", "cr\r", "nul\0"])
def test_control_characters_in_values_refused(value: str) -> None:
    with pytest.raises(ConfigError) as e:
        Destination(URL, headers={"X-Evil": value})
    assert e.value.field == "X-Evil"
    assert "forbidden character" in e.value.message


@pytest.mark.parametrize("name", ["Content-Type", "content-type", "USER-AGENT"])
def test_preset_header_cannot_be_replaced(name: str) -> None:
    with pytest.raises(ConfigError) as e:
        Destination(URL, headers={name: "text/plain"})
    assert e.value.field == name
    assert "preset" in e.value.message


@pytest.mark.parametrize("name", ["Bad Name", "X:Y", "", "Ünï", "a(b)"])
def test_header_names_must_be_tokens(name: str) -> None:
    with pytest.raises(ConfigError, match="token"):
        Destination(URL, headers={name: "v"})


@pytest.mark.parametrize("name", ["Host", "Content-Length", "Transfer-Encoding", "Connection"])
def test_headers_managed_by_http_refused(name: str) -> None:
    with pytest.raises(ConfigError, match="managed by HTTP"):
        Destination(URL, headers={name: "x"})


def test_duplicate_and_overlong_headers_refused() -> None:
    with pytest.raises(ConfigError, match="twice"):
        Destination(URL, headers=[("X-A", "1"), ("x-a", "2")])
    with pytest.raises(ConfigError, match="longer than"):
        Destination(URL, headers={"X-Big": "v" * 10_000})


@pytest.mark.parametrize(
    "url", ["ftp://example.com/", "example.com/hook", "http:///x", "http://a b/"]
)
def test_url_must_be_http(url: str) -> None:
    with pytest.raises(ConfigError) as e:
        Destination(url)
    assert e.value.field == "url"


@pytest.mark.parametrize("size", [0, -1, 100_001])
def test_batch_size_bounds(size: int) -> None:
    with pytest.raises(ConfigError, match="batch_size"):
        Destination(URL, batch_size=size)


def test_parse_header() -> None:
    assert parse_header("Authorization:  Bearer abc ") == ("Authorization", "Bearer abc")
    with pytest.raises(ConfigError, match="Name: value"):
        parse_header("no colon here")


@pytest.mark.parametrize(
    ("name", "secret"),
    [
        ("Authorization", True),
        ("X-Api-Key", True),
        ("x-auth-token", True),
        ("X-Client-Secret", True),
        ("X-Env", False),
        ("Accept-Language", False),
    ],
)
def test_secret_headers(name: str, secret: bool) -> None:
    assert is_secret_header(name) is secret
    assert redact_headers([(name, "v")]) == [(name, "[redacted]" if secret else "v")]


def test_from_toml(tmp_path: Path) -> None:
    (tmp_path / "payload.ftl").write_text("{}")
    dest = tmp_path / "dest.toml"
    dest.write_text(
        'url = "http://127.0.0.1:9/hook"\ntemplate = "payload.ftl"\nbatch_size = 250\n'
        '[headers]\nAuthorization = "Bearer t"\nX-Env = "prod"\n'
    )
    d = Destination.from_toml(dest)
    assert d.url == "http://127.0.0.1:9/hook"
    assert d.batch_size == 250
    assert d.custom_headers == (("Authorization", "Bearer t"), ("X-Env", "prod"))
    assert d.template == str(tmp_path / "payload.ftl")


def test_from_toml_errors_name_the_file(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text('url = "http://x/"\ncolour = "blue"\n')
    with pytest.raises(ConfigError, match="unknown key") as e:
        Destination.from_toml(bad)
    assert e.value.field == str(bad)
    bad.write_text("url = \n")
    with pytest.raises(ConfigError, match="invalid TOML"):
        Destination.from_toml(bad)
    seven = "\n".join(f'X-H{i} = "v"' for i in range(6))
    bad.write_text(f'url = "http://x/"\n[headers]\n{seven}\n')
    with pytest.raises(ConfigError, match="at most 5"):
        Destination.from_toml(bad)
