"""Federated login in a real browser, through the development IdPs running in second
processes on 127.0.0.1 (devidp/): BundID-style SAML with a new account, the Land's OpenID
Connect account linked to an existing password account, the step-up and refusal pages.
Every page of ours and of the IdPs is checked with axe-core."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from rathaus.accounts import services as accounts
from rathaus.accounts.models import User
from rathaus.authentication import oidc
from rathaus.authentication.models import ExternalIdentity
from tests.authentication.idps import oidc_provider, saml_idp

pytestmark = pytest.mark.e2e

PASSWORD = "Sonnenblume-Wiesbaden-42"


@pytest.fixture(scope="module")
def idps(tmp_path_factory):
    with saml_idp(tmp_path_factory.mktemp("saml")) as saml, \
            oidc_provider(tmp_path_factory.mktemp("oidc")) as provider:  # fmt: skip
        yield saml, provider


@pytest.fixture
def federated(settings, idps):
    saml, provider = idps
    oidc.clear_cache()
    settings.RATHAUS_FEDERATION = {"hessen": {"saml": saml.config(), "oidc": provider.config()}}
    yield saml, provider
    oidc.clear_cache()


def _allow_idps(context, *bases: str) -> None:
    """The page guard refuses foreign hosts; the IdPs are this test's own servers."""
    for base in bases:
        context.route(f"{base}/**", lambda route: route.continue_())


def test_bundid_login_creates_an_account_in_the_browser(make_context, federated, assert_accessible):
    saml, provider = federated
    context = make_context()
    _allow_idps(context, saml.base_url, provider.issuer)
    page = context.new_page()
    page.goto("/anmelden/")
    assert_accessible(page)
    page.get_by_role("link", name="Mit BundID anmelden").click()
    expect(page.get_by_text("Entwicklungs-Identitätsanbieter – keine echte BundID")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Erika Mustermann").check()
    page.get_by_label("Vertrauensniveau").select_option("3")
    page.get_by_role("button", name="Anmelden").click()
    assert_accessible(page)
    page.get_by_role("button", name="Weiter zum Portal").click()
    expect(page.get_by_role("heading", name="Erste Anmeldung mit diesem Konto")).to_be_visible()
    expect(page.get_by_text("Vertrauensniveau dieser Anmeldung: substantiell.")).to_be_visible()
    assert_accessible(page)
    section = page.locator("section", has=page.get_by_role("heading", name="Ich habe noch kein"))
    expect(section.get_by_label("E-Mail-Adresse")).to_have_value("erika.mustermann@example.org")
    section.get_by_role("button", name="Neues Konto anlegen").click()
    expect(page.get_by_role("button", name="Abmelden")).to_be_visible()
    user = User.objects.get(email="erika.mustermann@example.org")
    assert ExternalIdentity.objects.get(user=user).method == "saml"
    assert user.citizen_profile.family_name == "Mustermann"


def test_oidc_login_links_an_existing_account_after_its_password(
    make_context, federated, assert_accessible
):
    saml, provider = federated
    owner = accounts.create_citizen("erika.mustermann@example.org", PASSWORD,
                                    given_names="Erika", family_name="Mustermann")  # fmt: skip
    context = make_context()
    _allow_idps(context, saml.base_url, provider.issuer)
    page = context.new_page()
    page.goto("/anmelden/")
    page.get_by_role("link", name="Mit Hessen-Konto anmelden").click()
    expect(
        page.get_by_text("Entwicklungs-Identitätsanbieter – kein echtes Landeskonto")
    ).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Anmelden").click()
    expect(page.get_by_role("heading", name="Erste Anmeldung mit diesem Konto")).to_be_visible()
    section = page.locator("section", has=page.get_by_role("heading", name="Ich habe schon ein"))
    section.get_by_label("E-Mail-Adresse").fill(owner.email)
    section.get_by_label("Passwort").fill("falsch-falsch-falsch")
    section.get_by_role("button", name="Konto verbinden").click()
    expect(
        page.get_by_text("Die E-Mail-Adresse oder das Passwort ist nicht richtig.")
    ).to_be_visible()
    assert_accessible(page)
    assert not ExternalIdentity.objects.exists()
    section.get_by_label("E-Mail-Adresse").fill(owner.email)
    section.get_by_label("Passwort").fill(PASSWORD)
    section.get_by_role("button", name="Konto verbinden").click()
    expect(page.get_by_role("button", name="Abmelden")).to_be_visible()
    assert ExternalIdentity.objects.get().user == owner


def test_step_up_and_refusal_pages(make_context, federated, assert_accessible):
    saml, provider = federated
    context = make_context()
    page = context.new_page()
    page.goto("/anmelden/vertrauensniveau/?niveau=hoch&next=/")
    expect(page.get_by_role("heading", name="Sichere Anmeldung nötig")).to_be_visible()
    expect(page.get_by_role("link", name="Mit BundID anmelden")).to_be_visible()
    expect(page.get_by_role("link", name="Mit Hessen-Konto anmelden")).to_have_count(0)
    assert_accessible(page)
    response = page.goto("/anmelden/saml/fertig/?ticket=unbekannt")
    assert response.status == 400
    expect(page.get_by_role("heading", name="Anmeldung abgelehnt")).to_be_visible()
    assert_accessible(page)
    response = page.goto("/en/anmelden/oidc/callback/?state=x&code=y")
    assert response.status == 400
    assert_accessible(page)
