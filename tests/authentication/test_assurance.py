"""Levels of assurance: the definition's minimum, the step-up page, and the data BundID
confirmed, shown read-only and kept whatever a forged POST sends."""

from __future__ import annotations

import pytest
from django.urls import reverse

from rathaus.accounts import services as accounts
from rathaus.authentication import assurance
from rathaus.submissions.models import Draft
from tests.authentication.test_saml import log_in
from tests.submissions.helpers import offer_definition, start_draft

PASSWORD = "ein-langes-Passwort-2024"


def test_levels_map_between_eidas_and_stork():
    assert assurance.stork_ref("substantiell") == "STORK-QAA-Level-3"
    assert assurance.stork_ref("hoch") == "STORK-QAA-Level-4"
    assert assurance.stork_ref(None) == "STORK-QAA-Level-1"
    assert assurance.from_authn_context("STORK-QAA-Level-2") == 2
    assert assurance.from_authn_context("http://eidas.europa.eu/LoA/high") == 4
    assert assurance.from_authn_context("urn:oasis:names:tc:SAML:2.0:ac:classes:Password") == 0
    assert assurance.meets(3, "substantiell") and not assurance.meets(2, "substantiell")
    assert assurance.meets(0, None) and not assurance.meets(1, "niedrig")


def _document(assurance_level: str | None) -> dict:
    document = {
        "slug": f"fuehrerschein-{assurance_level or 'frei'}",
        "title": "Führerschein",
        "schema_version": 1,
        "login": "account",
        "retention_days": 30,
        "steps": [{"id": "person", "title": "Person", "fields": [
            {"id": "vornamen", "type": "text", "label": "Vornamen", "required": True,
             "prefill": "profile.given_names"},
            {"id": "familienname", "type": "text", "label": "Familienname", "required": True,
             "prefill": "profile.family_name"},
            {"id": "geburtsdatum", "type": "date", "label": "Geburtsdatum", "required": True,
             "prefill": "profile.birth_date"},
            {"id": "anschrift", "type": "address", "label": "Anschrift", "required": True,
             "prefill": "profile.address"},
        ]}],
    }  # fmt: skip
    if assurance_level:
        document["assurance"] = assurance_level
    return document


@pytest.fixture
def configured(settings, saml_process, hessen):
    settings.RATHAUS_FEDERATION = {"hessen": {"saml": saml_process.config()}}
    return saml_process


def _bundid_user(client, level: str):
    page = log_in(client, level=level)
    if page["Location"] == reverse("authentication:federated_link"):
        client.post(page["Location"], {"action": "create",
                                       "create-email": "erika.mustermann@example.org"})  # fmt: skip
    assert "_auth_user_id" in client.session


def test_a_password_login_is_asked_to_step_up(client, configured):
    service = offer_definition(_document("substantiell"))
    accounts.create_citizen("erika@example.org", PASSWORD, given_names="Erika",
                            family_name="Mustermann")  # fmt: skip
    client.post(reverse("authentication:login"), {"email": "erika@example.org",
                                                   "password": PASSWORD})  # fmt: skip
    draft = start_draft(client, service)
    step = client.get(reverse("submissions:step", args=[draft.pk, 1]))
    assert step.status_code == 302
    assert step["Location"].startswith(reverse("authentication:step_up"))
    page = client.get(step["Location"])
    html = page.content.decode()
    assert page.status_code == 200 and "Sichere Anmeldung nötig" in html
    assert "„substantiell“" in html and "„ohne Vertrauensniveau“" in html
    assert 'data-login-method="bundid"' in html and "niveau=substantiell" in html
    # The check page is guarded the same way.
    check = client.get(reverse("submissions:check", args=[draft.pk]))
    assert check["Location"].startswith(reverse("authentication:step_up"))


def test_a_login_below_the_level_is_asked_to_step_up(client, configured):
    service = offer_definition(_document("substantiell"))
    _bundid_user(client, level="2")
    draft = start_draft(client, service)
    step = client.get(reverse("submissions:step", args=[draft.pk, 1]))
    assert step["Location"].startswith(reverse("authentication:step_up"))


def test_confirmed_data_is_marked_read_only_and_survives_a_forged_post(client, configured):
    service = offer_definition(_document("substantiell"))
    _bundid_user(client, level="3")
    draft = start_draft(client, service)
    url = reverse("submissions:step", args=[draft.pk, 1])
    page = client.get(url)
    html = page.content.decode()
    assert page.status_code == 200
    assert html.count("Von BundID bestätigt") == 4
    assert 'name="vornamen" value="Erika"' in html and "readonly" in html
    assert 'name="geburtsdatum__year" value="1964"' in html
    forged = {
        "vornamen": "Eve", "familienname": "Fälscher",
        "geburtsdatum__day": "1", "geburtsdatum__month": "1", "geburtsdatum__year": "2000",
        "anschrift__street": "Andere Straße", "anschrift__house_number": "1",
        "anschrift__postal_code": "64283", "anschrift__city": "Darmstadt",
        "anschrift__municipality": "Darmstadt",
    }  # fmt: skip
    response = client.post(url, forged)
    assert response.status_code == 302, response.content.decode()
    answers = Draft.objects.get(pk=draft.pk).answers
    assert answers["vornamen"] == "Erika" and answers["familienname"] == "Mustermann"
    assert answers["geburtsdatum"] == "1964-08-12"
    assert answers["anschrift"]["street"] == "Heidestraße"
    assert answers["anschrift"]["municipality_key"] == "06411000"  # chosen by the person


def test_without_a_required_level_the_prefill_stays_editable(client, configured):
    service = offer_definition(_document(None))
    _bundid_user(client, level="3")
    draft = start_draft(client, service)
    url = reverse("submissions:step", args=[draft.pk, 1])
    html = client.get(url).content.decode()
    assert "Von BundID bestätigt" not in html and "readonly" not in html
    assert 'name="vornamen" value="Erika"' in html  # prefilled from the updated profile
    client.post(url, {"vornamen": "Erika Maria", "familienname": "Mustermann",
                      "geburtsdatum__day": "12", "geburtsdatum__month": "8",
                      "geburtsdatum__year": "1964", "anschrift__street": "Heidestraße",
                      "anschrift__house_number": "17", "anschrift__postal_code": "64283",
                      "anschrift__city": "Darmstadt",
                      "anschrift__municipality": "Darmstadt"})  # fmt: skip
    assert Draft.objects.get(pk=draft.pk).answers["vornamen"] == "Erika Maria"


def test_step_up_page_without_any_method(client, settings, hessen):
    settings.RATHAUS_FEDERATION = {}
    page = client.get(reverse("authentication:step_up"), {"niveau": "hoch"})
    assert page.status_code == 200
    assert "noch keine Anmeldung mit diesem Vertrauensniveau" in page.content.decode()
