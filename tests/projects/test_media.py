"""Images and documents: checked by content, images re-encoded without metadata."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from rathaus.authentication.testing import login_with_second_factor
from rathaus.projects import editorial
from rathaus.projects.models import RevisionDocument, RevisionImage

pytestmark = pytest.mark.django_db


def _png(width=2400, height=1200) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (200, 30, 30)).save(buffer, format="PNG")
    return buffer.getvalue()


def _jpeg_with_exif() -> bytes:
    buffer = io.BytesIO()
    exif = Image.Exif()
    exif[0x010F] = "Kamerahersteller"  # Make
    Image.new("RGB", (800, 600), (10, 90, 10)).save(buffer, format="JPEG", exif=exif)
    return buffer.getvalue()


@pytest.fixture
def editing(client, darmstadt_staff, make_project):
    user, authority = darmstadt_staff
    project = make_project(user, authority, publish=False)
    login_with_second_factor(client, user)
    return project


def _post_image(client, project, data: bytes, name="foto.png", alt="Container mit Sensor"):
    upload = SimpleUploadedFile(name, data, content_type="image/png")
    return client.post(reverse("projects:upload", args=[project.pk, "bild"]),
                       {"image": upload, "alt_text": alt, "caption": "Foto: Stadt"})  # fmt: skip


def test_image_is_resized_and_stored(client, editing):
    response = _post_image(client, editing, _png())
    assert response.status_code == 302
    image = RevisionImage.objects.get()
    assert (image.width, image.height) == (1600, 800)
    assert image.alt_text == "Container mit Sensor"


def test_metadata_is_dropped(client, editing):
    _post_image(client, editing, _jpeg_with_exif(), name="foto.jpg")
    with Image.open(RevisionImage.objects.get().file) as stored:
        assert not stored.getexif()


@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        (b"<html><script>alert(1)</script></html>", "bild.png", "keine erlaubte Datei"),
        (b"\x89PNG\r\n\x1a\n" + b"kaputt" * 100, "kaputt.png", "kein lesbares"),
        (b"%PDF-1.4 kein Bild", "tarnung.png", "keine erlaubte Datei"),
    ],
)
def test_fake_images_are_refused_with_a_clear_message(client, editing, data, name, message):
    response = _post_image(client, editing, data, name=name)
    page = response.content.decode()
    assert response.status_code == 400 and message in page
    assert 'value="Container mit Sensor"' in page  # what was typed stays
    assert not RevisionImage.objects.exists()


def test_oversized_image_is_refused(client, editing, settings):
    big = SimpleUploadedFile("gross.png", b"\x89PNG\r\n\x1a\n" + b"0" * (11 * 1024 * 1024))
    response = client.post(reverse("projects:upload", args=[editing.pk, "bild"]),
                           {"image": big, "alt_text": "Gross"})  # fmt: skip
    assert response.status_code == 400 and "größer als" in response.content.decode()
    assert not RevisionImage.objects.exists()


def test_alt_text_is_required(client, editing):
    response = _post_image(client, editing, _png(), alt="")
    assert response.status_code == 400 and not RevisionImage.objects.exists()


def test_document_must_be_a_pdf(client, editing):
    fake = SimpleUploadedFile(
        "bericht.pdf", b"MZ\x90\x00 ausfuehrbar", content_type="application/pdf"
    )
    response = client.post(reverse("projects:upload", args=[editing.pk, "dokument"]),
                           {"document": fake, "title": "Bericht"})  # fmt: skip
    assert response.status_code == 400 and not RevisionDocument.objects.exists()
    pdf = SimpleUploadedFile("bericht.pdf", b"%PDF-1.4\n%%EOF\n", content_type="application/pdf")
    response = client.post(reverse("projects:upload", args=[editing.pk, "dokument"]),
                           {"document": pdf, "title": "Bericht"})  # fmt: skip
    assert response.status_code == 302 and RevisionDocument.objects.get().title == "Bericht"


def test_media_travel_into_a_new_draft_and_files_stay_while_used(
    client, editing, darmstadt_staff, office
):
    _post_image(client, editing, _png())
    user, _ = darmstadt_staff
    editorial.submit(user, editing)
    editorial.publish(office, editing)
    editing.refresh_from_db()
    editorial.start_change(user, editing)
    editing.refresh_from_db()
    copy = editing.draft.images.get()
    client.post(reverse("projects:remove_media", args=[editing.pk, "bild", copy.pk]))
    assert not editing.draft.images.exists()
    kept = editing.published.images.get()
    assert kept.file.storage.exists(kept.file.name)  # the published version still uses it


def test_media_are_served_to_those_who_may_see_the_revision(client, editing, darmstadt_staff,
                                                             kassel_staff, office):  # fmt: skip
    from django.test import Client

    _post_image(client, editing, _png())
    image = RevisionImage.objects.get()
    url = reverse("projects:media", args=["bild", image.pk])
    response = client.get(url)  # the editor sees her draft's image
    assert response.status_code == 200 and response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content).startswith(b"\x89PNG")
    assert Client().get(url).status_code == 404  # nobody else while it is a draft
    stranger = Client()
    login_with_second_factor(stranger, kassel_staff[0])
    assert stranger.get(url).status_code == 404
    user, _ = darmstadt_staff
    editorial.submit(user, editing)
    editorial.publish(office, editing)
    assert Client().get(url).status_code == 200  # published: public
    detail = Client().get(reverse("projects:detail", args=[editing.slug])).content.decode()
    assert f'src="{url}"' in detail
    assert Client().get(reverse("projects:media", args=["bild", 999999])).status_code == 404
    assert Client().get(reverse("projects:media", args=["nichts", image.pk])).status_code == 404
