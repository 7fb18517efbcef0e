"""The programme editor: sessions, speakers with photos, exhibitors, materials."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from PIL import Image

from rathaus.events.models import Event, Exhibitor, Material, Session, Speaker
from tests.events.test_backoffice_access import World, make_world, staff_client

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(hessen) -> World:
    return make_world()


def url(name: str, world: World, *args) -> str:
    return reverse(f"events:{name}", args=[world.event_a.pk, *args])


def picture(width: int = 1200, height: int = 900, fmt: str = "JPEG") -> SimpleUploadedFile:
    """A photo as cameras send it: with metadata (here the camera's maker)."""
    buffer = io.BytesIO()
    exif = Image.Exif()
    exif[0x010F] = "Kamerahersteller"
    Image.new("RGB", (width, height), (20, 90, 160)).save(buffer, format=fmt, exif=exif)
    kind = "image/jpeg" if fmt == "JPEG" else "image/png"
    return SimpleUploadedFile(f"foto.{fmt.lower()}", buffer.getvalue(), content_type=kind)


def local(world: World, hours: int) -> str:
    from django.utils import timezone

    return (
        timezone.localtime(world.event_a.starts_at).replace(hour=hours).strftime("%Y-%m-%dT%H:%M")
    )


def session_form(world: World, **overrides) -> dict:
    data = {"kind": "workshop", "title": "Workshop Open Data", "description": "",
            "starts_at": local(world, 10), "ends_at": local(world, 12), "room": "Raum 1",
            "capacity": "25"}  # fmt: skip
    data.update(overrides)
    return data


def test_sessions_with_speakers_and_a_workshop_capacity(world):
    speaker = Speaker.objects.create(event=world.event_a, name="Dr. Daten")
    host = Speaker.objects.create(event=world.event_a, name="Mo Deration")
    Speaker.objects.create(event=world.event_b, name="Fremd")
    client = staff_client(world.organiser_a)
    page = client.get(url("manage_programme", world)).content.decode()
    assert "Dr. Daten" in page and "Fremd" not in page
    data = session_form(world, speakers=[speaker.pk], moderators=[host.pk])
    assert client.post(url("manage_programme", world), data).status_code == 302
    session = Session.objects.get(title="Workshop Open Data")
    assert session.needs_registration and session.capacity == 25
    assert list(session.speakers.all()) == [speaker] and list(session.moderators.all()) == [host]
    edit = url("manage_programme_item", world, session.pk)
    assert client.post(edit, session_form(world, room="Saal 2", capacity="30")).status_code == 302
    session.refresh_from_db()
    assert (session.room, session.capacity) == ("Saal 2", 30)


def test_a_session_ending_before_it_starts_is_refused(world):
    client = staff_client(world.organiser_a)
    bad = session_form(world, starts_at=local(world, 12), ends_at=local(world, 11))
    response = client.post(url("manage_programme", world), bad)
    page = response.content.decode()
    assert response.status_code == 400 and "Der Programmpunkt endet, bevor er beginnt." in page
    assert 'value="Workshop Open Data"' in page and not Session.objects.exists()
    talk = client.post(url("manage_programme", world), session_form(world, kind="vortrag"))
    assert talk.status_code == 400
    assert "Eigene Plätze gibt es nur bei Workshops." in talk.content.decode()
    foreign = Speaker.objects.create(event=world.event_b, name="Fremd")
    smuggled = client.post(url("manage_programme", world),
                           session_form(world, speakers=[foreign.pk]))  # fmt: skip
    assert smuggled.status_code == 400


def test_speaker_photo_needs_alt_text_and_is_reencoded(world):
    client = staff_client(world.organiser_a)
    data = {"name": "Dr. Rede", "organisation": "Uni", "profile": "Forscht.", "photo_alt": ""}
    response = client.post(url("manage_speakers", world), {**data, "photo": picture()})
    assert response.status_code == 400
    assert "Bitte beschreiben Sie das Foto in einem Alternativtext." in response.content.decode()
    data = {**data, "photo_alt": "Porträt", "photo": picture(2000, 1500)}
    response = client.post(url("manage_speakers", world), data)
    assert response.status_code == 302
    speaker = Speaker.objects.get()
    with Image.open(speaker.photo) as stored:
        assert max(stored.size) == 800 and not stored.getexif()
    page = client.get(url("manage_speakers", world)).content.decode()
    assert 'alt="Porträt"' in page


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (b"%PDF-1.4 kein Bild", "tarnung.jpg", "keine erlaubte Datei"),
        (b"\xff\xd8\xff\xe0" + b"\x00" * 64, "kaputt.jpg", "kein lesbares JPEG- oder PNG-Bild"),
        (b"\xff\xd8\xff" + b"0" * (11 * 1024 * 1024), "riesig.jpg", "größer als"),
    ],
)
def test_fake_or_oversized_photos_are_refused_with_a_clear_message(world, content, name, message):
    client = staff_client(world.organiser_a)
    upload = SimpleUploadedFile(name, content, content_type="image/jpeg")
    data = {"name": "Dr. Rede", "photo_alt": "Porträt", "photo": upload}
    response = client.post(url("manage_speakers", world), data)
    assert response.status_code == 400 and message in response.content.decode()
    assert not Speaker.objects.exists()


