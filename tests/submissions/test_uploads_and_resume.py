"""Uploads are judged by their content, size and count; anonymous drafts resume by a
one-time link.

Requirement: an .exe named .pdf, an empty file or an oversized file is refused with a
clear message and nothing else typed is lost; a real PDF is stored and can be removed
again; the mailed resume link opens the draft in another browser once, and only once.
"""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from rathaus.submissions.models import Attachment, Draft
from tests.service_fixtures import eheurkunde_steps

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 100


@pytest.fixture
def at_step_three(client, catalogue):
    client.post("/leistungen/eheurkunde/beantragen/", {"gemeinde": "06411000"})
    draft = Draft.objects.get()
    for number, data in enumerate(eheurkunde_steps()[:2], start=1):
        assert client.post(f"/antrag/{draft.pk}/schritt/{number}/", data).status_code == 302
    return draft


def post_with_file(client, draft, content: bytes, name: str):
    data = {**eheurkunde_steps()[2], "beziehung": "vollmacht"}
    data["vollmacht"] = SimpleUploadedFile(name, content, content_type="application/pdf")
    return client.post(f"/antrag/{draft.pk}/schritt/3/", data)


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (EXE, "vollmacht.pdf", "keine erlaubte Datei"),
        (b"", "leer.pdf", "ist leer"),
        (b"just text, not a pdf", "notiz.pdf", "keine erlaubte Datei"),
        (PDF + b"0" * (5 * 1024 * 1024), "gross.pdf", "größer als"),
    ],
)
def test_bad_uploads_are_refused_and_the_rest_is_kept(
    client, at_step_three, content, name, message
):
    response = post_with_file(client, at_step_three, content, name)
    html = response.content.decode()
    assert response.status_code == 400
    assert message in html
    assert 'value="Mustermann"' in html  # the other answers stay
    assert not Attachment.objects.exists()


def test_a_real_pdf_is_stored_under_a_safe_name_and_can_be_removed(client, at_step_three):
    response = post_with_file(client, at_step_three, PDF, "../../etc/Vollmacht März.exe.pdf")
    assert response.status_code == 302
    attachment = Attachment.objects.get()
    assert attachment.content_type == "application/pdf"
    assert attachment.original_name == "Vollmacht März.exe.pdf"
    at_step_three.refresh_from_db()
    assert at_step_three.answers["vollmacht"][0]["id"] == str(attachment.id)
    data = {
        **eheurkunde_steps()[2],
        "beziehung": "vollmacht",
        "vollmacht__remove": str(attachment.id),
    }
    response = client.post(f"/antrag/{at_step_three.pk}/schritt/3/", data)
    assert (
        response.status_code == 400
        and "Bitte laden Sie eine Datei hoch." in response.content.decode()
    )


def test_resume_link_works_once_in_another_browser(
    client, at_step_three, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/antrag/{at_step_three.pk}/speichern/", {"email": "erika@example.org"}
        )
    assert response.status_code == 200 and "erika@example.org" in response.content.decode()
    link = re.search(r"http://testserver(/antrag/fortsetzen/\S+/)", mail.outbox[0].body).group(1)
    other = Client()
    assert other.get(f"/antrag/{at_step_three.pk}/schritt/1/").status_code == 404
    opened = other.get(link)
    assert opened.status_code == 302 and opened.url == f"/antrag/{at_step_three.pk}/schritt/3/"
    assert other.get(opened.url).status_code == 200
    assert Client().get(link).status_code == 410


def test_resume_link_points_at_the_configured_site_not_the_requests_host(
    client, at_step_three, settings, django_capture_on_commit_callbacks
):
    settings.RATHAUS_SITE_URL = "https://rathaus.example.org"
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            f"/antrag/{at_step_three.pk}/speichern/",
            {"email": "erika@example.org"},
            HTTP_HOST="localhost",  # an allowed host, but not the site's address
        )
    body = mail.outbox[0].body
    assert re.search(r"https://rathaus\.example\.org/antrag/fortsetzen/\S+/", body)
    assert "localhost" not in body and "testserver" not in body


def test_resume_with_a_bad_email_keeps_the_input(client, at_step_three):
    response = client.post(f"/antrag/{at_step_three.pk}/speichern/", {"email": "kein-at"})
    assert response.status_code == 400 and 'value="kein-at"' in response.content.decode()


@pytest.mark.parametrize("token", ["x", "a" * 200, "%00"])
def test_unknown_resume_tokens_are_refused(client, catalogue, token):
    assert client.get(f"/antrag/fortsetzen/{token}/").status_code in (404, 410)


def test_save_and_continue_later_keeps_what_is_typed_on_the_page(client, at_step_three):
    """The button saves the page first; nothing typed on it is lost, the step stays open."""
    response = client.post(
        f"/antrag/{at_step_three.pk}/schritt/3/",
        {"vornamen": "Erika", "familienname": "", "_action": "save"},
    )
    assert response.status_code == 302
    assert response.url == f"/antrag/{at_step_three.pk}/speichern/"
    at_step_three.refresh_from_db()
    assert at_step_three.answers["vornamen"] == "Erika"
    assert "antragsteller" not in at_step_three.completed_steps
    page = client.get(f"/antrag/{at_step_three.pk}/schritt/3/").content.decode()
    assert 'value="Erika"' in page
