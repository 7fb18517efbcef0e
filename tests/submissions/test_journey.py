"""The citizen journey through an online service, over HTTP.

Requirement: start from the catalogue with a Gemeinde; one step per page with progress;
errors summarised and values kept; tampered step numbers never show a step out of order;
check answers with fees; submit once in one transaction (reference, case, audit, receipt,
postbox message, a mail without details); double submit creates nothing new; nobody else
sees a draft or a submission.
"""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.test import Client

from rathaus.audit.models import AuditEntry
from rathaus.cases.models import Case
from rathaus.postbox.models import Message
from rathaus.submissions.models import Draft, Submission
from tests.service_fixtures import PASSWORD, eheurkunde_steps

pytestmark = pytest.mark.django_db


def start(client: Client, gemeinde: str = "06411000"):
    return client.post("/leistungen/eheurkunde/beantragen/", {"gemeinde": gemeinde})


def fill_all(client: Client, draft: Draft):
    for number, data in enumerate(eheurkunde_steps(), start=1):
        response = client.post(f"/antrag/{draft.pk}/schritt/{number}/", data)
        assert response.status_code == 302, response.content.decode()[:3000]
    return response


@pytest.fixture
def signed_in(client, citizen):
    assert client.login(email="erika@example.org", password=PASSWORD)
    return client


def test_start_needs_a_gemeinde_and_pins_the_version(client, catalogue):
    response = start(client, gemeinde="")
    assert response.status_code == 302 and response.url == "/leistungen/eheurkunde/"
    response = start(client)
    draft = Draft.objects.get()
    assert response.url == f"/antrag/{draft.pk}/schritt/1/"
    assert draft.version.definition.slug == "eheurkunde" and draft.version.number == 1
    assert draft.offer.authority == catalogue


def test_step_page_shows_progress_and_keeps_values_on_error(client, catalogue):
    start(client)
    draft = Draft.objects.get()
    page = client.get(f"/antrag/{draft.pk}/schritt/1/").content.decode()
    assert "Schritt 1 von 4" in page
    response = client.post(f"/antrag/{draft.pk}/schritt/1/", {"anzahl": "elf", "zweck": "rente"})
    html = response.content.decode()
    assert response.status_code == 400
    assert "<title>Fehler:" in html
    assert "Bitte korrigieren Sie 2 Angaben" in html
    assert 'href="#f-urkundenart-0"' in html and 'href="#f-anzahl"' in html
    assert 'value="elf"' in html  # what was typed stays
    assert "Bitte geben Sie eine Zahl ein." in html


def test_tampered_step_numbers_redirect_to_the_first_open_step(client, catalogue):
    start(client)
    draft = Draft.objects.get()
    for number in (0, 2, 4, 99, 2**40):
        response = client.get(f"/antrag/{draft.pk}/schritt/{number}/")
        assert response.status_code == 302 and response.url == f"/antrag/{draft.pk}/schritt/1/"
    assert client.get(f"/antrag/{draft.pk}/schritt/eins/").status_code == 404
    assert client.get(f"/antrag/{draft.pk}/pruefen/").url == f"/antrag/{draft.pk}/schritt/1/"


def test_other_visitors_cannot_see_a_draft(client, catalogue):
    start(client)
    draft = Draft.objects.get()
    assert Client().get(f"/antrag/{draft.pk}/schritt/1/").status_code == 404


def test_whole_journey_for_a_signed_in_citizen(signed_in, django_capture_on_commit_callbacks):
    start(signed_in)
    draft = Draft.objects.get()
    assert draft.user is not None and draft.answers["vornamen"] == "Erika"  # prefill
    response = fill_all(signed_in, draft)
    assert response.url == f"/antrag/{draft.pk}/pruefen/"
    check = signed_in.get(response.url).content.decode()
    assert "Mustermann" in check and "12.06.2015" in check
    assert "12,00 €" in check and "5,00 €" in check and "17,00 €" in check  # local fee override
    refused = signed_in.post(response.url, {"idempotency_key": str(draft.idempotency_key)})
    assert refused.status_code == 400 and "Erklärung" in refused.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        done = signed_in.post(
            response.url, {"idempotency_key": str(draft.idempotency_key), "declaration": "yes"}
        )
    submission = Submission.objects.get()
    assert re.fullmatch(r"HE-\d{4}-000001", submission.reference)
    assert done.url == f"/antraege/{submission.reference}/"
    assert submission.answers["anzahl"] == "2" and submission.fees["total"] == "17.00"
    assert Case.objects.get().authority.slug == "darmstadt-standesamt"
    assert AuditEntry.objects.filter(verb="submissions.submitted").count() == 1
    assert Message.objects.get().files.count() == 1
    assert len(mail.outbox) == 1 and "Mustermann" not in mail.outbox[0].body
    receipt = signed_in.get(f"/antraege/{submission.reference}/eingangsbestaetigung.pdf")
    assert receipt.status_code == 200 and b"".join(receipt.streaming_content).startswith(b"%PDF")
    status = signed_in.get(done.url).content.decode()
    assert submission.reference in status and "Eingegangen" in status