def test_exhibitors_are_added_edited_and_deleted(world):
    client = staff_client(world.organiser_a)
    data = {"organisation": "GovTech GmbH", "stand": "B7", "contact": "info@govtech.example",
            "description": "Broschüren am Stand", "website": "https://govtech.example",
            "materials_url": "https://govtech.example/broschuere.pdf"}  # fmt: skip
    assert client.post(url("manage_exhibitors", world), data).status_code == 302
    exhibitor = Exhibitor.objects.get()
    assert exhibitor.materials_url == "https://govtech.example/broschuere.pdf"
    world.event_a.refresh_from_db()
    public = Client().get(reverse("events:detail", args=[world.event_a.slug])).content.decode()
    assert "https://govtech.example/broschuere.pdf" in public
    edit = url("manage_exhibitors_item", world, exhibitor.pk)
    assert client.post(edit, {**data, "stand": "C1"}).status_code == 302
    exhibitor.refresh_from_db()
    assert exhibitor.stand == "C1"
    bad = client.post(url("manage_exhibitors", world), {**data, "website": "javascript:alert(1)"})
    assert bad.status_code == 400
    assert client.post(url("manage_exhibitors_delete", world, exhibitor.pk)).status_code == 302
    assert not Exhibitor.objects.exists()


def test_materials_slides_as_pdf_video_link_and_publish_toggle(world):
    session = Session.objects.create(
        event=world.event_a, kind="keynote", title="Auftakt", starts_at=world.event_a.starts_at,
        ends_at=world.event_a.ends_at,
    )  # fmt: skip
    client = staff_client(world.organiser_a)
    base = {"session": session.pk, "title": "Folien Auftakt", "kind": "folien"}
    fake = SimpleUploadedFile("folien.pdf", b"MZ\x90\x00 ausfuehrbar", "application/pdf")
    response = client.post(url("manage_materials", world), {**base, "file": fake})
    assert response.status_code == 400 and "keine erlaubte Datei" in response.content.decode()
    missing = client.post(url("manage_materials", world), base)
    assert "Bitte laden Sie die Folien als PDF hoch." in missing.content.decode()
    pdf = SimpleUploadedFile("folien.pdf", b"%PDF-1.4\n%%EOF\n", "application/pdf")
    assert client.post(url("manage_materials", world), {**base, "file": pdf}).status_code == 302
    video = {"session": session.pk, "title": "Mitschnitt", "kind": "video",
             "url": "https://video.example.org/1", "published": "on"}  # fmt: skip
    assert client.post(url("manage_materials", world), video).status_code == 302
    slides = Material.objects.get(kind="folien")
    assert slides.file.name.endswith(".pdf") and not slides.published
    assert Material.objects.get(kind="video").published
    toggle = url("manage_material_publish", world, slides.pk)
    client.post(toggle, {"published": "1"})
    slides.refresh_from_db()
    assert slides.published
    client.post(url("manage_material_delete", world, slides.pk))
    assert not Material.objects.filter(pk=slides.pk).exists()


def test_deleting_a_session_of_another_event_is_404(world):
    other = Session.objects.create(
        event=world.event_b, kind="vortrag", title="B", starts_at=world.event_b.starts_at,
        ends_at=world.event_b.ends_at,
    )  # fmt: skip
    client = staff_client(world.office)
    assert client.post(url("manage_programme_delete", world, other.pk)).status_code == 404
    assert Session.objects.filter(pk=other.pk).exists()


def test_photos_and_materials_are_served_by_visibility(world):
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (300, 300), (20, 40, 60)).save(buffer, format="JPEG")
    client = staff_client(world.organiser_a)
    client.post(url("manage_speakers", world), {
        "name": "Dr. Beispiel", "photo": SimpleUploadedFile("p.jpg", buffer.getvalue()),
        "photo_alt": "Porträt von Dr. Beispiel"})  # fmt: skip
    speaker = Speaker.objects.get()
    photo = reverse("events:photo", args=[speaker.pk])
    assert Client().get(photo).status_code == 200  # event A is published
    Event.objects.filter(pk=world.event_a.pk).update(state=Event.State.DRAFT)
    assert Client().get(photo).status_code == 404
    assert client.get(photo).status_code == 200  # the organiser still sees it
    assert staff_client(world.organiser_b).get(photo).status_code == 404
