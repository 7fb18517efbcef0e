"""An OpenID Connect provider for development and tests, on Authlib's server classes.

Authorization code flow only, for one confidential client (``rathaus-dev``, secret made
at start into ``<dir>/oidc-client-secret``): PKCE (S256) and a nonce are required, the
ID token is signed with RS256 by a key made at start (published at ``/jwks``). A redirect
URI is accepted when it starts with a trusted prefix. Demo identities as in
``devidp.identities``.

    python -m devidp.oidc_op --port 8102 --dir var/devidp
"""

from __future__ import annotations

import argparse
import html
import json
import secrets
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs
from wsgiref.simple_server import WSGIRequestHandler, make_server

from authlib.oauth2 import AuthorizationServer
from authlib.oauth2.rfc6749 import ClientMixin, OAuth2Error, OAuth2Request
from authlib.oauth2.rfc6749.grants import AuthorizationCodeGrant
from authlib.oauth2.rfc6749.requests import BasicOAuth2Payload
from authlib.oauth2.rfc6750 import BearerTokenGenerator
from authlib.oauth2.rfc7636 import CodeChallenge
from authlib.oidc.core import UserInfo
from authlib.oidc.core.grants import OpenIDCode
from joserfc.jwk import RSAKey

from devidp import keys, pages
from devidp.identities import IDENTITIES

BANNER = "Entwicklungs-Identitätsanbieter – kein echtes Landeskonto"
CLIENT_ID = "rathaus-dev"
CODE_SECONDS = 120


class Client(ClientMixin):
    def __init__(self, secret: str, redirect_prefixes: list[str]):
        self.secret = secret
        self.redirect_prefixes = redirect_prefixes

    def get_client_id(self) -> str:
        return CLIENT_ID

    def get_default_redirect_uri(self) -> str:
        return ""

    def get_allowed_scope(self, scope: str) -> str:
        allowed = {"openid", "profile", "email", "address"}
        return " ".join(s for s in (scope or "").split() if s in allowed)

    def check_redirect_uri(self, redirect_uri: str) -> bool:
        return any(redirect_uri.startswith(prefix) for prefix in self.redirect_prefixes)

    def check_client_secret(self, client_secret: str) -> bool:
        return secrets.compare_digest(client_secret, self.secret)

    def check_endpoint_auth_method(self, method: str, endpoint: str) -> bool:
        return method in ("client_secret_basic", "client_secret_post")

    def check_response_type(self, response_type: str) -> bool:
        return response_type == "code"

    def check_grant_type(self, grant_type: str) -> bool:
        return grant_type == "authorization_code"


@dataclass
class Code:
    code: str
    client_id: str
    redirect_uri: str
    scope: str
    user: dict[str, str]
    nonce: str
    code_challenge: str
    code_challenge_method: str
    issued_at: float

    def get_redirect_uri(self) -> str:
        return self.redirect_uri

    def get_scope(self) -> str:
        return self.scope

    def get_nonce(self) -> str:
        return self.nonce

    def get_auth_time(self) -> int:
        return int(self.issued_at)

    def get_acr(self) -> str | None:
        return None

    def get_amr(self) -> list[str] | None:
        return None


class WsgiRequest(OAuth2Request):
    def __init__(self, method: str, uri: str, headers: dict[str, str], data: dict[str, str]):
        super().__init__(method, uri, headers=headers)
        self.payload = BasicOAuth2Payload(data)
        self._data = data

    @property
    def args(self) -> dict[str, str]:
        return self._data

    @property
    def form(self) -> dict[str, str]:
        return self._data