def test_double_submit_creates_one_submission(signed_in):
    start(signed_in)
    draft = Draft.objects.get()
    check_url = fill_all(signed_in, draft).url
    data = {"idempotency_key": str(draft.idempotency_key), "declaration": "yes"}
    first = signed_in.post(check_url, data)
    second = signed_in.post(check_url, data)
    assert first.url == second.url
    assert Submission.objects.count() == 1 and Case.objects.count() == 1


def test_a_stale_idempotency_key_submits_nothing(signed_in):
    start(signed_in)
    draft = Draft.objects.get()
    check_url = fill_all(signed_in, draft).url
    response = signed_in.post(check_url, {"idempotency_key": "nope", "declaration": "yes"})
    assert response.status_code == 302 and not Submission.objects.exists()


def test_nobody_else_sees_a_submission(signed_in, catalogue):
    start(signed_in)
    draft = Draft.objects.get()
    check_url = fill_all(signed_in, draft).url
    signed_in.post(check_url, {"idempotency_key": str(draft.idempotency_key), "declaration": "yes"})
    reference = Submission.objects.get().reference
    stranger = Client()
    assert stranger.get(f"/antraege/{reference}/").status_code == 404
    assert stranger.get(f"/antraege/{reference}/eingangsbestaetigung.pdf").status_code == 404
    assert stranger.get("/antraege/HE-2026-999999/").status_code == 404


def test_anonymous_applicant_sees_the_own_submission_in_the_same_browser(client, catalogue):
    start(client)
    draft = Draft.objects.get()
    check_url = fill_all(client, draft).url
    done = client.post(
        check_url, {"idempotency_key": str(draft.idempotency_key), "declaration": "yes"}
    )
    assert client.get(done.url).status_code == 200
    assert Submission.objects.get().contact_email == "erika@example.org"


def test_changing_an_answer_from_the_check_page_returns_there(signed_in):
    start(signed_in)
    draft = Draft.objects.get()
    fill_all(signed_in, draft)
    data = {**eheurkunde_steps()[0], "anzahl": "3"}
    response = signed_in.post(f"/antrag/{draft.pk}/schritt/1/?zurueck=pruefen", data)
    assert response.url == f"/antrag/{draft.pk}/pruefen/"


def test_hidden_answers_are_dropped_when_an_earlier_answer_changes(signed_in):
    start(signed_in)
    draft = Draft.objects.get()
    fill_all(signed_in, draft)
    post = {**eheurkunde_steps()[3], "zustellart": "post", "anschrift__street": "Rheinstraße",
            "anschrift__house_number": "12", "anschrift__postal_code": "64283",
            "anschrift__city": "Darmstadt", "anschrift__municipality": "Darmstadt"}  # fmt: skip
    assert signed_in.post(f"/antrag/{draft.pk}/schritt/4/", post).status_code == 302
    signed_in.post(f"/antrag/{draft.pk}/schritt/4/", {"zustellart": "abholung"})
    draft.refresh_from_db()
    assert "anschrift" not in draft.answers


def test_mein_konto_lists_drafts_and_submissions(signed_in):
    start(signed_in)
    page = signed_in.get("/konto/antraege/").content.decode()
    assert "Eheurkunde anfordern" in page and "Sie haben noch keinen Antrag eingereicht." in page


def test_discarding_a_draft_deletes_it(signed_in):
    start(signed_in)
    draft = Draft.objects.get()
    assert signed_in.post(f"/antrag/{draft.pk}/loeschen/").status_code == 302
    assert not Draft.objects.exists()


def test_services_that_need_an_account_send_visitors_to_the_login(client, catalogue):
    from rathaus.catalog.models import Offer, Service
    from rathaus.definitions.services import SHIPPED_DIR, load_shipped

    load_shipped([SHIPPED_DIR / "reisepass.yaml"])
    passport = Service.objects.get(slug="reisepass")
    Offer.objects.create(service=passport, authority=catalogue, territory=catalogue.territory)
    response = client.post("/leistungen/reisepass/beantragen/", {"gemeinde": "Darmstadt"})
    assert response.url == "/anmelden/?next=%2Fleistungen%2Freisepass%2F%3Fgemeinde%3D06411000"
    assert not Draft.objects.exists()


def test_services_without_an_online_offer_are_refused_with_a_message(client, catalogue):
    response = client.post("/leistungen/eheurkunde/beantragen/", {"gemeinde": "06611000"})
    assert response.url == "/leistungen/eheurkunde/?gemeinde=06611000"
    page = client.get(response.url).content.decode()
    assert "noch nicht online verfügbar" in page and not Draft.objects.exists()
