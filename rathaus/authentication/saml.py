"""SAML 2.0 service provider for BundID-style login (pysaml2 with Debian's xmlsec1).

1. ``start_login`` signs an AuthnRequest (HTTP-Redirect binding, RSA-SHA256) that asks
   for at least the needed level (``RequestedAuthnContext`` ``minimum``,
   ``STORK-QAA-Level-n``) and names the wanted attributes in BundID's extension
   (``akdb:AuthenticationRequest``), and remembers it once in :class:`SamlRequest`.
2. The IdP posts the response to the assertion consumer (``consume_response``): a
   cross-site POST without our session cookie. The assertion is encrypted to the SP's
   encryption key (a plain one is refused unless the tenant allows it); pysaml2 decrypts
   it and checks its signature, time window, audience, recipient and that it answers the
   outstanding request; this module adds one use per request and per assertion ID. The
   checked result waits in the request's row.
3. The browser follows a same-site redirect to ``claim_result`` with its session, which
   must hold the key the login was started with; only then is anybody logged in.

Each tenant is its own service provider: entity ID and consumer URL are built on the
tenant's own address (its host or path prefix); the IdP, keys and label come from
``providers.saml_config``.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import logging
import secrets
from datetime import timedelta
from pathlib import Path
from typing import Any

from defusedxml import ElementTree
from django.conf import settings
from django.db import IntegrityError, transaction
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from saml2 import BINDING_HTTP_POST, BINDING_HTTP_REDIRECT, ExtensionElement
from saml2.client import Saml2Client
from saml2.config import SPConfig
from saml2.metadata import create_metadata_string
from saml2.saml import NAMEID_FORMAT_PERSISTENT, AuthnContextClassRef
from saml2.samlp import Extensions, RequestedAuthnContext
from saml2.xmldsig import DIGEST_SHA256, SIG_RSA_SHA256

from rathaus.authentication import assurance, federation, providers
from rathaus.authentication.federation import FederatedIdentity, FederatedRefusal, split_street
from rathaus.authentication.models import ExternalIdentity, SamlRequest

__all__ = [
    "AKDB_NAMESPACE",
    "ATTRIBUTE_OIDS",
    "BPK2_OID",
    "REQUEST_SECONDS",
    "requested_attributes",
    "is_available",
    "label",
    "metadata_xml",
    "start_login",
    "consume_response",
    "claim_result",
    "purge_stale_requests",
]

logger = logging.getLogger("rathaus.security")
REQUEST_SECONDS = 10 * 60
_KEYS_SESSION = "rathaus.auth.saml_keys"
_SAMLP = "{urn:oasis:names:tc:SAML:2.0:protocol}"
_SAML = "{urn:oasis:names:tc:SAML:2.0:assertion}"
#: BundID's attributes by OID → our names (``federation.ATTRIBUTES``); the OIDs as BundID
#: connectors name them, e.g. github.com/jguzdv/bundid-connector ``SAML2/BundIdAttributes.cs``.
ATTRIBUTE_OIDS = {
    "urn:oid:2.5.4.42": "given_names",
    "urn:oid:2.5.4.4": "family_name",
    "urn:oid:1.2.40.0.10.2.1.1.55": "birth_date",
    "urn:oid:2.5.4.16": "postal_address",
    "urn:oid:2.5.4.17": "postal_code",
    "urn:oid:2.5.4.7": "city",
    "urn:oid:0.9.2342.19200300.100.1.3": "email",
}
#: BundID's stable pseudonym of a person per service provider (bPK2).
BPK2_OID = "urn:oid:1.3.6.1.4.1.25484.494450.3"
#: BundID's request extension (``samlp:Extensions``), version 2: the attributes wanted, by
#: OID. The element, as BundID's interface description (Schnittstellenbeschreibung,
#: section "AuthnRequest-Extension") defines it, is quoted by the Bundesagentur für Arbeit's
#: Keycloak extension (github.com/opdt/keycloak-extension-bundid, README) and used by
#: github.com/jguzdv/bundid-connector (``SAML2/BundIDHelpers.cs``). The level is not part
#: of it: it stays in ``RequestedAuthnContext`` (``STORK-QAA-Level-n``, ``minimum``).
AKDB_NAMESPACE = "https://www.akdb.de/request/2018/09"
#: Our names that come in one BundID attribute (the street line).
_FROM_POSTAL_ADDRESS = ("street", "house_number")


def _wants_encryption(config: dict[str, Any]) -> bool:
    return config.get("want_encrypted_assertions", True) is not False


def _encryption_files(config: dict[str, Any]) -> tuple[Any, Any] | None:
    """The SP's encryption key and certificate, if the tenant needs or names them."""
    key, cert = config.get("sp_encryption_key"), config.get("sp_encryption_cert")
    if key or cert or _wants_encryption(config):
        return key, cert
    return None


