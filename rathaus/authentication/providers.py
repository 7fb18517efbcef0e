"""Which identity providers a tenant uses: ``settings.RATHAUS_FEDERATION[slug]``.

One SAML IdP (BundID) and one OpenID Connect provider (the Land's account or an
organisation account) per tenant, configured in the file ``RATHAUS_FEDERATION_FILE``
(``rathaus/conf/federation.py``, ``docs/guides/login.md``). Secrets never sit in the
database: the SP's private key is a file; the OIDC client secret comes from an
environment variable or a file the configuration names.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from rathaus.tenants import scope

__all__ = ["tenant_slug", "saml_config", "oidc_config", "client_secret"]


def tenant_slug() -> str:
    tenant = scope.current_or_none()
    return tenant.slug if tenant is not None else settings.RATHAUS_TENANT


def _section(name: str, slug: str | None = None) -> dict[str, Any] | None:
    tenant = settings.RATHAUS_FEDERATION.get(slug or tenant_slug()) or {}
    section = tenant.get(name)
    return dict(section) if isinstance(section, dict) else None


def saml_config(slug: str | None = None) -> dict[str, Any] | None:
    """The tenant's SAML IdP (keys ``label``, ``idp_metadata``, ``sp_key``, ``sp_cert``,
    optional ``entity_id``, ``default_level``), or None."""
    return _section("saml", slug)


def oidc_config(slug: str | None = None) -> dict[str, Any] | None:
    """The tenant's OpenID Connect provider (keys ``label``, ``issuer``, ``client_id``,
    ``client_secret_env`` or ``client_secret_file``, optional ``scopes``, ``assurance``),
    or None."""
    return _section("oidc", slug)


def client_secret(config: dict[str, Any]) -> str:
    """The OIDC client secret from the environment variable or file the config names."""
    if config.get("client_secret_env"):
        secret = os.environ.get(str(config["client_secret_env"]), "")
    elif config.get("client_secret_file"):
        path = Path(str(config["client_secret_file"]))
        secret = path.read_text().strip() if path.exists() else ""
    else:
        secret = ""
    if not secret:
        raise ImproperlyConfigured("The OIDC client secret of this tenant is not available.")
    return secret
