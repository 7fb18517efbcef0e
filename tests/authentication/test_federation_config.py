"""The federation settings: the file named by RATHAUS_FEDERATION_FILE, read through
rathaus.conf.env; the development configuration follows the host the dev IdPs are
reached at (RATHAUS_DEVIDP_HOST), and the dev IdPs name themselves by that host."""

from __future__ import annotations

import json
import urllib.request

import pytest
from django.core.exceptions import ImproperlyConfigured

from rathaus.conf.env import read_environment
from rathaus.conf.federation import DEV_OIDC_PORT, dev_federation, federation_settings
from tests.authentication.idps import _process, free_port


def test_the_devidp_host_defaults_to_loopback_and_is_checked():
    assert read_environment({}).devidp_host == "127.0.0.1"
    assert read_environment({"RATHAUS_DEVIDP_HOST": "192.168.1.5"}).devidp_host == "192.168.1.5"
    for wrong in ["http://192.168.1.5", "host:8102", "a/b", " "]:
        with pytest.raises(ImproperlyConfigured, match="RATHAUS_DEVIDP_HOST"):
            read_environment({"RATHAUS_DEVIDP_HOST": wrong})


def test_dev_federation_uses_the_host_for_the_oidc_issuer(tmp_path):
    config = dev_federation(tmp_path, "192.168.1.5")
    assert config["hessen"]["oidc"]["issuer"] == f"http://192.168.1.5:{DEV_OIDC_PORT}"
    saml = config["hamburg"]["saml"]
    assert saml["want_encrypted_assertions"] is True
    assert saml["sp_encryption_key"].endswith("devidp/sp-encryption.key")


def test_the_federation_file_is_read_from_the_environment(tmp_path, monkeypatch):
    path = tmp_path / "federation.toml"
    path.write_text('[hessen.saml]\nlabel = "BundID"\nwant_encrypted_assertions = false\n')
    monkeypatch.setenv("RATHAUS_FEDERATION_FILE", str(path))
    assert federation_settings() == {
        "hessen": {"saml": {"label": "BundID", "want_encrypted_assertions": False}}
    }
    assert federation_settings("") == {}
    monkeypatch.delenv("RATHAUS_FEDERATION_FILE")
    assert federation_settings() == {}


def test_the_dev_idps_name_themselves_by_the_public_host(tmp_path):
    port = free_port()
    args = ["devidp.oidc_op", "--port", str(port), "--dir", str(tmp_path / "oidc"),
            "--public-host", "localhost"]  # fmt: skip
    with _process(args, f"http://127.0.0.1:{port}/.well-known/openid-configuration"):
        url = f"http://127.0.0.1:{port}/.well-known/openid-configuration"
        with urllib.request.urlopen(url, timeout=10) as answer:  # noqa: S310 - our own server
            assert json.load(answer)["issuer"] == f"http://localhost:{port}"
    port = free_port()
    args = ["devidp.saml_idp", "--port", str(port), "--dir", str(tmp_path / "saml"),
            "--public-host", "localhost"]  # fmt: skip
    with _process(args, f"http://127.0.0.1:{port}/metadata"):
        metadata = (tmp_path / "saml" / "saml-idp-metadata.xml").read_text()
        assert f'entityID="http://localhost:{port}/metadata"' in metadata
        assert f'Location="http://localhost:{port}/sso/redirect"' in metadata
