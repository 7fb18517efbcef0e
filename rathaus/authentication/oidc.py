"""OpenID Connect relying party (Authlib): a Land's account or an organisation account.

Authorization code flow with PKCE (S256), ``state`` and ``nonce``: Authlib keeps the
state's data (code verifier, nonce, redirect URI) in the session and checks on the
callback that the state is one this session started, that the ID token is signed by a
key of the provider's JWKS, names the configured issuer and this client, is fresh and
carries the session's nonce. One provider per tenant (``providers.oidc_config``); its
client secret comes from the environment or a file, never from the database.
"""

from __future__ import annotations

import logging
from typing import Any

from authlib.integrations.django_client import DjangoIntegration, DjangoOAuth2App
from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from rathaus.authentication import assurance, providers
from rathaus.authentication.federation import FederatedIdentity, FederatedRefusal, split_street
from rathaus.authentication.models import ExternalIdentity

__all__ = ["is_available", "label", "start_login", "finish_login", "clear_cache"]

logger = logging.getLogger("rathaus.security")
_NEXT_SESSION = "rathaus.auth.oidc_next"
_APPS: dict[tuple[str, ...], DjangoOAuth2App] = {}
_CLAIMS = {
    "given_name": "given_names",
    "family_name": "family_name",
    "birthdate": "birth_date",
    "email": "email",
}


def is_available(slug: str | None = None) -> bool:
    config = providers.oidc_config(slug)
    return bool(config and config.get("issuer") and config.get("client_id"))


def label(slug: str | None = None) -> str:
    config = providers.oidc_config(slug) or {}
    return str(config.get("label") or _("Landeskonto"))


def clear_cache() -> None:
    """Forget the providers' loaded metadata (tests, a changed configuration)."""
    _APPS.clear()


def _app() -> tuple[dict[str, Any], DjangoOAuth2App]:
    slug = providers.tenant_slug()
    config = providers.oidc_config(slug)
    if not config or not is_available(slug):
        raise FederatedRefusal("not_configured", _("Diese Anmeldung ist hier nicht eingerichtet."))
    secret = providers.client_secret(config)
    issuer = str(config["issuer"]).rstrip("/")
    key = (slug, issuer, str(config["client_id"]), secret)
    if key not in _APPS:
        name = f"oidc-{slug}"
        _APPS[key] = DjangoOAuth2App(
            DjangoIntegration(name),
            name=name,
            client_id=str(config["client_id"]),
            client_secret=secret,
            server_metadata_url=f"{issuer}/.well-known/openid-configuration",
            client_kwargs={
                "scope": str(config.get("scopes") or "openid profile email address"),
                "code_challenge_method": "S256",
                "token_endpoint_auth_method": "client_secret_basic",
                "default_timeout": 10,
            },
        )
    return config, _APPS[key]


def start_login(request: HttpRequest, next_url: str) -> str:
    """The provider's authorization URL; state, nonce and code verifier go to the session."""
    config, app = _app()
    redirect_uri = request.build_absolute_uri(reverse("authentication:oidc_callback"))
    try:
        metadata = app.load_server_metadata()
        if str(metadata.get("issuer", "")).rstrip("/") != str(config["issuer"]).rstrip("/"):
            raise FederatedRefusal("issuer_mismatch")
        found = app.create_authorization_url(redirect_uri)
    except FederatedRefusal:
        raise
    except Exception as error:  # the provider cannot be reached or answers nonsense
        raise FederatedRefusal(
            f"provider_unreachable:{type(error).__name__}",
            _("Der Identitätsanbieter ist gerade nicht erreichbar. Bitte versuchen Sie es "
              "später noch einmal."),
        ) from error  # fmt: skip
    app.save_authorize_data(request, redirect_uri=redirect_uri, **found)
    targets = dict(request.session.get(_NEXT_SESSION) or {})
    targets = dict(list(targets.items())[-4:])
    targets[found["state"]] = next_url
    request.session[_NEXT_SESSION] = targets
    return str(found["url"])


def finish_login(request: HttpRequest) -> tuple[FederatedIdentity, str]:
    """Check the callback (state, code, ID token with nonce) and return the identity."""
    config, app = _app()
    state = str(request.GET.get("state", ""))
    targets = dict(request.session.get(_NEXT_SESSION) or {})
    next_url = str(targets.pop(state, "")) if state in targets else ""
    request.session[_NEXT_SESSION] = targets
    if request.GET.get("error"):
        raise FederatedRefusal(f"provider_error:{request.GET.get('error')}"[:100],
                               _("Die Anmeldung wurde abgebrochen."))  # fmt: skip
    if not state or not request.GET.get("code"):
        raise FederatedRefusal("missing_parameters")
    try:
        token = app.authorize_access_token(request)
    except Exception as error:  # wrong state, wrong nonce, bad signature, unreachable
        raise FederatedRefusal(f"invalid_callback:{type(error).__name__}: {error}"[:300]) from error
    claims = token.get("userinfo")
    if not claims or not claims.get("sub"):
        raise FederatedRefusal("no_id_token")
    return _identity(config, claims), next_url


def _identity(config: dict[str, Any], claims: Any) -> FederatedIdentity:
    attributes = {
        ours: str(claims[theirs])[:200] for theirs, ours in _CLAIMS.items() if claims.get(theirs)
    }
    if claims.get("email") and claims.get("email_verified") is False:
        attributes.pop("email")  # an unconfirmed address does not confirm a new account
    address = claims.get("address")
    if isinstance(address, dict):
        street, number = split_street(str(address.get("street_address", "")))
        attributes.update({
            "street": street[:120], "house_number": number,
            "postal_code": str(address.get("postal_code", ""))[:10],
            "city": str(address.get("locality", ""))[:120],
        })  # fmt: skip
    # The provider vouches for its configured level at most; a lower "acr" lowers it.
    configured = assurance.rank_of(config.get("assurance"))
    claimed = assurance.from_authn_context(str(claims.get("acr", "")))
    level = min(claimed, configured) if claimed else configured
    return FederatedIdentity(
        method=ExternalIdentity.Method.OIDC,
        issuer=str(claims["iss"]),
        subject=str(claims["sub"])[:500],
        provider=label(),
        level=level,
        attributes={k: v for k, v in attributes.items() if v},
    )
