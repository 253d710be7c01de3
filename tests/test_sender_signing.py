"""Standard Webhooks signing: the reference vector, verification, tolerance, tampering."""

from __future__ import annotations

import pytest

from sender import ConfigError, Signer

# The test vector of the Standard Webhooks reference libraries (standard-webhooks/standard-webhooks).
SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
MSG_ID = "msg_p5jXN8AQM9LWM0D4loKWxJek"
TIMESTAMP = 1614265330
BODY = b'{"test": 2432232314}'
SIGNATURE = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="


def test_reference_vector() -> None:
    assert Signer(SECRET).sign(MSG_ID, TIMESTAMP, BODY) == SIGNATURE


def test_headers_and_verify() -> None:
    signer = Signer(SECRET)
    headers = dict(signer.headers(MSG_ID, BODY, timestamp=TIMESTAMP))
    assert headers == {
        "webhook-id": MSG_ID,
        "webhook-timestamp": str(TIMESTAMP),
        "webhook-signature": SIGNATURE,
    }
    assert signer.verify(BODY, headers, now=TIMESTAMP + 10)
    # several space-separated signatures (key rotation): one valid is enough
    rotated = {**headers, "webhook-signature": f"v1,AAAA {SIGNATURE}"}
    assert signer.verify(BODY, rotated, now=TIMESTAMP)


@pytest.mark.parametrize(
    ("body", "change", "now"),
    [
        (BODY + b" ", {}, TIMESTAMP),  # tampered body
        (BODY, {"webhook-id": "msg_other"}, TIMESTAMP),  # another id
        (BODY, {}, TIMESTAMP + 301),  # too old
        (BODY, {}, TIMESTAMP - 301),  # from the future
        (BODY, {"webhook-timestamp": "soon"}, TIMESTAMP),
        (BODY, {"webhook-signature": ""}, TIMESTAMP),
    ],
)
def test_verify_refuses(body: bytes, change: dict[str, str], now: int) -> None:
    signer = Signer(SECRET)
    headers = {**dict(signer.headers(MSG_ID, BODY, timestamp=TIMESTAMP)), **change}
    assert not signer.verify(body, headers, now=now)


def test_other_secret_fails_and_bad_secrets_are_refused() -> None:
    headers = dict(Signer(SECRET).headers(MSG_ID, BODY, timestamp=TIMESTAMP))
    assert not Signer("another secret").verify(BODY, headers, now=TIMESTAMP)
    with pytest.raises(ConfigError):
        Signer("")
    with pytest.raises(ConfigError, match="base64"):
        Signer("whsec_not*base64")
