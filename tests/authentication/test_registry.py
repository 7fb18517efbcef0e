"""Login methods live in a typed registry: the local password method is registered at
start-up, further methods (OIDC, SAML later) plug in and the login page lists them."""

from __future__ import annotations

import pytest
from django.urls import reverse

from rathaus.authentication import registry


class DummyMethod(registry.LoginMethod):
    identifier = "dummy"
    label = "Mit dem Testverfahren anmelden"

    def login_url(self, next_url: str = "") -> str:
        return f"/test-anmeldung/?next={next_url}"


@pytest.fixture
def dummy():
    method = registry.register(DummyMethod())
    yield method
    registry.unregister("dummy")


def test_password_method_is_registered():
    method = registry.get("password")
    assert isinstance(method, registry.PasswordLoginMethod)
    assert method.login_url() == reverse("authentication:login")
    assert method.login_url("/konto/") == reverse("authentication:login") + "?next=%2Fkonto%2F"


@pytest.mark.django_db
def test_login_page_lists_an_injected_method(client, dummy):
    assert registry.get("dummy") is dummy
    # BundID and OIDC are registered everywhere but offered only where a tenant has them.
    assert [m.identifier for m in registry.all()] == ["password", "bundid", "oidc", "dummy"]
    html = client.get(reverse("authentication:login"), {"next": "/konto/"}).content.decode()
    assert "Mit dem Testverfahren anmelden" in html
    assert 'href="/test-anmeldung/?next=/konto/"' in html
    assert "Andere Anmeldeverfahren" in html


@pytest.mark.django_db
def test_login_page_without_other_methods(client):
    html = client.get(reverse("authentication:login")).content.decode()
    assert "Andere Anmeldeverfahren" not in html


def test_methods_are_listed_by_order_then_identifier_not_by_registration():
    class Zeta(DummyMethod):
        identifier = "zeta"

    class Alpha(DummyMethod):
        identifier = "alpha"

    class Early(DummyMethod):
        identifier = "zz-early"
        order = 50

    for method in (Zeta(), Alpha(), Early()):
        registry.register(method)
    try:
        identifiers = [m.identifier for m in registry.all()]
        assert identifiers == ["password", "bundid", "oidc", "zz-early", "alpha", "zeta"]
    finally:
        for identifier in ("zeta", "alpha", "zz-early"):
            registry.unregister(identifier)


def test_registry_refuses_duplicates_and_non_methods(dummy):
    with pytest.raises(ValueError):
        registry.register(DummyMethod())
    with pytest.raises(TypeError):
        registry.register(object())
    with pytest.raises(LookupError, match="no login method named 'unbekannt'"):
        registry.get("unbekannt")