class Provider(AuthorizationServer):
    def __init__(self, issuer: str, key: RSAKey, client: Client):
        super().__init__(scopes_supported=["openid", "profile", "email", "address"])
        self.issuer = issuer
        self.key = key
        self.client = client
        self.codes: dict[str, Code] = {}
        self.register_token_generator(
            "default", BearerTokenGenerator(lambda **_kwargs: secrets.token_urlsafe(32))
        )
        self.register_grant(CodeGrant, [CodeChallenge(required=True), IdToken(self)])

    def query_client(self, client_id: str) -> Client | None:
        return self.client if client_id == CLIENT_ID else None

    def save_token(self, token: dict, request: OAuth2Request) -> None:
        pass  # no resource server: the ID token is all Rathaus uses

    def create_oauth2_request(self, request: WsgiRequest) -> WsgiRequest:
        return request

    def handle_response(self, status: int, body: Any, headers: list) -> tuple[int, Any, list]:
        return status, body, headers

    def send_signal(self, name: str, *args: Any, **kwargs: Any) -> None:
        pass

    def metadata(self) -> dict[str, Any]:
        return {
            "issuer": self.issuer,
            "authorization_endpoint": f"{self.issuer}/authorize",
            "token_endpoint": f"{self.issuer}/token",
            "jwks_uri": f"{self.issuer}/jwks",
            "response_types_supported": ["code"],
            "subject_types_supported": ["public"],
            "id_token_signing_alg_values_supported": ["RS256"],
            "scopes_supported": ["openid", "profile", "email", "address"],
            "token_endpoint_auth_methods_supported": ["client_secret_basic", "client_secret_post"],
            "code_challenge_methods_supported": ["S256"],
            "claims_supported": ["sub", "given_name", "family_name", "birthdate", "email",
                                 "email_verified", "address"],
        }  # fmt: skip


class CodeGrant(AuthorizationCodeGrant):
    TOKEN_ENDPOINT_AUTH_METHODS = ["client_secret_basic", "client_secret_post"]

    def save_authorization_code(self, code: str, request: OAuth2Request) -> None:
        data = request.payload.data
        self.server.codes[code] = Code(
            code=code, client_id=CLIENT_ID, redirect_uri=data.get("redirect_uri", ""),
            scope=request.scope, user=request.user, nonce=data.get("nonce", ""),
            code_challenge=data.get("code_challenge", ""),
            code_challenge_method=data.get("code_challenge_method", ""), issued_at=time.time(),
        )  # fmt: skip

    def query_authorization_code(self, code: str, client: Client) -> Code | None:
        found = self.server.codes.get(code)
        if found is None or time.time() - found.issued_at > CODE_SECONDS:
            return None
        return found

    def delete_authorization_code(self, authorization_code: Code) -> None:
        self.server.codes.pop(authorization_code.code, None)

    def authenticate_user(self, authorization_code: Code) -> dict[str, str]:
        return authorization_code.user


class IdToken(OpenIDCode):
    def __init__(self, provider: Provider):
        super().__init__(require_nonce=True)
        self.provider = provider

    def exists_nonce(self, nonce: str, request: OAuth2Request) -> bool:
        return any(code.nonce == nonce for code in self.provider.codes.values())

    def resolve_client_private_key(self, client: Client) -> RSAKey:
        return self.provider.key

    def get_client_algorithm(self, client: Client) -> str:
        return "RS256"

    def get_encode_header(self, client: Client) -> dict[str, str]:
        return {"alg": "RS256", "kid": self.provider.key.kid}

    def get_client_claims(self, client: Client) -> dict[str, Any]:
        return {"iss": self.provider.issuer, "aud": [CLIENT_ID]}

    def generate_user_info(self, user: dict[str, str], scope: str) -> UserInfo:
        info = UserInfo(sub=user["subject"], given_name=user["given_names"],
                        family_name=user["family_name"], birthdate=user["birth_date"])  # fmt: skip
        if "email" in scope:
            info.update(email=user["email"], email_verified=True)
        if "address" in scope:
            info["address"] = {"street_address": f"{user['street']} {user['house_number']}",
                               "postal_code": user["postal_code"], "locality": user["city"]}  # fmt: skip
        return info


# --- The pages -------------------------------------------------------------------------------


def _page(title: str, body: str) -> bytes:
    return pages.page(title, body, BANNER)


def _choice_page(query: str) -> bytes:
    people = "".join(
        f'<div><input type="radio" name="who" id="who-{k}" value="{k}"{" checked" if i == 0 else ""}>'
        f'<label for="who-{k}">{html.escape(p["given_names"])} {html.escape(p["family_name"])}</label></div>'
        for i, (k, p) in enumerate(IDENTITIES.items())
    )
    body = f"""<p>Ein Portal bittet um Ihre Anmeldung mit dem Landeskonto. Wählen Sie eine Demo-Person.</p>
<form method="post" action="/authorize"><input type="hidden" name="query" value="{html.escape(query)}">
<fieldset><legend>Demo-Person</legend>{people}</fieldset>
<button type="submit">Anmelden</button></form>"""
    return _page("Anmelden", body)


