"""A SAML 2.0 identity provider for development and tests, on pysaml2's own IdP code.

It speaks like BundID where Rathaus relies on it: signed AuthnRequests by HTTP-Redirect
(it refuses unsigned ones), ``RequestedAuthnContext`` with ``STORK-QAA-Level-n``, the
wanted attributes named by OID in BundID's extension ``akdb:AuthenticationRequest`` (it
returns only those; all of them when a request names none), a persistent NameID and the
bPK2 attribute, a signed assertion encrypted to the SP's encryption certificate, posted
back by HTTP-POST. A service provider is accepted when its entity ID starts with one of
the trusted prefixes and its request is signed with the known SP certificate (each dev
Land is its own SP, all with the dev SP keys). Its metadata is made here from the request
and the known certificates (signing, and encryption with ``use="encryption"``), and
pysaml2 encrypts to the encryption certificate of that metadata; no exchange is needed.

    python -m devidp.saml_idp --port 8101 --dir var/devidp
"""

from __future__ import annotations

import argparse
import base64
import html
import secrets
import threading
import zlib
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs
from wsgiref.simple_server import WSGIRequestHandler, make_server

from defusedxml import ElementTree
from saml2 import BINDING_HTTP_POST, BINDING_HTTP_REDIRECT
from saml2.config import IdPConfig
from saml2.metadata import create_metadata_string
from saml2.saml import NAME_FORMAT_URI, NAMEID_FORMAT_PERSISTENT, NameID
from saml2.server import Server
from saml2.xmldsig import DIGEST_SHA256, SIG_RSA_SHA256

from devidp import keys, pages
from devidp.identities import IDENTITIES, LEVELS

BANNER = "Entwicklungs-Identitätsanbieter – keine echte BundID"
OIDS = {
    "given_names": "urn:oid:2.5.4.42",
    "family_name": "urn:oid:2.5.4.4",
    "birth_date": "urn:oid:1.2.40.0.10.2.1.1.55",
    "postal_code": "urn:oid:2.5.4.17",
    "city": "urn:oid:2.5.4.7",
    "email": "urn:oid:0.9.2342.19200300.100.1.3",
}
POSTAL_ADDRESS = "urn:oid:2.5.4.16"
BPK2 = "urn:oid:1.3.6.1.4.1.25484.494450.3"
AKDB = "{https://www.akdb.de/request/2018/09}"
_ASSERTION = "{urn:oasis:names:tc:SAML:2.0:assertion}"
_PROTOCOL = "{urn:oasis:names:tc:SAML:2.0:protocol}"


def make_server_config(
    base_url: str, key: Path, cert: Path, sp_cert: Path, lifetime_minutes: int = 5
) -> IdPConfig:
    config = IdPConfig()
    # Starts with a placeholder SP so that pysaml2 makes its metadata store; real SPs are
    # added as they send requests (``SamlIdp.know_sp``).
    placeholder = sp_metadata("urn:rathaus:devidp:placeholder", f"{base_url}/none", sp_cert)
    config.load({
        "metadata": {"inline": [placeholder]},
        "entityid": f"{base_url}/metadata",
        "xmlsec_binary": "/usr/bin/xmlsec1",
        "key_file": str(key),
        "cert_file": str(cert),
        "allow_unknown_attributes": True,
        "accepted_time_diff": 60,
        "service": {"idp": {
            "name": "Rathaus Entwicklungs-IdP (SAML)",
            "endpoints": {"single_sign_on_service": [(f"{base_url}/sso/redirect", BINDING_HTTP_REDIRECT)]},
            "want_authn_requests_signed": True,
            "name_id_format": [NAMEID_FORMAT_PERSISTENT],
            "policy": {"default": {"lifetime": {"minutes": lifetime_minutes},
                                   "name_form": NAME_FORMAT_URI}},
        }},
    })  # fmt: skip
    return config


def _cert_body(cert: Path) -> str:
    return "".join(line for line in cert.read_text().splitlines() if "-----" not in line)