def is_available(slug: str | None = None) -> bool:
    config = providers.saml_config(slug)
    if not config:
        return False
    files = [config.get("idp_metadata"), config.get("sp_key"), config.get("sp_cert")]
    files.extend(_encryption_files(config) or ())
    return all(name and Path(str(name)).exists() for name in files)


def _oid(name: str) -> str:
    name = str(name).strip()
    return name if name.startswith("urn:oid:") else f"urn:oid:{name}"


def requested_attributes(slug: str | None = None) -> list[str]:
    """The OIDs this tenant asks BundID for: ``requested_attributes`` of its
    configuration, by default what ``federation.ATTRIBUTES`` needs and the bPK2."""
    config = providers.saml_config(slug) or {}
    configured = config.get("requested_attributes")
    if configured is not None:
        return list(dict.fromkeys(_oid(name) for name in configured))
    wanted = {
        "postal_address" if name in _FROM_POSTAL_ADDRESS else name for name in federation.ATTRIBUTES
    }
    return [oid for oid, name in ATTRIBUTE_OIDS.items() if name in wanted] + [BPK2_OID]


def _akdb_extension(config: dict[str, Any]) -> Extensions:
    """``<akdb:AuthenticationRequest Version="2">`` naming the wanted attributes; those in
    ``required_attributes`` (default: the bPK2) are marked required."""
    required = {_oid(name) for name in config.get("required_attributes", [BPK2_OID])}
    wanted = [
        ExtensionElement(
            "RequestedAttribute",
            namespace=AKDB_NAMESPACE,
            attributes={"Name": oid, "RequiredAttribute": "true" if oid in required else "false"},
        )
        for oid in requested_attributes()
    ]
    request = ExtensionElement(
        "AuthenticationRequest",
        namespace=AKDB_NAMESPACE,
        attributes={"Version": "2"},
        children=[
            ExtensionElement("RequestedAttributes", namespace=AKDB_NAMESPACE, children=wanted)
        ],  # fmt: skip
    )
    return Extensions(extension_elements=[request])


def label(slug: str | None = None) -> str:
    config = providers.saml_config(slug) or {}
    return str(config.get("label") or "BundID")


def _config(request: HttpRequest) -> tuple[dict[str, Any], SPConfig]:
    config = providers.saml_config()
    if not config or not is_available():
        raise FederatedRefusal(
            "not_configured", _("Die Anmeldung mit BundID ist hier nicht eingerichtet.")
        )
    entity_id = config.get("entity_id") or request.build_absolute_uri(
        reverse("authentication:saml_metadata")
    )
    acs = request.build_absolute_uri(reverse("authentication:saml_acs"))
    encryption = _encryption_files(config)
    keypairs = (
        [{"key_file": str(encryption[0]), "cert_file": str(encryption[1])}] if encryption else None
    )
    sp = SPConfig()
    sp.load({
        "entityid": entity_id,
        "xmlsec_binary": settings.RATHAUS_XMLSEC_BINARY,
        "key_file": str(config["sp_key"]),
        "cert_file": str(config["sp_cert"]),
        "encryption_keypairs": keypairs,
        "metadata": {"local": [str(config["idp_metadata"])]},
        "allow_unknown_attributes": True,
        "accepted_time_diff": 60,
        "service": {"sp": {
            "name": str(config.get("name") or entity_id),
            "endpoints": {"assertion_consumer_service": [(acs, BINDING_HTTP_POST)]},
            "authn_requests_signed": True,
            "want_assertions_signed": True,
            "want_response_signed": False,
            "allow_unsolicited": False,
            "name_id_format": NAMEID_FORMAT_PERSISTENT,
            "signing_algorithm": SIG_RSA_SHA256,
            "digest_algorithm": DIGEST_SHA256,
        }},
    })  # fmt: skip
    return config, sp