def make_app(provider: Provider):  # noqa: ANN201, C901 - a WSGI application, one page each
    def request_of(environ: dict[str, Any], data: dict[str, str]) -> WsgiRequest:
        headers = {k[5:].replace("_", "-").title(): v for k, v in environ.items()
                   if k.startswith("HTTP_")}  # fmt: skip
        uri = f"{provider.issuer}{environ.get('PATH_INFO', '/')}"
        return WsgiRequest(environ["REQUEST_METHOD"], uri, headers, data)

    def app(environ: dict[str, Any], start_response: Any) -> list[bytes]:
        path, method = environ.get("PATH_INFO", "/"), environ.get("REQUEST_METHOD", "GET")
        size = int(environ.get("CONTENT_LENGTH") or 0)
        form = {k: v[-1] for k, v in parse_qs(environ["wsgi.input"].read(size).decode()).items()}
        query_string = environ.get("QUERY_STRING", "")
        status, headers, body = 200, [("Content-Type", "text/html; charset=utf-8")], b""
        try:
            if path == "/.well-known/openid-configuration":
                status, body = 200, json.dumps(provider.metadata()).encode()
                headers = [("Content-Type", "application/json")]
            elif path == "/jwks":
                body = json.dumps({"keys": [provider.key.as_dict(private=False)]}).encode()
                headers = [("Content-Type", "application/json")]
            elif path == "/authorize" and method == "GET":
                query = {k: v[-1] for k, v in parse_qs(query_string).items()}
                provider.get_consent_grant(request=request_of(environ, query))
                body = _choice_page(query_string)
            elif path == "/authorize" and method == "POST":
                query = {k: v[-1] for k, v in parse_qs(form.get("query", "")).items()}
                who = IDENTITIES.get(form.get("who", ""))
                if who is None:
                    raise ValueError("unknown person")
                status, _body, extra = provider.create_authorization_response(
                    request=request_of(environ, query), grant_user=who
                )
                headers, body = list(extra), b""
            elif path == "/token" and method == "POST":
                status, payload, extra = provider.create_token_response(request_of(environ, form))
                headers = [("Content-Type", "application/json"), *extra]
                body = json.dumps(payload).encode()
            else:
                status, body = 404, _page("Nicht gefunden", "")
        except (OAuth2Error, ValueError) as error:
            status = 400
            body = _page("Anfrage abgelehnt", f"<p>{html.escape(str(error))}</p>")
        reason = {200: "OK", 302: "Found", 400: "Bad Request", 401: "Unauthorized",
                  404: "Not Found"}.get(status, "Status")  # fmt: skip
        headers = [(k, v) for k, v in headers if k.lower() != "content-type"] + [
            next(((k, v) for k, v in headers if k.lower() == "content-type"),
                 ("Content-Type", "text/html; charset=utf-8"))]  # fmt: skip
        start_response(f"{status} {reason}", headers)
        return [body]

    return app


class _Quiet(WSGIRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        pass


def client_secret(directory: Path) -> str:
    path = directory / "oidc-client-secret"
    if not path.exists():
        directory.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(32))
        path.chmod(0o600)
    return path.read_text().strip()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=BANNER)
    parser.add_argument("--host", default="127.0.0.1", help="the address to listen on")
    parser.add_argument("--public-host", default="",
                        help="the address the issuer is reached at (default: --host)")  # fmt: skip
    parser.add_argument("--port", type=int, default=8102)
    parser.add_argument("--dir", type=Path, default=Path("var/devidp"))
    parser.add_argument("--redirect-prefix", action="append", default=[])
    args = parser.parse_args(argv)
    key_path, _cert = keys.ensure(args.dir, "oidc-op", "Rathaus Entwicklungs-OP")
    key = RSAKey.import_key(key_path.read_text(), {"use": "sig", "alg": "RS256"})
    key.ensure_kid()
    public_host = args.public_host or args.host
    prefixes = args.redirect_prefix or [f"http://{public_host}", *keys.DEV_PREFIXES]
    issuer = f"http://{public_host}:{args.port}"
    provider = Provider(issuer, key, Client(client_secret(args.dir), prefixes))
    server = make_server(args.host, args.port, make_app(provider), handler_class=_Quiet)
    print(f"{BANNER}: {issuer}/.well-known/openid-configuration", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