def _key_descriptor(use: str, cert: Path) -> str:
    return (f'<md:KeyDescriptor use="{use}"><ds:KeyInfo><ds:X509Data><ds:X509Certificate>'
            f"{_cert_body(cert)}</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>")  # fmt: skip


def sp_metadata(
    entity_id: str, acs_url: str, cert: Path, encryption_cert: Path | None = None
) -> str:
    """Metadata of one service provider, made from its request and the known certificates
    (signing; encryption, when the SP has one)."""
    keys = _key_descriptor("signing", cert)
    if encryption_cert is not None:
        keys += _key_descriptor("encryption", encryption_cert)
    return f"""<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata"
 xmlns:ds="http://www.w3.org/2000/09/xmldsig#" entityID="{html.escape(entity_id)}">
 <md:SPSSODescriptor AuthnRequestsSigned="true" WantAssertionsSigned="true"
  protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">
  {keys}
  <md:NameIDFormat>{NAMEID_FORMAT_PERSISTENT}</md:NameIDFormat>
  <md:AssertionConsumerService Binding="{BINDING_HTTP_POST}" Location="{html.escape(acs_url)}" index="0"/>
 </md:SPSSODescriptor>
</md:EntityDescriptor>"""


def identity_attributes(
    person: dict[str, str], requested: list[str] | None = None
) -> dict[str, list[str]]:
    """The person's attributes by OID: those ``requested`` (all when None)."""
    attributes = {oid: [person[name]] for name, oid in OIDS.items() if person.get(name)}
    attributes[POSTAL_ADDRESS] = [f"{person['street']} {person['house_number']}".strip()]
    attributes[BPK2] = [person["subject"]]
    if requested is None:
        return attributes
    return {oid: values for oid, values in attributes.items() if oid in requested}


def requested_attributes(root: Any) -> list[str] | None:
    """The OIDs an AuthnRequest names in ``akdb:AuthenticationRequest``, or None."""
    found = root.find(
        f"{_PROTOCOL}Extensions/{AKDB}AuthenticationRequest/{AKDB}RequestedAttributes"
    )
    if found is None:
        return None
    return [str(item.attrib.get("Name", "")) for item in found.findall(f"{AKDB}RequestedAttribute")]


