"""Delivery plugins, chosen per offer by name: webhook, fitconnect, email.

A plugin gets the payload and the route's settings and either returns a short detail
for the attempt log or raises ``DeliveryFailed``. Add one with ``register()``; they
live in ``PLUGINS`` (a ``core.registry.Registry``).
"""

from __future__ import annotations

import hashlib
import hmac
import json
import urllib.error
import urllib.request
from typing import Any, Protocol

from django.core.mail import EmailMessage
from joserfc import jwe
from joserfc.jwk import RSAKey

from rathaus.core.registry import Registry
from rathaus.deliveries.payload import Payload

TIMEOUT_SECONDS = 15
JWE_HEADER = {"alg": "RSA-OAEP-256", "enc": "A256GCM"}
JWE_REGISTRY = jwe.JWERegistry(algorithms=["RSA-OAEP-256", "A256GCM"])


class DeliveryFailed(Exception):
    pass


class Plugin(Protocol):
    def send(self, payload: Payload, config: dict[str, Any], delivery_id: str) -> str: ...


PLUGINS: Registry[Plugin] = Registry("delivery plugin")


def register(name: str, plugin: Plugin) -> None:
    PLUGINS.register(name, plugin)


def plugin(name: str) -> Plugin:
    """The plugin called ``name``; an unknown name fails the delivery attempt."""
    try:
        return PLUGINS.get(name)
    except LookupError:
        raise DeliveryFailed(f"unknown delivery plugin '{name}'") from None


def names() -> list[str]:
    return PLUGINS.names()


def sign(body: bytes, secret: str) -> str:
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def post_json(url: str, body: bytes, headers: dict[str, str]) -> str:
    if not url.startswith(("https://", "http://")):
        raise DeliveryFailed("the target URL must start with https:// or http://")
    request = urllib.request.Request(  # noqa: S310 (scheme checked above)
        url, data=body, method="POST", headers={"Content-Type": "application/json", **headers}
    )
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as response:  # noqa: S310
            return f"HTTP {response.status}"
    except urllib.error.HTTPError as error:
        raise DeliveryFailed(f"HTTP {error.code}") from error
    except (urllib.error.URLError, TimeoutError, OSError) as error:
        raise DeliveryFailed(f"not reachable: {error}") from error


class Webhook:
    """POST the whole submission as JSON, signed with HMAC-SHA256 over the body."""

    def send(self, payload: Payload, config: dict[str, Any], delivery_id: str) -> str:
        body = json.dumps(payload.as_json(), ensure_ascii=False).encode()
        headers = {
            "X-Rathaus-Signature": sign(body, str(config.get("secret", ""))),
            "X-Rathaus-Delivery": delivery_id,
        }
        return post_json(str(config.get("url", "")), body, headers)


class FitConnect:
    """FIT-Connect style: metadata, data and every attachment encrypted as JWE
    (RSA-OAEP-256 / A256GCM) to the destination's public key, then sent together."""

    def send(self, payload: Payload, config: dict[str, Any], delivery_id: str) -> str:
        try:
            key = RSAKey.import_key(config["public_key"])
        except (KeyError, ValueError, TypeError) as error:
            raise DeliveryFailed("the destination's public key is missing or invalid") from error
        envelope = {
            "submissionId": delivery_id,
            "metadata": encrypt(json.dumps(payload.metadata).encode(), key),
            "data": encrypt(json.dumps(payload.data, ensure_ascii=False).encode(), key),
            "attachments": [
                {"attachmentId": f.id, "content": encrypt(f.content, key)} for f in payload.files
            ],
        }
        return post_json(str(config.get("url", "")), json.dumps(envelope).encode(), {})


def encrypt(content: bytes, key: RSAKey) -> str:
    return jwe.encrypt_compact(JWE_HEADER, content, key, registry=JWE_REGISTRY)


class Email:
    """A mail to the authority's mailbox with the data as JSON and the files attached."""

    def send(self, payload: Payload, config: dict[str, Any], delivery_id: str) -> str:
        address = str(config.get("address", ""))
        if "@" not in address:
            raise DeliveryFailed("no mailbox address configured")
        message = EmailMessage(
            subject=f"Antrag {payload.metadata['reference']}",
            body=f"Neuer Antrag {payload.metadata['reference']} ({payload.metadata['service']}).",
            to=[address],
        )
        document = {"metadata": payload.metadata, "data": payload.data}
        message.attach(
            "antrag.json", json.dumps(document, ensure_ascii=False, indent=2), "application/json"
        )
        for item in payload.files:
            message.attach(item.name, item.content, item.content_type)
        try:
            message.send()
        except OSError as error:
            raise DeliveryFailed(f"mail server: {error}") from error
        return f"mail to {address}"


register("webhook", Webhook())
register("fitconnect", FitConnect())
register("email", Email())