def metadata_xml(request: HttpRequest) -> str:
    """This tenant's SP metadata: entity ID, consumer URL, signing and encryption
    certificates."""
    _conf, sp = _config(request)
    text = create_metadata_string(None, config=sp)
    return text.decode() if isinstance(text, bytes) else str(text)


def _idp_entity_id(client: Saml2Client) -> str:
    idps = list(client.metadata.identity_providers())
    if len(idps) != 1:
        raise FederatedRefusal(
            "idp_metadata", _("Die Anmeldung mit BundID ist hier nicht eingerichtet.")
        )
    return idps[0]


def _hash(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def start_login(request: HttpRequest, next_url: str, required: Any = None) -> str:
    """The IdP's address with a signed AuthnRequest for at least level ``required``."""
    config, sp = _config(request)
    level = max(assurance.rank_of(required), assurance.rank_of(config.get("default_level")), 1)
    client = Saml2Client(config=sp)
    context = RequestedAuthnContext(
        authn_context_class_ref=[AuthnContextClassRef(text=assurance.stork_ref(level))],
        comparison="minimum",
    )
    request_id, info = client.prepare_for_authenticate(
        entityid=_idp_entity_id(client),
        binding=BINDING_HTTP_REDIRECT,
        sign=True,
        sigalg=SIG_RSA_SHA256,
        digest_alg=DIGEST_SHA256,
        requested_authn_context=context,
        extensions=_akdb_extension(config),
    )
    key = secrets.token_urlsafe(32)
    SamlRequest.objects.create(
        request_id=request_id,
        tenant_slug=providers.tenant_slug(),
        next_url=next_url[:2000],
        required_level=level,
        browser_key_hash=_hash(key),
    )
    keys = dict(request.session.get(_KEYS_SESSION) or {})
    keys = dict(list(keys.items())[-4:])
    keys[request_id] = key
    request.session[_KEYS_SESSION] = keys
    return dict(info["headers"])["Location"]


# --- The assertion consumer ---------------------------------------------------------------


def _decode(posted: str) -> tuple[str, str, bool]:
    """The response's XML, its ``InResponseTo`` and whether it carries a plain (not
    encrypted) assertion; refuses what is not a SAML Response."""
    try:
        xml = base64.b64decode(posted.encode("ascii"), validate=True).decode("utf-8")
        root = ElementTree.fromstring(xml)
    except (ValueError, UnicodeError, binascii.Error, ElementTree.ParseError) as error:
        raise FederatedRefusal("malformed") from error
    except Exception as error:  # defusedxml refuses entities, DTDs, external references
        raise FederatedRefusal("malformed") from error
    if root.tag != f"{_SAMLP}Response":
        raise FederatedRefusal("not_a_response")
    plain = root.find(f"{_SAML}Assertion") is not None
    return xml, str(root.attrib.get("InResponseTo", "")), plain


def _outstanding(in_response_to: str) -> SamlRequest:
    cutoff = timezone.now() - timedelta(seconds=REQUEST_SECONDS)
    found = SamlRequest.objects.filter(
        request_id=in_response_to, tenant_slug=providers.tenant_slug()
    ).first()
    if found is None or not in_response_to:
        raise FederatedRefusal("unknown_request")
    if found.answered_at is not None:
        raise FederatedRefusal("replayed_request")
    if found.created_at < cutoff:
        raise FederatedRefusal("request_expired", _("Die Anmeldung hat zu lange gedauert."))
    return found


def _attributes(response: Any) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for statement in response.assertion.attribute_statement or []:
        for attribute in statement.attribute or []:
            values = [str(v.text or "").strip() for v in attribute.attribute_value or []]
            found[str(attribute.name)] = [v for v in values if v]
    return found


def _identity(response: Any, issuer: str, provider: str) -> FederatedIdentity:
    raw = _attributes(response)
    attributes: dict[str, str] = {}
    for oid, name in ATTRIBUTE_OIDS.items():
        if raw.get(oid):
            attributes[name] = raw[oid][0][:200]
    if "postal_address" in attributes:
        street, number = split_street(attributes.pop("postal_address"))
        attributes["street"], attributes["house_number"] = street, number
    subject = (raw.get(BPK2_OID) or [""])[0]
    name_id = getattr(response, "name_id", None)
    if not subject and name_id is not None and name_id.format == NAMEID_FORMAT_PERSISTENT:
        subject = str(name_id.text or "")
    if not subject:
        raise FederatedRefusal("no_subject")
    authn = response.authn_info() or [("", [], "")]
    level = assurance.from_authn_context(str(authn[0][0] or ""))
    return FederatedIdentity(
        method=ExternalIdentity.Method.SAML,
        issuer=issuer,
        subject=subject[:500],
        provider=provider,
        level=level,
        attributes=attributes,
    )


def _checked(
    request: HttpRequest, xml: str, outstanding: SamlRequest, plain: bool
) -> tuple[str, FederatedIdentity]:
    config, sp = _config(request)
    if plain and _wants_encryption(config):
        raise FederatedRefusal("unencrypted_assertion")
    client = Saml2Client(config=sp)
    encoded = base64.b64encode(xml.encode()).decode()
    try:
        response = client.parse_authn_request_response(
            encoded, BINDING_HTTP_POST, outstanding={outstanding.request_id: outstanding.next_url}
        )
    except Exception as error:  # pysaml2 raises many kinds; each one is a refusal
        raise FederatedRefusal(f"invalid_response:{type(error).__name__}: {error}"[:300]) from error
    if response is None or response.assertion is None:
        # pysaml2 leaves an EncryptedAssertion no key of ours opens without an assertion
        raise FederatedRefusal("invalid_response:no_assertion (not decryptable or missing)")
    if response.issuer() != _idp_entity_id(client):
        raise FederatedRefusal("wrong_issuer")
    return str(response.assertion.id), _identity(response, response.issuer(), label())


def consume_response(request: HttpRequest, posted: str) -> str:
    """Check the IdP's response; returns the ticket the browser claims the result with."""
    xml, in_response_to, plain = _decode(posted)
    outstanding = _outstanding(in_response_to)
    assertion_id, identity = _checked(request, xml, outstanding, plain)
    try:
        with transaction.atomic():
            row = SamlRequest.objects.select_for_update().get(pk=outstanding.pk)
            if row.answered_at is not None:
                raise FederatedRefusal("replayed_request")
            row.answered_at = timezone.now()
            row.assertion_id = assertion_id
            row.result = identity.as_session()
            row.save(update_fields=["answered_at", "assertion_id", "result"])
    except IntegrityError as error:
        raise FederatedRefusal("replayed_assertion") from error
    return row.request_id


def claim_result(request: HttpRequest, ticket: str) -> tuple[FederatedIdentity, str]:
    """The checked identity of ``ticket``, once, for the browser that started the login."""
    key = str(dict(request.session.get(_KEYS_SESSION) or {}).get(ticket, ""))
    with transaction.atomic():
        row = SamlRequest.objects.select_for_update().filter(request_id=ticket).first()
        if row is None or row.result is None or not key:
            raise FederatedRefusal("unknown_ticket")
        if not hmac.compare_digest(row.browser_key_hash, _hash(key)):
            raise FederatedRefusal("other_browser")
        if row.claimed_at is not None:
            raise FederatedRefusal("ticket_reused")
        identity = FederatedIdentity.from_session(row.result)
        row.claimed_at = timezone.now()
        row.result = {}  # the person's data stays in the session only
        row.save(update_fields=["claimed_at", "result"])
    keys = dict(request.session.get(_KEYS_SESSION) or {})
    keys.pop(ticket, None)
    request.session[_KEYS_SESSION] = keys
    if identity is None:
        raise FederatedRefusal("unknown_ticket")
    return identity, row.next_url


def purge_stale_requests() -> int:
    """Requests older than a day are of no use (their assertions have long expired)."""
    cutoff = timezone.now() - timedelta(days=1)
    return SamlRequest.objects.filter(created_at__lt=cutoff).delete()[0]