class SamlIdp:
    """The IdP: ``server`` is pysaml2's; ``pending`` the checked requests awaiting a person."""

    def __init__(self, base_url: str, key: Path, cert: Path, sp_cert: Path, trusted: list[str],
                 lifetime_minutes: int = 5, sp_encryption_cert: Path | None = None):  # fmt: skip
        self.base_url = base_url
        self.server = Server(
            config=make_server_config(base_url, key, cert, sp_cert, lifetime_minutes)
        )
        self.sp_cert = sp_cert
        self.sp_encryption_cert = sp_encryption_cert
        self.trusted = trusted
        self.known: set[str] = set()
        self.pending: dict[str, dict[str, Any]] = {}
        self.lock = threading.Lock()

    def metadata(self) -> str:
        text = create_metadata_string(None, config=self.server.config)
        return text.decode() if isinstance(text, bytes) else str(text)

    def know_sp(self, entity_id: str, acs_url: str) -> None:
        """Load an SP's metadata from its request, if its entity ID is trusted."""
        if not any(entity_id.startswith(prefix) for prefix in self.trusted):
            raise ValueError(f"untrusted service provider {entity_id}")
        key = f"{entity_id} {acs_url}"
        with self.lock:
            if key not in self.known:
                metadata = sp_metadata(entity_id, acs_url, self.sp_cert, self.sp_encryption_cert)
                self.server.metadata.load("inline", metadata)
                self.known.add(key)

    def accept_request(self, query: dict[str, str]) -> str:
        """Check a signed AuthnRequest (HTTP-Redirect); returns the pending request's token."""
        xml = zlib.decompress(base64.b64decode(query["SAMLRequest"]), -15).decode()
        root = ElementTree.fromstring(xml)
        issuer = root.findtext(f"{_ASSERTION}Issuer") or ""
        acs_url = root.attrib.get("AssertionConsumerServiceURL", "")
        self.know_sp(issuer, acs_url)
        parsed = self.server.parse_authn_request(
            query["SAMLRequest"], BINDING_HTTP_REDIRECT, relay_state=query.get("RelayState"),
            sigalg=query.get("SigAlg"), signature=query.get("Signature"),
        )  # fmt: skip
        if parsed is None:
            raise ValueError("unreadable request")
        message = parsed.message
        level = "1"
        context = message.requested_authn_context
        if context is not None and context.authn_context_class_ref:
            level = (context.authn_context_class_ref[0].text or "1").rsplit("-", 1)[-1]
        token = secrets.token_urlsafe(16)
        self.pending[token] = {
            "id": message.id, "sp": issuer, "acs": acs_url,
            "relay_state": query.get("RelayState", ""), "level": level,
            "attributes": requested_attributes(root),
        }  # fmt: skip
        return token

    def response_for(self, request: dict[str, Any], who: str, level: str, **options: Any) -> str:
        """A base64 SAML Response for ``who`` at ``level``, its assertion encrypted when the
        SP has an encryption certificate (options for tests of the SP's refusals:
        ``sign_assertion``, ``audience``, ``encrypt`` (False: plain), ``encrypt_cert`` (the
        PEM text of another certificate to encrypt to))."""
        person = IDENTITIES[who]
        name_id = NameID(format=NAMEID_FORMAT_PERSISTENT, text=person["subject"],
                         sp_name_qualifier=request["sp"])  # fmt: skip
        audience = options.get("audience") or request["sp"]
        if audience != request["sp"]:
            self.know_sp(audience, request["acs"])
        encrypt = options.get("encrypt", True) and self.sp_encryption_cert is not None
        response = self.server.create_authn_response(
            identity_attributes(person, request.get("attributes")),
            in_response_to=request["id"],
            destination=request["acs"],
            sp_entity_id=audience,
            name_id=name_id,
            authn={
                "class_ref": f"STORK-QAA-Level-{level}",
                "authn_auth": self.server.config.entityid,
            },
            sign_assertion=options.get("sign_assertion", True),
            encrypt_assertion=encrypt,
            encrypt_assertion_self_contained=True,
            encrypt_cert_assertion=options.get("encrypt_cert") if encrypt else None,
            sign_response=False,
            sign_alg=SIG_RSA_SHA256,
            digest_alg=DIGEST_SHA256,
        )
        return base64.b64encode(str(response).encode()).decode()


# --- The pages -------------------------------------------------------------------------------


def _page(title: str, body: str) -> bytes:
    return pages.page(title, body, BANNER)


def _choice_page(token: str, request: dict[str, Any]) -> bytes:
    people = "".join(
        f'<div><input type="radio" name="who" id="who-{k}" value="{k}"{" checked" if i == 0 else ""}>'
        f'<label for="who-{k}">{html.escape(p["given_names"])} {html.escape(p["family_name"])}</label></div>'
        for i, (k, p) in enumerate(IDENTITIES.items())
    )
    levels = "".join(
        f'<option value="{k}"{" selected" if k == request["level"] else ""}>{html.escape(v)}</option>'
        for k, v in LEVELS.items()
    )
    body = f"""<p>Ein Dienst ({html.escape(request["sp"])}) bittet um eine Anmeldung mit mindestens
STORK-QAA-Level-{html.escape(request["level"])}. Wählen Sie eine Demo-Person.</p>
<form method="post" action="/sso/login"><input type="hidden" name="token" value="{token}">
<fieldset><legend>Demo-Person</legend>{people}</fieldset>
<p><label for="level">Vertrauensniveau</label> <select id="level" name="level">{levels}</select></p>
<button type="submit">Anmelden</button></form>"""
    return _page("Anmelden", body)


