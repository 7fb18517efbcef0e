"""Legal and help pages in both languages, the accessibility feedback and contact forms
(validation, honeypot, receipt for the sending session only, audit), and the admin."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.contrib import admin
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from rathaus.audit.models import AuditEntry
from rathaus.audit.services import verify_chain
from rathaus.core import feedback
from rathaus.core.models import Feedback
from rathaus.core.views.legal import legal_templates

pytestmark = pytest.mark.django_db

FEEDBACK_URL = "/barrierefreiheit/rueckmeldung/"
CONTACT_URL = "/kontakt/"
REFERENCE = re.compile(r"RH-\d{4}-\d{6}")

LEGAL_PAGES = {
    # name: (German h1, English h1, texts the German page must contain)
    "imprint": (
        "Impressum",
        "Legal notice (Impressum)",
        ["§ 5 Digitale-Dienste-Gesetz", "§ 18 Abs. 2 Medienstaatsvertrag", "Erika Mustermann"],
    ),
    "privacy": (
        "Datenschutzerklärung",
        "Privacy statement",
        [
            "Art. 6 Abs. 1 Buchstabe e DSGVO",
            "Datenschutzbeauftragte",
            "kein Tracking",
            "Hessische Beauftragte für Datenschutz",
        ],
    ),
    "accessibility": (
        "Erklärung zur Barrierefreiheit",
        "Accessibility statement",
        [
            "teilweise vereinbar",
            "Nicht barrierefreie Inhalte",
            "Schlichtungsstelle nach § 16 BGG",
            'href="https://www.schlichtungsstelle-bgg.de"',
            f'action="{FEEDBACK_URL}"',
        ],
    ),
    "easy_language": (
        "Informationen in Leichter Sprache",
        "Information in Easy Read",
        ["kern-icon--easy-language", "Zum Inhalt springen"],
    ),
    "sign_language": (
        "Informationen in Deutscher Gebärdensprache (DGS)",
        "Information in German Sign Language (DGS)",
        ["kern-icon--sign-language", "werden zurzeit produziert"],
    ),
    "contact": ("Kontakt", "Contact", [f'action="{CONTACT_URL}#kontaktformular"']),
}


@pytest.fixture(autouse=True)
def _reset_language():
    """Requests to /en/ leave English active in this thread; later tests expect German."""
    yield
    translation.deactivate()


def h1_of(html: str) -> str:
    match = re.search(r"<h1[^>]*>(.*?)</h1>", html, re.S)
    return re.sub(r"<[^>]+>", "", match.group(1)).strip()


def url(name: str, language: str = "de") -> str:
    with translation.override(language):
        return reverse(f"core:{name}")


@pytest.mark.parametrize("name", LEGAL_PAGES)
def test_legal_page_in_german_and_english(client, name):
    german_h1, english_h1, must_contain = LEGAL_PAGES[name]
    response = client.get(url(name, "de"))
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="de"' in html
    assert h1_of(html) == german_h1
    for text in must_contain:
        assert text in html, text

    response = client.get(url(name, "en"))
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="en"' in html
    assert h1_of(html) == english_h1


def test_legal_urls():
    assert url("imprint") == "/impressum/"
    assert url("privacy") == "/datenschutz/"
    assert url("accessibility") == "/barrierefreiheit/"
    assert url("contact") == "/kontakt/"
    assert url("easy_language") == "/leichte-sprache/"
    assert url("sign_language") == "/gebaerdensprache/"
    assert url("imprint", "en") == "/en/impressum/"


def test_legal_template_falls_back_to_german():
    with translation.override("en"):
        assert legal_templates("imprint") == [
            "core/legal/imprint.en.html",
            "core/legal/imprint.de.html",
        ]
    with translation.override("fr"):
        assert legal_templates("imprint")[-1] == "core/legal/imprint.de.html"
    with translation.override("de"):
        assert legal_templates("imprint") == ["core/legal/imprint.de.html"]


def test_example_details_are_marked_as_such(client):
    for name in ["imprint", "privacy", "contact"]:
        assert "Beispielangaben" in client.get(url(name)).content.decode()


# --- Accessibility feedback -------------------------------------------------------------


def test_feedback_form_takes_the_page_from_the_footer_link(client):
    html = client.get(FEEDBACK_URL + "?seite=/impressum/").content.decode()
    assert 'value="/impressum/"' in html
    html = client.get(FEEDBACK_URL + "?seite=https://example.org/x").content.decode()
    field = re.search(r'<input[^>]*name="page_url"[^>]*>', html).group(0)
    assert "value=" not in field


def test_empty_feedback_shows_errors_and_keeps_the_input(client):
    response = client.post(FEEDBACK_URL, {"message": "  ", "name": "Erika", "page_url": "/x/"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "<title>Fehler: " in html
    assert "Bitte korrigieren Sie 1 Angabe" in html
    assert 'href="#id_message"' in html
    assert "Bitte beschreiben Sie die Barriere in Ihrer Nachricht." in html
    assert 'value="Erika"' in html and 'value="/x/"' in html
    assert not Feedback.objects.exists()


def test_too_long_message_and_bad_email_keep_what_was_typed(client):
    message = "Ä" * 5001
    response = client.post(FEEDBACK_URL, {"message": message, "email": "erika@"})
    html = response.content.decode()
    assert "Bitte korrigieren Sie 2 Angaben" in html
    assert "Ihre Nachricht ist 5001 Zeichen lang" in html
    assert "Bitte geben Sie eine gültige E-Mail-Adresse an" in html
    assert message in html
    assert 'value="erika@"' in html
    assert not Feedback.objects.exists()


def test_odd_input_gives_a_message_not_a_crash(client):
    response = client.post(FEEDBACK_URL, {"message": "a\x00b", "name": "N" * 300})
    assert response.status_code == 200
    assert "Bitte korrigieren Sie 2 Angaben" in response.content.decode()
    assert client.get("/eingang/nicht..gueltig/").status_code == 404
    assert client.get(FEEDBACK_URL + "?seite=" + "/x" * 600).status_code == 200
    assert not Feedback.objects.exists()


def test_line_breaks_count_as_one_character(client):
    message = "a" * 2500 + "\r\n" + "b" * 2499  # 5,000 characters as the browser counts
    response = client.post(FEEDBACK_URL, {"message": message})
    assert response.status_code == 302
    assert Feedback.objects.get().message == "a" * 2500 + "\n" + "b" * 2499


def test_feedback_is_stored_audited_and_receipted(client):
    response = client.post(
        FEEDBACK_URL,
        {
            "page_url": "/impressum/",
            "message": "Der Fokus ist im Fußbereich nicht sichtbar.",
            "name": "Erika Beispiel",
            "email": "erika@beispiel.de",
        },
    )
    entry = Feedback.objects.get()
    assert response.status_code == 302
    assert response.headers["Location"] == f"/eingang/{entry.reference}/"
    assert REFERENCE.fullmatch(entry.reference)
    assert entry.reference == f"RH-{timezone.localtime(entry.created_at).year}-{entry.pk:06d}"
    assert entry.kind == Feedback.Kind.ACCESSIBILITY
    assert entry.page_url == "/impressum/"
    assert entry.language == "de"
    assert not entry.handled

    audit = AuditEntry.objects.get(verb="core.feedback_submitted")
    assert audit.target_id == str(entry.pk)
    expected = {"kind": "accessibility", "reference": entry.reference, "reply_requested": True}
    assert audit.data == expected
    assert "Fokus" not in str(audit.data)  # the message itself stays out of the log
    assert verify_chain() is None

    receipt = client.get(response.headers["Location"])
    assert receipt.status_code == 200
    html = receipt.content.decode()
    assert entry.reference in html
    assert "erika@beispiel.de" in html
    assert "Schlichtungsstelle" in html
    assert "no-store" in receipt.headers["Cache-Control"]


def test_receipt_is_shown_only_to_the_sending_session(client):
    response = client.post(FEEDBACK_URL, {"message": "Bitte größere Schrift."})
    location = response.headers["Location"]
    assert client.get(location).status_code == 200
    assert Client().get(location).status_code == 404
    assert client.get("/eingang/RH-2026-999999/").status_code == 404


def test_honeypot_rejects_bots(client):
    response = client.post(
        FEEDBACK_URL, {"message": "Billige Uhren", "website": "http://spam.example"}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "ein verstecktes Feld ausgefüllt" in html
    assert "spam.example" not in html  # the trap is never pre-filled
    assert "Billige Uhren" in html
    assert not Feedback.objects.exists()
    assert not AuditEntry.objects.exists()


def test_honeypot_is_hidden_from_people(client):
    html = client.get(FEEDBACK_URL).content.decode()
    trap = re.search(r'<div class="form-trap" aria-hidden="true">.*?</div>', html, re.S).group(0)
    assert 'tabindex="-1"' in trap and 'autocomplete="off"' in trap


def test_request_over_the_size_limit_gets_413(client, settings):
    settings.RATHAUS_MAX_REQUEST_BYTES = 1000
    response = client.post(FEEDBACK_URL, {"message": "x" * 2000})
    assert response.status_code == 413
    assert not Feedback.objects.exists()


def test_only_get_and_post(client):
    assert client.put(FEEDBACK_URL).status_code == 405
    assert client.post(url("imprint")).status_code == 405


# --- Contact form -----------------------------------------------------------------------


def test_contact_form_stores_the_message_and_shows_a_receipt(client):
    response = client.post(CONTACT_URL, {"name": "Max", "message": "Wo finde ich Formulare?"})
    entry = Feedback.objects.get()
    assert entry.kind == Feedback.Kind.CONTACT
    assert entry.page_url == ""
    html = client.get(response.headers["Location"]).content.decode()
    assert "Vielen Dank für Ihre Nachricht" in html
    assert entry.reference in html
    assert "keine E-Mail-Adresse angegeben" in html


def test_contact_form_errors_keep_the_input(client):
    response = client.post(CONTACT_URL, {"name": "Max", "email": "max", "message": ""})
    html = response.content.decode()
    assert "Bitte korrigieren Sie 2 Angaben" in html
    assert 'value="Max"' in html and 'value="max"' in html
    assert "Betroffene Seite" not in html
    assert not Feedback.objects.exists()


def test_english_form_posts_to_the_english_url(client):
    html = client.get("/en/kontakt/").content.decode()
    assert 'action="/en/kontakt/#kontaktformular"' in html
    response = client.post("/en/barrierefreiheit/rueckmeldung/", {"message": "Contrast"})
    assert response.headers["Location"].startswith("/en/eingang/RH-")
    assert Feedback.objects.get().language == "en"


# --- Handling and retention -------------------------------------------------------------


def _entry(**extra) -> Feedback:
    return feedback.submit_feedback(kind=Feedback.Kind.ACCESSIBILITY, message="m", **extra)


def test_mark_handled_is_audited_once(django_user_model):
    clerk = django_user_model.objects.create_user("clerk@example.org", "x" * 16)
    entry = _entry()
    feedback.mark_handled(entry, clerk)
    feedback.mark_handled(entry, clerk)
    entry.refresh_from_db()
    assert entry.handled and entry.handled_at is not None
    handled = AuditEntry.objects.filter(verb="core.feedback_handled")
    assert handled.count() == 1
    assert handled.get().actor == clerk


def test_expired_feedback_is_deleted_and_logged():
    old, recent, open_ = _entry(), _entry(), _entry()
    now = timezone.now()
    Feedback.objects.filter(pk=old.pk).update(handled=True, handled_at=now - timedelta(days=400))
    Feedback.objects.filter(pk=recent.pk).update(handled=True, handled_at=now - timedelta(days=10))
    Feedback.objects.filter(pk=open_.pk).update(created_at=now - timedelta(days=900))
    assert feedback.delete_expired_feedback(now) == 1
    assert set(Feedback.objects.values_list("pk", flat=True)) == {recent.pk, open_.pk}
    deleted = AuditEntry.objects.get(verb="core.feedback_deleted")
    assert deleted.data == {"references": [old.reference]}
    assert feedback.delete_expired_feedback(now) == 0
    assert verify_chain() is None


def test_admin_lists_feedback_and_marks_it_handled(rf, admin_user):
    # Called directly: the admin site's second-factor gate is tested in authentication.
    entry = _entry(email="a@b.de")
    model_admin = admin.site._registry[Feedback]
    request = rf.get("/admin/core/feedback/")
    request.user = admin_user
    listing = model_admin.changelist_view(request)
    listing.render()
    assert entry.reference in listing.content.decode()
    detail = model_admin.change_view(request, str(entry.pk))
    detail.render()
    assert "a@b.de" in detail.content.decode()
    assert not model_admin.has_add_permission(request)
    assert not model_admin.has_delete_permission(request, entry)

    model_admin.mark_handled(request, Feedback.objects.all())
    entry.refresh_from_db()
    assert entry.handled
    assert AuditEntry.objects.get(verb="core.feedback_handled").actor == admin_user
