"""The exact bytes that go out and their signature; receivers recompute the same HMAC."""

import hashlib
import hmac
import json

SIGNATURE_HEADER = "X-Webhook-Signature"
TIMESTAMP_HEADER = "X-Webhook-Timestamp"
EVENT_HEADER = "X-Webhook-Event"


def encode(payload):
    """Compact, key-sorted UTF-8 JSON, so every attempt of a delivery sends the same body."""
    return json.dumps(payload, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()


def sign(secret, body):
    """The X-Webhook-Signature value: HMAC-SHA256 of the raw body under the endpoint's secret."""
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
