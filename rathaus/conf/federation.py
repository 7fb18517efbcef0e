"""Federated login (SAML 2.0, OpenID Connect) per tenant, read from one TOML file.

``RATHAUS_FEDERATION_FILE`` names the file; each top-level table is a tenant slug with
an optional ``saml`` and ``oidc`` table (``docs/guides/login.md`` lists the keys). The
file holds no secrets: private keys are files it names, client secrets are environment
variables or files it names (``client_secret_env``, ``client_secret_file``). Without
the variable there is no federated login, except in development, where
``dev_federation`` points every shipped Land at the development identity providers that
``make run`` starts (``devidp/``).
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

from rathaus.conf.env import read_environment

__all__ = ["federation_settings", "dev_federation", "DEV_SAML_PORT", "DEV_OIDC_PORT"]

DEV_SAML_PORT = 8101
DEV_OIDC_PORT = 8102
DEV_TENANTS = ("hessen", "hamburg", "schleswig-holstein")


def federation_settings(path: str | None = None) -> dict[str, Any]:
    """The tenants' identity providers from the file ``path`` (default: the one named by
    ``RATHAUS_FEDERATION_FILE``, read by ``rathaus.conf.env``), or ``{}``."""
    path = read_environment().federation_file if path is None else path.strip()
    if not path:
        return {}
    with Path(path).open("rb") as stream:
        data = tomllib.load(stream)
    if not all(isinstance(value, dict) for value in data.values()):
        raise ValueError(f"{path}: every top-level entry must be a table named by a tenant slug")
    return data


def dev_federation(var_dir: Path, host: str = "127.0.0.1") -> dict[str, Any]:
    """Every shipped Land logs in through the development IdPs (``devidp/``): keys and
    metadata are generated under ``var/devidp/`` when ``make run`` starts them. ``host``
    is the address the IdPs are reached at (``RATHAUS_DEVIDP_HOST``, set by ``make run``
    from its ``HOST``); the SAML IdP writes its own address into its metadata file."""
    keys = var_dir / "devidp"
    saml = {
        "label": "BundID (Entwicklung)",
        "idp_metadata": str(keys / "saml-idp-metadata.xml"),
        "sp_key": str(keys / "sp.key"),
        "sp_cert": str(keys / "sp.crt"),
        "sp_encryption_key": str(keys / "sp-encryption.key"),
        "sp_encryption_cert": str(keys / "sp-encryption.crt"),
        "want_encrypted_assertions": True,
    }
    oidc = {
        "label": "Landeskonto (Entwicklung)",
        "issuer": f"http://{host}:{DEV_OIDC_PORT}",
        "client_id": "rathaus-dev",
        "client_secret_file": str(keys / "oidc-client-secret"),
        "assurance": "substantiell",
    }
    return {slug: {"saml": dict(saml), "oidc": dict(oidc)} for slug in DEV_TENANTS}
