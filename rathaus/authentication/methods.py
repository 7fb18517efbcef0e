"""The federated login methods on the login and step-up pages: BundID (SAML) and the
tenant's OpenID Connect provider. Both are offered only where the tenant in scope has
them configured (``providers``); registered in ``AuthenticationConfig.ready()``."""

from __future__ import annotations

from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from rathaus.authentication import assurance, oidc, providers, saml
from rathaus.authentication.registry import LoginMethod

__all__ = ["SamlLoginMethod", "OidcLoginMethod"]


def _with_query(url: str, **params: str) -> str:
    query = urlencode({k: v for k, v in params.items() if v})
    return f"{url}?{query}" if query else url


class SamlLoginMethod(LoginMethod):
    """BundID by SAML 2.0: asks the IdP for the level a service needs."""

    identifier = "bundid"
    order = 10

    @property
    def label(self) -> str:  # type: ignore[override]
        return _("Mit %(provider)s anmelden") % {"provider": saml.label()}

    def login_url(self, next_url: str = "", level: str = "") -> str:
        return _with_query(reverse("authentication:saml_start"), next=next_url, niveau=level)

    def available(self) -> bool:
        return saml.is_available()

    def reaches(self, level: str) -> bool:
        return True  # BundID is asked for the level; whether it gave it is checked after


class OidcLoginMethod(LoginMethod):
    """The tenant's OpenID Connect provider: reaches the level it is configured for."""

    identifier = "oidc"
    order = 20

    @property
    def label(self) -> str:  # type: ignore[override]
        return _("Mit %(provider)s anmelden") % {"provider": oidc.label()}

    def login_url(self, next_url: str = "", level: str = "") -> str:
        return _with_query(reverse("authentication:oidc_start"), next=next_url)

    def available(self) -> bool:
        return oidc.is_available()

    def reaches(self, level: str) -> bool:
        config = providers.oidc_config() or {}
        return assurance.meets(assurance.rank_of(config.get("assurance")), level)