def _post_page(acs: str, saml_response: str, relay_state: str) -> bytes:
    body = f"""<p>Sie sind angemeldet. Weiter zum Portal:</p>
<form method="post" action="{html.escape(acs)}">
<input type="hidden" name="SAMLResponse" value="{saml_response}">
<input type="hidden" name="RelayState" value="{html.escape(relay_state)}">
<button type="submit">Weiter zum Portal</button></form>"""
    return _page("Angemeldet", body)


def make_app(idp: SamlIdp):  # noqa: ANN201 - a WSGI application
    def app(environ: dict[str, Any], start_response: Any) -> list[bytes]:
        path, method = environ.get("PATH_INFO", "/"), environ.get("REQUEST_METHOD", "GET")
        status, content_type, body = "200 OK", "text/html; charset=utf-8", b""
        try:
            if path == "/metadata":
                content_type, body = "application/samlmetadata+xml", idp.metadata().encode()
            elif path == "/sso/redirect" and method == "GET":
                query = {k: v[0] for k, v in parse_qs(environ.get("QUERY_STRING", "")).items()}
                token = idp.accept_request(query)
                body = _choice_page(token, idp.pending[token])
            elif path == "/sso/login" and method == "POST":
                size = int(environ.get("CONTENT_LENGTH") or 0)
                form = {
                    k: v[0] for k, v in parse_qs(environ["wsgi.input"].read(size).decode()).items()
                }
                request = idp.pending.pop(form.get("token", ""), None)
                if request is None or form.get("who") not in IDENTITIES:
                    raise ValueError("unknown login")
                level = form.get("level") if form.get("level") in LEVELS else "1"
                answer = idp.response_for(request, form["who"], level)
                body = _post_page(request["acs"], answer, request["relay_state"])
            else:
                status, body = "404 Not Found", _page("Nicht gefunden", "")
        except Exception as error:  # a development tool: say what was wrong
            status = "400 Bad Request"
            body = _page("Anfrage abgelehnt", f"<p>{html.escape(type(error).__name__)}: "
                                              f"{html.escape(str(error))}</p>")  # fmt: skip
        start_response(status, [("Content-Type", content_type)])
        return [body]

    return app


class _Quiet(WSGIRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        pass


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=BANNER)
    parser.add_argument("--host", default="127.0.0.1", help="the address to listen on")
    parser.add_argument("--public-host", default="",
                        help="the address in the IdP's metadata (default: --host)")  # fmt: skip
    parser.add_argument("--port", type=int, default=8101)
    parser.add_argument("--dir", type=Path, default=Path("var/devidp"))
    parser.add_argument("--sp-cert", type=Path, help="the SP's signing certificate")
    parser.add_argument("--sp-encryption-cert", type=Path,
                        help="the SP's encryption certificate")  # fmt: skip
    parser.add_argument("--trust", action="append", default=[], help="trusted SP entity ID prefix")
    parser.add_argument("--lifetime-minutes", type=int, default=5)
    args = parser.parse_args(argv)
    key, cert = keys.ensure(args.dir, "saml-idp", "Rathaus Entwicklungs-IdP")
    sp_cert = args.sp_cert or keys.ensure(args.dir, "sp", "Rathaus Entwicklungs-SP")[1]
    sp_encryption_cert = (
        args.sp_encryption_cert
        or keys.ensure(args.dir, "sp-encryption", "Rathaus Entwicklungs-SP (Verschlüsselung)")[1]
    )
    public_host = args.public_host or args.host
    base_url = f"http://{public_host}:{args.port}"
    trusted = args.trust or [f"http://{public_host}", *keys.DEV_PREFIXES]
    idp = SamlIdp(base_url, key, cert, sp_cert, trusted, args.lifetime_minutes,
                  sp_encryption_cert)  # fmt: skip
    metadata = args.dir / "saml-idp-metadata.xml"
    metadata.write_text(idp.metadata())
    server = make_server(args.host, args.port, make_app(idp), handler_class=_Quiet)
    print(f"{BANNER}: {base_url}/metadata", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
