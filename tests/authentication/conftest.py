"""Fixtures of the authentication tests: the ones of tests/accounts (clock, committed),
and the development IdPs (devidp/) started in second processes."""

import pytest

from tests.accounts.conftest import clock, committed  # noqa: F401
from tests.authentication.idps import oidc_provider, saml_idp


@pytest.fixture(scope="session")
def saml_process(tmp_path_factory):
    """The development SAML IdP in a second process, keys made for this test run."""
    with saml_idp(tmp_path_factory.mktemp("saml")) as process:
        yield process


@pytest.fixture(scope="session")
def oidc_process(tmp_path_factory):
    """The development OpenID Connect provider in a second process."""
    with oidc_provider(tmp_path_factory.mktemp("oidc")) as process:
        yield process
